package io.distviz.clocks.logical;

import io.distviz.sim.NodeId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The stamps of a trace's events, in trace order, and the causal questions they answer: did one event happen
 * before another (Lamport's relation, decided exactly by the vector clocks), or are they concurrent?
 */
public final class LogicalTimeline {
    private final List<LogicalStamp> stamps;
    private final HashMap<Integer, LogicalStamp> byIndex = new HashMap<>();

    LogicalTimeline(List<LogicalStamp> stamps) {
        this.stamps = List.copyOf(stamps);
        for (LogicalStamp s : stamps) {
            byIndex.put(s.traceIndex(), s);
        }
    }

    /** Every stamped event, in trace order. */
    public List<LogicalStamp> stamps() {
        return stamps;
    }

    /** The stamp of the trace's event at {@code traceIndex}, or null if that event has none. */
    public LogicalStamp at(int traceIndex) {
        return byIndex.get(traceIndex);
    }

    /** The stamped events of one node, in order: its process line. */
    public List<LogicalStamp> ofNode(NodeId node) {
        List<LogicalStamp> out = new ArrayList<>();
        for (LogicalStamp s : stamps) {
            if (s.node().equals(node)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether {@code a} happened before {@code b} (a → b). */
    public static boolean happenedBefore(LogicalStamp a, LogicalStamp b) {
        return a.vector().happenedBefore(b.vector());
    }

    /** Whether neither happened before the other (and they are different events). */
    public static boolean concurrent(LogicalStamp a, LogicalStamp b) {
        return a.vector().concurrentWith(b.vector());
    }

    public boolean happenedBefore(int traceIndexA, int traceIndexB) {
        return happenedBefore(require(traceIndexA), require(traceIndexB));
    }

    public boolean concurrent(int traceIndexA, int traceIndexB) {
        return concurrent(require(traceIndexA), require(traceIndexB));
    }

    private LogicalStamp require(int index) {
        LogicalStamp s = byIndex.get(index);
        if (s == null) {
            throw new IllegalArgumentException("trace event " + index + " is not an event at a node");
        }
        return s;
    }
}
