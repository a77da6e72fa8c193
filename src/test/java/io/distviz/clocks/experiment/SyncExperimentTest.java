package io.distviz.clocks.experiment;

import io.distviz.clocks.ClockKind;
import io.distviz.clocks.SyncAlgorithm;
import io.distviz.sim.Micros;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncExperimentTest {

    private static SyncExperiment.Settings settings(SyncAlgorithm a, boolean ignoreRoundTrip) {
        return new SyncExperiment.Settings(a, 6, Micros.ofSeconds(1800), Micros.ofSeconds(600), ClockKind.QUARTZ,
                Micros.ofMillis(20), Micros.ofSeconds(64), ignoreRoundTrip, 5);
    }

    @Test
    void everyAlgorithmBeatsFreeRunningClocksAndTheBoundsHold() {
        EnumMap<SyncAlgorithm, SyncExperiment.Result> r = new EnumMap<>(SyncAlgorithm.class);
        for (SyncAlgorithm a : SyncAlgorithm.values()) {
            r.put(a, SyncExperiment.run(settings(a, false)));
        }
        SyncExperiment.Result none = r.get(SyncAlgorithm.NONE);
        assertTrue(none.maxPairwiseSkewMs() > 50, "free quartz clocks for half an hour: " + none);
        assertEquals(0, none.messages());
        assertNull(none.boundViolations());
        for (SyncAlgorithm a : new SyncAlgorithm[] {SyncAlgorithm.CRISTIAN, SyncAlgorithm.BERKELEY, SyncAlgorithm.NTP}) {
            SyncExperiment.Result x = r.get(a);
            assertTrue(x.maxPairwiseSkewMs() < none.maxPairwiseSkewMs() / 5, a + ": " + x);
            assertTrue(x.meanAbsOffsetMs() <= x.maxAbsOffsetMs());
            assertTrue(x.adjustments() > 0 && x.messages() > 0);
        }
        assertNull(r.get(SyncAlgorithm.BERKELEY).boundViolations(), "Berkeley states no bound");
        for (SyncAlgorithm a : new SyncAlgorithm[] {SyncAlgorithm.CRISTIAN, SyncAlgorithm.NTP}) {
            assertEquals(0, r.get(a).boundViolations(), a.label());
            assertTrue(r.get(a).boundChecks() > 100);
        }
        // Cristian and NTP follow a reference; Berkeley only keeps the machines together.
        assertTrue(r.get(SyncAlgorithm.NTP).maxAbsOffsetMs() < 10);
        assertTrue(r.get(SyncAlgorithm.CRISTIAN).maxAbsOffsetMs() < 10);
    }

    @Test
    void ignoringTheRoundTripShowsInTheBoundViolations() {
        SyncExperiment.Result cristian = SyncExperiment.run(settings(SyncAlgorithm.CRISTIAN, true));
        assertTrue(cristian.boundViolations() > cristian.boundChecks() / 2, cristian.toString());
        assertTrue(cristian.meanAbsOffsetMs() > 10, "wrong by about a one-way delay: " + cristian);
    }

    @Test
    void theSameSettingsGiveTheSameResult() {
        assertEquals(SyncExperiment.run(settings(SyncAlgorithm.NTP, false)),
                SyncExperiment.run(settings(SyncAlgorithm.NTP, false)));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SyncExperiment.Settings(SyncAlgorithm.NTP, 1,
                Micros.ofSeconds(100), 0, ClockKind.QUARTZ, 0, Micros.ofSeconds(64), false, 1));
        IllegalArgumentException warm = assertThrows(IllegalArgumentException.class,
                () -> new SyncExperiment.Settings(SyncAlgorithm.NTP, 4, Micros.ofSeconds(100), Micros.ofSeconds(100),
                        ClockKind.QUARTZ, 0, Micros.ofSeconds(64), false, 1));
        assertTrue(warm.getMessage().contains("warm-up"));
        assertThrows(IllegalArgumentException.class, () -> new SyncExperiment.Settings(SyncAlgorithm.NTP, 4,
                Micros.ofSeconds(100), 0, ClockKind.CUSTOM, 0, Micros.ofSeconds(64), false, 1));
        IllegalArgumentException poll = assertThrows(IllegalArgumentException.class,
                () -> new SyncExperiment.Settings(SyncAlgorithm.NTP, 4, Micros.ofSeconds(100), 0, ClockKind.QUARTZ,
                        Micros.ofMillis(500), Micros.ofSeconds(2), false, 1));
        assertTrue(poll.getMessage().contains("poll interval"), poll.getMessage());
    }

    @Test
    void theLineOverTimeFollowsTheWorstClockAndAgreesWithTheFigures() {
        SyncExperiment.Result r = SyncExperiment.run(settings(SyncAlgorithm.NONE, false));
        long seconds = r.settings().durationMicros() / 1_000_000;
        assertTrue(r.overTime().size() >= Math.min(seconds, 200), "about 240 points: " + r.overTime().size());
        double afterWarmup = 0;
        for (SyncExperiment.Sample x : r.overTime()) {
            if (x.seconds() * 1_000_000 >= r.settings().warmupMicros()) {
                afterWarmup = Math.max(afterWarmup, x.maxAbsOffsetMs());
            }
        }
        // The line samples a subset of the seconds the figures read, so it never exceeds their maximum.
        assertTrue(afterWarmup <= r.maxAbsOffsetMs() + 1e-9, afterWarmup + " > " + r.maxAbsOffsetMs());
        assertTrue(afterWarmup > 0.5 * r.maxAbsOffsetMs(), "free clocks drift steadily: the line reaches the maximum");
        // Free-running quartz clocks only walk away: the last point is further off than the first.
        assertTrue(r.overTime().get(r.overTime().size() - 1).maxAbsOffsetMs() > r.overTime().get(0).maxAbsOffsetMs());
    }
}
