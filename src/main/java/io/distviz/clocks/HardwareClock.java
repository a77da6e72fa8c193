package io.distviz.clocks;

import io.distviz.sim.SimRandom;

import java.io.Serializable;
import java.util.Objects;

/**
 * A node's oscillator: what its counter reads at each moment of true time (the kernel's virtual time), as a
 * closed-form function, so that a reading costs a few floating-point operations however long the run.
 *
 * <p>With {@code Δ = t − epoch} and rates as fractions (a ppm is 10⁻⁶), the frequency error is
 * <pre>
 *   error(Δ) = skew + aging·Δ + amplitude·sin(2π(Δ + phase)/period)
 * </pre>
 * and the reading is the epoch's reading plus the integral of {@code 1 + error} from the epoch to {@code t}:
 * <pre>
 *   Δ + skew·Δ + aging·Δ²/2 + amplitude·(period/2π)·(cos(2π·phase/period) − cos(2π(Δ + phase)/period))
 * </pre>
 * A change of figures while running ({@link #rebasedAt}) starts a new epoch at the current reading, so the
 * clock never jumps unless told to.
 *
 * <p>Immutable, and made of integers only (nanoseconds, microseconds, parts per trillion), so it prints the same
 * on every Java release and can travel in trace events. Read jitter is not part of the function: the node
 * adds it, drawn from its own stream, at each read ({@link #jitterNanos}).
 *
 * @param epochMicros             true time at which the figures below took effect
 * @param readingAtEpochNanos     what the counter read then
 * @param skewPpt                 frequency error at the epoch, in parts per trillion (positive: runs fast)
 * @param agingPptPerDay          change of the frequency error per day of true time
 * @param temperatureAmplitudePpt amplitude of the temperature term
 * @param temperaturePeriodMicros its period (at least one second)
 * @param temperaturePhaseMicros  where in its cycle the temperature term is at the epoch
 * @param readJitterNanos         each reading is off by a uniform amount in ±this
 */
