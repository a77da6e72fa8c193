package io.distviz.clocks;

import java.io.Serializable;

/** What the user (through {@link ClockNetwork}) asks a clock node to do; delivered as a kernel command. */
public sealed interface ClockCommand extends Serializable {

    /** Take this role and configuration from now on; protocol state starts afresh, the clock is kept. */
    record Configure(SyncRole role, ClockConfig config) implements ClockCommand {
    }

    /** Swap the oscillator for one of {@code kind} (drawn from the node's stream); the reading does not jump. */
    record SetKind(ClockKind kind) implements ClockCommand {
    }

    /** Give the oscillator these exact figures (the offset is ignored: the reading does not jump). */
    record SetFigures(ClockFigures figures) implements ClockCommand {
    }

    /** Set the clock by hand to true time plus {@code offsetNanos}. */
    record SetOffset(long offsetNanos) implements ClockCommand {
    }

    /** Serve time off by {@code offsetNanos} from now on (0: honest again): a falseticker. */
    record Lie(long offsetNanos) implements ClockCommand {
    }

    /** Synchronize now (one Cristian request, one Berkeley round, one NTP poll), outside the schedule. */
    record SyncNow() implements ClockCommand {
    }

    /** Read the clock, so the trace shows a reading. */
    record ReadClock() implements ClockCommand {
    }
}
