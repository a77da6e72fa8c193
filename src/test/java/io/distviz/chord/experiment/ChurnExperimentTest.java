package io.distviz.chord.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.sim.Micros;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups during stabilization, Stoica et al. 2001, section 6.5. */
class ChurnExperimentTest {

    private static ChurnExperiment.Result run(long seed) {
        return new ChurnExperiment(new ChurnExperiment.Settings(100, List.of(0.0, 0.5), Micros.ofSeconds(120), 5,
                Micros.ofSeconds(30), 32, seed)).run();
    }

    @Test
    void runsAndGivesFractions() {
        ChurnExperiment.Result r = run(1);
        ChurnExperiment.Row calm = r.rows().get(0);
        ChurnExperiment.Row churn = r.rows().get(1);
        assertEquals(0.0, calm.failedLookupFraction(), "without churn every lookup answers rightly: " + calm);
        assertEquals(0.0, calm.meanTimeouts());
        assertEquals(0, calm.joins() + calm.failures());
        assertTrue(calm.lookups() > 400 && calm.lookups() < 800, calm.toString());
        assertTrue(churn.joins() > 20 && churn.failures() > 20, churn.toString());
        assertTrue(churn.lookups() > 400, churn.toString());
        for (ChurnExperiment.Row row : r.rows()) {
            assertTrue(row.failedLookupFraction() >= 0 && row.failedLookupFraction() <= 1, row.toString());
            assertTrue(row.meanHops() > 0, row.toString());
            assertTrue(row.meanTimeouts() >= 0, row.toString());
        }
    }

    @Test
    void theSeedDecidesTheResult() {
        assertEquals(run(3).rows(), run(3).rows());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChurnExperiment.Settings(100, List.of(-1.0),
                Micros.ofSeconds(10), 1, Micros.ofSeconds(30), 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new ChurnExperiment.Settings(100, List.of(0.1),
                0, 1, Micros.ofSeconds(30), 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new ChurnExperiment.Settings(100, List.of(0.1),
                Micros.ofSeconds(10), 0, Micros.ofSeconds(30), 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new ChurnExperiment.Settings(100, List.of(),
                Micros.ofSeconds(10), 1, Micros.ofSeconds(30), 32, 1));
    }
}