public record HardwareClock(ClockKind kind, long epochMicros, long readingAtEpochNanos, long skewPpt,
                            long agingPptPerDay, long temperatureAmplitudePpt, long temperaturePeriodMicros,
                            long temperaturePhaseMicros, long readJitterNanos) implements Serializable {

    /** A clock this far off frequency would not be a clock: ±1000 ppm, far beyond any crystal's tolerance. */
    public static final long MAX_SKEW_PPT = 1_000L * ClockKind.PPT_PER_PPM;
    /** Aging beyond ±100 ppm a day would leave the skew limit within days. */
    public static final long MAX_AGING_PPT_PER_DAY = 100L * ClockKind.PPT_PER_PPM;
    public static final long MAX_TEMPERATURE_AMPLITUDE_PPT = 100L * ClockKind.PPT_PER_PPM;
    /** Read jitter up to 100 ms. */
    public static final long MAX_READ_JITTER_NANOS = 100_000_000L;

    private static final double NANOS_PER_DAY = 86_400e9;
    private static final double PPT = 1e-12;

    public HardwareClock {
        Objects.requireNonNull(kind, "kind");
        checkRange("skew", skewPpt, MAX_SKEW_PPT, "ppt");
        checkRange("aging", agingPptPerDay, MAX_AGING_PPT_PER_DAY, "ppt a day");
        if (temperatureAmplitudePpt < 0 || temperatureAmplitudePpt > MAX_TEMPERATURE_AMPLITUDE_PPT) {
            throw new IllegalArgumentException("the temperature amplitude must be from 0 to "
                    + MAX_TEMPERATURE_AMPLITUDE_PPT / ClockKind.PPT_PER_PPM + " ppm, not "
                    + temperatureAmplitudePpt / (double) ClockKind.PPT_PER_PPM + " ppm");
        }
        if (temperaturePeriodMicros < 1_000_000L) {
            throw new IllegalArgumentException("the temperature period must be at least one second, not "
                    + temperaturePeriodMicros + " µs");
        }
        if (temperaturePhaseMicros < 0 || temperaturePhaseMicros >= temperaturePeriodMicros) {
            throw new IllegalArgumentException("the temperature phase must lie within one period");
        }
        if (readJitterNanos < 0 || readJitterNanos > MAX_READ_JITTER_NANOS) {
            throw new IllegalArgumentException("read jitter must be from 0 to " + MAX_READ_JITTER_NANOS
                    + " ns, not " + readJitterNanos + " ns");
        }
    }

    private static void checkRange(String what, long value, long max, String unit) {
        if (value < -max || value > max) {
            throw new IllegalArgumentException("the " + what + " must be within ±" + max / ClockKind.PPT_PER_PPM
                    + " ppm" + (unit.endsWith("day") ? " a day" : "") + ", not "
                    + value / (double) ClockKind.PPT_PER_PPM + " ppm");
        }
    }

    /** A perfect clock that reads true time at {@code nowMicros} (with only read jitter): a reference source. */
    public static HardwareClock perfect(long nowMicros, long readJitterNanos) {
        return new HardwareClock(ClockKind.CUSTOM, nowMicros, nowMicros * 1000L, 0, 0, 0,
                ClockKind.TEMPERATURE_PERIOD_MICROS, 0, readJitterNanos);
    }

    /**
     * A clock of {@code kind} drawn from {@code random}: offset, skew and aging uniform within the kind's
     * maxima, the temperature phase uniform over the period. For {@link ClockKind#CUSTOM} every figure is zero.
     */
    public static HardwareClock draw(ClockKind kind, long nowMicros, SimRandom random) {
        long offset = symmetric(random, kind.maxOffsetNanos());
        long skew = symmetric(random, kind.maxSkewPpt());
        long aging = symmetric(random, kind.maxAgingPptPerDay());
        long phase = random.nextLong(ClockKind.TEMPERATURE_PERIOD_MICROS);
        return new HardwareClock(kind, nowMicros, nowMicros * 1000L + offset, skew, aging,
                kind.temperatureAmplitudePpt(), ClockKind.TEMPERATURE_PERIOD_MICROS, phase, kind.readJitterNanos());
    }

    /** Uniform in [−max, max]; no draw at all when max is 0, so a figure-free clock leaves the stream alone. */
    static long symmetric(SimRandom random, long max) {
        return max == 0 ? 0 : random.nextLong(-max, max + 1);
    }

    // ============================================================================================ reading

    /** The counter at true time {@code trueMicros}, without read jitter, in nanoseconds (fractional). */
    public double readingNanos(long trueMicros) {
        long deltaMicros = trueMicros - epochMicros;
        double delta = deltaMicros * 1000.0;
        double drift = skewPpt * delta + agingPptPerDay / NANOS_PER_DAY * delta * delta / 2.0;
        if (temperatureAmplitudePpt != 0) {
            double periodNanos = temperaturePeriodMicros * 1000.0;
            drift += temperatureAmplitudePpt * periodNanos / (2 * StrictMath.PI)
                    * (cosineAt(temperaturePhaseMicros) - cosineAt(Math.floorMod(deltaMicros + temperaturePhaseMicros,
                    temperaturePeriodMicros)));
        }
        return readingAtEpochNanos + delta + drift * PPT;
    }

    private double cosineAt(long phaseMicros) {
        return StrictMath.cos(2 * StrictMath.PI * phaseMicros / (double) temperaturePeriodMicros);
    }

    /** The frequency error at true time {@code trueMicros}, in parts per trillion. */
    public double frequencyErrorPpt(long trueMicros) {
        long deltaMicros = trueMicros - epochMicros;
        double error = skewPpt + agingPptPerDay * (deltaMicros * 1000.0) / NANOS_PER_DAY;
        if (temperatureAmplitudePpt != 0) {
            long phase = Math.floorMod(deltaMicros + temperaturePhaseMicros, temperaturePeriodMicros);
            error += temperatureAmplitudePpt
                    * StrictMath.sin(2 * StrictMath.PI * phase / (double) temperaturePeriodMicros);
        }
        return error;
    }

    public double frequencyErrorPpm(long trueMicros) {
        return frequencyErrorPpt(trueMicros) / ClockKind.PPT_PER_PPM;
    }

    /** A read-jitter draw, uniform in ±{@link #readJitterNanos}; no draw when there is no jitter. */
    public long jitterNanos(SimRandom random) {
        return symmetric(random, readJitterNanos);
    }

    // ============================================================================================ changing

    /**
     * The same clock with a new epoch at {@code trueMicros}: same reading then, the frequency error it has then
     * (aging included) as the new skew, the temperature cycle where it is then. Readings after it agree with
     * this clock's to within a nanosecond at first, and drift apart by at most half a part per trillion of the
     * time since (the new skew is rounded to a whole ppt): 43 ns a day.
     */
    public HardwareClock rebasedAt(long trueMicros) {
        long deltaMicros = trueMicros - epochMicros;
        long skewNow = Math.round(skewPpt + agingPptPerDay * (deltaMicros * 1000.0) / NANOS_PER_DAY);
        return new HardwareClock(kind, trueMicros, Math.round(readingNanos(trueMicros)),
                Math.max(-MAX_SKEW_PPT, Math.min(MAX_SKEW_PPT, skewNow)), agingPptPerDay, temperatureAmplitudePpt,
                temperaturePeriodMicros, Math.floorMod(deltaMicros + temperaturePhaseMicros, temperaturePeriodMicros),
                readJitterNanos);
    }

    /** Continues from this clock's reading at {@code trueMicros} with other figures (a new kind, a custom skew). */
    public HardwareClock continuedAs(long trueMicros, ClockKind newKind, long newSkewPpt, long newAgingPptPerDay,
                                     long newAmplitudePpt, long newPeriodMicros, long newPhaseMicros,
                                     long newJitterNanos) {
        return new HardwareClock(newKind, trueMicros, Math.round(readingNanos(trueMicros)), newSkewPpt,
                newAgingPptPerDay, newAmplitudePpt, newPeriodMicros, newPhaseMicros, newJitterNanos);
    }

    /** This clock set to read {@code trueMicros + offsetNanos} now (someone set the hardware clock by hand). */
    public HardwareClock setTo(long trueMicros, long offsetNanos) {
        HardwareClock r = rebasedAt(trueMicros);
        return new HardwareClock(r.kind, trueMicros, trueMicros * 1000L + offsetNanos, r.skewPpt, r.agingPptPerDay,
                r.temperatureAmplitudePpt, r.temperaturePeriodMicros, r.temperaturePhaseMicros, r.readJitterNanos);
    }
}
