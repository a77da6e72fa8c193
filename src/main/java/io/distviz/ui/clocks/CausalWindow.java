package io.distviz.ui.clocks;

import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.ClockMessage;
import io.distviz.clocks.logical.LogicalClocks;
import io.distviz.clocks.logical.LogicalStamp;
import io.distviz.clocks.logical.LogicalTimeline;
import io.distviz.clocks.logical.VectorClock;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * The recent end of the trace with Lamport, vector and hybrid logical stamps on its events, for the space-time
 * diagram, and the two events a person picked in it.
 *
 * <p>Only a bounded suffix of the trace is stamped, so the cost does not grow with the run. That loses nothing
 * for the question the diagram asks: if a happened before b and a is in the window, every event on the causal
 * path from a to b came after a, so it is in the window too, and the vector clocks decide a → b exactly. The
 * counters themselves start from zero at the window's start, which the diagram says.
 *
 * <p>The events are the synchronization messages' sends and receipts and each clock correction (a local event):
 * the clock reads and timers in between would crowd the picture without changing who knew what.
 */
final class CausalWindow {
    /** How many trace events (of every kind) the stamps cover at most. */
    static final int TRACE_WINDOW = 4_000;
    /** How many stamped events the diagram shows: the newest. */
    static final int SHOWN = 24;

    static final Predicate<TraceEvent> EVENTS = e ->
            (e instanceof TraceEvent.MessageSent s && s.message().payload() instanceof ClockMessage)
                    || (e instanceof TraceEvent.MessageDelivered d && d.message().payload() instanceof ClockMessage)
                    || (e instanceof TraceEvent.ProtocolEvent p && p.detail() instanceof ClockEvent.ClockAdjusted);

    /** What the vector clocks say of the two picked events. */
    enum Relation {
        A_BEFORE_B, B_BEFORE_A, CONCURRENT, SAME
    }

    private final Simulation sim;
    private final ClockFunctions primed = new ClockFunctions();
    private int primedUpTo;
    private int clearedAt;
    private int start;
    private int stampedSize = -1;
    private LogicalTimeline timeline;
    private int pickA = -1;
    private int pickB = -1;

    CausalWindow(Simulation sim) {
        this.sim = sim;
    }

    /** Stamps the window again if the trace grew. */
    void refresh() {
        List<TraceEvent> events = sim.trace().events();
        int size = events.size();
        if (size == stampedSize) {
            return;
        }
        start = Math.max(clearedAt, size - TRACE_WINDOW);
        for (; primedUpTo < start; primedUpTo++) {
            primed.observe(events.get(primedUpTo));
        }
        timeline = LogicalClocks.stamp(events.subList(start, size), primed.copy(), EVENTS);
        stampedSize = size;
        if (pickA >= 0 && stamp(pickA) == null) {
            pickA = -1;
        }
        if (pickB >= 0 && stamp(pickB) == null) {
            pickB = -1;
        }
    }

    /** Starts the diagram afresh from now: the counters restart from zero. */
    void clear() {
        clearedAt = sim.trace().size();
        pickA = -1;
        pickB = -1;
        stampedSize = -1;
        refresh();
    }

    /** The trace index where the stamps start counting. */
    int startIndex() {
        return start;
    }

    long startMicros() {
        List<TraceEvent> events = sim.trace().events();
        return start < events.size() ? events.get(start).timeMicros() : sim.nowMicros();
    }

    /** The newest stamped events, oldest first. Their trace indices are relative to {@link #startIndex()}. */
    List<LogicalStamp> shown() {
        List<LogicalStamp> all = timeline.stamps();
        return all.subList(Math.max(0, all.size() - SHOWN), all.size());
    }

    /** The stamp of the event at absolute trace index {@code traceIndex}, or null if it is not in the window. */
    LogicalStamp stamp(int traceIndex) {
        return traceIndex < start ? null : timeline.at(traceIndex - start);
    }

    /** Picks an event: the first pick is a, the second b, a third starts again. Returns false if it has no stamp. */
    boolean pick(int traceIndex) {
        if (stamp(traceIndex) == null) {
            return false;
        }
        if (pickA < 0 || pickB >= 0) {
            pickA = traceIndex;
            pickB = -1;
        } else {
            pickB = traceIndex;
        }
        return true;
    }

    int pickA() {
        return pickA;
    }

    int pickB() {
        return pickB;
    }

    /** The relation of the two picked events by their vector clocks, or null until two are picked. */
    Relation relation() {
        if (pickA < 0 || pickB < 0) {
            return null;
        }
        if (pickA == pickB) {
            return Relation.SAME;
        }
        VectorClock.Order o = stamp(pickA).vector().compare(stamp(pickB).vector());
        return switch (o) {
            case BEFORE -> Relation.A_BEFORE_B;
            case AFTER -> Relation.B_BEFORE_A;
            case CONCURRENT -> Relation.CONCURRENT;
            case EQUAL -> Relation.SAME;
        };
    }
}
