package io.distviz.clocks;

import io.distviz.sim.NodeId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Berkeley master's fault-tolerant average on small worked examples. */
class BerkeleyAverageTest {
    static final NodeId M = NodeId.of("m");
    static final NodeId A = NodeId.of("a");
    static final NodeId B = NodeId.of("b");
    static final NodeId C = NodeId.of("c");
    static final NodeId D = NodeId.of("d");

    @Test
    void averagesTheClocksThatAgreeAndCorrectsEveryoneIncludingTheOutlier() {
        // Relative to the master: a is 10 ms ahead, b 20 ms behind, c 400 ms ahead (a broken clock), d answered
        // after 300 ms, too slowly to be trusted. Agreement bound 50 ms, round trips up to 100 ms.
        BerkeleyAverage.Result r = BerkeleyAverage.compute(M, List.of(
                new BerkeleyAverage.Reading(A, 10_000_000L, 20_000_000L),
                new BerkeleyAverage.Reading(B, -20_000_000L, 30_000_000L),
                new BerkeleyAverage.Reading(C, 400_000_000L, 20_000_000L),
                new BerkeleyAverage.Reading(D, 5_000_000L, 300_000_000L)), 50_000_000L, 100_000_000L);
        // The group {b, m, a} spans 30 ms; its mean is (−20 + 0 + 10) / 3 = −3.333 ms.
        assertEquals(-3_333_333L, r.averageNanos());
        assertEquals(List.of(A, B, M), r.averaged());
        assertEquals(List.of(C), r.outliers());
        assertEquals(List.of(D), r.tooSlow());
        assertEquals(-3_333_333L, r.adjustments().get(M));
        assertEquals(-13_333_333L, r.adjustments().get(A));
        assertEquals(16_666_667L, r.adjustments().get(B));
        assertEquals(-403_333_333L, r.adjustments().get(C), "the outlier is told to move too");
        assertFalse(r.adjustments().containsKey(D), "a reading that came too slowly says nothing");
        // After the adjustments every counted clock reads the same.
        assertEquals(0 + r.adjustments().get(M), 10_000_000L + r.adjustments().get(A));
        assertEquals(0 + r.adjustments().get(M), -20_000_000L + r.adjustments().get(B));
    }

    @Test
    void whenTheMasterIsTheOutlierTheOthersOutvoteIt() {
        BerkeleyAverage.Result r = BerkeleyAverage.compute(M, List.of(
                new BerkeleyAverage.Reading(A, 300_000_000L, 0),
                new BerkeleyAverage.Reading(B, 310_000_000L, 0),
                new BerkeleyAverage.Reading(C, 290_000_000L, 0)), 50_000_000L, 100_000_000L);
        assertEquals(300_000_000L, r.averageNanos());
        assertEquals(List.of(M), r.outliers());
        assertEquals(300_000_000L, r.adjustments().get(M));
        assertEquals(0, r.adjustments().get(A));
    }

    @Test
    void aTieBetweenEquallyLargeGroupsGoesToTheOneWithTheMaster() {
        BerkeleyAverage.Result r = BerkeleyAverage.compute(M, List.of(
                new BerkeleyAverage.Reading(A, 10_000_000L, 0),
                new BerkeleyAverage.Reading(B, 500_000_000L, 0),
                new BerkeleyAverage.Reading(C, 510_000_000L, 0)), 50_000_000L, 100_000_000L);
        assertEquals(List.of(A, M), r.averaged());
        assertEquals(5_000_000L, r.averageNanos());
    }

    @Test
    void aMasterAloneAveragesItself() {
        BerkeleyAverage.Result r = BerkeleyAverage.compute(M, List.of(), 1, 1);
        assertEquals(0, r.averageNanos());
        assertEquals(List.of(M), r.averaged());
        assertEquals(0, r.adjustments().get(M));
    }
}
