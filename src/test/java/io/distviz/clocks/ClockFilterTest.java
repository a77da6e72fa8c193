package io.distviz.clocks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NTP's clock filter (RFC 5905, section 10). */
class ClockFilterTest {

    private static ClockFilter.Sample sample(long offsetMs, long delayMs, long atSeconds) {
        return new ClockFilter.Sample(offsetMs * 1_000_000L, delayMs * 1_000_000L, 1_000L, atSeconds * 1_000_000_000L,
                0);
    }

    @Test
    void anEmptyFilterSaysNothing() {
        assertNull(new ClockFilter().figures(0, 0, 15));
    }

    @Test
    void itPrefersTheLowDelaySampleEvenWhenItIsNotTheNewest() {
        ClockFilter f = new ClockFilter();
        f.add(sample(9, 80, 0));
        f.add(sample(2, 22, 64));   // the short round trip: little room for asymmetry
        f.add(sample(-12, 95, 128));
        f.add(sample(15, 60, 192));
        ClockFilter.Figures x = f.figures(200_000_000_000L, 0, 15);
        assertEquals(22_000_000L, x.delayNanos());
        assertEquals(2_000_000L, x.offsetNanos());
        assertEquals(64_000_000_000L, x.best().hardwareTimeNanos());
        // Jitter: RMS of the other offsets from the best one's, (7² + 13² + 14²) / 3 ms².
        assertEquals(Math.sqrt((49.0 + 169.0 + 196.0) / 3.0) * 1e6, x.jitterNanos(), 1);
    }

    @Test
    void itKeepsOnlyTheLastEightSamples() {
        ClockFilter f = new ClockFilter();
        f.add(sample(1, 5, 0)); // the best, but it will be pushed out
        for (int i = 1; i <= 8; i++) {
            f.add(sample(100 + i, 50 + i, i * 64L));
        }
        assertEquals(ClockFilter.STAGES, f.size());
        ClockFilter.Figures x = f.figures(600_000_000_000L, 0, 15);
        assertEquals(51_000_000L, x.delayNanos(), "the 5 ms sample has left the register");
        assertEquals(101_000_000L, x.offsetNanos());
    }

    @Test
    void dispersionWeighsStagesByHalvesAndGrowsWithAge() {
        ClockFilter f = new ClockFilter();
        f.add(new ClockFilter.Sample(0, 10, 4_000L, 0, 0));
        ClockFilter.Figures now = f.figures(0, 0, 15);
        // One sample: 4 µs / 2, then seven empty stages at 16 s: 16 s · (1/4 + ... + 1/256).
        double empty = 0;
        for (int i = 1; i < ClockFilter.STAGES; i++) {
            empty += ClockFilter.MAX_DISPERSION_NANOS / (double) (2L << i);
        }
        assertEquals(2_000L + empty, now.dispersionNanos(), 1);
        ClockFilter.Figures later = f.figures(100_000_000_000L, 0, 15);
        // 100 s later the sample's own dispersion has grown by PHI · 100 s = 1.5 ms.
        assertEquals(now.dispersionNanos() + 1_500_000L / 2, later.dispersionNanos(), 1.0);
    }

    @Test
    void anOldSampleIsShiftedByTheStepsAndSlewsMadeSinceItWasTaken() {
        ClockFilter f = new ClockFilter();
        // Taken when the client had corrected its clock by +1 ms in all; it said the server was 30 ms ahead.
        f.add(new ClockFilter.Sample(30_000_000L, 10_000_000L, 0, 0, 1_000_000L));
        // The client has since stepped forward by 30 ms (its corrections now add up to 31 ms).
        ClockFilter.Figures x = f.figures(1_000_000_000L, 31_000_000L, 15);
        assertEquals(0, x.offsetNanos(), "measured against today's clock the server is where the client is");
        assertTrue(x.jitterNanos() == 0);
    }
}
