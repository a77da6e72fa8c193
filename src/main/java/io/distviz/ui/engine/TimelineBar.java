package io.distviz.ui.engine;

import io.distviz.sim.Micros;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Palette;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;

/**
 * The strip under a protocol page: the run's virtual time from the start to the furthest moment reached, the
 * moment shown, marks for what the person did and for what a teacher would point at, and a scrubber. Dragging
 * moves the whole page to that moment ({@link EngineModel#seek}); Play goes on from there through the recorded
 * future; acting there starts a new one. A drag asks for one seek per frame, the latest position, so a long
 * session scrubs smoothly instead of queueing seeks.
 */
public final class TimelineBar {
    private final EngineModel model;
    private final Appearance appearance;
    private final TimelineMarkers markers = new TimelineMarkers();
    private final Canvas canvas = new Canvas();
    private final Pane canvasHolder = new Pane(canvas);
    private final Label time = new Label();
    private final Label detail = new Label();
    private final Tooltip hint = new Tooltip();
    private final Tooltip timeHint = new Tooltip();
    private final Button start = new Button("Start");
    private final Button previous = new Button("◀ Mark");
    private final Button next = new Button("Mark ▶");
    private final Button live = new Button("Live");
    private final javafx.scene.layout.VBox view;
    private final HBox controlsRow;
    /** The time a drag asked for, applied at the next frame; -1 when none is waiting. */
    private long pendingSeek = -1;
    private double hoverX = -1;
    /** Where the last frame drew each mark (x), for the hover text. */
    private double trackLeft;
    private double trackWidth;

    private static final double PAD = 8;

