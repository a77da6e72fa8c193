package io.distviz.sim;

/** Told of each trace event as it is recorded, and when time travel cuts the trace back. */
public interface TraceListener {
    void onEvent(TraceEvent event);

    /** The trace was cut back to its first {@code size} events (the simulation was restored to the past). */
    default void onTruncated(int size) {
    }
}
