package io.distviz.ui;

import io.distviz.export.ExportFormat;
import io.distviz.export.Exports;
import io.distviz.scenario.Problem;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioException;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.scenario.TraceFile;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.experiments.Png;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * What the File menu does, without its dialogs (so tests can call it): save the shown page's run as a
 * DistViz trace or export it in another format, open a saved trace (replayed, checked against its hash) on
 * its protocol's page, and export a picture of the page. Writing goes through the careful writers: the
 * content goes to a temporary file first, and a failed write leaves the old file as it was.
 */
public final class FileActions {
    private final Map<Scenario.Protocol, EnginePage> pages;
    private final Consumer<String> show;

    public FileActions(Map<Scenario.Protocol, EnginePage> pages, Consumer<String> show) {
        this.pages = pages;
        this.show = show;
    }

    /** Writes {@code page}'s run in {@code format}; the caller has asked before replacing a file. */
    public void export(EnginePage page, ExportFormat format, Path file) throws IOException {
        Exports.write(format, page.model().asRun(), file, true);
    }

    /**
     * Opens a saved trace: reads it, replays it (refusing a file whose events the engines would not give
     * again), and puts the run on its protocol's page, which is shown. Returns the page.
     */
    public EnginePage open(Path file) throws ScenarioException {
        TraceFile.Saved saved;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            saved = TraceFile.read(r, file.toString());
        } catch (IOException e) {
            throw ScenarioException.of(file.toString(), "$", "cannot read the file: " + e.getMessage());
        }
        EnginePage page = pages.get(saved.scenario().protocol());
        if (page == null) {
            throw ScenarioException.of(file.toString(), "$.scenario.protocol", "no page runs "
                    + saved.scenario().protocol().word());
        }
        ScenarioRunner.Result run = TraceFile.replay(saved, file.toString());
        page.model().adopt(run);
        show.accept(page.id());
        return page;
    }

    /** A picture of {@code node} (the page as shown), at {@code scale} times its size: for slides. */
    public static void exportPng(Node node, double scale, Path file) throws IOException {
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        p.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
        Png.write(file, node.snapshot(p, null));
    }

    /** The problems of a file that could not be opened, as lines for a dialog. */
    public static String describe(List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        problems.stream().limit(12).forEach(p -> b.append(p.path()).append(": ").append(p.message()).append('\n'));
        if (problems.size() > 12) {
            b.append("… and ").append(problems.size() - 12).append(" more");
        }
        return b.toString();
    }
}
