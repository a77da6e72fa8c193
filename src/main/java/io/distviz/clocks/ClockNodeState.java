package io.distviz.clocks;

import io.distviz.sim.NodeId;

import java.io.Serializable;
import java.util.List;

/**
 * An immutable picture of one clock node at one moment of true time: what the Clocks page draws and charts and
 * what the oracle compares. Offsets are the node's clock minus true time, without read jitter.
 *
 * @param clockNanos                what the software clock reads (no jitter)
 * @param offsetFromTrueTimeNanos   software clock minus true time
 * @param hardwareOffsetNanos       hardware clock minus true time (what it would read without synchronization)
 * @param frequencyErrorPpm         the oscillator's frequency error now (skew, aging and temperature together)
 * @param frequencyCorrectionPpm    NTP's frequency discipline
 * @param effectiveFrequencyErrorPpm the software clock's rate error: oscillator, correction and any slew
 * @param slewRemainingNanos        what a slew in progress still has to do
 * @param stratum                   NTP stratum: 0 for a reference, 16 when not synchronized by NTP
 * @param systemPeer                the NTP server it follows, or null
 * @param rootDelayNanos            NTP: round trip to the reference at the top
 * @param rootDispersionNanos       NTP: its error estimate relative to that reference, now
 * @param lieNanos                  how far off it serves time on purpose (0: honest)
 * @param lastSync                  its last synchronization, or null
 * @param peers                     NTP: one entry per server it polls, in the configured order
 */
public record ClockNodeState(NodeId id, SyncRole role, ClockKind kind, long trueTimeMicros, double clockNanos,
                             double offsetFromTrueTimeNanos, double hardwareOffsetNanos, double frequencyErrorPpm,
                             double frequencyCorrectionPpm, double effectiveFrequencyErrorPpm, long slewRemainingNanos,
                             int stratum, NodeId systemPeer, long rootDelayNanos, long rootDispersionNanos,
                             long lieNanos, LastSync lastSync, List<PeerState> peers) {

    public double offsetFromTrueTimeMillis() {
        return offsetFromTrueTimeNanos / 1e6;
    }

    public boolean isReference() {
        return role instanceof SyncRole.Reference;
    }

    /**
     * The node's last synchronization.
     *
     * @param atMicros        true time when it happened (for views; the node never uses it)
     * @param server          the server, the master, or (Berkeley master) null
     * @param offsetNanos     the correction it estimated
     * @param errorBoundNanos the algorithm's own bound on that estimate's error (0 when it has none)
     */
    public record LastSync(SyncAlgorithm algorithm, NodeId server, long atMicros, long offsetNanos, long delayNanos,
                           long errorBoundNanos, ClockEvent.Adjustment adjustment) implements Serializable {
    }

    /** What the node's NTP association with one server holds. */
    public record PeerState(NodeId server, int reach, int stratum, int samples, long offsetNanos, long delayNanos,
                            long dispersionNanos, long jitterNanos, long rootDistanceNanos, Status status) {
    }

    /** Where a server stands in the last selection. */
    public enum Status {
        /** Nothing heard in the last eight polls. */
        UNREACHABLE,
        /** It answers but is not synchronized itself (stratum 16), or its distance is too large. */
        UNFIT,
        /** A truechimer in the last selection. */
        TRUECHIMER,
        /** Its interval missed the intersection in the last selection. */
        FALSETICKER,
        /** The truechimer the node follows. */
        SYSTEM_PEER,
        /** Heard from, not yet part of a selection. */
        CANDIDATE
    }
}
