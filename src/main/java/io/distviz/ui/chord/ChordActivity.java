package io.distviz.ui.chord;

import io.distviz.chord.ChordEvent;
import io.distviz.chord.ChordMessage;
import io.distviz.chord.ChordNodeState;
import io.distviz.chord.Hop;
import io.distviz.chord.NodeRef;
import io.distviz.chord.Purpose;
import io.distviz.scenario.ChordDriver;
import io.distviz.sim.Message;
import io.distviz.sim.TraceEvent;
import io.distviz.sim.TraceListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Chord page follows in the trace as it happens: the lookups a person started, hop by hop (from the
 * messages the engine really sends), the recent lookups' hop counts, and the message rate. It listens to one
 * driver's trace; the page makes a new one when the run is replaced (reset, undo, new settings).
 */
final class ChordActivity implements TraceListener {
    /** How many finished lookups the mean hop count is taken over. */
    static final int RECENT = 64;
    /** How many of the person's lookups are remembered for drawing and the side panel. */
    static final int KEPT = 4;

    /** One step of a lookup's path: from a node, along one of its pointers, to the next node. */
    record Segment(NodeRef from, NodeRef to, Hop.Route route, int index) {
        String label() {
            return switch (route) {
                case FINGER -> "finger " + index;
                case SUCCESSOR -> "successor";
                case SUCCESSOR_LIST -> "successor list " + index;
                case BOOTSTRAP -> "bootstrap";
            };
        }
    }

    /** A lookup, store or fetch a person started, as far as it has gone. */
    static final class Lookup {
        final NodeRef origin;
        final long lookupId;
        final Purpose purpose;
        final String key;
        final long target;
        final long startedMicros;
        Boolean successorsOnly;
        final List<Segment> segments = new ArrayList<>();
        NodeRef result;
        int hops;
        int timeouts;
        String failure;
        long finishedMicros = -1;

        Lookup(NodeRef origin, long lookupId, Purpose purpose, String key, long target, long startedMicros) {
            this.origin = origin;
            this.lookupId = lookupId;
            this.purpose = purpose;
            this.key = key;
            this.target = target;
            this.startedMicros = startedMicros;
        }

        boolean finished() {
            return finishedMicros >= 0;
        }

        /** The node now being asked (or forwarded to): the end of the path so far. */
        NodeRef current() {
            return segments.isEmpty() ? origin : segments.get(segments.size() - 1).to();
        }

        int hopsSoFar() {
            return finished() ? hops : segments.size();
        }
    }

    private final ChordDriver driver;
    private final Map<String, Lookup> lookups = new LinkedHashMap<>();
    private final Deque<Integer> recentHops = new ArrayDeque<>();
    private final Deque<Long> sendTimes = new ArrayDeque<>();

    ChordActivity(ChordDriver driver) {
        this.driver = driver;
    }

    private static String keyOf(NodeRef origin, long lookupId) {
        return origin.address().name() + "#" + lookupId;
    }

    @Override
    public void onEvent(TraceEvent e) {
        if (e instanceof TraceEvent.MessageSent s) {
            countSend(s.timeMicros());
            onSent(s.message());
        } else if (e instanceof TraceEvent.MessageDelivered d) {
            if (d.message().payload() instanceof ChordMessage.NextHopReply r && !r.done()) {
                Lookup l = byOriginAddress(d.message().to().name(), r.lookupId());
                NodeRef asked = l == null ? null : refOf(d.message().from().name(), l);
                if (l != null && asked != null && !l.finished()) {
                    l.segments.add(new Segment(asked, r.node(), r.route(), r.index()));
                }
            }
        } else if (e instanceof TraceEvent.ProtocolEvent p) {
            onProtocol(p);
        }
    }

    private void countSend(long t) {
        sendTimes.addLast(t);
        while (!sendTimes.isEmpty() && sendTimes.peekFirst() < t - 1_000_000) {
            sendTimes.removeFirst();
        }
    }

    private void onSent(Message m) {
        if (m.payload() instanceof ChordMessage.NextHopRequest q) {
            Lookup l = byOriginAddress(m.from().name(), q.lookupId());
            if (l != null && !l.finished()) {
                l.successorsOnly = q.successorsOnly();
                if (l.segments.isEmpty()) {
                    // The origin's own first decision travels in no message: the pointer it took is the one
                    // closest_preceding_node picks, which its table shows at this very moment.
                    NodeRef to = refOf(m.to().name(), l);
                    if (to != null) {
                        l.segments.add(firstStep(l.origin, to, q.successorsOnly()));
                    }
                }
            }
        } else if (m.payload() instanceof ChordMessage.FindSuccessor f) {
            Lookup l = lookups.get(keyOf(f.origin(), f.lookupId()));
            if (l != null && !l.finished() && !f.path().isEmpty()) {
                l.successorsOnly = f.successorsOnly();
                Hop hop = f.path().get(f.path().size() - 1);
                NodeRef from = l.segments.isEmpty() ? l.origin : l.segments.get(l.segments.size() - 1).to();
                if (l.segments.size() < f.path().size()) {
                    l.segments.add(new Segment(from, hop.node(), hop.route(), hop.index()));
                }
            }
        }
    }

