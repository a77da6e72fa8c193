package io.distviz.sim;

/** Told of each trace event as it is recorded, and when time travel cuts the trace back. */
public interface TraceListener {
    void onEvent(TraceEvent event);

    /**
     * The trace jumped to its first {@code size} events: cut back (the simulation was restored to the past) or
     * moved ahead to a recorded point of its timeline. Read it again from the start.
     */
    default void onTruncated(int size) {
    }
}
