package io.distviz.chord.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.sim.Micros;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simultaneous failures, Stoica et al. 2001, section 6.4: lookups fail only for the keys whose node died. */
class FailuresExperimentTest {

    @Test
    void lookupsFailAboutAsOftenAsNodesDidAndNoMore() {
        FailuresExperiment.Result r = new FailuresExperiment(new FailuresExperiment.Settings(300, 1_000_000,
                List.of(0.0, 0.2), 1_000, 32, 0, Micros.ofSeconds(30), 1)).run();
        assertEquals(0, r.unfinished());
        FailuresExperiment.Row none = r.rows().get(0);
        FailuresExperiment.Row some = r.rows().get(1);
        assertEquals(new FailuresExperiment.Row(300, 0.0, 1_000, none.meanHops(), 0.0, 0.0, 0.0), none);
        assertEquals(1_000, some.lookups());
        assertEquals(0.2, some.failedLookupFraction(), 0.08, some.toString());
        // The ring healed: every failure is a key whose node crashed.
        assertEquals(some.keysLostFraction(), some.failedLookupFraction(), 0.02, some.toString());
        assertTrue(some.meanHops() > 1 && some.meanHops() < 6, some.toString());
    }

    @Test
    void theSuccessorListIsTwiceLog2N() {
        assertEquals(18, new FailuresExperiment.Settings(300, 10, List.of(0.1), 1, 32, 0, 0, 1).successors());
        assertEquals(28, new FailuresExperiment.Settings(10_000, 10, List.of(0.1), 1, 32, 0, 0, 1).successors());
        assertEquals(5, new FailuresExperiment.Settings(10_000, 10, List.of(0.1), 1, 32, 5, 0, 1).successors());
        assertEquals(32, ExperimentSupport.successorListFor(100_000));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new FailuresExperiment.Settings(300, 10, List.of(1.0), 1, 32, 0, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new FailuresExperiment.Settings(300, 10, List.of(-0.1), 1, 32, 0, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new FailuresExperiment.Settings(300, 0, List.of(0.1), 1, 32, 0, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new FailuresExperiment.Settings(1, 10, List.of(0.1), 1, 32, 0, 0, 1));
    }
}
