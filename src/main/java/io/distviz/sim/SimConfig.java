package io.distviz.sim;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything a simulation starts from besides the user's actions.
 *
 * @param seed                  the one seed every random stream is forked from
 * @param defaultLink           how links behave unless told otherwise
 * @param checkpointEveryEvents take a time-travel checkpoint after this many events (0: only the initial one)
 * @param checkpointEveryMicros ... or after this much virtual time with at least one event (0: never)
 * @param maxEventsPerRun       the limit on any single {@code run*} call, so a zero-delay loop cannot hang
 * @param retainTrace           keep every event in the {@link Trace} (the app, tests and exports need this);
 *                              without it events only reach trace listeners, so a headless experiment over
 *                              millions of messages runs in bounded memory
 */
public record SimConfig(long seed, LinkProfile defaultLink, long checkpointEveryEvents,
                        long checkpointEveryMicros, long maxEventsPerRun, boolean retainTrace)
        implements Serializable {

    public static final long DEFAULT_CHECKPOINT_EVENTS = 20_000;
    public static final long DEFAULT_CHECKPOINT_MICROS = Micros.ofSeconds(10);
    public static final long DEFAULT_MAX_EVENTS_PER_RUN = 50_000_000;

    public SimConfig {
        Objects.requireNonNull(defaultLink, "defaultLink");
        if (checkpointEveryEvents < 0 || checkpointEveryMicros < 0) {
            throw new IllegalArgumentException("checkpoint intervals must not be negative");
        }
        if (maxEventsPerRun <= 0) {
            throw new IllegalArgumentException("maxEventsPerRun must be positive, got " + maxEventsPerRun);
        }
    }

    public static SimConfig seeded(long seed) {
        return new SimConfig(seed, LinkProfile.DEFAULT, DEFAULT_CHECKPOINT_EVENTS, DEFAULT_CHECKPOINT_MICROS,
                DEFAULT_MAX_EVENTS_PER_RUN, true);
    }

    public SimConfig withDefaultLink(LinkProfile link) {
        return new SimConfig(seed, link, checkpointEveryEvents, checkpointEveryMicros, maxEventsPerRun,
                retainTrace);
    }

    public SimConfig withCheckpoints(long everyEvents, long everyMicros) {
        return new SimConfig(seed, defaultLink, everyEvents, everyMicros, maxEventsPerRun, retainTrace);
    }

    /** No checkpoints but the initial one: for long headless experiments that never travel in time. */
    public SimConfig withoutCheckpoints() {
        return withCheckpoints(0, 0);
    }

    public SimConfig withMaxEventsPerRun(long max) {
        return new SimConfig(seed, defaultLink, checkpointEveryEvents, checkpointEveryMicros, max, retainTrace);
    }

    /**
     * Events reach trace listeners but are not kept: for headless experiments and benchmarks. The trace then
     * cannot yield a recording, and time travel has no events to cut back.
     */
    public SimConfig withoutTraceRetention() {
        return new SimConfig(seed, defaultLink, checkpointEveryEvents, checkpointEveryMicros, maxEventsPerRun,
                false);
    }
}
