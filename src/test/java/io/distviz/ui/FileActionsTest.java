package io.distviz.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.export.ExportFormat;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioException;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.theme.Appearance;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The File menu's work: a saved run re-opens as the same run; a picture of the page is written. */
@ExtendWith(ApplicationExtension.class)
class FileActionsTest {
    private AppShell shell;
    private FileActions files;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        shell = new AppShell(DistVizApp.defaultPages(appearance, id -> shell.show(id)), appearance);
        shell.install(stage);
        stage.show();
        java.util.Map<io.distviz.scenario.Scenario.Protocol, EnginePage> engines =
                new java.util.EnumMap<>(io.distviz.scenario.Scenario.Protocol.class);
        for (String id : new String[] {"chord", "raft", "clocks"}) {
            EnginePage p = (EnginePage) shell.page(id);
            engines.put(p.model().settings().protocol(), p);
        }
        files = new FileActions(engines, shell::show);
    }

    @Test
    void aSavedRunReopensAsTheSameRun(FxRobot robot) throws Exception {
        EnginePage raft = (EnginePage) shell.page("raft");
        robot.interact(() -> {
            shell.show("raft");
            raft.model().simulation().runUntil(600_000);
            raft.model().perform(new ScenarioAction.Crash("leader"));
            raft.model().simulation().runUntil(1_500_000);
        });
        String hash = raft.model().simulation().trace().hash();
        Path saved = dir.resolve("run.json");
        robot.interact(() -> {
            try {
                files.export(raft, ExportFormat.JSON, saved);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // Play on, then open the saved file: the page shows the saved run again, exactly.
        robot.interact(() -> {
            raft.model().simulation().runUntil(3_000_000);
            shell.show("home");
        });
        robot.interact(() -> {
            try {
                files.open(saved);
            } catch (ScenarioException e) {
                throw new AssertionError(e.getMessage());
            }
        });
        assertEquals("raft", shell.currentPageProperty().get().id());
        assertEquals(hash, raft.model().simulation().trace().hash());
        assertEquals(1_500_000, raft.model().simulation().nowMicros());
        assertEquals(1, raft.model().actions().size(), "the crash, which Undo can take back");
        Path csv = dir.resolve("run.csv");
        robot.interact(() -> {
            try {
                files.export(raft, ExportFormat.CSV, csv);
                FileActions.exportPng(raft.view(), 2, dir.resolve("raft.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.readString(csv).startsWith("index,timeMicros,kind"));
        assertTrue(Files.size(dir.resolve("raft.png")) > 1000);
    }

    @Test
    void aBrokenTraceIsRefusedWithItsProblemsAndChangesNothing(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"distviz-trace\", \"version\": 1}");
        EnginePage chord = (EnginePage) shell.page("chord");
        String before = chord.model().simulation().trace().hash();
        ScenarioException e = assertThrows(ScenarioException.class, () -> files.open(bad));
        assertTrue(FileActions.describe(e.problems()).contains("$.scenario"), e.getMessage());
        assertEquals(before, chord.model().simulation().trace().hash());
    }
}
