package io.distviz.clocks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cristian's arithmetic on worked examples; the protocol itself is tested in {@link CristianTest}. */
class CristianEstimateTest {

    @Test
    void theServersTimePlusHalfTheRoundTripWithTheBoundFromTheMinimumDelay() {
        // Asked at 1.000 s, answered 2.000 s, received at 1.030 s: 30 ms round trip, at least 5 ms each way.
        CristianEstimate e = CristianEstimate.of(1_000_000_000L, 2_000_000_000L, 1_030_000_000L, 5_000_000L, 0, 0,
                false);
        assertEquals(30_000_000L, e.roundTripNanos());
        assertEquals(2_015_000_000L, e.estimateNanos());
        assertEquals(985_000_000L, e.offsetNanos());
        assertEquals(10_000_000L, e.errorBoundNanos(), "15 ms half round trip less 5 ms minimum");
    }

    @Test
    void driftAndPrecisionWidenTheBound() {
        CristianEstimate e = CristianEstimate.of(0, 0, 20_000_000L, 0, 100, 1_500, false);
        // 10 ms · (1 + 2 · 100 ppm) + 1.5 µs
        assertEquals(10_000_000L + 2_000L + 1_500L, e.errorBoundNanos());
    }

    @Test
    void aMinimumDelayAboveHalfTheRoundTripLeavesNoNegativeBound() {
        CristianEstimate e = CristianEstimate.of(0, 0, 8_000_000L, 5_000_000L, 0, 0, false);
        assertEquals(0, e.errorBoundNanos());
    }

    @Test
    void theWhatIfTakesTheServersTimeAsItArrives() {
        CristianEstimate e = CristianEstimate.of(1_000_000_000L, 2_000_000_000L, 1_030_000_000L, 5_000_000L, 0, 0,
                true);
        assertEquals(2_000_000_000L, e.estimateNanos());
        assertEquals(970_000_000L, e.offsetNanos());
        assertEquals(10_000_000L, e.errorBoundNanos(), "the bound it states is the same; it is now wrong");
    }
}
