package io.distviz.clocks.logical;

import io.distviz.sim.NodeId;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A vector clock (Fidge 1988, Mattern 1989): one counter per node, the number of that node's events known to
 * have happened before. {@code a} happened before {@code b} exactly when a ≤ b in every entry and differs in
 * one; when neither is below the other the events are concurrent. Immutable; missing entries are 0.
 */
public final class VectorClock {
    private static final VectorClock EMPTY = new VectorClock(new TreeMap<>());

    /** How two vector clocks compare. */
    public enum Order {
        BEFORE, AFTER, EQUAL, CONCURRENT
    }

    private final SortedMap<NodeId, Long> entries;

    private VectorClock(TreeMap<NodeId, Long> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    public static VectorClock empty() {
        return EMPTY;
    }

    /** A vector clock with exactly these entries (zeros dropped). */
    public static VectorClock of(Map<NodeId, Long> entries) {
        TreeMap<NodeId, Long> m = new TreeMap<>();
        for (Map.Entry<NodeId, Long> e : new TreeMap<>(entries).entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("a vector clock entry cannot be negative: " + e);
            }
            if (e.getValue() > 0) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return new VectorClock(m);
    }

    public long get(NodeId node) {
        return entries.getOrDefault(node, 0L);
    }

    /** The non-zero entries, by node name. */
    public SortedMap<NodeId, Long> entries() {
        return entries;
    }

    /** This clock with {@code node}'s entry one higher: a new event at that node. */
    public VectorClock tick(NodeId node) {
        TreeMap<NodeId, Long> m = new TreeMap<>(entries);
        m.merge(node, 1L, Long::sum);
        return new VectorClock(m);
    }

    /** The entry-wise maximum: what a node knows after receiving a message stamped {@code other}. */
    public VectorClock merge(VectorClock other) {
        TreeMap<NodeId, Long> m = new TreeMap<>(entries);
        other.entries.forEach((k, v) -> m.merge(k, v, Math::max));
        return new VectorClock(m);
    }

    public Order compare(VectorClock other) {
        boolean less = false;
        boolean greater = false;
        // Both maps are sorted by node: walk them side by side (a missing entry is 0, present ones are positive).
        Iterator<Map.Entry<NodeId, Long>> a = entries.entrySet().iterator();
        Iterator<Map.Entry<NodeId, Long>> b = other.entries.entrySet().iterator();
        Map.Entry<NodeId, Long> x = a.hasNext() ? a.next() : null;
        Map.Entry<NodeId, Long> y = b.hasNext() ? b.next() : null;
        while ((x != null || y != null) && !(less && greater)) {
            int c = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
            if (c < 0) {
                greater = true;
                x = a.hasNext() ? a.next() : null;
            } else if (c > 0) {
                less = true;
                y = b.hasNext() ? b.next() : null;
            } else {
                less |= x.getValue() < y.getValue();
                greater |= x.getValue() > y.getValue();
                x = a.hasNext() ? a.next() : null;
                y = b.hasNext() ? b.next() : null;
            }
        }
        if (less && greater) {
            return Order.CONCURRENT;
        }
        return less ? Order.BEFORE : greater ? Order.AFTER : Order.EQUAL;
    }

    public boolean happenedBefore(VectorClock other) {
        return compare(other) == Order.BEFORE;
    }

    public boolean concurrentWith(VectorClock other) {
        return compare(other) == Order.CONCURRENT;
    }

    /** The clock as ShiViz reads it: {@code {"n1":3,"n2":1}}. */
    public String toShiVizJson() {
        StringBuilder sb = new StringBuilder("{");
        entries.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"');
            for (char c : k.name().toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append("\":").append(v);
        });
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorClock v && v.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
