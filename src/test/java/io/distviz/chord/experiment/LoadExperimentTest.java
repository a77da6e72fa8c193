package io.distviz.chord.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Load balance, Stoica et al. 2001, section 6.2: virtual nodes even out the keys per node. */
class LoadExperimentTest {

    private static LoadExperiment experiment(int nodes, int keys, List<Integer> v, long seed) {
        return new LoadExperiment(new LoadExperiment.Settings(nodes, keys, v, 32, seed));
    }

    @Test
    void everyKeyBelongsToExactlyOneNode() {
        LoadExperiment e = experiment(500, 20_000, List.of(1, 4), 1);
        assertEquals(20_000, Arrays.stream(e.keysPerNode(1)).sum());
        assertEquals(20_000, Arrays.stream(e.keysPerNode(4)).sum());
        for (LoadExperiment.Row row : e.run().rows()) {
            assertEquals(40.0, row.meanKeys(), 1e-9);
            assertTrue(row.p1Keys() <= row.meanKeys() && row.meanKeys() <= row.p99Keys(), row.toString());
            assertTrue(row.p99Keys() <= row.maxKeys(), row.toString());
        }
    }

    @Test
    void virtualNodesNarrowTheSpread() {
        List<LoadExperiment.Row> rows = experiment(1000, 50_000, List.of(1, 10), 1).run().rows();
        LoadExperiment.Row one = rows.get(0);
        LoadExperiment.Row ten = rows.get(1);
        assertEquals(1, one.virtualNodes());
        assertEquals(10, ten.virtualNodes());
        // The paper's observation: with one identifier per node the 99th percentile is several times the mean
        // and some nodes hold nothing; with about log2 N virtual nodes the spread is much narrower.
        assertTrue(one.p99Keys() / one.meanKeys() > 3, one.toString());
        assertTrue(one.nodesWithNoKeys() > 0, one.toString());
        assertTrue(ten.p99Keys() / ten.meanKeys() < 2.2, ten.toString());
        assertTrue(ten.p1Keys() > one.p1Keys(), rows.toString());
        assertEquals(0, ten.nodesWithNoKeys(), ten.toString());
    }

    @Test
    void theSeedDecidesWhereTheNodesAre() {
        assertEquals(experiment(300, 5_000, List.of(1), 5).run().rows(), experiment(300, 5_000, List.of(1), 5).run().rows());
        assertNotEquals(experiment(300, 5_000, List.of(1), 5).run().rows(),
                experiment(300, 5_000, List.of(1), 6).run().rows());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> experiment(0, 10, List.of(1), 1));
        assertThrows(IllegalArgumentException.class, () -> experiment(10, 0, List.of(1), 1));
        assertThrows(IllegalArgumentException.class, () -> experiment(10, 10, List.of(0), 1));
        assertThrows(IllegalArgumentException.class, () -> experiment(10, 10, List.of(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new LoadExperiment.Settings(100, 10, List.of(1), 6, 1));
    }
}
