package io.distviz.sim;

import java.io.Serializable;

/**
 * How one directed link (or the whole network, as the default) behaves.
 *
 * <p>A message's one-way delay is {@code max(minLatency, meanLatency + jitter * N(0, 1))}: a normal spread
 * of width {@code jitterMicros} around the mean that never beats the minimum (the speed of light and the
 * wire). Unless a message is picked for reordering, a link is FIFO: a message never arrives before one
 * sent earlier on the same link, as over TCP. A message picked for reordering (probability
 * {@code reorderProbability}) is held back by an extra uniform delay of up to twice the mean and is not
 * bound by FIFO, so later messages can overtake it.
 */
public record LinkProfile(long minLatencyMicros, long meanLatencyMicros, long jitterMicros,
                          double lossProbability, double duplicateProbability, double reorderProbability)
        implements Serializable {

    /** A LAN-like default: 10 ms mean, 2 ms jitter, at least 1 ms, nothing lost. */
    public static final LinkProfile DEFAULT = new LinkProfile(1_000, 10_000, 2_000, 0, 0, 0);

    public LinkProfile {
        if (minLatencyMicros < 0) {
            throw new IllegalArgumentException("minimum latency must be at least 0 µs, got " + minLatencyMicros);
        }
        if (meanLatencyMicros < minLatencyMicros) {
            throw new IllegalArgumentException("mean latency " + meanLatencyMicros
                    + " µs must be at least the minimum latency " + minLatencyMicros + " µs");
        }
        if (jitterMicros < 0) {
            throw new IllegalArgumentException("jitter must be at least 0 µs, got " + jitterMicros);
        }
        checkProbability("loss", lossProbability);
        checkProbability("duplication", duplicateProbability);
        checkProbability("reordering", reorderProbability);
    }

    /** Fixed latency, no jitter, nothing lost: handy for lessons and tests that want exact times. */
    public static LinkProfile fixed(long latencyMicros) {
        return new LinkProfile(latencyMicros, latencyMicros, 0, 0, 0, 0);
    }

    public LinkProfile withLoss(double p) {
        return new LinkProfile(minLatencyMicros, meanLatencyMicros, jitterMicros, p, duplicateProbability,
                reorderProbability);
    }

    public LinkProfile withDuplication(double p) {
        return new LinkProfile(minLatencyMicros, meanLatencyMicros, jitterMicros, lossProbability, p,
                reorderProbability);
    }

    public LinkProfile withReordering(double p) {
        return new LinkProfile(minLatencyMicros, meanLatencyMicros, jitterMicros, lossProbability,
                duplicateProbability, p);
    }

    public LinkProfile withLatency(long minMicros, long meanMicros, long jitterMicros) {
        return new LinkProfile(minMicros, meanMicros, jitterMicros, lossProbability, duplicateProbability,
                reorderProbability);
    }

    private static void checkProbability(String what, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(what + " probability must be between 0 and 1, got " + p);
        }
    }
}
