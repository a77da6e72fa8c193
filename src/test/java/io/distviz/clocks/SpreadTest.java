package io.distviz.clocks;

import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without synchronization the clocks spread as their skews say; with each algorithm the spread stays bounded. */
class SpreadTest {

    private static SimConfig quiet(long seed) {
        return SimConfig.seeded(seed).withoutCheckpoints().withoutTraceRetention();
    }

    @Test
    void freeRunningClocksSpreadExactlyAsTheirSkewsPredict() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), quiet(1));
        double[] skews = {-20, -5, 10, 25};
        double[] offsets = {3, -1, 0, 2};
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < skews.length; i++) {
            ids.add(net.addNode(ClockTesting.exact(offsets[i], skews[i])));
        }
        for (long t : new long[] {600, 1800, 3600, 7200}) {
            net.simulation().runUntil(Micros.ofSeconds(t));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < skews.length; i++) {
                double predicted = offsets[i] * 1e6 + skews[i] * 1e-6 * t * 1e9;
                assertEquals(predicted, net.offsetFromTrueTimeNanos(ids.get(i)), 1, ids.get(i) + " at " + t + " s");
                lo = Math.min(lo, predicted);
                hi = Math.max(hi, predicted);
            }
            assertEquals(hi - lo, net.maxPairwiseSkewNanos(), 2);
        }
        // After two hours: 45 ppm apart is 324 ms, less the 1 ms head start the slowest had.
        assertEquals(323e6, net.maxPairwiseSkewNanos(), 1e3);
    }

    @Test
    void drawnQuartzClocksFollowTheirSkewsToWithinTheTemperatureWobble() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), SimConfig.seeded(2).withoutCheckpoints());
        for (int i = 0; i < 8; i++) {
            net.addNode(ClockKind.QUARTZ);
        }
        net.simulation().runUntil(Micros.ofSeconds(3600));
        List<ClockTesting.Fact<ClockEvent.ClockSet>> drawn =
                ClockTesting.facts(net.simulation(), ClockEvent.ClockSet.class);
        assertEquals(8, drawn.size());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ClockTesting.Fact<ClockEvent.ClockSet> f : drawn) {
            HardwareClock h = f.detail().clock().hardware();
            double t = 3600e9;
            double predicted = h.readingAtEpochNanos() + (h.skewPpt() * t + h.agingPptPerDay() / 86_400e9 * t * t / 2)
                    * 1e-12;
            // The temperature term (1 ppm, one-hour period) moves a clock by at most 1 ppm · 3600 s / π ≈ 1.15 ms
            // from where the skew alone would put it.
            assertEquals(predicted, net.offsetFromTrueTimeNanos(f.node()), 1.15e6, f.node().toString());
            lo = Math.min(lo, predicted);
            hi = Math.max(hi, predicted);
        }
        assertEquals(hi - lo, net.maxPairwiseSkewNanos(), 2.3e6);
        assertTrue(net.maxPairwiseSkewNanos() > 100e6, "±30 ppm for an hour: " + net.maxPairwiseSkewNanos());
    }

    /** The worst spread in each hour of a four-hour run. */
    private static double[] hourlySpread(SyncAlgorithm algorithm, long seed) {
        ClockConfig cfg = ClockConfig.defaults().withMaxRoundTrip(Micros.ofMillis(200))
                .withAssumedMinDelay(Micros.ofMillis(10));
        ClockNetwork net = new ClockNetwork(cfg, quiet(seed).withDefaultLink(
                new LinkProfile(Micros.ofMillis(10), Micros.ofMillis(20), Micros.ofMillis(2), 0, 0, 0)));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        for (int i = 0; i < 8; i++) {
            net.addNode(ClockKind.QUARTZ);
        }
        switch (algorithm) {
            case NONE -> net.useNoSync();
            case CRISTIAN -> net.useCristian(ref);
            case BERKELEY -> net.useBerkeley(NodeId.of("n1"));
            case NTP -> net.useNtpTiers(ref, 3);
        }
        double[] worst = new double[4];
        for (int s = 600; s <= 4 * 3600; s += 10) {
            net.simulation().runUntil(Micros.ofSeconds(s));
            int hour = Math.min(3, (s - 1) / 3600);
            worst[hour] = Math.max(worst[hour], net.maxPairwiseSkewNanos());
        }
        return worst;
    }

    @Test
    void withEachAlgorithmTheSpreadStaysBoundedWhileWithoutItGrows() {
        double[] none = hourlySpread(SyncAlgorithm.NONE, 3);
        for (int h = 1; h < 4; h++) {
            assertTrue(none[h] > none[h - 1] + 50e6, "free clocks keep spreading: hour " + h + " " + none[h]);
        }
        for (SyncAlgorithm a : List.of(SyncAlgorithm.CRISTIAN, SyncAlgorithm.BERKELEY, SyncAlgorithm.NTP)) {
            double[] w = hourlySpread(a, 3);
            for (int h = 0; h < 4; h++) {
                assertTrue(w[h] < 12e6, a + " hour " + (h + 1) + ": " + w[h] / 1e6 + " ms");
            }
            // Bounded, not merely slower: the last hour is no worse than the first by more than noise.
            assertTrue(w[3] < w[0] + 6e6, a + ": " + w[0] / 1e6 + " then " + w[3] / 1e6 + " ms");
        }
    }
}
