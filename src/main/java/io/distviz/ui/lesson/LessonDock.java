package io.distviz.ui.lesson;

import io.distviz.scenario.Lesson;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.ui.engine.EngineModel;
import io.distviz.ui.engine.EnginePage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Docks a lesson (or the recorder) beside a protocol page and takes it away again. While a lesson runs, the
 * page's model plays the lesson's settings from its seed; closing it gives the page back its own free play.
 *
 * <p>The page's own controls stay usable on every step, not only on "try it yourself" ones: Back rebuilds
 * the run to the step's start whatever was clicked, and a student who explores is not punished for it. A
 * "try it yourself" step says so in the panel.
 */
public final class LessonDock {
    private final Map<Scenario.Protocol, EnginePage> pages;
    private final Consumer<String> open;
    private final LessonProgress progress;
    private EnginePage docked;
    private FreePlay saved;
    private LessonRun run;
    private LessonRecorder recorder;

    /** What a page was doing before a lesson took it over. */
    private record FreePlay(Scenario settings, List<ScenarioAction> setup, long seed) {
    }

    public LessonDock(Map<Scenario.Protocol, EnginePage> pages, Consumer<String> open, LessonProgress progress) {
        this.pages = Map.copyOf(pages);
        this.open = open;
        this.progress = progress;
    }

    public LessonProgress progress() {
        return progress;
    }

    public EnginePage page(Scenario.Protocol p) {
        return pages.get(p);
    }

    /** The lesson running now, or null. */
    public LessonRun run() {
        return run;
    }

    public LessonRecorder recorder() {
        return recorder;
    }

    /** Starts {@code lesson} on its protocol's page, shows that page and docks the panel. */
    public LessonRun start(Lesson lesson) {
        return start(lesson, 0);
    }

    /** Starts {@code lesson} at step {@code step} (counting from 0), the earlier ones played for the student. */
    public LessonRun start(Lesson lesson, int step) {
        close();
        EnginePage page = pages.get(lesson.protocol());
        if (page == null) {
            throw new IllegalArgumentException("no " + lesson.protocol().word() + " page for this lesson");
        }
        take(page);
        run = new LessonRun(lesson, page.model(), progress);
        run.startAt(step);
        page.setLessonPanel(new LessonPanel(run, this::close).view());
        page.setFrameListener(run::check);
        page.setNodePicker(run::pickNode);
        page.setHighlightedNodes(run::highlightedNodes);
        page.setHighlights(run::otherHighlights);
        page.showInfo("");
        open.accept(page.id());
        return run;
    }

    /**
     * Starts recording on {@code protocol}'s page as it is now (free play goes on), with a small panel to save
     * the recorded actions as a lesson skeleton.
     */
    public LessonRecorder record(Scenario.Protocol protocol) {
        close();
        EnginePage page = pages.get(protocol);
        docked = page;
        recorder = new LessonRecorder(page.model());
        page.setLessonPanel(recorderPanel(page, recorder));
        open.accept(page.id());
        return recorder;
    }

    /** Takes the lesson (or the recorder) away; after a lesson the page goes back to its own free play. */
    public void close() {
        if (docked == null) {
            return;
        }
        docked.setLessonPanel(null);
        docked.setFrameListener(null);
        docked.setNodePicker(null);
        docked.setHighlightedNodes(null);
        docked.setHighlights(null);
        if (saved != null) {
            docked.model().begin(saved.settings(), saved.setup(), saved.seed());
            docked.showInfo("");
        }
        docked = null;
        saved = null;
        run = null;
        recorder = null;
    }

    private void take(EnginePage page) {
        EngineModel m = page.model();
        docked = page;
        saved = new FreePlay(m.settings(), m.setup(), m.settings().seed());
    }

    // ============================================================================================ recorder

    private VBox recorderPanel(EnginePage page, LessonRecorder rec) {
        Label title = new Label("Recording a lesson");
        title.getStyleClass().add("lesson-title");
        Button close = new Button("✕");
        close.setId("recorder-close");
        close.getStyleClass().add("lesson-close");
        close.setTooltip(new Tooltip("Stop recording without saving"));
        close.setOnAction(e -> close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(6, title, grow, close);
        head.setAlignment(Pos.TOP_LEFT);

        VBox how = Narration.of(List.of(
                "Use the page as you would in class. Every action you take (add, crash, partition, send...) "
                        + "becomes one **step** of a new lesson.",
                "Saving writes a lesson file with the page's settings and seed and a placeholder narration for "
                        + "each step: open it in an editor and write what the student should notice.",
                "Check it with `distviz lesson FILE --check`."));
        Label count = new Label();
        count.setId("recorder-count");
        count.getStyleClass().add("lesson-progress");
        VBox list = new VBox(2);
        list.getStyleClass().add("lesson-recorded");
        Runnable update = () -> {
            var r = rec.recorded();
            count.setText(r.size() == 1 ? "1 action recorded" : r.size() + " actions recorded");
            list.getChildren().setAll(r.stream().map(p -> {
                Label l = new Label(io.distviz.scenario.Durations.seconds(p.timeMicros()) + "  "
                        + io.distviz.scenario.ScenarioRunner.what(p.action()));
                l.getStyleClass().add("mono");
                l.setWrapText(true);
                return l;
            }).toList());
        };
        page.model().actionCountProperty().addListener((o, a, b) -> {
            if (recorder == rec) {
                update.run();
            }
        });
        update.run();

        TextField name = new TextField("My lesson");
        name.setId("recorder-title");
        name.setPromptText("Lesson title");
        Label status = new Label();
        status.setId("recorder-status");
        status.setWrapText(true);
        Button save = new Button("Save lesson…");
        save.setId("recorder-save");
        save.getStyleClass().add("lesson-next");
        save.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save the lesson skeleton");
            fc.setInitialFileName(LessonRecorder.idFor(name.getText()) + ".json");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Lesson (JSON)", "*.json"));
            Path target = java.util.Optional.ofNullable(fc.showSaveDialog(page.canvasPane().getScene().getWindow()))
                    .map(java.io.File::toPath).orElse(null);
            if (target == null) {
                return;
            }
            boolean replace = false;
            if (Files.exists(target)) {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, target.getFileName() + " exists. Replace it?",
                        ButtonType.YES, ButtonType.NO);
                ask.initOwner(page.canvasPane().getScene().getWindow());
                replace = ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
                if (!replace) {
                    return;
                }
            }
            try {
                rec.save(target, name.getText().isBlank() ? "My lesson" : name.getText().strip(), replace);
                status.setText("Saved " + target.getFileName() + ".");
            } catch (IOException ex) {
                status.setText("Not saved: " + ex.getMessage());
            }
        });
        HBox buttons = new HBox(8, save);
        VBox box = new VBox(head, how, count, list, new Label("Title"), name, buttons, status);
        box.getStyleClass().addAll("lesson-panel", "lesson-body");
        box.setId("recorder-panel");
        return box;
    }
}
