package io.distviz.ui.clocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.ClockNetwork;
import io.distviz.scenario.ClockDriver;
import io.distviz.scenario.ScenarioAction;
import io.distviz.sim.NodeId;
import io.distviz.ui.engine.EngineModel;
import org.junit.jupiter.api.Test;

/** The chart's data is the engine's clocks, evaluated, however the run was advanced. */
class ClockHistoryTest {

    private static EngineModel model() {
        return new EngineModel(ClocksPage.defaultSettings(), 7, ClocksPage.STARTING_SET_UP);
    }

    @Test
    void theSampledOffsetsAreTheEnginesAtEveryGridPoint() {
        EngineModel m = model();
        ClockHistory h = new ClockHistory(m.simulation());
        ClockNetwork net = ((ClockDriver) m.driver()).network();
        m.perform(new ScenarioAction.ClockAlgorithm("ntp", "ref", null, 2));
        // Advanced in uneven jumps, as frames do; each check is at a grid point, where the series has a sample.
        for (long t = 3_000_000; t <= 120_000_000; t += 13_500_000) {
            m.simulation().runUntil(t);
            h.update();
            for (ClockHistory.Track tr : h.tracks()) {
                if (tr.charted()) {
                    OffsetSeries s = tr.series;
                    assertEquals(t, s.timeMicros(s.size() - 1));
                    assertEquals(net.offsetFromTrueTimeNanos(tr.id), s.valueNanos(s.size() - 1), 1.0, tr.id + " at " + t);
                }
            }
        }
        assertTrue(h.marks().stream().anyMatch(k -> k.adjustment() == ClockEvent.Adjustment.STEP));
        ClockHistory.SyncMark first = h.marks().get(0);
        assertEquals(first.afterNanos() - first.beforeNanos(), first.amountNanos(), 2.0,
                "a step moves the drawn line by exactly the correction");
    }

    @Test
    void thinningKeepsTheExtremesAndBoundsThePoints() {
        OffsetSeries s = new OffsetSeries(64);
        for (int i = 0; i < 1000; i++) {
            s.add(i, i == 10 ? 1e9 : i == 500 ? -1e9 : Math.sin(i));
        }
        assertTrue(s.size() <= 64);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            max = Math.max(max, s.valueNanos(i));
            min = Math.min(min, s.valueNanos(i));
            if (i > 0) {
                assertTrue(s.timeMicros(i) >= s.timeMicros(i - 1));
            }
        }
        assertEquals(1e9, max);
        assertEquals(-1e9, min);
        assertEquals(999, s.timeMicros(s.size() - 1), "the newest points are kept as they are");
    }

    @Test
    void aCrashBreaksTheLineAndARestartContinuesIt() {
        EngineModel m = model();
        ClockHistory h = new ClockHistory(m.simulation());
        m.simulation().runUntil(5_000_000);
        m.perform(new ScenarioAction.Crash("n2"));
        m.simulation().runUntil(8_000_000);
        h.update();
        assertTrue(h.track("n2").series.lastIsBreak());
        m.perform(new ScenarioAction.Restart("n2"));
        m.simulation().runUntil(9_000_000);
        h.update();
        assertTrue(!h.track("n2").series.lastIsBreak());
        ClockNetwork net = ((ClockDriver) m.driver()).network();
        OffsetSeries s = h.track("n2").series;
        assertEquals(net.offsetFromTrueTimeNanos(NodeId.of("n2")), s.valueNanos(s.size() - 1), 1.0);
    }
}
