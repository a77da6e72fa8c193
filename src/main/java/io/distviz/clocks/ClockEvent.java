package io.distviz.clocks;

import io.distviz.sim.NodeId;
import io.distviz.sim.Payload;

import java.util.List;

/**
 * Structured facts a clock node reports to the trace, for the Clocks page to animate and chart and for
 * experiments to count. Times are the node's own clock readings in nanoseconds; the trace event around each
 * fact carries the true (virtual) time.
 */
public sealed interface ClockEvent extends Payload {

    /** Why a node read its clock. */
    enum ReadPurpose {
        /** Someone asked it to (the page's "read the clock"). */
        BY_HAND,
        CRISTIAN_ASK, CRISTIAN_ANSWER, CRISTIAN_RECEIVE,
        BERKELEY_POLL, BERKELEY_ANSWER, BERKELEY_RECEIVE, BERKELEY_AVERAGE,
        /** NTP's four timestamps: client transmit, server receive, server transmit, client receive. */
        NTP_T1, NTP_T2, NTP_T3, NTP_T4
    }

    /** A reading of the software clock, as a program would see it (read jitter included). */
    record ClockRead(ReadPurpose purpose, long readingNanos) implements ClockEvent {
    }

    /** Why the clock function changed other than by synchronization. */
    enum SetReason { START, RESTART, KIND, SKEW, OFFSET, CUSTOM, SLEW_RATE }

    /** The clock was (re)built or its figures were changed: {@code clock} is the whole function from now on. */
    record ClockSet(SetReason reason, SoftwareClock clock) implements ClockEvent {
    }

    /**
     * One measurement against a server. For Cristian {@code t2 = t3} is the server's answer; for Berkeley the
     * master measures a follower ({@code t2 = t3} is the follower's reading). {@code offsetNanos} is the
     * server's clock minus this node's, estimated; {@code errorBoundNanos} is how wrong the algorithm says that
     * estimate can be (Cristian: half the round trip, less the minimum delay; NTP: the root distance).
     */
    record SyncSample(SyncAlgorithm algorithm, NodeId server, long t1Nanos, long t2Nanos, long t3Nanos, long t4Nanos,
                      long offsetNanos, long delayNanos, long errorBoundNanos) implements ClockEvent {
    }

    /** An answer or a request the node would not use, and why. */
    record SyncRejected(SyncAlgorithm algorithm, NodeId server, String reason) implements ClockEvent {
    }

    /** How a correction was applied. */
    enum Adjustment { STEP, SLEW, FREQUENCY }

    /**
     * The node corrected its clock: by {@code amountNanos} (stepped at once or slewed), with the frequency
     * correction now {@code frequencyCorrectionPpt}. {@code clockAfter} is the whole clock function from now on.
     */
    record ClockAdjusted(SyncAlgorithm algorithm, Adjustment adjustment, long amountNanos, long frequencyCorrectionPpt,
                         SoftwareClock clockAfter) implements ClockEvent {
    }

    /**
     * A Berkeley master's round: the fault-tolerant average over {@code averaged} (the master among them if it
     * agreed), the outliers it left out but still corrects, the followers whose round trip was too long (left
     * out and not corrected) and those that did not answer.
     */
    record BerkeleyRound(long round, long averageNanos, List<NodeId> averaged, List<NodeId> outliers,
                         List<NodeId> tooSlow, List<NodeId> unanswered) implements ClockEvent {
    }

    /**
     * NTP's clock filter produced new figures for {@code server}: offset and delay of the lowest-delay sample of
     * the last eight, the filter dispersion and jitter. {@code fresh} is false when that sample is the same as at
     * the last update (RFC 5905's "prime directive" would not use it again; here the discipline uses every sample).
     */
    record PeerUpdate(NodeId server, int stratum, long offsetNanos, long delayNanos, long dispersionNanos,
                      long jitterNanos, boolean fresh) implements ClockEvent {
    }

    /**
     * NTP's selection: the intersection {@code [lowNanos, highNanos]} of the correctness intervals, the servers
     * whose interval meets it (truechimers) and those whose does not (falsetickers), the system peer (lowest
     * root distance; null when no majority agrees) and the combined offset with its error bound.
     */
    record SelectionResult(List<NodeId> truechimers, List<NodeId> falsetickers, NodeId systemPeer, long lowNanos,
                           long highNanos, long systemOffsetNanos, long errorBoundNanos) implements ClockEvent {
    }

    /** NTP: the node now counts as stratum {@code stratum}, synchronized to {@code systemPeer}. */
    record StratumChanged(int stratum, NodeId systemPeer) implements ClockEvent {
    }
}
