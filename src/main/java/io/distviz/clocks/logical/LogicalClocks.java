package io.distviz.clocks.logical;

import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Lamport clocks, vector clocks and hybrid logical clocks computed after the fact from a trace of any protocol
 * (Chord, Raft, the clocks engine): the protocols need not carry them in their messages, because the trace links
 * every delivery to its send by message id.
 *
 * <p>Each event at a node is a local event, a send ({@code MessageSent}) or a receive
 * ({@code MessageDelivered}, merged with the stamp of the matching send). Lamport (1978): a local event or a send
 * adds one; a receive takes the maximum of its own and the message's, plus one. Vector clocks tick the node's
 * own entry and, on a receive, first take the entry-wise maximum. Hybrid logical clocks follow Kulkarni et al.
 * (2014) with the physical time {@link PhysicalTime} gives. A node keeps its clocks across a crash and restart:
 * the events of one name form one process line, as a space-time diagram draws them. Drops, user actions and
 * network-wide notes are not events at a node and get no stamp. A delivery whose send is not in the trace (a
 * trace cut from a longer run) counts as a local event.
 */
public final class LogicalClocks {

    /** The events that get stamps by default: everything at a node except a drop. */
    public static final Predicate<TraceEvent> EVENTS_AT_NODES =
            e -> e.node() != null && !(e instanceof TraceEvent.MessageDropped);

    private record Copy(long id, int copy) {
    }

    private record SendStamp(long lamport, VectorClock vector, HybridTimestamp hlc) {
    }

    private LogicalClocks() {
    }

    /** Stamps every event at a node, with physical time = true time for the hybrid clocks. */
    public static LogicalTimeline stamp(List<? extends TraceEvent> events) {
        return stamp(events, PhysicalTime.trueTime(), EVENTS_AT_NODES);
    }

    public static LogicalTimeline stamp(List<? extends TraceEvent> events, PhysicalTime physical) {
        return stamp(events, physical, EVENTS_AT_NODES);
    }

    /**
     * @param physical a fresh physical-time source (it is told of every event in order)
     * @param include  which events are events at their node (must exclude events without a node)
     */
    public static LogicalTimeline stamp(List<? extends TraceEvent> events, PhysicalTime physical,
                                        Predicate<TraceEvent> include) {
        Objects.requireNonNull(physical, "physical");
        TreeMap<NodeId, Long> lamport = new TreeMap<>();
        TreeMap<NodeId, VectorClock> vector = new TreeMap<>();
        TreeMap<NodeId, HybridTimestamp> hlc = new TreeMap<>();
        // Looked up by message, never iterated.
        HashMap<Copy, SendStamp> inFlight = new HashMap<>();
        List<LogicalStamp> stamps = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            physical.observe(e);
            if (e instanceof TraceEvent.MessageDropped d) {
                inFlight.remove(key(d.message()));
            }
            if (!include.test(e) || e.node() == null) {
                continue;
            }
            NodeId node = e.node();
            long pt = physical.nanosAt(node, e.timeMicros());
            long l = lamport.getOrDefault(node, 0L);
            VectorClock v = vector.getOrDefault(node, VectorClock.empty());
            HybridTimestamp h = hlc.getOrDefault(node, new HybridTimestamp(Long.MIN_VALUE, 0));
            SendStamp received = e instanceof TraceEvent.MessageDelivered d ? inFlight.remove(key(d.message())) : null;
            if (received != null) {
                l = Math.max(l, received.lamport()) + 1;
                v = v.merge(received.vector()).tick(node);
                h = h.receive(received.hlc(), pt);
            } else {
                l = l + 1;
                v = v.tick(node);
                h = h.local(pt);
            }
            lamport.put(node, l);
            vector.put(node, v);
            hlc.put(node, h);
            if (e instanceof TraceEvent.MessageSent s) {
                inFlight.put(key(s.message()), new SendStamp(l, v, h));
            }
            stamps.add(new LogicalStamp(i, e, node, l, v, h, pt));
        }
        return new LogicalTimeline(stamps);
    }

    private static Copy key(Message m) {
        return new Copy(m.id(), m.copy());
    }
}
