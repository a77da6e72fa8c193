package io.distviz.raft.experiment;

import io.distviz.sim.Micros;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElectionExperimentTest {

    private static ElectionExperiment.Result run(long min, long max, int trials) {
        return ElectionExperiment.run(new ElectionExperiment.Settings(5, Micros.ofMillis(min), Micros.ofMillis(max),
                trials, Micros.ofMillis(15), 42));
    }

    @Test
    void randomizedTimeoutsElectQuicklyAndFixedOnesSplitVotes() {
        ElectionExperiment.Result wide = run(150, 300, 60);
        ElectionExperiment.Result fixed = run(150, 150, 60);
        System.out.println(wide.medianMs() + " " + wide.p99Ms() + " / " + fixed.medianMs() + " " + fixed.p99Ms() + " " + fixed.trialsWithoutLeader());
        // A new leader cannot appear before the first timeout after the last heartbeat, nor (with 15 ms
        // links) before a vote round trip.
        assertTrue(wide.downtimesMs().get(0) >= 150 - 50 + 30, "earliest " + wide.downtimesMs().get(0));
        assertTrue(wide.medianMs() < 400, "median " + wide.medianMs());
        assertTrue(fixed.p99Ms() > 2 * wide.p99Ms(), "split votes make fixed timeouts slow: " + fixed.p99Ms()
                + " vs " + wide.p99Ms());
        assertEquals(60, wide.downtimesMs().size());
    }

    @Test
    void sameSeedSameFigures() {
        assertEquals(run(150, 200, 10), run(150, 200, 10));
    }
}
