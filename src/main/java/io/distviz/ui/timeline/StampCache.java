package io.distviz.ui.timeline;

import io.distviz.clocks.logical.LogicalClocks;
import io.distviz.clocks.logical.VectorClock;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lamport and vector clocks of a growing timeline, by the rules of {@link LogicalClocks} (the same events are
 * stamped, with the same values; the tests check one against the other), computed so that a half-million-event
 * session costs one pass spread over frames, not one pass per frame.
 *
 * <p>{@link LogicalClocks#stamp} starts from nothing and allocates a record per event; a view that follows a
 * running session needs the stamps of a window near the end of a trace that grows every frame. A stamp depends
 * only on earlier events, so the cache keeps the pass's state and extends it as events are appended, at most a
 * budget of events per call, and is dropped when the timeline forks.
 *
 * <p>Lamport clocks are one int per trace index. Vector clocks would be one vector per event (a 100-node ring
 * makes that 100 numbers each), so the pass keeps only each node's current vector, as a dense int array by
 * node number, and a checkpoint of all of them every {@value #CHECKPOINT_EVERY} events; the vectors of a
 * window are replayed from the checkpoint before it. A local event then costs one increment, a send one copy
 * and a receive one merge.
 */
final class StampCache {
    static final int CHECKPOINT_EVERY = 4096;

    private record Copy(long id, int copy) {
    }

    /** The vector pass's state before one trace index. */
    private record Checkpoint(int traceIndex, int[][] vectors, HashMap<Copy, int[]> inFlight) {
    }

    // Lamport: the pass's state and its result.
    private int[] lamport = new int[1024];
    private int lamportUpTo;
    private final HashMap<NodeId, int[]> lamportNow = new HashMap<>();
    private final HashMap<Copy, Integer> lamportInFlight = new HashMap<>();

    // Vectors: node numbers, the pass's state and its checkpoints.
    private final HashMap<NodeId, Integer> nodeNumber = new HashMap<>();
    private final List<NodeId> nodeByNumber = new ArrayList<>();
    private int[][] vectorNow = new int[0][];
    private final HashMap<Copy, int[]> vectorInFlight = new HashMap<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private int vectorUpTo;

    void clear() {
        lamportUpTo = 0;
        lamportNow.clear();
        lamportInFlight.clear();
        nodeNumber.clear();
        nodeByNumber.clear();
        vectorNow = new int[0][];
        vectorInFlight.clear();
        checkpoints.clear();
        vectorUpTo = 0;
    }

    // ============================================================================================ Lamport

    /** How many leading events have their Lamport stamps worked out. */
    int lamportUpTo() {
        return lamportUpTo;
    }

    /**
     * Works out Lamport stamps up to trace index {@code to} (exclusive), at most {@code budget} events in this
     * call. Returns whether they are all done.
     */
    boolean extendLamport(List<? extends TraceEvent> events, int to, int budget) {
        to = Math.min(to, events.size());
        int stop = (int) Math.min(to, (long) lamportUpTo + budget);
        if (stop > lamport.length) {
            lamport = Arrays.copyOf(lamport, Math.max(stop, lamport.length * 2));
        }
        for (int i = lamportUpTo; i < stop; i++) {
            TraceEvent e = events.get(i);
            lamport[i] = 0;
            if (e instanceof TraceEvent.MessageDropped d) {
                lamportInFlight.remove(key(d.message()));
            }
            if (!LogicalClocks.EVENTS_AT_NODES.test(e)) {
                continue;
            }
            int[] clock = lamportNow.computeIfAbsent(e.node(), n -> new int[1]);
            Integer received = e instanceof TraceEvent.MessageDelivered d ? lamportInFlight.remove(key(d.message())) : null;
            // Lamport (1978), IR1 and IR2: tick for every event; a receipt first catches up with the message.
            int l = (received != null ? Math.max(clock[0], received) : clock[0]) + 1;
            clock[0] = l;
            lamport[i] = l;
            if (e instanceof TraceEvent.MessageSent s) {
                lamportInFlight.put(key(s.message()), l);
            }
        }
        lamportUpTo = Math.max(lamportUpTo, stop);
        return lamportUpTo >= to;
    }

    /** The Lamport stamp of the event at {@code traceIndex}, or 0 when it has none (or is not worked out yet). */
    int lamport(int traceIndex) {
        return traceIndex < lamportUpTo ? lamport[traceIndex] : 0;
    }

    // ============================================================================================ vectors

    /** How many leading events the vector pass (and its checkpoints) has covered. */
    int vectorUpTo() {
        return vectorUpTo;
    }

    /** Extends the vector pass to {@code to} (exclusive), at most {@code budget} events. Returns whether it got there. */
    boolean extendVectors(List<? extends TraceEvent> events, int to, int budget) {
        to = Math.min(to, events.size());
        int stop = (int) Math.min(to, (long) vectorUpTo + budget);
        for (int i = vectorUpTo; i < stop; i++) {
            if (i % CHECKPOINT_EVERY == 0 && checkpoints.size() == i / CHECKPOINT_EVERY) {
                checkpoints.add(new Checkpoint(i, deepCopy(vectorNow), deepCopy(vectorInFlight)));
            }
            vectorNow = step(events.get(i), vectorNow, vectorInFlight, null);
        }
        vectorUpTo = Math.max(vectorUpTo, stop);
        return vectorUpTo >= to;
    }

    /**
     * The vector clocks of the stamped events in {@code from..to} (exclusive), by trace index, replayed from the
     * checkpoint before {@code from}. The pass must have covered {@code from}.
     */
    Map<Integer, VectorClock> vectors(List<? extends TraceEvent> events, int from, int to) {
        if (from > vectorUpTo) {
            throw new IllegalStateException("the vector pass is at " + vectorUpTo + ", not yet at " + from);
        }
        to = Math.min(to, events.size());
        Map<Integer, VectorClock> out = new HashMap<>();
        if (from >= to) {
            return out;
        }
        Checkpoint c = checkpoints.isEmpty() ? new Checkpoint(0, new int[0][], new HashMap<>())
                : checkpoints.get(Math.min(from / CHECKPOINT_EVERY, checkpoints.size() - 1));
        int[][] now = deepCopy(c.vectors());
        HashMap<Copy, int[]> inFlight = deepCopy(c.inFlight());
        int[][] stamped = new int[1][];
        for (int i = c.traceIndex(); i < to; i++) {
            stamped[0] = null;
            now = step(events.get(i), now, inFlight, i >= from ? stamped : null);
            if (stamped[0] != null) {
                out.put(i, toVectorClock(stamped[0]));
            }
        }
        return out;
    }

    /**
     * One event of the vector pass (Fidge 1988, Mattern 1989): the node ticks its own entry, a receipt first
     * takes the entry-wise maximum with the message's vector. Returns the (possibly grown) state; puts the
     * event's vector into {@code stamped[0]} when asked and the event is stamped.
     */
    private int[][] step(TraceEvent e, int[][] now, HashMap<Copy, int[]> inFlight, int[][] stamped) {
        if (e instanceof TraceEvent.MessageDropped d) {
            inFlight.remove(key(d.message()));
        }
        if (!LogicalClocks.EVENTS_AT_NODES.test(e)) {
            return now;
        }
        int k = number(e.node());
        if (k >= now.length) {
            now = Arrays.copyOf(now, Math.max(k + 1, now.length * 2));
        }
        int[] v = now[k];
        if (v == null || v.length <= k) {
            v = v == null ? new int[k + 1] : Arrays.copyOf(v, k + 1);
        }
        int[] received = e instanceof TraceEvent.MessageDelivered d ? inFlight.remove(key(d.message())) : null;
        if (received != null) {
            if (received.length > v.length) {
                v = Arrays.copyOf(v, received.length);
            }
            for (int j = 0; j < received.length; j++) {
                v[j] = Math.max(v[j], received[j]);
            }
        }
        v[k]++;
        now[k] = v;
        if (e instanceof TraceEvent.MessageSent s) {
            inFlight.put(key(s.message()), v.clone());
        }
        if (stamped != null) {
            stamped[0] = v.clone();
        }
        return now;
    }

    private int number(NodeId node) {
        Integer n = nodeNumber.get(node);
        if (n == null) {
            n = nodeByNumber.size();
            nodeNumber.put(node, n);
            nodeByNumber.add(node);
        }
        return n;
    }

    private VectorClock toVectorClock(int[] v) {
        TreeMap<NodeId, Long> entries = new TreeMap<>();
        for (int j = 0; j < v.length; j++) {
            if (v[j] != 0) {
                entries.put(nodeByNumber.get(j), (long) v[j]);
            }
        }
        return VectorClock.of(entries);
    }

    private static int[][] deepCopy(int[][] vectors) {
        int[][] copy = new int[vectors.length][];
        for (int j = 0; j < vectors.length; j++) {
            copy[j] = vectors[j] == null ? null : vectors[j].clone();
        }
        return copy;
    }

    private static HashMap<Copy, int[]> deepCopy(HashMap<Copy, int[]> inFlight) {
        // The arrays of messages in flight are never changed after the send, so sharing them is safe.
        return new HashMap<>(inFlight);
    }

    private static Copy key(Message m) {
        return new Copy(m.id(), m.copy());
    }
}
