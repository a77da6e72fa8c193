package io.distviz.ui;

import com.google.gson.JsonElement;
import io.distviz.export.ExportFormat;
import io.distviz.export.Exports;
import io.distviz.export.RunCopy;
import io.distviz.export.SafeFiles;
import io.distviz.scenario.Durations;
import io.distviz.scenario.JsonText;
import io.distviz.scenario.Lesson;
import io.distviz.scenario.Problem;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioException;
import io.distviz.scenario.ScenarioJson;
import io.distviz.scenario.ScenarioLoader;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.scenario.ScenarioWriter;
import io.distviz.scenario.Step;
import io.distviz.scenario.TraceFile;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.experiments.Png;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.transform.Transform;

/**
 * What the File menu does, without its dialogs, so tests can call it with paths: save the shown page's run
 * as a trace or a scenario or export it in another format, open a saved trace (replayed, checked against its
 * hash) or a scenario (run to its end) on its protocol's page, and picture the page.
 *
 * <p>Every write goes through {@link SafeFiles}: the content goes to a temporary file first, so a failed or
 * cancelled write leaves the old file as it was. The long jobs, writing a large trace and running a
 * scenario, come as {@link JobRunner.Job}s for a background thread; what touches a page runs on the FX thread.
 */
public final class FileActions {
    /** The scales a picture can be exported at; 2× is sharp on a projector slide. */
    public static final List<Integer> PNG_SCALES = List.of(1, 2, 3, 4);
    public static final int DEFAULT_PNG_SCALE = 2;

    private final Map<Scenario.Protocol, EnginePage> pages;
    private final Consumer<String> show;

    public FileActions(Map<Scenario.Protocol, EnginePage> pages, Consumer<String> show) {
        this.pages = Map.copyOf(pages);
        this.show = show;
    }

    // ============================================================================================ traces

    /**
     * The shown run, copied on the FX thread (the simulation plays on while it is written elsewhere): its
     * events, its actions, the setup among them, and the time it reached.
     */
    public static RunCopy copyOf(EnginePage page) {
        return RunCopy.of(page.model().asRun());
    }

    /** Writes {@code page}'s run in {@code format}, on the FX thread; the caller has asked before replacing a file. */
    public void export(EnginePage page, ExportFormat format, Path file) throws IOException {
        export(copyOf(page), format, file, Exports.Progress.NONE);
    }

    /** Writes {@code run} in {@code format} on any thread; {@code progress} may stop it by throwing. */
    public static void export(RunCopy run, ExportFormat format, Path file, Exports.Progress progress)
            throws IOException {
        Exports.write(format, run, file, true, progress);
    }

    /**
     * Writing {@code run} as a job for a background thread: its progress is events written of the total, and
     * cancelling it leaves no file (and the old one as it was).
     */
    public static JobRunner.Job<Path> exportJob(RunCopy run, ExportFormat format, Path file) {
        return progress -> {
            export(run, format, file, (done, total) -> {
                progress.checkCancelled();
                progress.update(done, total, String.format(Locale.ROOT, "%,d of %,d events", done, total));
            });
            return file;
        };
    }

    /**
     * Opens a saved trace: reads it, replays it (refusing a file whose events the engines would not give
     * again), and puts the run on its protocol's page, which is shown. Returns the page.
     */
    public EnginePage open(Path file) throws ScenarioException {
        return show(replayTrace(file, (done, total) -> {
        }));
    }