    /** Which of the origin's pointers leads to {@code to}, as ChordNode's nextStep chose it. */
    private Segment firstStep(NodeRef origin, NodeRef to, boolean successorsOnly) {
        ChordNodeState s = driver.ring().state(origin.address().name());
        if (s != null && !successorsOnly) {
            for (int i = s.fingers().size(); i >= 1; i--) {
                NodeRef f = s.finger(i).node();
                if (to.equals(f)) {
                    return new Segment(origin, to, Hop.Route.FINGER, i);
                }
            }
        }
        if (s != null) {
            int j = s.successors().indexOf(to);
            if (j > 0) {
                return new Segment(origin, to, Hop.Route.SUCCESSOR_LIST, j + 1);
            }
        }
        return new Segment(origin, to, Hop.Route.SUCCESSOR, 1);
    }

    private void onProtocol(TraceEvent.ProtocolEvent p) {
        if (p.detail() instanceof ChordEvent.LookupStarted s && personal(s.purpose())) {
            Lookup l = new Lookup(s.origin(), s.lookupId(), s.purpose(), s.key(), s.target(), p.timeMicros());
            lookups.put(keyOf(s.origin(), s.lookupId()), l);
            while (lookups.size() > KEPT) {
                lookups.remove(lookups.keySet().iterator().next());
            }
        } else if (p.detail() instanceof ChordEvent.LookupDone d) {
            if (personal(d.purpose())) {
                recentHops.addLast(d.hops());
                if (recentHops.size() > RECENT) {
                    recentHops.removeFirst();
                }
            }
            Lookup l = lookups.get(keyOf(d.origin(), d.lookupId()));
            if (l != null) {
                // The engine's own path is the truth; it replaces what was pieced together from messages.
                l.segments.clear();
                NodeRef prev = d.origin();
                for (Hop h : d.path()) {
                    l.segments.add(new Segment(prev, h.node(), h.route(), h.index()));
                    prev = h.node();
                }
                l.result = d.result();
                l.hops = d.hops();
                l.timeouts = d.timeouts();
                l.finishedMicros = p.timeMicros();
            }
        } else if (p.detail() instanceof ChordEvent.LookupFailed f) {
            Lookup l = lookups.get(keyOf(f.origin(), f.lookupId()));
            if (l != null) {
                l.failure = f.reason();
                l.hops = f.hops();
                l.timeouts = f.timeouts();
                l.finishedMicros = p.timeMicros();
            }
        }
    }

    private static boolean personal(Purpose p) {
        return p == Purpose.LOOKUP || p == Purpose.STORE || p == Purpose.GET;
    }

    private Lookup byOriginAddress(String address, long lookupId) {
        return lookups.get(address + "#" + lookupId);
    }

    /** The NodeRef of {@code address}: the origin, or a node already on the path, or the live node. */
    private NodeRef refOf(String address, Lookup l) {
        if (l.origin.address().name().equals(address)) {
            return l.origin;
        }
        for (Segment s : l.segments) {
            if (s.to().address().name().equals(address)) {
                return s.to();
            }
        }
        ChordNodeState s = driver.ring().state(address);
        return s == null ? null : s.self();
    }

    /** Whether {@code m} belongs to one of the person's lookups (the others are the ring's upkeep). */
    boolean personal(Message m) {
        Object p = m.payload();
        if (p instanceof ChordMessage.NextHopRequest q) {
            return byOriginAddress(m.from().name(), q.lookupId()) != null;
        }
        if (p instanceof ChordMessage.NextHopReply r) {
            return byOriginAddress(m.to().name(), r.lookupId()) != null;
        }
        if (p instanceof ChordMessage.FindSuccessor f) {
            return lookups.containsKey(keyOf(f.origin(), f.lookupId()));
        }
        if (p instanceof ChordMessage.FoundSuccessor f) {
            return byOriginAddress(m.to().name(), f.lookupId()) != null;
        }
        return false;
    }

    /** The person's latest lookups, oldest first. */
    List<Lookup> lookups() {
        return List.copyOf(lookups.values());
    }

    /** The latest lookup, or null. */
    Lookup latest() {
        Lookup last = null;
        for (Lookup l : lookups.values()) {
            last = l;
        }
        return last;
    }

    /**
     * Mean hops of the last {@value #RECENT} finished lookups, stores and fetches a person started, or NaN.
     * fix_fingers' own lookups are left out: they aim just past their node, so they are shorter than a lookup
     * of a random key and would pull the mean below ½·log2 N for the wrong reason.
     */
    double meanRecentHops() {
        return recentHops.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    int recentCount() {
        return recentHops.size();
    }

    /** Messages sent in the last virtual second before {@code nowMicros}. */
    int messagesPerSecond(long nowMicros) {
        int n = 0;
        for (Long t : sendTimes) {
            if (t > nowMicros - 1_000_000) {
                n++;
            }
        }
        return n;
    }
}
