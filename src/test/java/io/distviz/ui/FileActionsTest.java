package io.distviz.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.export.ExportFormat;
import io.distviz.export.RunCopy;
import io.distviz.raft.KvCommand;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioException;
import io.distviz.scenario.ScenarioLoader;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.scenario.Step;
import io.distviz.scenario.TraceFile;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.theme.Appearance;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The File menu's work, called with paths as the menu calls it once a file is chosen: a saved run re-opens
 * as the same run; a scenario opens on its page and a run saves as one; large traces are written off the FX
 * thread and can be cancelled; a failed write says why and keeps the old file; pictures have the size asked.
 */
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
        files = shell.files();
    }

    private EnginePage page(String id) {
        return (EnginePage) shell.page(id);
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What {@code c} returns, computed on the FX thread. */
    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs the page's simulation to {@code micros} as Play then Pause would: every event due by then. */
    private static void runTo(EnginePage page, long micros) {
        page.model().simulation().runUntil(micros);
        page.model().session().publish();
    }

    // ============================================================================================ traces

    @Test
    void openingATraceFromTheMenuReplaysItInTheBackgroundAndCancelChangesNothing(FxRobot robot) throws Exception {
        EnginePage raft = page("raft");
        robot.interact(() -> {
            shell.show("raft");
            runTo(raft, 400_000);
            raft.model().perform(new ScenarioAction.RaftAddClient(null));
            runTo(raft, 60_000_000);
        });
        String hash = raft.model().simulation().trace().hash();
        Path saved = dir.resolve("long.json");
        robot.interact(() -> io(() -> files.export(raft, ExportFormat.JSON, saved)));
        robot.interact(() -> raft.model().reset());
        Object before = raft.model().driver();

        // Cancel during the replay: the job stops, and the page keeps what it had.
        List<Double> reached = new java.util.ArrayList<>();
        JobRunner.Progress cancelling = new JobRunner.Progress() {
            @Override
            public void checkCancelled() {
                if (!reached.isEmpty()) {
                    throw new java.util.concurrent.CancellationException();
                }
            }

            @Override
            public void update(double done, double total, String message) {
                reached.add(done / total);
            }
        };
        assertThrows(java.util.concurrent.CancellationException.class, () -> files.traceJob(saved).run(cancelling));
        assertEquals(1, reached.size());
        assertTrue(reached.get(0) < 1, "stopped part of the way: " + reached);
        assertTrue(before == raft.model().driver());

        // Through to the end: the same run, with the pages' close checkpoints for the timeline.
        List<Double> all = new java.util.ArrayList<>();
        ScenarioRunner.Result run = files.traceJob(saved).run(new JobRunner.Progress() {
            @Override
            public void checkCancelled() {
            }

            @Override
            public void update(double done, double total, String message) {
                all.add(done / total);
            }
        });
        assertEquals(hash, run.driver().simulation().trace().hash());
        assertEquals(1.0, all.get(all.size() - 1));
        assertTrue(all.size() > 2, "progress along the way: " + all.size());
        assertEquals(io.distviz.ui.engine.EngineModel.CHECKPOINT_EVERY_EVENTS,
                run.driver().simulation().config().checkpointEveryEvents());
    }

    @Test
    void aSavedRunReopensAsTheSameRun(FxRobot robot) throws Exception {
        EnginePage raft = page("raft");
        robot.interact(() -> {
            shell.show("raft");
            runTo(raft, 600_000);
            raft.model().perform(new ScenarioAction.Crash("leader"));
            runTo(raft, 1_500_000);
        });
        String hash = raft.model().simulation().trace().hash();
        Path saved = dir.resolve("run.json");
        robot.interact(() -> io(() -> files.export(raft, ExportFormat.JSON, saved)));
        // Play on, then open the saved file: the page shows the saved run again, exactly.
        robot.interact(() -> {
            runTo(raft, 3_000_000);
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
        robot.interact(() -> io(() -> files.export(raft, ExportFormat.CSV, csv)));
        assertTrue(Files.readString(csv).startsWith("index,timeMicros,kind"));
    }

    @Test
    void aBrokenTraceIsRefusedWithItsProblemsAndChangesNothing(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"distviz-trace\", \"version\": 1}");
        EnginePage chord = page("chord");
        String before = chord.model().simulation().trace().hash();
        ScenarioException e = assertThrows(ScenarioException.class, () -> files.open(bad));
        assertTrue(FileActions.describe(e.problems()).contains("$.scenario"), e.getMessage());
        assertEquals(before, chord.model().simulation().trace().hash());
    }

    /**
     * A few minutes of a Raft cluster (tens of thousands of events) written through the menu's path: off the
     * FX thread, complete, and for the DistViz format replayable to the same hash.
     */
    @Test
    void aLargeTraceIsWrittenInTheBackgroundCompleteAndReplayable(FxRobot robot) throws Exception {
        Scenario raftCrash = ScenarioLoader.load(Path.of("scenarios/raft-leader-crash.json"));
        ScenarioRunner.Result minutes = ScenarioRunner.run(raftCrash,
                new ScenarioRunner.Options(null, 180_000_000L, null));
        assertTrue(minutes.simulation().trace().size() > 20_000, "large: " + minutes.simulation().trace().size());
        EnginePage raft = page("raft");
        robot.interact(() -> files.show(minutes));
        String hash = raft.model().simulation().trace().hash();
        int events = raft.model().simulation().trace().size();

        Path json = dir.resolve("minutes.json");
        robot.interact(() -> shell.exportTrace(raft, ExportFormat.JSON, json));
        // The simulation may play on meanwhile: what is written is the run as it was when asked.
        robot.interact(() -> runTo(raft, 181_000_000));
        waitUntil(() -> shell.status().text().startsWith("Wrote " + json));
        TraceFile.Saved saved;
        try (Reader r = Files.newBufferedReader(json)) {
            saved = TraceFile.read(r, json.toString());
        }
        assertEquals(events, saved.eventCount(), "every event is in the file");
        assertEquals(hash, saved.hash());
        assertEquals(hash, TraceFile.replay(saved, json.toString()).simulation().trace().hash(),
                "the file replays to the same run");

        Path csv = dir.resolve("minutes.csv");
        robot.interact(() -> shell.exportTrace(raft, ExportFormat.CSV, csv));
        waitUntil(() -> shell.status().text().startsWith("Wrote " + csv));
        try (Stream<String> lines = Files.lines(csv)) {
            assertTrue(lines.count() > events, "a header and a row per event of the run played on");
        }
    }

    /**
     * Cancel in the progress dialog: the job stops, no file is left, and a file that was there keeps its
     * content. The job is held at its start so that the dialog surely shows while it runs.
     */
    @Test
    void cancellingAnExportLeavesTheOldFileAndNoPartialOne(FxRobot robot) throws Exception {
        EnginePage raft = page("raft");
        robot.interact(() -> runTo(raft, 5_000_000));
        RunCopy run = fx(() -> FileActions.copyOf(raft));
        Path file = Files.writeString(dir.resolve("run.json"), "yesterday's trace");
        CountDownLatch release = new CountDownLatch(1);
        boolean[] cancelled = new boolean[1];
        JobRunner.Job<Path> export = FileActions.exportJob(run, ExportFormat.JSON, file);
        robot.interact(() -> shell.jobs().run("Writing run.json", progress -> {
            release.await();
            return export.run(progress);
        }, new JobRunner.Outcome<>() {
            @Override
            public void succeeded(Path result) {
                throw new AssertionError("the export was cancelled");
            }

            @Override
            public void failed(Throwable error) {
                throw new AssertionError(error);
            }

            @Override
            public void cancelled() {
                cancelled[0] = true;
            }
        }));
        waitUntil(() -> shell.jobs().dialogProperty().get() != null
                && shell.jobs().dialogProperty().get().isShowing());
        robot.clickOn("#job-cancel");
        release.countDown();
        waitUntil(() -> cancelled[0]);
        assertEquals(null, shell.jobs().dialogProperty().get(), "the dialog is gone");
        assertEquals("yesterday's trace", Files.readString(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList(), "no temporary file left");
        }
    }

    /** A target the file cannot be written to: the reason in the status line and a dialog, the old file kept. */
    @Test
    void aFailedWriteSaysWhyAndKeepsTheOldFile(FxRobot robot) throws Exception {
        EnginePage raft = page("raft");
        Path folder = Files.createDirectory(dir.resolve("traces.json"));
        Files.writeString(folder.resolve("inside.txt"), "kept");
        robot.interact(() -> shell.exportTrace(raft, ExportFormat.JSON, folder));
        waitUntil(() -> shell.status().showsError());
        assertTrue(shell.status().text().contains("is a folder, not a file"), shell.status().text());
        assertTrue(robot.lookup("#problem-dialog").tryQuery().isPresent(), "a dialog says so too");
        assertEquals("kept", Files.readString(folder.resolve("inside.txt")));

        robot.interact(() -> shell.saveScenario(raft, folder));
        assertTrue(shell.status().text().contains("is a folder, not a file"), shell.status().text());

        Path missing = dir.resolve("no/such/folder/run.json");
        robot.interact(() -> shell.saveScenario(raft, missing));
        assertTrue(shell.status().text().contains("does not exist"), shell.status().text());
    }

    // ============================================================================================ scenarios

    @Test
    void aScenarioOpensOnItsPageRunToItsEnd(FxRobot robot) throws Exception {
        Path file = Path.of("scenarios/raft-leader-crash.json");
        ScenarioRunner.Result headless = ScenarioRunner.run(ScenarioLoader.load(file),
                ScenarioRunner.Options.defaults());
        EnginePage raft = page("raft");
        robot.interact(() -> shell.openScenario(file));
        waitUntil(() -> shell.status().text().startsWith("Opened raft-leader-crash.json"));
        assertEquals("raft", shell.currentPageProperty().get().id());
        assertEquals(headless.simulation().trace().hash(), raft.model().simulation().trace().hash());
        assertEquals(headless.endMicros(), raft.model().simulation().nowMicros());
        assertEquals(headless.actions(), raft.model().actions(), "Undo takes them back one by one");
        assertFalse(shell.status().showsError());
        assertTrue(shell.status().text().contains("all 4 expectations held"), shell.status().text());
    }

    @Test
    void aScenarioWhoseExpectationFailsOrStopsStillOpensAndSaysSo(FxRobot robot) throws Exception {
        Path failing = dir.resolve("failing.json");
        Files.writeString(failing, """
                {"format": "distviz-scenario", "version": 1, "protocol": "raft", "seed": 3,
                 "timeline": [
                   {"at": "1s", "do": "expect", "that": {"leader": "none"}},
                   {"at": "2s", "do": "crash", "node": "s9"}
                 ]}""");
        // s9 does not exist, which the loader catches: the file is refused, not run.
        assertThrows(ScenarioException.class, () -> files.readScenario(failing));

        Files.writeString(failing, """
                {"format": "distviz-scenario", "version": 1, "protocol": "raft", "seed": 3,
                 "timeline": [
                   {"at": "1s", "do": "expect", "that": {"leader": "none"}},
                   {"at": "1500ms", "do": "crash", "node": "s1"},
                   {"at": "1600ms", "do": "crash", "node": "s1"},
                   {"at": "3s", "do": "note", "text": "never reached"}
                 ]}""");
        robot.interact(() -> shell.openScenario(failing));
        waitUntil(() -> shell.status().text().startsWith("Opened failing.json"));
        String said = shell.status().text();
        assertTrue(shell.status().showsError(), said);
        assertTrue(said.contains("stopped at 1.600 s ($.timeline[2])"), said);
        assertTrue(said.contains("refused \"crash node=s1\""), said);
        assertEquals(1, page("raft").model().actions().size(), "the run opens up to where it stopped");
        assertEquals(1_600_000, page("raft").model().simulation().nowMicros());

        ScenarioRunner.Result expectation = ScenarioRunner.run(files.readScenario(failing),
                new ScenarioRunner.Options(null, 1_200_000L, null));
        assertTrue(FileActions.outcome(expectation, "f.json").contains("1 of 1 expectation failed, first "
                + "\"expect there is no leader\" at 1.000 s"), FileActions.outcome(expectation, "f.json"));
    }

    @Test
    void aBrokenScenarioALessonAndATraceAreRefusedWithTheirReasonAndChangeNothing(FxRobot robot) throws Exception {
        EnginePage raft = page("raft");
        String before = raft.model().simulation().trace().hash();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"format": "distviz-scenario", "version": 1, "protocol": "raft",
                 "parameters": {"servers": 12},
                 "timeline": [{"do": "explode"}]}""");
        ScenarioException e = assertThrows(ScenarioException.class, () -> files.readScenario(bad));
        String problems = FileActions.describe(e.problems());
        assertTrue(problems.contains("$.parameters.servers"), problems);

        robot.interact(() -> shell.openScenario(bad));
        assertTrue(shell.status().showsError());
        assertTrue(robot.lookup("#problem-dialog").tryQuery().isPresent(), "the problems are listed in a dialog");
        assertEquals(before, raft.model().simulation().trace().hash(), "nothing changed");
        assertEquals("home", shell.currentPageProperty().get().id());

        ScenarioException lesson = assertThrows(ScenarioException.class,
                () -> files.readScenario(Path.of("lessons/raft-01-leader-election.json")));
        assertTrue(lesson.problems().get(0).message().contains("Lessons page"), lesson.getMessage());

        Path trace = dir.resolve("trace.json");
        robot.interact(() -> io(() -> files.export(raft, ExportFormat.JSON, trace)));
        ScenarioException traceFile = assertThrows(ScenarioException.class, () -> files.readScenario(trace));
        assertTrue(traceFile.problems().get(0).message().contains("Open trace"), traceFile.getMessage());
    }

    /**
     * Saving the shown run as a scenario and opening it again gives the same actions at the same times, on
     * every page. When each action was taken while paused (every event due by then run), as here, the rebuilt
     * run is the same run: same events, same hash.
     */
    @Test
    void aSavedScenarioOpensAsTheSameRun(FxRobot robot) throws Exception {
        EnginePage raft = page("raft");
        EnginePage chord = page("chord");
        EnginePage clocks = page("clocks");
        robot.interact(() -> {
            runTo(raft, 600_000);
            assertTrue(raft.model().perform(new ScenarioAction.Crash("leader")));
            runTo(raft, 1_200_000);
            assertTrue(raft.model().perform(new ScenarioAction.RaftRequest(null, "s2", KvCommand.put("x", "1"))));
            runTo(raft, 2_000_000);
            assertTrue(raft.model().perform(new ScenarioAction.Restart(
                    ((ScenarioAction.Crash) raft.model().actions().get(0).action()).node())));
            runTo(raft, 2_500_000);

            runTo(chord, 3_000_000);
            assertTrue(chord.model().perform(new ScenarioAction.ChordAdd("newcomer", null, null)));
            runTo(chord, 9_000_000);
            assertTrue(chord.model().perform(new ScenarioAction.ChordStore("newcomer", "apple", "red")));
            runTo(chord, 12_000_000);

            runTo(clocks, 5_000_000);
            assertTrue(clocks.model().perform(new ScenarioAction.ClockAlgorithm("ntp", "ref", null, 2)));
            runTo(clocks, 70_000_000);
            assertTrue(clocks.model().perform(new ScenarioAction.ClockSetSkew("n2", 80_000_000)));
            runTo(clocks, 140_000_000);
        });
        for (EnginePage page : List.of(raft, chord, clocks)) {
            List<ScenarioRunner.PerformedAction> before = fx(() -> page.model().asRun().actions());
            String hash = page.model().simulation().trace().hash();
            long end = page.model().simulation().nowMicros();
            Path file = dir.resolve(page.id() + "-scenario.json");
            robot.interact(() -> shell.saveScenario(page, file));
            assertTrue(shell.status().text().startsWith("Wrote " + file), shell.status().text());

            Scenario loaded = ScenarioLoader.load(file);
            Scenario settings = page.model().settings();
            assertEquals(List.of(settings.protocol(), settings.seed(), settings.network(), settings.setup()),
                    List.of(loaded.protocol(), loaded.seed(), loaded.network(), loaded.setup()),
                    page.id() + ": the settings read back");
            assertEquals(end, loaded.endMicros());
            assertEquals(before.size(), loaded.timeline().size());
            for (int i = 0; i < before.size(); i++) {
                Step step = loaded.timeline().get(i);
                assertEquals(Step.Timing.at(before.get(i).timeMicros()), step.timing());
                assertEquals(new Step.Perform(before.get(i).action()), step.instruction());
            }

            robot.interact(() -> {
                runTo(page, end + 70_000_000); // beyond a clock's next poll
                shell.show("home");
            });
            assertNotEquals(hash, page.model().simulation().trace().hash(), page.id() + " played on from "
                    + end + " to " + page.model().simulation().nowMicros());
            robot.interact(() -> shell.openScenario(file));
            waitUntil(() -> shell.status().text().startsWith("Opened " + file.getFileName()));
            assertEquals(page.id(), shell.currentPageProperty().get().id());
            List<ScenarioRunner.PerformedAction> after = page.model().actions();
            assertEquals(before, after, page.id() + ": the same actions at the same points");
            assertEquals(end, page.model().simulation().nowMicros());
            assertEquals(hash, page.model().simulation().trace().hash(), page.id() + ": the same run");
        }
    }

    /**
     * Where a scenario and a trace part ways: Step can stop between two events of the same microsecond, and an
     * action taken there is replayed by a scenario after every event due at its time. The scenario keeps the
     * action and its time but not that point, so the rebuilt run differs; a trace keeps the point and the run.
     */
    @Test
    void anActionTakenBetweenTwoEventsOfOneMicrosecondComesAfterThemInTheScenario(FxRobot robot)
            throws Exception {
        EnginePage chord = page("chord");
        robot.interact(() -> {
            var sim = chord.model().simulation();
            // Step, as the toolbar's Step does, until another event is due at this very microsecond.
            while (sim.nowMicros() == 0 || sim.nextEventTime().orElse(-1) != sim.nowMicros()) {
                assertTrue(sim.step() && sim.nowMicros() < 60_000_000, "the ring has such a moment");
            }
            String node = ((ScenarioAction.ChordRing) chord.model().setup().get(0)).nodes().get(1);
            assertTrue(chord.model().perform(new ScenarioAction.Crash(node)));
            runTo(chord, sim.nowMicros() + 1_000_000);
        });
        List<ScenarioRunner.PerformedAction> taken = fx(() -> chord.model().asRun().actions());
        String hash = chord.model().simulation().trace().hash();
        Path scenario = dir.resolve("chord-scenario.json");
        Path trace = dir.resolve("chord-trace.json");
        robot.interact(() -> {
            shell.saveScenario(chord, scenario);
            io(() -> files.export(chord, ExportFormat.JSON, trace));
        });

        robot.interact(() -> shell.openScenario(scenario));
        waitUntil(() -> shell.status().text().startsWith("Opened " + scenario.getFileName()));
        ScenarioRunner.PerformedAction crash = taken.get(taken.size() - 1);
        ScenarioRunner.PerformedAction replayed = chord.model().actions().get(chord.model().actions().size() - 1);
        assertEquals(crash.action(), replayed.action());
        assertEquals(crash.timeMicros(), replayed.timeMicros());
        assertTrue(replayed.eventsBefore() > crash.eventsBefore(), "after the events due at that microsecond");
        assertNotEquals(hash, chord.model().simulation().trace().hash());

        robot.interact(() -> {
            try {
                files.open(trace);
            } catch (ScenarioException e) {
                throw new AssertionError(e.getMessage());
            }
        });
        assertEquals(hash, chord.model().simulation().trace().hash(), "the trace gives the very same run");
    }

    // ============================================================================================ pictures

    @Test
    void aPictureAtScaleThreeHasThreeTimesThePixels(FxRobot robot) throws Exception {
        Region box = new Region();
        box.setPrefSize(320, 200);
        box.setStyle("-fx-background-color: #3366cc;");
        new Scene(new Group(box)); // laid out at its preferred size
        Path one = dir.resolve("one.png");
        Path three = dir.resolve("three.png");
        robot.interact(() -> io(() -> {
            FileActions.exportPng(box, 1, one);
            FileActions.exportPng(box, 3, three);
        }));
        assertEquals(List.of(320, 200), pngSize(one));
        assertEquals(List.of(960, 600), pngSize(three));

        // The page as shown, through the menu's path (snapshot now, encoded on the job thread).
        EnginePage raft = page("raft");
        Path page1 = dir.resolve("raft@1x.png");
        Path page3 = dir.resolve("raft@3x.png");
        robot.interact(() -> {
            shell.show("raft");
            shell.exportPicture(raft.view(), 1, page1);
            shell.exportPicture(raft.view(), 3, page3);
        });
        waitUntil(() -> shell.status().text().startsWith("Wrote " + page3));
        List<Integer> small = pngSize(page1);
        List<Integer> large = pngSize(page3);
        assertTrue(Math.abs(large.get(0) - 3 * small.get(0)) <= 2 && Math.abs(large.get(1) - 3 * small.get(1)) <= 2,
                small + " then " + large);
    }

    /** Width and height from a PNG's header chunk. */
    static List<Integer> pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream d = new DataInputStream(in)) {
            d.skipNBytes(16); // signature (8), IHDR length (4) and type (4)
            return List.of(d.readInt(), d.readInt());
        }
    }
}
