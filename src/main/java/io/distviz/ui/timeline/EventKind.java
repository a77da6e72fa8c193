package io.distviz.ui.timeline;

import io.distviz.sim.TraceEvent;

/**
 * The kinds the event log filters by, one per kind of trace event, named as a person would say them. The three
 * timer kinds are kept apart (and grouped by {@link #isTimer()}) because timers are most of a Raft trace and
 * the first thing a reader hides.
 */
enum EventKind {
    SENT("Sent"),
    DELIVERED("Delivered"),
    DROPPED("Dropped"),
    TIMER_SET("Timer set"),
    TIMER_FIRED("Timer fired"),
    TIMER_CANCELLED("Timer cancelled"),
    STATE("State"),
    LIFECYCLE("Lifecycle"),
    USER_ACTION("User action"),
    NOTE("Note"),
    PROTOCOL_EVENT("Protocol event");

    private static final EventKind[] ALL = values();

    private final String label;

    EventKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean isTimer() {
        return this == TIMER_SET || this == TIMER_FIRED || this == TIMER_CANCELLED;
    }

    /** This kind's bit in a mask of kinds. */
    int bit() {
        return 1 << ordinal();
    }

    static EventKind byOrdinal(int ordinal) {
        return ALL[ordinal];
    }

    static int allBits() {
        return (1 << ALL.length) - 1;
    }

    static EventKind of(TraceEvent e) {
        // Java 17 has no pattern switch over the sealed interface; a kind added to it throws below, in every test.
        if (e instanceof TraceEvent.MessageSent) {
            return SENT;
        } else if (e instanceof TraceEvent.MessageDelivered) {
            return DELIVERED;
        } else if (e instanceof TraceEvent.MessageDropped) {
            return DROPPED;
        } else if (e instanceof TraceEvent.TimerSet) {
            return TIMER_SET;
        } else if (e instanceof TraceEvent.TimerFired) {
            return TIMER_FIRED;
        } else if (e instanceof TraceEvent.TimerCancelled) {
            return TIMER_CANCELLED;
        } else if (e instanceof TraceEvent.NodeStateChanged) {
            return STATE;
        } else if (e instanceof TraceEvent.NodeLifecycle) {
            return LIFECYCLE;
        } else if (e instanceof TraceEvent.UserActionPerformed) {
            return USER_ACTION;
        } else if (e instanceof TraceEvent.Annotation) {
            return NOTE;
        } else if (e instanceof TraceEvent.ProtocolEvent) {
            return PROTOCOL_EVENT;
        }
        throw new IllegalArgumentException("no kind for " + e.getClass().getName());
    }

    @Override
    public String toString() {
        return label;
    }
}
