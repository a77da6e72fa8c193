package io.distviz.ui.chord;

import io.distviz.chord.ChordConfig;
import io.distviz.scenario.Scenario;
import io.distviz.sim.LinkProfile;
import io.distviz.ui.theme.Appearance;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * How long the Chord page takes to draw a frame of a big ring with its messages in flight, on the FX thread
 * (headless, software rendering). Not part of the build: run it with
 * {@code mvn test -Dtest=ChordPageBenchmark -Dsurefire.excludedGroups= -Dgroups=benchmark}. It prints the
 * figures docs/PERFORMANCE.md quotes and asserts nothing about speed.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class ChordPageBenchmark {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void drawTimePerFrame(FxRobot robot) {
        for (int nodes : new int[] {64, 1024, 4096, 16384}) {
            int bits = nodes <= 64 ? 8 : 20;
            Scenario settings = new Scenario(null, null, Scenario.Protocol.CHORD, 1, LinkProfile.DEFAULT,
                    new Scenario.ChordSetup(ChordConfig.defaults().withBits(bits)), List.of(), null);
            ChordPage[] page = new ChordPage[1];
            robot.interact(() -> {
                page[0] = new ChordPage(new Appearance(), settings, nodes, 1);
                stage.setScene(new Scene((javafx.scene.Parent) page[0].view(), 1150, 690));
                stage.show();
                page[0].model().simulation().runFor(500_000);
                page[0].model().session().publish();
            });
            double[] best = {Double.MAX_VALUE};
            for (int round = 0; round < 3; round++) {
                long[] total = new long[1];
                int frames = 120;
                robot.interact(() -> {
                    for (int f = 0; f < frames; f++) {
                        // 1/60 s of wall time at the page's default speed: what a frame advances.
                        page[0].model().simulation().runFor((long) (16_667 * ChordPage.DEFAULT_SPEED));
                        long t0 = System.nanoTime();
                        page[0].onFrame();
                        total[0] += System.nanoTime() - t0;
                    }
                });
                best[0] = Math.min(best[0], total[0] / 1e6 / frames);
            }
            int inFlight = page[0].model().simulation().inFlight().size();
            System.out.printf(Locale.ROOT, "chord page, %5d nodes: %.2f ms per frame (best of 3 × 120 frames), "
                    + "%d messages in flight%n", nodes, best[0], inFlight);
        }
    }
}
