package io.distviz.ui.lesson;

import io.distviz.scenario.Lesson;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The panel docked beside a page while a lesson runs: the step's narration, what to look at, its question
 * with feedback, a hint, progress, and Back and Next. It shows a {@link LessonRun} and changes it only
 * through its command methods.
 */
final class LessonPanel {
    private final LessonRun run;
    private final VBox root = new VBox();
    private final Label progress = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final Label stepTitle = new Label();
    private final VBox body = new VBox();
    private final Label waiting = new Label();
    private final Label problem = new Label();
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final ScrollPane scroll;

    /**
     * @param onClose closes the lesson (the page goes back to free play)
     */
    LessonPanel(LessonRun run, Runnable onClose) {
        this.run = run;
        Lesson lesson = run.lesson();
        Label title = new Label(lesson.title());
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        title.setId("lesson-title");
        Button close = new Button("✕");
        close.setId("lesson-close");
        close.getStyleClass().add("lesson-close");
        close.setTooltip(new Tooltip("Close the lesson: the page goes back to free play (your progress is kept)"));
        close.setOnAction(e -> onClose.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(6, title, grow, close);
        head.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);

        progress.setId("lesson-progress");
        progress.getStyleClass().add("lesson-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add("lesson-bar");
        stepTitle.setId("lesson-step-title");
        stepTitle.getStyleClass().add("lesson-step-title");
        stepTitle.setWrapText(true);

        body.getStyleClass().add("lesson-body");
        scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("lesson-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        waiting.setId("lesson-waiting");
        waiting.getStyleClass().add("lesson-waiting");
        waiting.setWrapText(true);
        waiting.textProperty().bind(run.waitingForProperty());
        waiting.visibleProperty().bind(run.waitingForProperty().isNotEmpty());
        waiting.managedProperty().bind(waiting.visibleProperty());
        problem.setId("lesson-problem");
        problem.getStyleClass().add("lesson-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(run.problemProperty());
        problem.visibleProperty().bind(run.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());

        back.setId("lesson-back");
        back.setTooltip(new Tooltip("The previous step, with the simulation exactly as it was when it started"));
        back.setOnAction(e -> run.back());
        next.setId("lesson-next");
        next.setDefaultButton(false);
        next.getStyleClass().add("lesson-next");
        next.disableProperty().bind(run.canGoOnProperty().not());
        next.setOnAction(e -> run.next());
        Region g2 = new Region();
        HBox.setHgrow(g2, Priority.ALWAYS);
        HBox buttons = new HBox(8, back, g2, next);
        buttons.setAlignment(Pos.CENTER_LEFT);

        root.getChildren().addAll(head, progress, bar, stepTitle, scroll, waiting, problem, buttons);
        root.getStyleClass().add("lesson-panel");
        root.setId("lesson-panel");

        run.stepIndexProperty().addListener((o, a, b) -> rebuild());
        run.finishedProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    Node view() {
        return root;
    }

    private void rebuild() {
        int i = run.stepIndexProperty().get();
        if (i < 0) {
            return;
        }
        int n = run.lesson().steps().size();
        back.setDisable(i == 0 && !run.finishedProperty().get());
        if (run.finishedProperty().get()) {
            progress.setText("Lesson complete");
            bar.setProgress(1);
            stepTitle.setText("Well done");
            Label done = new Label("You have finished \"" + run.lesson().title() + "\". You learned:");
            done.setWrapText(true);
            done.getStyleClass().add("lesson-done");
            VBox learned = Narration.of(run.lesson().learn().stream().map(s -> "- " + s).toList());
            Label more = new Label("The page is still running: keep trying things, or close the lesson to pick "
                    + "another one.");
            more.setWrapText(true);
            more.getStyleClass().add("muted");
            body.getChildren().setAll(done, learned, more);
            next.setText("Next");
            return;
        }
        Lesson.LessonStep s = run.step();
        progress.setText("Step " + (i + 1) + " of " + n + "  ·  " + run.lesson().level().word() + "  ·  "
                + run.lesson().minutes() + " min");
        bar.setProgress((i + 1) / (double) n);
        stepTitle.setText(s.title() == null ? "Step " + (i + 1) : s.title());
        next.setText(i + 1 == n ? "Finish" : "Next");
        body.getChildren().setAll(Narration.of(s.text()));
        if (s.free()) {
            Label free = new Label("Try it yourself: the page's controls are all yours in this step.");
            free.getStyleClass().addAll("lesson-free");
            free.setWrapText(true);
            body.getChildren().add(0, free);
        }
        var look = run.lookAt();
        if (!look.isEmpty()) {
            Label l = new Label("Look at: " + String.join(", ", look));
            l.setId("lesson-look");
            l.getStyleClass().add("lesson-look");
            l.setWrapText(true);
            body.getChildren().add(l);
        }
        if (s.question() != null) {
            body.getChildren().add(question(s.question(), s.hint()));
        } else if (s.hint() != null) {
            body.getChildren().add(hint(s.hint()));
        }
        scroll.setVvalue(0);
    }

    private Node hint(String text) {
        Label hint = new Label(text);
        hint.setId("lesson-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("lesson-hint");
        hint.setVisible(false);
        hint.setManaged(false);
        Button show = new Button("Show a hint");
        show.setId("lesson-show-hint");
        show.getStyleClass().add("lesson-link");
        show.setOnAction(e -> {
            hint.setVisible(true);
            hint.setManaged(true);
            show.setVisible(false);
            show.setManaged(false);
        });
        return new VBox(4, show, hint);
    }

    private Node question(Lesson.Question q, String hintText) {
        Label prompt = new Label(q.prompt());
        prompt.setId("lesson-question");
        prompt.setWrapText(true);
        prompt.getStyleClass().add("lesson-prompt");
        VBox box = new VBox(prompt);
        box.getStyleClass().add("lesson-question");
        Label feedback = new Label();
        feedback.setId("lesson-feedback");
        feedback.setWrapText(true);
        feedback.getStyleClass().add("lesson-feedback");
        feedback.textProperty().bind(run.feedbackTextProperty());
        feedback.visibleProperty().bind(run.feedbackTextProperty().isNotEmpty());
        feedback.managedProperty().bind(feedback.visibleProperty());
        run.feedbackProperty().addListener((o, a, b) -> {
            feedback.getStyleClass().removeAll("lesson-right", "lesson-wrong", "lesson-shown");
            feedback.getStyleClass().add("lesson-" + b.name().toLowerCase(java.util.Locale.ROOT));
        });
        Button showAnswer = new Button("Show the answer");
        showAnswer.setId("lesson-show-answer");
        showAnswer.getStyleClass().add("lesson-link");
        showAnswer.setOnAction(e -> run.showAnswer());
        // Offered once the student has tried: a stuck student can still go on.
        showAnswer.visibleProperty().bind(run.feedbackProperty().isEqualTo(LessonRun.Feedback.WRONG));
        showAnswer.managedProperty().bind(showAnswer.visibleProperty());
        if (q instanceof Lesson.Choice c) {
            ToggleGroup group = new ToggleGroup();
            for (int k = 0; k < c.options().size(); k++) {
                RadioButton r = new RadioButton(c.options().get(k));
                r.setId("lesson-option-" + k);
                r.setWrapText(true);
                r.setToggleGroup(group);
                r.getStyleClass().add("lesson-option");
                r.disableProperty().bind(run.answeredProperty());
                int index = k;
                r.setOnAction(e -> run.answerChoice(index));
                box.getChildren().add(r);
            }
        } else {
            Label how = new Label("Click it on the drawing.");
            how.getStyleClass().add("muted");
            how.visibleProperty().bind(run.answeredProperty().not());
            how.managedProperty().bind(how.visibleProperty());
            box.getChildren().add(how);
        }
        box.getChildren().addAll(feedback, showAnswer);
        if (hintText != null) {
            box.getChildren().add(hint(hintText));
        }
        return box;
    }
}
