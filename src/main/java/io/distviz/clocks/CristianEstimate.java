package io.distviz.clocks;

/**
 * Cristian's estimate (Cristian, "Probabilistic clock synchronization", 1989). The client reads its clock
 * ({@code C1}), asks, gets the server's time {@code T} and reads its clock again ({@code C4}). The server read
 * its clock at some moment between {@code C1 + min} and {@code C4 − min}, so taking the middle, {@code T} plus
 * half the round trip, is wrong by at most half the round trip less the minimum one-way delay.
 *
 * <p>The bound here also allows for the client's clock running up to {@code ρ} fast or slow while it measures
 * the round trip (Cristian's {@code (1 + 2ρ)}), and for the read jitter on both sides.
 *
 * @param estimateNanos what the server's clock reads now, as the client estimates it
 * @param offsetNanos   the correction to apply: estimate minus the client's clock now
 * @param roundTripNanos {@code C4 − C1}
 * @param errorBoundNanos how far the estimate can be from the server's clock
 */
public record CristianEstimate(long estimateNanos, long offsetNanos, long roundTripNanos, long errorBoundNanos) {

    /**
     * @param minDelayNanos      the minimum one-way delay the client knows of
     * @param driftPpm           how fast or slow the client's clock may run (ρ)
     * @param precisionNanos     read jitter of the client's clock plus that of the server's
     * @param ignoreRoundTrip    the what-if: take {@code T} as it is
     */
    public static CristianEstimate of(long c1, long serverTime, long c4, long minDelayNanos, long driftPpm,
                                      long precisionNanos, boolean ignoreRoundTrip) {
        long roundTrip = c4 - c1;
        long half = roundTrip / 2;
        long estimate = ignoreRoundTrip ? serverTime : serverTime + half;
        double bound = half * (1 + 2 * driftPpm * 1e-6) - minDelayNanos + precisionNanos;
        return new CristianEstimate(estimate, estimate - c4, roundTrip, Math.max(0, (long) Math.ceil(bound)));
    }
}