    /**
     * Reads a saved trace and replays it (any thread), refusing a file whose events the engines would not give
     * again. The run gets the pages' checkpoints, so the timeline moves about it quickly; {@code progress} hears
     * how many of the file's events the replay has reached, and the file's count, and may throw to cancel.
     */
    public ScenarioRunner.Result replayTrace(Path file, Replayed progress)
            throws ScenarioException {
        TraceFile.Saved saved;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            saved = TraceFile.read(r, file.toString());
        } catch (IOException e) {
            throw ScenarioException.of(file.toString(), "$", "cannot read the file: " + explain(e));
        }
        pageFor(saved.scenario().protocol(), file, "$.scenario.protocol");
        Scenario s = saved.scenario();
        io.distviz.scenario.ProtocolDriver driver = io.distviz.scenario.ProtocolDriver.create(s,
                new io.distviz.sim.SimConfig(s.seed(), s.network(), io.distviz.ui.engine.EngineModel.CHECKPOINT_EVERY_EVENTS,
                        io.distviz.ui.engine.EngineModel.CHECKPOINT_EVERY_MICROS,
                        io.distviz.sim.SimConfig.DEFAULT_MAX_EVENTS_PER_RUN, true));
        long total = saved.eventCount();
        return TraceFile.replay(saved, file.toString(), driver, done -> progress.reached(done, total));
    }

    /** How far a replay has got: events replayed of the file's. */
    @FunctionalInterface
    public interface Replayed {
        void reached(long done, long total);
    }

    /** A job that reads and replays a saved trace, with progress and Cancel. */
    public JobRunner.Job<ScenarioRunner.Result> traceJob(Path file) {
        return progress -> replayTrace(file, (done, total) -> {
            progress.checkCancelled();
            progress.update(done, total, String.format(java.util.Locale.ROOT, "%,d of %,d events replayed", done,
                    total));
        });
    }

    // ============================================================================================ scenarios

    /**
     * Reads and checks a scenario file (any thread). A lesson or a trace is refused with a word on where it
     * opens instead; a broken file with every problem and its JSON path.
     */
    public Scenario readScenario(Path file) throws ScenarioException {
        String name = file.toString();
        String text = ScenarioLoader.readText(file);
        JsonElement root = JsonText.parse(text, name);
        JsonElement format = root.isJsonObject() ? root.getAsJsonObject().get("format") : null;
        String kind = format != null && format.isJsonPrimitive() ? format.getAsString() : "";
        if (kind.equals(Lesson.FORMAT)) {
            throw ScenarioException.of(name, "$.format", "this is a lesson, not a scenario: lessons run on the "
                    + "Lessons page, step by step beside their protocol's page");
        }
        if (kind.equals(TraceFile.FORMAT)) {
            throw ScenarioException.of(name, "$.format", "this is a saved trace, not a scenario: open it with "
                    + "File > Open trace…");
        }
        Scenario s = ScenarioLoader.parse(text, name);
        pageFor(s.protocol(), file, "$.protocol");
        return s;
    }

    /** Runs {@code scenario} to the end of its timeline (any thread), telling {@code watcher} how far it got. */
    public static ScenarioRunner.Result run(Scenario scenario, ScenarioRunner.Watcher watcher) {
        // With the pages' close checkpoints (the seed and network are the scenario's), so the timeline of the
        // opened run seeks as quickly as a live one.
        io.distviz.sim.SimConfig checkpoints = new io.distviz.sim.SimConfig(scenario.seed(), scenario.network(),
                io.distviz.ui.engine.EngineModel.CHECKPOINT_EVERY_EVENTS,
                io.distviz.ui.engine.EngineModel.CHECKPOINT_EVERY_MICROS,
                io.distviz.sim.SimConfig.DEFAULT_MAX_EVENTS_PER_RUN, true);
        return ScenarioRunner.run(scenario, new ScenarioRunner.Options(null, null, checkpoints), watcher);
    }

    /**
     * Running {@code scenario} as a job for a background thread. Progress is virtual time reached of the time
     * the run should end at ({@link #expectedEndMicros}); cancelling abandons the run.
     */
    public static JobRunner.Job<ScenarioRunner.Result> scenarioJob(Scenario scenario) {
        long end = expectedEndMicros(scenario);
        return progress -> run(scenario, now -> {
            progress.checkCancelled();
            progress.update(Math.min(now, end), end > 0 ? end : -1, "virtual time " + Durations.seconds(now)
                    + (end > 0 ? " of " + Durations.seconds(end) : ""));
        });
    }

    /**
     * When a run of {@code scenario} should end, as far as the file says: its {@code end}, or its last step.
     * A wait until a condition counts as ending at once, so a run may go on past this; 0 when unknown.
     */
    public static long expectedEndMicros(Scenario scenario) {
        long t = 0;
        for (Step step : scenario.timeline()) {
            t = step.timing().absolute() ? Math.max(t, step.timing().micros()) : t + step.timing().micros();
            if (step.instruction() instanceof Step.WaitFor w) {
                t += w.micros();
            }
        }
        return scenario.endMicros() == null ? t : Math.max(t, scenario.endMicros());
    }

    /** Puts a scenario's run on its protocol's page (on the FX thread) and shows the page. */
    public EnginePage show(ScenarioRunner.Result run) {
        EnginePage page = pages.get(run.scenario().protocol());
        page.model().adopt(run);
        show.accept(page.id());
        return page;
    }

    /** Reads, runs and shows a scenario in one go, on this thread: for small files and for tests. */
    public ScenarioRunner.Result openScenario(Path file) throws ScenarioException {
        ScenarioRunner.Result run = run(readScenario(file), null);
        show(run);
        return run;
    }

    /**
     * What became of an opened scenario's run, for the status line: how far it ran and whether its
     * expectations held, or the step that stopped it and why.
     */
    public static String outcome(ScenarioRunner.Result run, String name) {
        List<ScenarioRunner.StepResult> expectations = run.expectations();
        long failed = expectations.stream().filter(ScenarioRunner.StepResult::failed).count();
        ScenarioRunner.StepResult stop = run.steps().stream()
                .filter(r -> r.failed() && !r.isExpectation()).findFirst().orElse(null);
        String ran = "Opened " + name + ": ran to " + Durations.seconds(run.endMicros()) + ", "
                + run.actions().size() + (run.actions().size() == 1 ? " action" : " actions");
        if (stop != null) {
            String why = switch (stop.outcome()) {
                case REFUSED -> "the engine refused \"" + stop.what() + "\": " + stop.detail();
                case TIMED_OUT -> "\"" + stop.what() + "\" timed out, " + stop.detail();
                default -> "\"" + stop.what() + "\" came too late: " + stop.detail();
            };
            return ran + "; the run stopped at " + Durations.seconds(stop.timeMicros()) + " (" + stop.step().path()
                    + "), as " + why;
        }
        if (failed > 0) {
            ScenarioRunner.StepResult first = expectations.stream().filter(ScenarioRunner.StepResult::failed)
                    .findFirst().orElseThrow();
            return ran + "; " + failed + " of " + expectations.size() + (expectations.size() == 1
                    ? " expectation" : " expectations") + " failed, first \"" + first.what() + "\" at "
                    + Durations.seconds(first.timeMicros()) + ": " + first.detail();
        }
        return ran + (expectations.isEmpty() ? "" : "; all " + expectations.size() + " expectations held")
                + ". Press Play to go on from there.";
    }

    /**
     * The shown run as a scenario (on the FX thread): settings and seed, the setup and every action at its
     * virtual time, the time reached as its end.
     */
    public static Scenario scenarioOf(EnginePage page) {
        ScenarioRunner.Result run = page.model().asRun();
        return ScenarioWriter.fromRun(run.scenario(), run.actions(), run.endMicros());
    }

    /** Writes the shown run as a scenario file; the caller has asked before replacing a file. */
    public static void saveScenario(EnginePage page, Path file) throws IOException {
        SafeFiles.write(file, ScenarioJson.toText(scenarioOf(page)), true);
    }

    // ============================================================================================ pictures

    /** A picture of {@code node} as shown, at {@code scale} times its size (FX thread). */
    public static Image snapshot(Node node, double scale) {
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(scale, scale));
        return node.snapshot(p, null);
    }

    /** Writes a picture of {@code node} at {@code scale} times its size, on the FX thread: for slides. */
    public static void exportPng(Node node, double scale, Path file) throws IOException {
        Png.write(file, snapshot(node, scale));
    }

    /** Encoding and writing a picture already taken, as a job for a background thread (a 4× page is large). */
    public static JobRunner.Job<Path> pngJob(Image image, Path file) {
        return progress -> {
            progress.update(-1, -1, String.format(Locale.ROOT, "%.0f × %.0f pixels", image.getWidth(),
                    image.getHeight()));
            Png.write(file, image);
            return file;
        };
    }

    // ============================================================================================ messages

    /** The problems of a file that could not be opened, as lines for a dialog. */
    public static String describe(List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        problems.stream().limit(12).forEach(p -> b.append(p.path()).append(": ").append(p.message()).append('\n'));
        if (problems.size() > 12) {
            b.append("… and ").append(problems.size() - 12).append(" more");
        }
        return b.toString();
    }

    /**
     * Why a file could not be read or written, in words: the JDK's file exceptions carry only a path as their
     * message ("/home/ann/x.json"), which says nothing to a person.
     */
    public static String explain(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder (" + n.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private EnginePage pageFor(Scenario.Protocol protocol, Path file, String path) throws ScenarioException {
        EnginePage page = pages.get(protocol);
        if (page == null) {
            throw ScenarioException.of(file.toString(), path, "no page runs " + protocol.word());
        }
        return page;
    }
}
