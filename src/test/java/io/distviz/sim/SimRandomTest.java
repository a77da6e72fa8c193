package io.distviz.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SimRandomTest {

    @Test
    void theSameSeedGivesTheSameStream() {
        SimRandom a = new SimRandom(99);
        SimRandom b = new SimRandom(99);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void aForkDependsOnTheSeedAndTheNameNotOnDrawsSoFar() {
        SimRandom fresh = new SimRandom(7);
        SimRandom used = new SimRandom(7);
        for (int i = 0; i < 50; i++) {
            used.nextLong();
        }
        assertEquals(fresh.fork("node/s1").nextLong(), used.fork("node/s1").nextLong());
        assertNotEquals(fresh.fork("node/s1").nextLong(), fresh.fork("node/s2").nextLong());
        assertNotEquals(new SimRandom(7).fork("x").nextLong(), new SimRandom(8).fork("x").nextLong());
    }

    @Test
    void knownValuesStayTheSameAcrossReleases() {
        // SplitMix64's published first output for seed 0; a saved trace depends on this never changing.
        assertEquals(0xE220A8397B1DCDAFL, new SimRandom(0).nextLong());
    }

    @Test
    void boundedDrawsStayInRangeAndCoverIt() {
        SimRandom r = new SimRandom(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            long v = r.nextLong(7);
            assertTrue(v >= 0 && v < 7);
            counts[(int) v]++;
        }
        for (int c : counts) {
            assertTrue(c > 9_500 && c < 10_500, "count " + c);
        }
        assertTrue(LongStream.range(0, 1_000).map(i -> r.nextLong(-5, 5)).allMatch(v -> v >= -5 && v < 5));
        assertThrows(IllegalArgumentException.class, () -> r.nextLong(0));
    }

    @Test
    void gaussianDrawsHaveUnitSpread() {
        SimRandom r = new SimRandom(5);
        double sum = 0;
        double sumSq = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        assertEquals(0.0, mean, 0.02);
        assertEquals(1.0, var, 0.03);
    }
}
