package io.distviz.ui.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.experiment.PathsExperiment;
import io.distviz.ui.AppShell;
import io.distviz.ui.DistVizApp;
import io.distviz.ui.theme.Appearance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Experiments page: a run draws the same numbers as the headless command; Cancel stops it. */
@ExtendWith(ApplicationExtension.class)
class ExperimentsPageTest {
    private AppShell shell;
    private ExperimentsPage page;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        shell = new AppShell(DistVizApp.defaultPages(appearance, id -> shell.show(id)), appearance);
        shell.install(stage);
        stage.show();
        shell.show(ExperimentsPage.ID);
        page = (ExperimentsPage) shell.page(ExperimentsPage.ID);
    }

    @Test
    void aSmallRunDrawsTheHeadlessCommandsNumbers(FxRobot robot) throws Exception {
        ExperimentCard card = page.card("chord-paths");
        robot.interact(() -> {
            card.param("nodes").setText("16,64");
            card.param("lookups").setText("300");
            card.param("seed").setText("5");
        });
        robot.interact(card::start);
        card.worker().join(60_000);
        assertFalse(card.worker().isAlive());
        WaitForAsyncUtils.waitForFxEvents();
        // What `experiment chord-paths --nodes 16,64 --lookups 300 --seed 5` computes (its default bits are 32).
        List<PathsExperiment.Row> expected = new PathsExperiment(new PathsExperiment.Settings(List.of(16, 64), 300,
                32, 5, ChordConfig.Routing.FINGERS, ChordConfig.LookupStyle.ITERATIVE)).run().rows();
        ChartView.Series mean = card.chart().series().get(0);
        assertEquals(expected.size(), mean.points().size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).nodes(), mean.points().get(i)[0]);
            assertEquals(expected.get(i).meanHops(), mean.points().get(i)[1], 1e-12);
            assertEquals(expected.get(i).p1Hops(), mean.errors().get(i)[0]);
            assertEquals(expected.get(i).p99Hops(), mean.errors().get(i)[1]);
        }
        assertTrue(card.status().getText().startsWith("Done"), card.status().getText());
        Path csv = dir.resolve("paths.csv");
        robot.interact(() -> card.exportCsv(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + expected.size(), lines.size());
        assertTrue(lines.get(1).startsWith("16,300,"), lines.get(1));
        Path png = dir.resolve("paths.png");
        robot.interact(() -> card.exportPng(png));
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }

    @Test
    void cancelStopsARunAndLeavesNoThreadBehind(FxRobot robot) throws Exception {
        ExperimentCard card = page.card("raft-election");
        robot.interact(() -> card.param("trials").setText("100000"));
        robot.interact(card::start);
        assertTrue(card.worker().isAlive());
        robot.interact(card::cancel);
        card.worker().join(120_000);
        assertFalse(card.worker().isAlive(), "the experiment's thread ended");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(card.status().getText().startsWith("Cancelled"), card.status().getText());
    }

    @Test
    void nonsenseInAParameterIsRefusedWithAMessage(FxRobot robot) {
        ExperimentCard card = page.card("chord-load");
        robot.interact(() -> card.param("virtual").setText("1,two"));
        robot.interact(card::start);
        assertEquals(null, card.worker());
        assertTrue(card.status().getText().contains("'two' is not a whole number"), card.status().getText());
    }
}
