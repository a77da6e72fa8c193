package io.distviz.chord.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.chord.ChordConfig.LookupStyle;
import io.distviz.chord.ChordConfig.Routing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Path length, Stoica et al. 2001, section 6.3: about ½·log2 N hops with fingers, N/2 without. */
class PathsExperimentTest {

    private static PathsExperiment.Result run(List<Integer> nodes, int lookups, long seed, Routing routing,
                                              LookupStyle style) {
        PathsExperiment.Result r = new PathsExperiment(new PathsExperiment.Settings(nodes, lookups, 32, seed,
                routing, style)).run();
        assertEquals(0, r.unexpected(), "every lookup in a stable ring answers rightly");
        return r;
    }

    @Test
    void withFingersTheMeanGrowsLikeHalfLog2N() {
        PathsExperiment.Result r = run(List.of(64, 1024), 2000, 1, Routing.FINGERS, LookupStyle.ITERATIVE);
        PathsExperiment.Row small = r.rows().get(0);
        PathsExperiment.Row large = r.rows().get(1);
        assertEquals(2000, small.lookups());
        assertEquals(3.0, small.halfLog2N(), 1e-9);
        assertEquals(5.0, large.halfLog2N(), 1e-9);
        assertEquals(small.halfLog2N(), small.meanHops(), 0.6, small.toString());
        assertEquals(large.halfLog2N(), large.meanHops(), 0.6, large.toString());
        // 16 times the nodes: two more hops (½·log2 16), not 16 times as many.
        assertEquals(2.0, large.meanHops() - small.meanHops(), 0.4, r.rows().toString());
        assertTrue(small.p1Hops() <= small.meanHops() && small.meanHops() <= small.p99Hops(), small.toString());
        assertTrue(large.p99Hops() <= 2 * 10, "no lookup needs more than about log2 N hops: " + large);
    }

    @Test
    void walkingSuccessorsTheMeanGrowsLinearly() {
        PathsExperiment.Result r = run(List.of(32, 128), 400, 1, Routing.SUCCESSORS_ONLY, LookupStyle.ITERATIVE);
        PathsExperiment.Row small = r.rows().get(0);
        PathsExperiment.Row large = r.rows().get(1);
        assertEquals(16, small.meanHops(), 16 * 0.15, small.toString());
        assertEquals(64, large.meanHops(), 64 * 0.15, large.toString());
        assertEquals(4.0, large.meanHops() / small.meanHops(), 0.8, r.rows().toString());
        assertTrue(large.p99Hops() < 128 && large.p99Hops() > 110, large.toString());
    }

    @Test
    void recursiveLookupsTakeTheSamePathsAsIterativeOnes() {
        PathsExperiment.Row iterative = run(List.of(200), 500, 3, Routing.FINGERS, LookupStyle.ITERATIVE).rows().get(0);
        PathsExperiment.Row recursive = run(List.of(200), 500, 3, Routing.FINGERS, LookupStyle.RECURSIVE).rows().get(0);
        assertEquals(iterative, recursive);
    }

    @Test
    void theSeedDecidesTheResult() {
        PathsExperiment.Result a = run(List.of(100), 300, 7, Routing.FINGERS, LookupStyle.ITERATIVE);
        PathsExperiment.Result b = run(List.of(100), 300, 7, Routing.FINGERS, LookupStyle.ITERATIVE);
        PathsExperiment.Result c = run(List.of(100), 300, 8, Routing.FINGERS, LookupStyle.ITERATIVE);
        assertEquals(a.rows(), b.rows());
        assertNotEquals(a.rows(), c.rows());
    }

    @Test
    void walkingSuccessorsOnLargeRingsDoesFewerLookups() {
        PathsExperiment.Settings s = new PathsExperiment.Settings(List.of(64, 16384), 100_000, 32, 1,
                Routing.SUCCESSORS_ONLY, LookupStyle.ITERATIVE);
        assertEquals(PathsExperiment.SUCCESSOR_HOP_BUDGET / 32, PathsExperiment.lookupsFor(s, 64));
        assertEquals(PathsExperiment.SUCCESSOR_HOP_BUDGET / 8192, PathsExperiment.lookupsFor(s, 16384));
        assertTrue(PathsExperiment.capped(s));
        PathsExperiment.Settings fingers = new PathsExperiment.Settings(List.of(16384), 100_000, 32, 1,
                Routing.FINGERS, LookupStyle.ITERATIVE);
        assertEquals(100_000, PathsExperiment.lookupsFor(fingers, 16384));
        assertTrue(!PathsExperiment.capped(fingers));
    }

    @Test
    void badSettingsAreRefusedWithAReason() {
        IllegalArgumentException crowded = assertThrows(IllegalArgumentException.class,
                () -> new PathsExperiment.Settings(List.of(1024), 10, 8, 1, Routing.FINGERS, LookupStyle.ITERATIVE));
        assertTrue(crowded.getMessage().contains("bits"), crowded.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PathsExperiment.Settings(List.of(1), 10, 32, 1, Routing.FINGERS, LookupStyle.ITERATIVE));
        assertThrows(IllegalArgumentException.class,
                () -> new PathsExperiment.Settings(List.of(64), 0, 32, 1, Routing.FINGERS, LookupStyle.ITERATIVE));
    }

    @Test
    void aSmallCircleSkipsAddressesWhoseIdentifierIsTaken() {
        ExperimentSupport.Placement p = ExperimentSupport.distinctAddresses(new io.distviz.chord.IdentifierCircle(10),
                200);
        assertEquals(200, p.addresses().size());
        assertEquals(200, new java.util.TreeSet<>(p.ids()).size());
        assertTrue(p.skipped() > 0, "200 of 1024 positions must collide somewhere");
        PathsExperiment.Result r = new PathsExperiment(new PathsExperiment.Settings(List.of(200), 200, 10, 1,
                Routing.FINGERS, LookupStyle.ITERATIVE)).run();
        assertEquals(0, r.unexpected());
        assertEquals(p.skipped(), r.skippedAddresses());
    }

    @Test
    void percentilesAreNearestRank() {
        ExperimentSupport.Distribution d = new ExperimentSupport.Distribution();
        for (int v = 1; v <= 100; v++) {
            d.add(v);
        }
        assertEquals(1, d.percentile(1));
        assertEquals(50, d.percentile(50));
        assertEquals(99, d.percentile(99));
        assertEquals(100, d.percentile(100));
        assertEquals(50.5, d.mean(), 1e-12);
        ExperimentSupport.Distribution empty = new ExperimentSupport.Distribution();
        assertTrue(Double.isNaN(empty.mean()));
        assertEquals(0, empty.percentile(99));
    }
}
