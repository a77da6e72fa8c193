package io.distviz.clocks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NTP's clock filter (RFC 5905, section 10): the last eight samples from one server, of which the one with the
 * lowest delay is trusted most, because a short round trip leaves little room for asymmetry.
 *
 * <p>Each sample keeps how far the client had stepped and slewed its clock in all when it was taken. When the
 * clock has been stepped or slewed since, an old sample's offset is shifted by as much, so a sample taken before
 * a step still says where the server is relative to the clock as it is now. (The frequency correction is left
 * out: it only cancels the oscillator's drift, which the sample's age does not otherwise account for.) Ages are
 * measured on the hardware clock, which no correction moves.
 *
 * <p>Dispersion grows with age at the frequency tolerance PHI; an empty stage counts as the maximum dispersion
 * (16 s), so a server needs a few samples before its dispersion lets it be selected, as in ntpd.
 */
public final class ClockFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The filter's length (RFC 5905 NSTAGE). */
    public static final int STAGES = 8;
    /** RFC 5905 MAXDISP: the dispersion of an empty stage, 16 s. */
    public static final long MAX_DISPERSION_NANOS = 16_000_000_000L;

    /**
     * One measurement.
     *
     * @param hardwareTimeNanos the client's hardware clock when it was taken (for its age)
     * @param correctionNanos   the client's steps and slews so far, added up, then
     * @param dispersionNanos   its dispersion when taken: both precisions plus PHI times the round trip
     */
    public record Sample(long offsetNanos, long delayNanos, long dispersionNanos, long hardwareTimeNanos,
                         long correctionNanos) implements Serializable {
    }

    /**
     * What the filter says about its server now.
     *
     * @param best            the lowest-delay sample
     * @param offsetNanos     its offset, shifted by the corrections made since
     * @param dispersionNanos the filter dispersion: Σ εᵢ / 2^(i+1) over the stages sorted by delay
     * @param jitterNanos     the root mean square of the other samples' offsets from the best one's
     */
    public record Figures(Sample best, long offsetNanos, long delayNanos, long dispersionNanos, long jitterNanos) {
    }

    private final ArrayList<Sample> samples = new ArrayList<>();

    /** Adds a sample, forgetting the oldest once there are eight. */
    public void add(Sample s) {
        samples.add(0, s);
        if (samples.size() > STAGES) {
            samples.remove(samples.size() - 1);
        }
    }

    public void clear() {
        samples.clear();
    }

    public int size() {
        return samples.size();
    }

    /** Newest first. */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /**
     * The filter's figures at hardware time {@code hardwareNowNanos} with the client's correction
     * {@code correctionNowNanos}, or null when it holds no sample.
     */
    public Figures figures(long hardwareNowNanos, long correctionNowNanos, long phiPpm) {
        if (samples.isEmpty()) {
            return null;
        }
        List<Sample> byDelay = new ArrayList<>(samples);
        // Stable sort: among equal delays the newer sample (earlier in the list) comes first.
        byDelay.sort(Comparator.comparingLong(Sample::delayNanos));
        Sample best = byDelay.get(0);
        double dispersion = 0;
        for (int i = 0; i < STAGES; i++) {
            double e = i < byDelay.size() ? aged(byDelay.get(i), hardwareNowNanos, phiPpm) : MAX_DISPERSION_NANOS;
            dispersion += Math.min(e, MAX_DISPERSION_NANOS) / (double) (2L << i);
        }
        double bestOffset = shifted(best, correctionNowNanos);
        double sumSquares = 0;
        for (int i = 1; i < byDelay.size(); i++) {
            double d = shifted(byDelay.get(i), correctionNowNanos) - bestOffset;
            sumSquares += d * d;
        }
        double jitter = byDelay.size() > 1 ? Math.sqrt(sumSquares / (byDelay.size() - 1)) : 0;
        return new Figures(best, Math.round(bestOffset), best.delayNanos(), Math.round(dispersion),
                Math.round(jitter));
    }

    /** A sample's dispersion grown by PHI over its age. */
    static double aged(Sample s, long hardwareNowNanos, long phiPpm) {
        return s.dispersionNanos() + phiPpm * 1e-6 * Math.max(0, hardwareNowNanos - s.hardwareTimeNanos());
    }

    /** A sample's offset as it would be measured against the clock with today's corrections. */
    static double shifted(Sample s, long correctionNowNanos) {
        return s.offsetNanos() - (double) (correctionNowNanos - s.correctionNanos());
    }
}
