package io.distviz.ui;

import io.distviz.sim.Micros;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The simulation toolbar every page shares: play/pause, step, speed (log scale, 0.01x to 100x), virtual
 * time, seed and reset. It drives whichever {@link SimulationSession} is set; with none it is disabled and
 * says why.
 */
public final class SimToolbar {
    private final ObjectProperty<SimulationSession> session = new SimpleObjectProperty<>(this, "session");
    private final StatusLine status;

    private final ToggleButton play = new ToggleButton("Play");
    private final Button step = new Button("Step");
    private final Slider speed = new Slider(Math.log10(SimulationSession.MIN_SPEED),
            Math.log10(SimulationSession.MAX_SPEED), 0);
    private final Label speedLabel = new Label();
    private final Label time = new Label();
    private final Label events = new Label();
    private final TextField seed = new TextField();
    private final Button reset = new Button("Reset");
    private final Label note = new Label();
    private final ToolBar bar;

    private final ChangeListener<Object> refresh = (obs, o, n) -> refreshFigures();
    private final ChangeListener<Boolean> runningChanged = (obs, o, n) -> syncPlay();
    private final ChangeListener<Number> speedChanged = (obs, o, n) -> syncSpeed();
    private boolean syncing;

    public SimToolbar(StatusLine status) {
        this.status = status;
        play.setId("play");
        step.setId("step");
        speed.setId("speed");
        speedLabel.setId("speed-label");
        time.setId("virtual-time");
        events.setId("events");
        seed.setId("seed");
        reset.setId("reset");
        note.setId("toolbar-note");

        play.setTooltip(new Tooltip("Run or pause the simulation (Space)"));
        step.setTooltip(new Tooltip("Pause and run exactly one event (Right arrow)"));
        speed.setTooltip(new Tooltip("Virtual seconds per real second, from 0.01x to 100x"));
        seed.setTooltip(new Tooltip("The seed behind every random choice: the same seed and the same clicks give the same run"));
        reset.setTooltip(new Tooltip("Start the page's simulation again from this seed"));
        time.setTooltip(new Tooltip("Virtual time: the simulation's own clock"));
        play.getStyleClass().add("play-button");
        time.getStyleClass().addAll("mono", "virtual-time");
        events.getStyleClass().addAll("mono", "muted");
        speedLabel.getStyleClass().addAll("mono", "speed-label");
        note.getStyleClass().add("muted");
        seed.setPrefColumnCount(8);
        speed.setPrefWidth(150);
        speed.setFocusTraversable(true);

        play.setOnAction(e -> {
            SimulationSession s = session.get();
            if (s != null) {
                s.runningProperty().set(play.isSelected());
            }
        });
        step.setOnAction(e -> stepOnce());
        speed.valueProperty().addListener((obs, o, n) -> {
            if (!syncing && session.get() != null) {
                session.get().speedProperty().set(Math.pow(10, n.doubleValue()));
            }
        });
        seed.setOnAction(e -> resetFromField());
        reset.setOnAction(e -> resetFromField());
        seed.textProperty().addListener((obs, o, n) -> seed.getStyleClass().remove("field-error"));

        Label speedCaption = new Label("Speed");
        Label seedCaption = new Label("Seed");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox timeBox = new HBox(8, time, events);
        timeBox.setAlignment(Pos.CENTER_LEFT);
        bar = new ToolBar(play, step, new Separator(), speedCaption, speed, speedLabel, new Separator(), timeBox,
                spring, note, seedCaption, seed, reset);
        // Never squeeze a label into "S...": what does not fit goes to the toolbar's overflow menu instead.
        for (Node n : bar.getItems()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        for (Region r : new Region[] {speedLabel, time, events}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.setId("sim-toolbar");
        bar.getStyleClass().add("sim-toolbar");

        session.addListener((obs, old, now) -> rebind(old, now));
        rebind(null, null);
    }

    public Node view() {
        return bar;
    }

    public ObjectProperty<SimulationSession> sessionProperty() {
        return session;
    }

    /** Runs one event, or says why not. */
    public void stepOnce() {
        SimulationSession s = session.get();
        if (s == null) {
            return;
        }
        if (!s.stepOnce()) {
            status.info("Nothing to step: no event is waiting in the simulation.");
        }
    }

    public void togglePlay() {
        SimulationSession s = session.get();
        if (s != null) {
            s.togglePlay();
        }
    }

    private void resetFromField() {
        SimulationSession s = session.get();
        if (s == null) {
            return;
        }
        try {
            long value = Seeds.parse(seed.getText());
            s.reset(value);
            status.info("Started again from seed " + value + ".");
        } catch (IllegalArgumentException ex) {
            if (!seed.getStyleClass().contains("field-error")) {
                seed.getStyleClass().add("field-error");
            }
            status.error(ex.getMessage() + " The simulation was left as it was.");
        }
    }

    private void rebind(SimulationSession old, SimulationSession now) {
        if (old != null) {
            old.virtualTimeMicrosProperty().removeListener(refresh);
            old.eventsProcessedProperty().removeListener(refresh);
            old.behindProperty().removeListener(refresh);
            old.seedProperty().removeListener(refresh);
            old.runningProperty().removeListener(runningChanged);
            old.speedProperty().removeListener(speedChanged);
        }
        boolean none = now == null;
        for (Node n : new Node[] {play, step, speed, seed, reset}) {
            n.setDisable(none);
        }
        if (now != null) {
            now.virtualTimeMicrosProperty().addListener(refresh);
            now.eventsProcessedProperty().addListener(refresh);
            now.behindProperty().addListener(refresh);
            now.seedProperty().addListener(refresh);
            now.runningProperty().addListener(runningChanged);
            now.speedProperty().addListener(speedChanged);
            seed.setText(Long.toString(now.seedProperty().get()));
            seed.getStyleClass().remove("field-error");
        } else {
            seed.setText("");
        }
        syncPlay();
        syncSpeed();
        refreshFigures();
    }

    private void syncPlay() {
        SimulationSession s = session.get();
        boolean running = s != null && s.runningProperty().get();
        play.setSelected(running);
        play.setText(running ? "Pause" : "Play");
    }

    private void syncSpeed() {
        SimulationSession s = session.get();
        double v = s == null ? 1.0 : s.speedProperty().get();
        syncing = true;
        try {
            speed.setValue(Math.log10(v));
        } finally {
            syncing = false;
        }
        speedLabel.setText(formatSpeed(v));
    }

    private void refreshFigures() {
        SimulationSession s = session.get();
        if (s == null) {
            time.setText("t = –");
            events.setText("");
            note.setText("No simulation on this page");
            return;
        }
        time.setText("t = " + formatTime(s.virtualTimeMicrosProperty().get()));
        long n = s.eventsProcessedProperty().get();
        events.setText(String.format(Locale.ROOT, "%,d event%s", n, n == 1 ? "" : "s"));
        if (!s.seedProperty().getValue().toString().equals(seed.getText()) && !seed.isFocused()) {
            seed.setText(Long.toString(s.seedProperty().get()));
        }
        note.setText(s.behindProperty().get()
                ? String.format(Locale.ROOT, "Can't keep up: running at %s", formatSpeed(s.achievedSpeedProperty().get()))
                : "");
    }

    /** {@code 0.01x}, {@code 0.25x}, {@code 1x}, {@code 2.5x}, {@code 40x}. */
    public static String formatSpeed(double v) {
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.0f×", v);
        }
        if (v >= 1) {
            String s = String.format(Locale.ROOT, "%.1f", v);
            return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "×";
        }
        return String.format(Locale.ROOT, "%.2f×", v);
    }

    /** Virtual time as seconds with microsecond digits: {@code 12.345678 s}. */
    public static String formatTime(long micros) {
        return String.format(Locale.ROOT, "%.6f s", Micros.toSeconds(micros));
    }
}
