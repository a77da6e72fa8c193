package io.distviz.ui.experiments;

import io.distviz.export.SafeFiles;
import io.distviz.ui.theme.Appearance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * One experiment on the Experiments page: what it measures and why, its parameters (the papers' values by
 * default, scaled to run in seconds), Run with a progress bar and Cancel, and the result as a chart,
 * exportable as CSV and PNG.
 *
 * <p>A run goes on a thread of its own, so the window never freezes. The experiment itself is deterministic
 * engine code and starts no thread. Cancel is checked between the experiment's rows (ring sizes, timeout
 * ranges, algorithms) and, where the experiment offers it, inside one (between batches of lookups, trials or
 * virtual seconds); the thread then ends, and the rows already done stay on the chart.
 */
abstract class ExperimentCard {

    /** Thrown inside a job when the person pressed Cancel. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** What a job reports back as it goes; {@link #check()} throws {@link Cancelled} once Cancel is pressed. */
    interface Progress {
        void check();

        void row(Object row, int done, int total);
    }

    /** A prepared run: everything parsed and checked, ready to go off the FX thread. */
    interface Job {
        void run(Progress progress);
    }

    private final String id;
    private final VBox view = new VBox(8);
    protected final ChartView chart = new ChartView();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Button csv = new Button("Export CSV…");
    private final Button png = new Button("Export PNG…");
    private final Map<String, TextField> params = new LinkedHashMap<>();
    private volatile boolean cancelled;
    private Thread worker;

    ExperimentCard(String id, String title, String what, Appearance appearance) {
        this.id = id;
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        Label w = new Label(what);
        w.setWrapText(true);
        w.getStyleClass().add("card-text");
        FlowPane form = new FlowPane(10, 6);
        for (String[] p : parameters()) {
            TextField f = new TextField(p[1]);
            f.setId("exp-" + id + "-" + p[0]);
            f.setPrefColumnCount(Math.max(5, Math.min(24, p[1].length() + 2)));
            f.setTooltip(new Tooltip(p[3]));
            Label l = new Label(p[2]);
            HBox pair = new HBox(4, l, f);
            pair.setAlignment(Pos.CENTER_LEFT);
            form.getChildren().add(pair);
            params.put(p[0], f);
        }
        run.setId("exp-" + id + "-run");
        run.getStyleClass().add("card-button");
        run.setOnAction(e -> start());
        cancel.setId("exp-" + id + "-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> cancelled = true);
        csv.setId("exp-" + id + "-csv");
        csv.setDisable(true);
        csv.setOnAction(e -> choose("CSV", "*.csv", id + ".csv").ifPresent(this::exportCsv));
        png.setId("exp-" + id + "-png");
        png.setDisable(true);
        png.setOnAction(e -> choose("PNG image", "*.png", id + ".png").ifPresent(this::exportPng));
        progress.setId("exp-" + id + "-progress");
        progress.setPrefWidth(160);
        status.setId("exp-" + id + "-status");
        status.setWrapText(true);
        HBox buttons = new HBox(8, run, cancel, progress, csv, png);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Pane chartBox = new Pane(chart.canvas());
        chart.canvas().widthProperty().bind(view.widthProperty().subtract(30));
        chart.canvas().widthProperty().addListener((o, a, b) -> chart.redraw());
        view.getChildren().addAll(t, w, form, buttons, status, chartBox);
        view.getStyleClass().addAll("card", "exp-card");
        view.setId("exp-" + id);
        Runnable look = () -> chart.look(appearance.palette(), appearance.strokeScale());
        appearance.themeProperty().addListener((o, a, b) -> look.run());
        appearance.projectorProperty().addListener((o, a, b) -> look.run());
        look.run();
    }

    /** The parameters: {name, default, label, what it means}. */
    protected abstract List<String[]> parameters();

    /** Parses the parameters into a job; throws IllegalArgumentException with a message saying what is wrong. */
    protected abstract Job prepare(Map<String, String> values);

    /** A row arrived (on the FX thread): keep it and redraw the chart. */
    protected abstract void accept(Object row);

    /** Forget the last result before a new run. */
    protected abstract void reset();

    /** The result so far as CSV, a header and a line per row. */
    protected abstract String csv();

    VBox view() {
        return view;
    }

    String id() {
        return id;
    }

    ChartView chart() {
        return chart;
    }

    Thread worker() {
        return worker;
    }

    TextField param(String name) {
        return params.get(name);
    }

    Label status() {
        return status;
    }

    /** Starts a run with the parameters as typed; says what is wrong instead when they make no sense. */
    void start() {
        if (worker != null && worker.isAlive()) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((k, f) -> values.put(k, f.getText() == null ? "" : f.getText().trim()));
        Job job;
        try {
            job = prepare(values);
        } catch (IllegalArgumentException e) {
            status.getStyleClass().add("exp-error");
            status.setText(e.getMessage());
            return;
        }
        status.getStyleClass().remove("exp-error");
        reset();
        chart.clear();
        cancelled = false;
        run.setDisable(true);
        cancel.setDisable(false);
        csv.setDisable(true);
        png.setDisable(true);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        status.setText("Running…");
        long started = System.nanoTime();
        Progress p = new Progress() {
            public void check() {
                if (cancelled) {
                    throw new Cancelled();
                }
            }

            public void row(Object row, int done, int total) {
                Platform.runLater(() -> {
                    accept(row);
                    progress.setProgress(done / (double) total);
                    csv.setDisable(false);
                    png.setDisable(false);
                });
                check();
            }
        };
        worker = new Thread(() -> {
            String end;
            try {
                job.run(p);
                end = String.format(java.util.Locale.ROOT, "Done in %.1f s of wall time.",
                        (System.nanoTime() - started) / 1e9);
            } catch (Cancelled c) {
                end = "Cancelled; the rows already done are shown.";
            } catch (RuntimeException e) {
                end = "Failed: " + e.getMessage();
            }
            String text = end;
            Platform.runLater(() -> {
                status.setText(text);
                run.setDisable(false);
                cancel.setDisable(true);
                progress.setProgress(text.startsWith("Done") ? 1 : 0);
            });
        }, "experiment-" + id);
        worker.setDaemon(true);
        worker.start();
    }

    void cancel() {
        cancelled = true;
    }

    private java.util.Optional<Path> choose(String what, String pattern, String name) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export " + what);
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        java.io.File f = fc.showSaveDialog(view.getScene() == null ? null : view.getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(java.io.File::toPath);
    }

    /** Writes the CSV; the file chooser has already asked before replacing a file. */
    void exportCsv(Path file) {
        try {
            SafeFiles.write(file, csv(), true);
            status.setText("Wrote " + file);
        } catch (IOException e) {
            status.setText("Could not write " + file + ": " + e.getMessage());
        }
    }

    void exportPng(Path file) {
        try {
            Png.write(file, chart.canvas().snapshot(null, null));
            status.setText("Wrote " + file);
        } catch (IOException e) {
            status.setText("Could not write " + file + ": " + e.getMessage());
        }
    }
}
