package io.distviz.clocks;

import io.distviz.sim.Micros;

import java.io.Serializable;
import java.util.Objects;

/**
 * How the nodes of a clock network synchronize; every node of a network shares one configuration (who talks to
 * whom is the node's {@link SyncRole}).
 *
 * @param pollIntervalMicros      how often a client asks (Cristian, NTP) or a master polls (Berkeley); ntpd's
 *                                shortest default poll is 64 s
 * @param adjustMode              how a correction is applied to the software clock
 * @param stepThresholdNanos      with {@link AdjustMode#STEP_OVER_THRESHOLD}, corrections larger than this step,
 *                                smaller ones slew (ntpd: 128 ms)
 * @param slewRatePpm             the largest rate of a slew (ntpd: 500 ppm)
 * @param monotonic               readings never go backwards: after a backward step the clock holds still until
 *                                it has caught up
 * @param ignoreRoundTrip         WHAT-IF: take the server's time as it arrives, with no allowance for the trip
 *                                (Cristian and Berkeley drop the half round trip, NTP uses T3 − T4)
 * @param maxRoundTripMicros      an answer later than this is discarded (Cristian's and Berkeley's "round trip
 *                                too long") and a request unanswered by then is given up
 * @param assumedMinDelayMicros   Cristian's known minimum one-way delay, which narrows his error bound
 * @param frequencyTolerancePpm   the largest frequency error a node assumes of a clock (NTP's PHI, 15 ppm in
 *                                RFC 5905): dispersion grows by this much per second of age
 * @param berkeleyMaxDeviationNanos Berkeley's fault-tolerant average counts only the largest group of clocks that
 *                                agree within this
 * @param ntpFrequencyDiscipline  NTP also corrects the clock's rate from successive offsets, not just its time
 */
public record ClockConfig(long pollIntervalMicros, AdjustMode adjustMode, long stepThresholdNanos, long slewRatePpm,
                          boolean monotonic, boolean ignoreRoundTrip, long maxRoundTripMicros,
                          long assumedMinDelayMicros, long frequencyTolerancePpm, long berkeleyMaxDeviationNanos,
                          boolean ntpFrequencyDiscipline) implements Serializable {

    /** How a correction reaches the software clock. */
    public enum AdjustMode {
        /** Jump to the new time at once. */
        STEP,
        /** Run fast or slow at the slew rate until the correction is done. */
        SLEW,
        /** ntpd's rule: step when the correction exceeds the step threshold, slew otherwise. */
        STEP_OVER_THRESHOLD
    }

    public static final long MIN_POLL_MICROS = Micros.ofMillis(100);
    public static final long MAX_POLL_MICROS = Micros.ofSeconds(36 * 3600);

    public ClockConfig {
        Objects.requireNonNull(adjustMode, "adjustMode");
        if (pollIntervalMicros < MIN_POLL_MICROS || pollIntervalMicros > MAX_POLL_MICROS) {
            throw new IllegalArgumentException("the poll interval must be from 0.1 s to 36 h, not "
                    + Micros.format(pollIntervalMicros));
        }
        if (stepThresholdNanos < 0) {
            throw new IllegalArgumentException("the step threshold must not be negative");
        }
        if (slewRatePpm < 1 || slewRatePpm > 100_000) {
            throw new IllegalArgumentException("the slew rate must be from 1 to 100000 ppm, not " + slewRatePpm);
        }
        if (maxRoundTripMicros <= 0) {
            throw new IllegalArgumentException("the longest round trip must be positive, not "
                    + Micros.format(maxRoundTripMicros));
        }
        if (maxRoundTripMicros >= pollIntervalMicros) {
            throw new IllegalArgumentException("the longest round trip (" + Micros.format(maxRoundTripMicros)
                    + ") must be shorter than the poll interval (" + Micros.format(pollIntervalMicros) + ")");
        }
        if (assumedMinDelayMicros < 0) {
            throw new IllegalArgumentException("the minimum one-way delay must not be negative");
        }
        if (frequencyTolerancePpm < 0 || frequencyTolerancePpm > 1000) {
            throw new IllegalArgumentException("the frequency tolerance must be from 0 to 1000 ppm, not "
                    + frequencyTolerancePpm);
        }
        if (berkeleyMaxDeviationNanos <= 0) {
            throw new IllegalArgumentException("Berkeley's agreement bound must be positive");
        }
    }

    /**
     * ntpd's figures where it has them: poll every 64 s, step over 128 ms and slew under it at 500 ppm, PHI of
     * 15 ppm; answers later than 1 s are discarded; Berkeley averages clocks within 50 ms of each other.
     */
    public static ClockConfig defaults() {
        return new ClockConfig(Micros.ofSeconds(64), AdjustMode.STEP_OVER_THRESHOLD, 128_000_000L, 500, false, false,
                Micros.ofSeconds(1), 0, 15, 50_000_000L, true);
    }

    public ClockConfig withPollInterval(long micros) {
        return new ClockConfig(micros, adjustMode, stepThresholdNanos, slewRatePpm, monotonic, ignoreRoundTrip,
                maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withAdjustMode(AdjustMode mode) {
        return new ClockConfig(pollIntervalMicros, mode, stepThresholdNanos, slewRatePpm, monotonic, ignoreRoundTrip,
                maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withStepThreshold(long nanos) {
        return new ClockConfig(pollIntervalMicros, adjustMode, nanos, slewRatePpm, monotonic, ignoreRoundTrip,
                maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withSlewRate(long ppm) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, ppm, monotonic, ignoreRoundTrip,
                maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withMonotonic(boolean on) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, slewRatePpm, on, ignoreRoundTrip,
                maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withWhatIfIgnoreRoundTrip(boolean on) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, slewRatePpm, monotonic, on,
                maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withMaxRoundTrip(long micros) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, slewRatePpm, monotonic,
                ignoreRoundTrip, micros, assumedMinDelayMicros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withAssumedMinDelay(long micros) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, slewRatePpm, monotonic,
                ignoreRoundTrip, maxRoundTripMicros, micros, frequencyTolerancePpm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withFrequencyTolerance(long ppm) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, slewRatePpm, monotonic,
                ignoreRoundTrip, maxRoundTripMicros, assumedMinDelayMicros, ppm, berkeleyMaxDeviationNanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withBerkeleyMaxDeviation(long nanos) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, slewRatePpm, monotonic,
                ignoreRoundTrip, maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm, nanos,
                ntpFrequencyDiscipline);
    }

    public ClockConfig withNtpFrequencyDiscipline(boolean on) {
        return new ClockConfig(pollIntervalMicros, adjustMode, stepThresholdNanos, slewRatePpm, monotonic,
                ignoreRoundTrip, maxRoundTripMicros, assumedMinDelayMicros, frequencyTolerancePpm,
                berkeleyMaxDeviationNanos, on);
    }

    /** Whether a correction of {@code amountNanos} steps (true) or slews. */
    public boolean steps(long amountNanos) {
        return switch (adjustMode) {
            case STEP -> true;
            case SLEW -> false;
            case STEP_OVER_THRESHOLD -> Math.abs(amountNanos) > stepThresholdNanos;
        };
    }
}
