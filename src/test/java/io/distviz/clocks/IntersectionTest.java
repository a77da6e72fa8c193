package io.distviz.clocks;

import io.distviz.clocks.Intersection.Candidate;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimRandom;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NTP's selection (RFC 5905, section 11.2.1): the intersection of correctness intervals. */
class IntersectionTest {
    static final NodeId A = NodeId.of("a");
    static final NodeId B = NodeId.of("b");
    static final NodeId C = NodeId.of("c");
    static final NodeId D = NodeId.of("d");

    private static Candidate c(NodeId s, double offsetMs, double distanceMs) {
        return new Candidate(s, Math.round(offsetMs * 1e6), Math.round(distanceMs * 1e6));
    }

    @Test
    void theSelectionRejectsAFalseticker() {
        // Three servers agree the client is about 1 ms behind; d says 200 ms.
        Intersection.Result r = Intersection.select(List.of(c(A, 1, 5), c(B, 3, 4), c(C, -1, 6), c(D, 200, 5)));
        assertTrue(r.found());
        assertEquals(List.of(A, B, C), r.truechimers());
        assertEquals(List.of(D), r.falsetickers());
        // The intersection of the three honest intervals [-4, 6], [-1, 7], [-7, 5] is [-1, 5].
        assertEquals(-1_000_000L, r.lowNanos());
        assertEquals(5_000_000L, r.highNanos());
        assertEquals(B, r.systemPeer(), "the lowest root distance");
        // Weighted by 1 / distance: (1/5 + 3/4 − 1/6) / (1/5 + 1/4 + 1/6) ms.
        double expected = (1 / 5.0 + 3 / 4.0 - 1 / 6.0) / (1 / 5.0 + 1 / 4.0 + 1 / 6.0);
        assertEquals(expected * 1e6, r.offsetNanos(), 1);
        assertEquals(3 / (1 / 5.0 + 1 / 4.0 + 1 / 6.0) * 1e6, r.errorBoundNanos(), 1);
    }

    @Test
    void aLiarWhoseIntervalStillTouchesTheTruthIsATruechimer() {
        Intersection.Result r = Intersection.select(List.of(c(A, 0, 5), c(B, 1, 5), c(C, 9, 5)));
        assertEquals(List.of(A, B, C), r.truechimers(), "c's interval [4, 14] meets [−4, 5]");
        assertTrue(r.lowNanos() <= r.highNanos());
    }

    @Test
    void withoutAMajorityThereIsNoSelection() {
        Intersection.Result r = Intersection.select(List.of(c(A, 0, 5), c(B, 100, 5)));
        assertFalse(r.found());
        assertNull(r.systemPeer());
        assertEquals(List.of(A, B), r.falsetickers());
        Intersection.Result three = Intersection.select(List.of(c(A, 0, 1), c(B, 100, 1), c(C, 200, 1)));
        assertFalse(three.found());
    }

    @Test
    void oneServerIsItsOwnMajority() {
        Intersection.Result r = Intersection.select(List.of(c(A, 7, 2)));
        assertTrue(r.found());
        assertEquals(5_000_000L, r.lowNanos());
        assertEquals(9_000_000L, r.highNanos());
        assertEquals(7_000_000L, r.offsetNanos());
        assertEquals(2_000_000L, r.errorBoundNanos());
    }

    /**
     * Honest servers' intervals contain the true offset; liars are far off. Whenever the selection succeeds (RFC
     * 5905's version also insists that the midpoints lie inside, so it may give up on a scattered honest majority),
     * the truth lies in the intersection, every honest server is a truechimer, every liar a falseticker, and the
     * combined offset is within its bound. When the honest servers agree more closely than their distances, it
     * always succeeds.
     */
    @Test
    void theIntersectionHoldsTheTruthWheneverMostServersTellIt() {
        SimRandom r = new SimRandom(7);
        int found = 0;
        int rounds = 2_000;
        for (int round = 0; round < rounds; round++) {
            boolean tight = round % 2 == 0;
            int n = 3 + r.nextInt(5);
            int liars = r.nextInt((n - 1) / 2 + 1); // fewer than half
            long truth = r.nextLong(-1_000_000L, 1_000_000L);
            List<Candidate> cs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long distance = tight ? r.nextLong(2_000_000L, 5_000_000L) : r.nextLong(1_000, 5_000_000L);
                long spread = tight ? 1_000_000L : distance;
                long offset = i < liars ? truth + (r.chance(0.5) ? 1 : -1) * r.nextLong(20_000_000L, 90_000_000L)
                        : truth + r.nextLong(-spread, spread + 1);
                cs.add(new Candidate(NodeId.of("s" + i), offset, distance));
            }
            Intersection.Result res = Intersection.select(cs);
            assertTrue(res.found() || !tight, "honest servers that agree closely are found: " + cs);
            if (!res.found()) {
                continue;
            }
            found++;
            assertTrue(res.lowNanos() <= truth && truth <= res.highNanos(), "the truth is in the intersection");
            for (int i = 0; i < n; i++) {
                NodeId s = NodeId.of("s" + i);
                assertEquals(i >= liars, res.truechimers().contains(s), s + " of " + cs);
                assertEquals(i < liars, res.falsetickers().contains(s), s + " of " + cs);
            }
            assertTrue(Math.abs(res.offsetNanos() - truth) <= res.errorBoundNanos() + 1,
                    "the combined offset is within its bound");
        }
        assertTrue(found > rounds / 2, "found a majority in " + found + " of " + rounds);
    }
}