    public TimelineBar(EngineModel model, Appearance appearance, String idPrefix) {
        this.model = model;
        this.appearance = appearance;
        start.setId(idPrefix + "-timeline-start");
        start.setTooltip(new Tooltip("Go to the start of the run"));
        start.setOnAction(e -> toStart());
        previous.setId(idPrefix + "-timeline-previous");
        previous.setTooltip(new Tooltip("Go to the previous mark (your action, an election, a commit, a join...)"));
        previous.setOnAction(e -> previousMark());
        next.setId(idPrefix + "-timeline-next");
        next.setTooltip(new Tooltip("Go to the next mark"));
        next.setOnAction(e -> nextMark());
        live.setId(idPrefix + "-timeline-live");
        live.setTooltip(new Tooltip("Go back to the furthest moment reached and go on from there"));
        live.setOnAction(e -> toLive());
        for (Button b : List.of(start, previous, next, live)) {
            b.getStyleClass().add("timeline-button");
            b.setMinWidth(Button.USE_PREF_SIZE);
            b.setFocusTraversable(false);
        }
        time.setId(idPrefix + "-timeline-time");
        time.getStyleClass().add("timeline-time");
        time.setMinWidth(Label.USE_PREF_SIZE);
        detail.setId(idPrefix + "-timeline-detail");
        detail.getStyleClass().add("timeline-detail");
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.setMinWidth(0);

        canvas.setId(idPrefix + "-timeline");
        canvasHolder.setMinSize(120, 22);
        canvas.widthProperty().bind(canvasHolder.widthProperty());
        canvas.heightProperty().bind(canvasHolder.heightProperty());
        HBox.setHgrow(canvasHolder, Priority.ALWAYS);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (model.canSeek()) {
                model.session().pause();
                pendingSeek = timeAt(e.getX());
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (model.canSeek()) {
                pendingSeek = timeAt(e.getX());
            }
            hoverX = e.getX();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> applyPendingSeek());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hoverX = e.getX());
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hoverX = -1);

        HBox buttons = new HBox(2, start, previous, next, live);
        buttons.setAlignment(Pos.CENTER_LEFT);
        // The strip on a row of its own, the whole width of the drawing (a video player's scrubber), and the
        // buttons and the time under it: in projector mode a single row left the strip a thumb's width.
        javafx.scene.layout.Region spring = new javafx.scene.layout.Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        controlsRow = new HBox(8, buttons, time, spring);
        controlsRow.setAlignment(Pos.CENTER_LEFT);
        canvasHolder.setPrefSize(600, 26);
        view = new javafx.scene.layout.VBox(2, canvasHolder, controlsRow);
        // The strip gets the room; what a mark means, or what the moment shown is, appears as its tooltip.
        hint.setShowDelay(javafx.util.Duration.millis(150));
        hint.setHideDelay(javafx.util.Duration.millis(100));
        hint.textProperty().bind(detail.textProperty());
        Tooltip.install(canvas, hint);
        time.setTooltip(timeHint);
        timeHint.textProperty().bind(detail.textProperty());
        view.getStyleClass().add("timeline-bar");
        view.setId(idPrefix + "-timeline-bar");
    }

    public Node view() {
        return view;
    }

    /** Goes to the start of the run. */
    public void toStart() {
        model.seek(0);
    }

    /** Goes to the last mark before the moment shown (the start if there is none). */
    public void previousMark() {
        refreshMarkers();
        TimelineMarkers.Marker m = markers.previous(model.simulation().nowMicros());
        model.seek(m == null ? 0 : m.timeMicros());
    }

    /** Goes to the first mark after the moment shown (the furthest moment if there is none). */
    public void nextMark() {
        refreshMarkers();
        TimelineMarkers.Marker m = markers.next(model.simulation().nowMicros());
        if (m != null) {
            model.seek(m.timeMicros());
        } else {
            model.seekToHorizon();
        }
    }

    /** Goes back to the furthest moment reached. */
    public void toLive() {
        model.seekToHorizon();
    }

    /** Puts {@code node} at the right end of the row of buttons (the page's Log & diagram toggle). */
    public void addTrailing(Node node) {
        controlsRow.getChildren().add(node);
    }

    /** The time at {@code x} on the strip, within the run. */
    public long timeAt(double x) {
        double horizon = model.horizonMicros();
        if (trackWidth <= 0) {
            trackLeft = PAD;
            trackWidth = Math.max(1, canvas.getWidth() - 2 * PAD);
        }
        double f = Math.max(0, Math.min(1, (x - trackLeft) / trackWidth));
        return Math.round(f * horizon);
    }

    /** The x of {@code timeMicros} on the strip. */
    public double xOf(long timeMicros) {
        double horizon = Math.max(1, model.horizonMicros());
        return trackLeft + trackWidth * Math.min(1, timeMicros / horizon);
    }

    /** The marks as they are now. */
    public List<TimelineMarkers.Marker> markers() {
        refreshMarkers();
        return markers.markers();
    }

    private void refreshMarkers() {
        markers.update(model.timelineEvents(), model.timelineVersion());
    }

    private void applyPendingSeek() {
        if (pendingSeek >= 0) {
            long t = pendingSeek;
            pendingSeek = -1;
            model.seek(t);
        }
    }

    /** Once per frame: a waiting seek, then the strip and the labels. */
    public void refresh() {
        applyPendingSeek();
        refreshMarkers();
        boolean seekable = model.canSeek();
        long now = model.simulation().nowMicros();
        long horizon = model.horizonMicros();
        boolean past = !model.atHorizon();
        for (Button b : List.of(start, previous, next)) {
            b.setDisable(!seekable);
        }
        live.setDisable(!seekable || !past);
        time.setText(Micros.format(now) + (past ? " / " + Micros.format(horizon) : ""));
        String hover = hoverText();
        if (!seekable) {
            detail.setText("The lesson drives the timeline: use its Back");
        } else if (hover != null) {
            detail.setText(hover);
        } else if (past) {
            detail.setText("Replaying the past: Play goes on as before; acting here starts a new future");
        } else {
            detail.setText("Drag to go back in time");
        }
        pseudo(past);
        draw(now, horizon, seekable);
    }

    private void pseudo(boolean past) {
        if (past && !view.getStyleClass().contains("timeline-past")) {
            view.getStyleClass().add("timeline-past");
        } else if (!past) {
            view.getStyleClass().remove("timeline-past");
        }
    }

    private String hoverText() {
        if (hoverX < 0 || trackWidth <= 0) {
            return null;
        }
        long t = timeAt(hoverX);
        TimelineMarkers.Marker best = null;
        double bestDx = 6 * appearance.strokeScale();
        for (TimelineMarkers.Marker m : nearby(t)) {
            double dx = Math.abs(xOf(m.timeMicros()) - hoverX);
            if (dx <= bestDx) {
                best = m;
                bestDx = dx;
            }
        }
        return best == null ? Micros.format(t) : Micros.format(best.timeMicros()) + ": " + best.label();
    }

    /** Marks within a few pixels' worth of time of {@code t}. */
    private List<TimelineMarkers.Marker> nearby(long t) {
        List<TimelineMarkers.Marker> all = markers.markers();
        double perPixel = Math.max(1, model.horizonMicros()) / Math.max(1, trackWidth);
        long span = (long) Math.ceil(8 * appearance.strokeScale() * perPixel);
        int lo = TimelineMarkers.firstAtOrAfter(all, t - span);
        int hi = TimelineMarkers.firstAtOrAfter(all, t + span + 1);
        return all.subList(lo, hi);
    }


    private Color colour(TimelineMarkers.Kind k, Palette p) {
        return switch (k) {
            case ACTION -> p.accent();
            case LEADER -> p.warning();
            case COMMIT -> p.success();
            case MEMBERSHIP -> p.danger();
            case KEYS, SYNC -> p.info();
        };
    }

    private void draw(long now, long horizon, boolean seekable) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        Palette p = appearance.palette();
        double s = appearance.strokeScale();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        trackLeft = PAD;
        trackWidth = Math.max(1, w - 2 * PAD);
        double mid = h / 2;
        double trackH = 6 * s;
        // The run: what has been shown so far, then the recorded future (paler) up to the furthest moment.
        g.setFill(p.surfaceRaised());
        g.fillRoundRect(trackLeft, mid - trackH / 2, trackWidth, trackH, trackH, trackH);
        double xNow = xOf(now);
        g.setFill(seekable ? p.accent().deriveColor(0, 1, 1, 0.55) : p.mutedText().deriveColor(0, 1, 1, 0.4));
        g.fillRoundRect(trackLeft, mid - trackH / 2, Math.max(trackH, xNow - trackLeft), trackH, trackH, trackH);
        g.setStroke(p.border());
        g.setLineWidth(1);
        g.strokeRoundRect(trackLeft, mid - trackH / 2, trackWidth, trackH, trackH, trackH);

        // Marks: one per pixel column and kind, so a long run stays readable and cheap to draw.
        Map<TimelineMarkers.Kind, double[]> lastX = new EnumMap<>(TimelineMarkers.Kind.class);
        for (TimelineMarkers.Marker m : markers.markers()) {
            double x = Math.floor(xOf(m.timeMicros()));
            double[] last = lastX.computeIfAbsent(m.kind(), k -> new double[] {-10});
            if (x - last[0] < 2) {
                continue;
            }
            last[0] = x;
            g.setStroke(colour(m.kind(), p));
            g.setFill(colour(m.kind(), p));
            if (m.kind() == TimelineMarkers.Kind.ACTION) {
                // Above the track, a small triangle pointing down at the moment.
                double top = mid - trackH / 2 - 2 * s;
                g.fillPolygon(new double[] {x - 4 * s, x + 4 * s, x}, new double[] {top - 7 * s, top - 7 * s, top}, 3);
            } else {
                int row = m.kind().ordinal() - 1;
                double y0 = mid + trackH / 2 + 2 * s + row * 1.5 * s;
                g.setLineWidth(1.5 * s);
                g.strokeLine(x + 0.5, y0, x + 0.5, Math.min(h - 1, y0 + 6 * s));
            }
        }
        // The moment shown: a line and a handle.
        g.setStroke(p.text());
        g.setLineWidth(2 * s);
        g.strokeLine(xNow, 2, xNow, h - 2);
        g.setFill(seekable ? p.accent() : p.mutedText());
        g.fillOval(xNow - 5 * s, mid - 5 * s, 10 * s, 10 * s);
        g.setStroke(p.surface());
        g.setLineWidth(1.5);
        g.strokeOval(xNow - 5 * s, mid - 5 * s, 10 * s, 10 * s);
    }

    /** For tests: the x the handle was drawn at. */
    double handleX() {
        return xOf(model.simulation().nowMicros());
    }

    /** The legend of the marks' colours, for the page's help. */
    public static String legend() {
        StringBuilder b = new StringBuilder();
        for (TimelineMarkers.Kind k : TimelineMarkers.Kind.values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(k.legend());
        }
        return b.toString();
    }
}
