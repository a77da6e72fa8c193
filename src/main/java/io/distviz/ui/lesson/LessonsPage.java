package io.distviz.ui.lesson;

import io.distviz.scenario.Lesson;
import io.distviz.scenario.Scenario;
import io.distviz.ui.Page;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lesson picker: every lesson, grouped by protocol and ordered by level, with its length and how far the
 * student got. A lesson file that does not load shows with its error; the others still start. At the end, a
 * teacher can record a new lesson on any page.
 */
public final class LessonsPage implements Page {
    public static final String ID = "lessons";
    private final List<LessonLibrary.Entry> entries;
    private final LessonDock dock;
    private final VBox content = new VBox(16);
    private final ScrollPane view;

    public LessonsPage(List<LessonLibrary.Entry> entries, LessonDock dock) {
        this.entries = List.copyOf(entries);
        this.dock = dock;
        content.getStyleClass().add("page-content");
        content.setPadding(new Insets(28, 40, 32, 40));
        view = new ScrollPane(content);
        view.setFitToWidth(true);
        view.getStyleClass().add("page-scroll");
        view.setId("page-lessons");
        dock.progress().addListener(this::build);
        build();
    }

    public LessonDock dock() {
        return dock;
    }

    public List<LessonLibrary.Entry> entries() {
        return entries;
    }

    private void build() {
        Label title = new Label("Lessons");
        title.getStyleClass().add("hero-title");
        Label lead = new Label("Each lesson walks through one idea on the real engine, a step at a time: read, "
                + "predict, act, and watch what happens. Next goes on; Back returns the simulation to exactly "
                + "where the previous step began.");
        lead.setWrapText(true);
        lead.getStyleClass().add("hero-lead");
        content.getChildren().setAll(title, lead);
        for (Scenario.Protocol p : Scenario.Protocol.values()) {
            List<LessonLibrary.Entry> mine = entries.stream().filter(e -> !e.broken()
                    && e.lesson().protocol() == p).sorted(Comparator.comparing((LessonLibrary.Entry e) ->
                    e.lesson().level()).thenComparing(LessonLibrary.Entry::file)).toList();
            Label section = new Label(name(p));
            section.getStyleClass().add("section-title");
            FlowPane cards = new FlowPane(14, 14);
            cards.setId("lessons-" + p.word());
            mine.forEach(e -> cards.getChildren().add(card(e.lesson())));
            if (mine.isEmpty()) {
                Label none = new Label("No " + name(p) + " lessons yet.");
                none.getStyleClass().add("muted");
                cards.getChildren().add(none);
            }
            content.getChildren().addAll(section, cards);
        }
        List<LessonLibrary.Entry> broken = entries.stream().filter(LessonLibrary.Entry::broken).toList();
        if (!broken.isEmpty()) {
            Label section = new Label("Lesson files with problems");
            section.getStyleClass().add("section-title");
            FlowPane cards = new FlowPane(14, 14);
            cards.setId("lessons-broken");
            broken.forEach(e -> cards.getChildren().add(brokenCard(e)));
            content.getChildren().addAll(section, cards);
        }
        content.getChildren().add(recordSection());
    }

    private static String name(Scenario.Protocol p) {
        return switch (p) {
            case CHORD -> "Chord";
            case RAFT -> "Raft";
            case CLOCKS -> "Clocks";
        };
    }

    private Node card(Lesson l) {
        Label name = new Label(l.title());
        name.getStyleClass().add("lesson-card-title");
        name.setWrapText(true);
        LessonProgress.Status status = dock.progress().status(l.id());
        Label level = chip(l.level().word(), "lesson-chip-level");
        Label minutes = chip(l.minutes() + " min", "lesson-chip-minutes");
        Label state = chip(status.label(), "lesson-chip-" + status.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'));
        state.setId("lesson-status-" + l.id());
        // A flow, so that a long chip ("intermediate", "In progress") moves to a second line rather than
        // being cut to "intermedi…".
        javafx.scene.layout.FlowPane chips = new javafx.scene.layout.FlowPane(6, 4, level, minutes, state);
        VBox learn = Narration.of(l.learn().stream().map(s -> "- " + s).toList());
        learn.getStyleClass().add("lesson-card-learn");
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        int reached = dock.progress().stepReached(l.id());
        boolean resume = status == LessonProgress.Status.IN_PROGRESS && reached > 0;
        Button start = new Button(status == LessonProgress.Status.NOT_STARTED ? "Start"
                : status == LessonProgress.Status.DONE ? "Start again"
                : resume ? "Continue at step " + (reached + 1) : "Start from the beginning");
        start.setId("lesson-start-" + l.id());
        start.getStyleClass().add("card-button");
        start.setOnAction(e -> dock.start(l, resume ? reached : 0));
        Label steps = new Label(l.steps().size() + " steps");
        steps.getStyleClass().add("muted");
        Region g2 = new Region();
        HBox.setHgrow(g2, Priority.ALWAYS);
        HBox foot = new HBox(8, steps, g2, start);
        foot.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox card = new VBox(8, name, chips, learn, grow, foot);
        card.getStyleClass().addAll("card", "lesson-card");
        card.setId("lesson-card-" + l.id());
        return card;
    }

    private static Label chip(String text, String style) {
        Label c = new Label(text);
        c.getStyleClass().addAll("chip", style);
        c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return c;
    }

    private Node brokenCard(LessonLibrary.Entry e) {
        Label name = new Label(e.file());
        name.getStyleClass().add("lesson-card-title");
        Label chip = chip("Cannot be opened", "lesson-chip-broken");
        Label error = new Label(e.error());
        error.setWrapText(true);
        error.getStyleClass().addAll("mono", "lesson-error");
        error.setId("lesson-error-" + e.file().replaceAll("[^A-Za-z0-9-]", "-"));
        Label fix = new Label("The other lessons work. Fix the file (docs/LESSONS.md describes the format) and "
                + "start DistViz again.");
        fix.setWrapText(true);
        fix.getStyleClass().add("muted");
        VBox card = new VBox(8, name, chip, error, fix);
        card.getStyleClass().addAll("card", "lesson-card", "lesson-card-broken");
        return card;
    }

    private Node recordSection() {
        Label section = new Label("Write your own");
        section.getStyleClass().add("section-title");
        Label how = new Label("Record a lesson: the page opens as it is, you click around as you would in class, "
                + "and each action becomes a step of a new lesson file, ready for you to narrate.");
        how.setWrapText(true);
        how.getStyleClass().add("body-text");
        HBox buttons = new HBox(10);
        for (Scenario.Protocol p : Scenario.Protocol.values()) {
            if (dock.page(p) == null) {
                continue;
            }
            Button b = new Button("Record on the " + name(p) + " page");
            b.setId("record-" + p.word());
            b.setTooltip(new Tooltip("Opens the " + name(p) + " page with the recorder beside it"));
            b.setOnAction(e -> dock.record(p));
            buttons.getChildren().add(b);
        }
        return new VBox(10, section, how, buttons);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Lessons";
    }

    @Override
    public String summary() {
        return "Guided lessons: a narrated walk through one idea, on the real engine";
    }

    @Override
    public Node view() {
        return view;
    }
}
