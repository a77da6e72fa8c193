package io.distviz.ui.clocks;

import io.distviz.clocks.ClockNetwork;
import io.distviz.clocks.ClockNodeState;
import io.distviz.scenario.ClockDriver;
import io.distviz.scenario.ScenarioAction;
import io.distviz.sim.NodeId;
import io.distviz.ui.engine.EngineModel;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.scene.canvas.Canvas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A measurement, not a test: how long one frame of the Clocks page takes to draw with 16 machines (and a GPS
 * reference) after an hour of NTP, on the page's real renderer and a canvas of the page's size at 1280×800.
 * Off by default; run it with
 * {@code mvn -o test -Dtest=ClocksChartBenchmark -Dclocks.bench=true} and read the figures it prints.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "clocks.bench", matches = "true")
class ClocksChartBenchmark {

    @Test
    void drawSixteenClocksAfterAnHour(FxRobot robot) {
        List<ScenarioAction> setUp = new ArrayList<>();
        setUp.add(new ScenarioAction.ClockAddReference("gps"));
        for (int i = 0; i < 16; i++) {
            setUp.add(new ScenarioAction.ClockAdd("quartz", null, 0));
        }
        EngineModel m = new EngineModel(ClocksPage.defaultSettings(), 42, setUp);
        m.perform(new ScenarioAction.ClockAlgorithm("ntp", "ref", null, 4));
        ClockHistory history = new ClockHistory(m.simulation());
        CausalWindow window = new CausalWindow(m.simulation());
        long start = System.nanoTime();
        // An hour in one-second frames, as the page would see it at 30x speed (60 frames a second).
        for (long t = 1_000_000; t <= 3_600_000_000L; t += 1_000_000) {
            m.simulation().runUntil(t);
            history.update();
        }
        double simAndHistoryS = (System.nanoTime() - start) / 1e9;
        ClockNetwork net = ((ClockDriver) m.driver()).network();
        int points = 0;
        for (ClockHistory.Track tr : history.tracks()) {
            points += tr.series.size();
        }
        long[] chartNanos = new long[200];
        long[] frameNanos = new long[200];
        int marks = history.marks().size();
        int traceEvents = m.simulation().trace().size();
        int finalPoints = points;
        Canvas canvas = new Canvas(840, 600);
        ClocksRenderer renderer = new ClocksRenderer();
        List<ClockNodeState> states = net.states();
        for (int k = 0; k < chartNanos.length; k++) {
            int i = k;
            // One frame per trip to the FX thread, as the animation timer draws them.
            robot.interact(() -> {
                long a = System.nanoTime();
                window.refresh();
                long b = System.nanoTime();
                renderer.draw(canvas.getGraphicsContext2D(), 840, 600, new ClocksRenderer.Frame(
                        m.simulation().nowMicros(), states, List.<NodeId>of(), m.simulation().inFlight(), history,
                        window, ClocksRenderer.ChartSpan.ALL, ClocksRenderer.StampKind.VECTOR,
                        ClocksRenderer.Below.BOTH, NodeId.of("n1"), Palette.LIGHT, 1.0));
                long c = System.nanoTime();
                chartNanos[i] = c - b;
                frameNanos[i] = c - a;
            });
        }
        Arrays.sort(chartNanos);
        Arrays.sort(frameNanos);
        // The first draws warm up the JIT; the medians and the 95th percentile are over all 200.
        System.out.printf(Locale.ROOT, "clocks bench: 16 machines + ref, NTP, 1 h virtual: %d trace events, %d chart "
                        + "points kept, %d correction marks; run + history %.1f s%n", traceEvents, finalPoints, marks,
                simAndHistoryS);
        System.out.printf(Locale.ROOT, "clocks bench: draw (cards, chart, exchange, space-time) median %.2f ms, p95 %.2f "
                        + "ms, max %.2f ms%n", chartNanos[100] / 1e6, chartNanos[190] / 1e6, chartNanos[199] / 1e6);
        System.out.printf(Locale.ROOT, "clocks bench: with restamping the space-time window median %.2f ms, p95 %.2f "
                + "ms%n", frameNanos[100] / 1e6, frameNanos[190] / 1e6);
    }
}
