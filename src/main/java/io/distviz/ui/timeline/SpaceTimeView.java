package io.distviz.ui.timeline;

import io.distviz.clocks.logical.LogicalClocks;
import io.distviz.clocks.logical.VectorClock;
import io.distviz.sim.Message;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A space-time diagram of any protocol's timeline (Lamport 1978, figure 1, turned on its side): one lane per
 * node, virtual time to the right, an arrow per message from its send to its delivery, a dropped message
 * ending in an X at its drop time, a message in flight at the page's moment dashed up to the "now" line, and
 * everything after that moment faded. It can write each send and receipt's Lamport or vector clock on it.
 *
 * <p>It draws on one canvas, and only the visible time window: a {@link MessageIndex} built incrementally
 * from the trace finds the window's messages by binary search, so the cost of a frame follows what is on
 * screen, not the length of the run. When a zoomed-out window holds more arrows than can be told apart it
 * draws one message in k and says so. What it drew is kept for hit tests (and for tests that compare the
 * drawing with the trace).
 */
public final class SpaceTimeView {

    /** The message a person clicked: its id, where its send and end are in the trace (end -1 while in flight). */
    public record MessageSelection(long messageId, int sendIndex, int endIndex, Message message) {
    }

    /** Which logical clock is written on each send and receipt. */
    enum Stamps {
        NONE("none"), LAMPORT("Lamport"), VECTOR("vector");

        private final String label;

        Stamps(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return "Stamps: " + label;
        }
    }

    /** How a drawn arrow ends. */
    enum Ending { DELIVERED, DROPPED, IN_FLIGHT }

    /**
     * One message as drawn: the segment from its send to where it ends (its delivery, its drop mark, or the now
     * line while in flight). {@code future} when it was sent after the page's moment.
     */
    record DrawnArrow(long messageId, int copy, int sendIndex, int endIndex, NodeId from, NodeId to, String kind,
                      double x1, double y1, double x2, double y2, Ending ending, boolean future) {

        double distanceTo(double x, double y) {
            double dx = x2 - x1;
            double dy = y2 - y1;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
            return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
        }

        /** Whether this is the same message copy as {@code other}, wherever either was drawn. */
        boolean sameMessage(DrawnArrow other) {
            return other != null && other.messageId == messageId && other.copy == copy;
        }
    }

    /** A clock written on the diagram, at the dot of the event at {@code traceIndex}. */
    record DrawnStamp(int traceIndex, String text, double x, double y) {
    }

    /** What one frame drew: the window, the lanes' centre lines, the arrows and the stamps. */
    record Drawn(double fromMicros, double toMicros, double plotLeft, double plotRight, Map<NodeId, Double> laneY,
                 List<DrawnArrow> arrows, List<DrawnStamp> stamps, int stride, double nowX) {
    }

    /** Beyond this many messages in the window, one in k is drawn: more could not be told apart anyway. */
    static final int MAX_ARROWS = 3_000;
    /** Clocks are written only when this few arrows are drawn; the per-lane overlap test does the rest. */
    static final int MAX_STAMPED_ARROWS = 400;
    /** Events other than messages get a tick on their lane only when the window holds this few events. */
    static final int MAX_TICKED_EVENTS = 5_000;
    /**
     * Per frame, the stamp passes run at most this long: a whole 500k-event trace takes about 90 ms for Lamport
     * clocks and 450 ms for vectors, so at the end of a long session the stamps appear within a second,
     * without a frame stalling.
     */
    static final long STAMP_SLICE_MILLIS = 6;
    private static final int STAMP_CHUNK = 4_096;
    static final double MIN_LANE_PX = 18;
    static final double MAX_LANE_PX = 64;
    /** Follow keeps the now line at most this far across the window, so what is just being sent stays in view. */
    static final double FOLLOW_AT = 0.9;
    static final double FUTURE_ALPHA = 0.28;
    static final double MIN_MICROS_PER_PX = 0.02;
    static final double MAX_MICROS_PER_PX = 1e9;
    static final double ZOOM_STEP = 1.5;

    private static final Color[] LIGHT_KINDS = {
        Color.web("#0b5cc4"), Color.web("#c2410c"), Color.web("#15803d"), Color.web("#7c3aed"),
        Color.web("#b91c1c"), Color.web("#0e7490"), Color.web("#a16207"), Color.web("#be185d"),
        Color.web("#4d7c0f"), Color.web("#1e3a8a"), Color.web("#9a3412"), Color.web("#6b21a8"),
    };
    private static final Color[] DARK_KINDS = {
        Color.web("#5aa7ff"), Color.web("#fb923c"), Color.web("#4ade80"), Color.web("#b794ff"),
        Color.web("#ff7b72"), Color.web("#22d3ee"), Color.web("#facc15"), Color.web("#f472b6"),
        Color.web("#a3e635"), Color.web("#93c5fd"), Color.web("#fdba74"), Color.web("#d8b4fe"),
    };

    private final Appearance appearance;
    private final BorderPane root = new BorderPane();
    private final Canvas canvas = new Canvas();
    private final ScrollBar laneBar = new ScrollBar();
    private final Label hover = new Label();
    /** Made after the three nodes it holds. */
    private final Surface surface = new Surface();
    private final ToggleButton follow = new ToggleButton("Follow");
    private final Button zoomIn = new Button("+");
    private final Button zoomOut = new Button("\u2212");
    private final Button fit = new Button("Fit");
    private final ComboBox<Stamps> stampChoice = new ComboBox<>();
    private final Label info = new Label();

    private List<TraceEvent> events = List.of();
    private final TraceCursor cursor = new TraceCursor();
    private final MessageIndex messages = new MessageIndex();
    private final StampCache stampCache = new StampCache();
    private int shownUpTo;
    private long nowMicros;
    private List<NodeId> lanes = List.of();
    private final HashMap<NodeId, Integer> laneOf = new HashMap<>();
    private int lanesFromTraceCount = -1;

    /** The window: its left edge and its scale. */
    private double viewStartMicros;
    private double microsPerPx = 1_500;
    private double laneScrollPx;
    private long selectedId = -1;
    private boolean revealSelected;
    private DrawnArrow hovered;
    private Consumer<MessageSelection> onSelectMessage = m -> {
    };
    private LongConsumer onSelectTime = t -> {
    };

    private boolean dirty = true;
    private boolean stampsPending;
    private boolean syncingBar;
    private Drawn drawn = new Drawn(0, 0, 0, 0, Map.of(), List.of(), List.of(), 1, Double.NaN);
    /** The vector clocks of the last window asked for, kept while the window's event range stays the same. */
    private int vectorFrom = -1;
    private int vectorTo = -1;
    private Map<Integer, VectorClock> vectorWindow = Map.of();

    // Drawing state of the current frame.
    private Palette palette = Palette.LIGHT;
    private double scale = 1;
    private double gutterPx;
    private Font laneFont;
    private Font smallFont;
    private Font stampFont;
    private final HashMap<String, Double> textWidths = new HashMap<>();
    private final Text measurer = new Text();

    // Dragging.
    private double pressX;
    private double pressY;
    private double pressViewStart;
    private double pressLaneScroll;
    private boolean dragged;

    public SpaceTimeView(Appearance appearance) {
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        root.setId("space-time");
        root.getStyleClass().add("space-time");
        canvas.setId("space-time-canvas");
        follow.setId("space-time-follow");
        stampChoice.setId("space-time-stamps");
        fit.setId("space-time-fit");
        zoomIn.setId("space-time-zoom-in");
        zoomOut.setId("space-time-zoom-out");
        info.setId("space-time-info");
        info.getStyleClass().add("muted");
        laneBar.setId("space-time-lanes");
        hover.setId("space-time-hover");
        hover.getStyleClass().add("space-time-hover");

        follow.setSelected(true);
        follow.setTooltip(new Tooltip("Keep the now line in view as time runs"));
        follow.selectedProperty().addListener((obs, o, on) -> {
            if (on) {
                keepNowInView();
            }
            redrawSoon();
        });
        zoomIn.setTooltip(new Tooltip("Zoom in (mouse wheel)"));
        zoomOut.setTooltip(new Tooltip("Zoom out (mouse wheel)"));
        fit.setTooltip(new Tooltip("Show the whole run"));
        zoomIn.setOnAction(e -> zoomButton(1 / ZOOM_STEP));
        zoomOut.setOnAction(e -> zoomButton(ZOOM_STEP));
        fit.setOnAction(e -> fitAll());
        stampChoice.getItems().setAll(Stamps.values());
        stampChoice.getSelectionModel().select(Stamps.NONE);
        stampChoice.setTooltip(new Tooltip("Write each send's and receipt's logical clock on it (when zoomed in)"));
        stampChoice.valueProperty().addListener((obs, o, n) -> redrawSoon());

        FlowPane bar = new FlowPane(6, 4, follow, zoomOut, zoomIn, fit, stampChoice, info);
        bar.getStyleClass().add("space-time-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        root.setTop(bar);
        root.setCenter(surface);

        laneBar.setOrientation(Orientation.VERTICAL);
        laneBar.setVisible(false);
        laneBar.valueProperty().addListener((obs, o, v) -> {
            if (!syncingBar) {
                laneScrollPx = v.doubleValue();
                redrawSoon();
            }
        });
        hover.setManaged(false);
        hover.setVisible(false);
        hover.setMouseTransparent(true);

        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragging);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(this::moved);
        canvas.setOnMouseExited(e -> setHovered(null, 0, 0));
        canvas.setOnScroll(this::scrolled);
    }

    /** The whole component: the canvas and its small toolbar. */
    public Node view() {
        return root;
    }

    /** The canvas, for PNG export. */
    public Canvas canvas() {
        return canvas;
    }

    /**
     * Called once per frame. {@code events}: every event of the session's timeline, in order; the first
     * {@code shownUpTo} have happened at the page's moment {@code nowMicros}, the rest are faded. {@code nodes}
     * is the lane order (when empty, the nodes seen in the trace, in natural order).
     */
    public void update(List<TraceEvent> events, int shownUpTo, long nowMicros, List<NodeId> nodes) {
        Objects.requireNonNull(events, "events");
        if (cursor.diverged(events)) {
            messages.clear();
            stampCache.clear();
            cursor.reset();
            vectorFrom = -1;
            lanesFromTraceCount = -1;
            dirty = true;
        }
        this.events = events;
        if (events.size() > cursor.seen()) {
            messages.append(events, cursor.seen());
            cursor.caughtUp(events);
            dirty = true;
        }
        shownUpTo = Math.max(0, Math.min(shownUpTo, events.size()));
        if (shownUpTo != this.shownUpTo || nowMicros != this.nowMicros) {
            this.shownUpTo = shownUpTo;
            this.nowMicros = nowMicros;
            dirty = true;
        }
        setLanes(nodes);
        if (follow.isSelected() && keepNowInView()) {
            dirty = true;
        }
        if (appearance.palette() != palette || appearance.strokeScale() != scale) {
            dirty = true;
        }
        if (dirty || stampsPending) {
            redraw();
        }
    }

    /** Called when a person clicks an arrow. */
    public void setOnSelectMessage(Consumer<MessageSelection> handler) {
        onSelectMessage = handler == null ? m -> {
        } : handler;
    }

    /** Called when a person clicks empty space in the diagram, with the virtual time clicked. */
    public void setOnSelectTime(LongConsumer handler) {
        onSelectTime = handler == null ? t -> {
        } : handler;
    }

    /** Highlights message {@code messageId}'s arrow and scrolls it into view. */
    public void selectMessage(long messageId) {
        selectedId = messageId;
        revealSelected = true;
        redrawSoon();
    }

    /** Whether the window follows the now line. */
    public BooleanProperty followProperty() {
        return follow.selectedProperty();
    }

    // ============================================================================================ for tests

    Drawn drawn() {
        return drawn;
    }

    long selectedMessageId() {
        return selectedId;
    }

    void setStamps(Stamps s) {
        stampChoice.getSelectionModel().select(s);
    }

    /** Shows virtual times {@code fromMicros..toMicros} across the plot (and stops following). */
    void showWindow(double fromMicros, double toMicros) {
        follow.setSelected(false);
        double width = Math.max(1, plotWidth());
        microsPerPx = clampScale((toMicros - fromMicros) / width);
        viewStartMicros = fromMicros;
        redrawSoon();
    }

    /** The vector clock of the event at {@code traceIndex} as the diagram would write it, or null. */
    VectorClock vectorAt(int traceIndex) {
        stampCache.extendVectors(events, traceIndex + 1, Integer.MAX_VALUE);
        return stampCache.vectors(events, traceIndex, traceIndex + 1).get(traceIndex);
    }

    // ============================================================================================ view control

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - gutterPx - 10 * scale);
    }

    private double spanMicros() {
        return plotWidth() * microsPerPx;
    }

    private static double clampScale(double microsPerPx) {
        return Math.max(MIN_MICROS_PER_PX, Math.min(MAX_MICROS_PER_PX, microsPerPx));
    }

    /** Moves the window so the now line is in it; returns whether it moved. */
    private boolean keepNowInView() {
        double span = spanMicros();
        double before = viewStartMicros;
        if (nowMicros > viewStartMicros + FOLLOW_AT * span) {
            viewStartMicros = nowMicros - FOLLOW_AT * span;
        } else if (nowMicros < viewStartMicros) {
            // Scrubbed back: now near the left, so what comes next (faded) fills the window.
            viewStartMicros = nowMicros - (1 - FOLLOW_AT) * span;
        }
        return viewStartMicros != before;
    }

    /** Zooms by {@code factor} (below 1: in) keeping virtual time {@code anchorMicros} at the same x. */
    private void zoom(double factor, double anchorMicros) {
        double anchorX = (anchorMicros - viewStartMicros) / microsPerPx;
        microsPerPx = clampScale(microsPerPx * factor);
        viewStartMicros = anchorMicros - anchorX * microsPerPx;
    }

    private void zoomButton(double factor) {
        double t0 = viewStartMicros;
        double t1 = t0 + spanMicros();
        boolean nowShown = nowMicros >= t0 && nowMicros <= t1;
        zoom(factor, follow.isSelected() && nowShown ? nowMicros : (t0 + t1) / 2);
        if (follow.isSelected()) {
            keepNowInView();
        }
        redrawSoon();
    }

    private void fitAll() {
        if (events.isEmpty()) {
            return;
        }
        long first = events.get(0).timeMicros();
        long last = Math.max(nowMicros, events.get(events.size() - 1).timeMicros());
        double span = Math.max(1_000, last - first);
        // A little room at both ends so the first and last arrows do not touch the edges.
        microsPerPx = clampScale(span * 1.04 / plotWidth());
        viewStartMicros = first - span * 0.02;
        redrawSoon();
    }

    private void setLanes(List<NodeId> nodes) {
        List<NodeId> wanted;
        if (nodes != null && !nodes.isEmpty()) {
            if (nodes.equals(lanes)) {
                return;
            }
            wanted = List.copyOf(nodes);
            lanesFromTraceCount = -1;
        } else {
            List<NodeId> seen = messages.nodesSeen();
            if (seen.size() == lanesFromTraceCount) {
                return;
            }
            lanesFromTraceCount = seen.size();
            List<NodeId> sorted = new ArrayList<>(seen);
            sorted.sort(EventText.NATURAL_ORDER);
            wanted = List.copyOf(sorted);
        }
        lanes = wanted;
        laneOf.clear();
        for (int i = 0; i < lanes.size(); i++) {
            laneOf.put(lanes.get(i), i);
        }
        gutterPx = 0;
        dirty = true;
    }

    private void redrawSoon() {
        dirty = true;
        redraw();
    }

    // ============================================================================================ mouse

    private void pressed(MouseEvent e) {
        pressX = e.getX();
        pressY = e.getY();
        pressViewStart = viewStartMicros;
        pressLaneScroll = laneScrollPx;
        dragged = false;
    }

    private void dragging(MouseEvent e) {
        double dx = e.getX() - pressX;
        double dy = e.getY() - pressY;
        if (!dragged && Math.hypot(dx, dy) < 4) {
            return;
        }
        dragged = true;
        if (Math.abs(dx) >= 4 && follow.isSelected()) {
            // Dragging back in time is looking at the past: following would pull the window straight back.
            follow.setSelected(false);
        }
        if (!follow.isSelected()) {
            viewStartMicros = pressViewStart - dx * microsPerPx;
        }
        laneScrollPx = pressLaneScroll - dy;
        setHovered(null, 0, 0);
        redrawSoon();
    }

    private void released(MouseEvent e) {
        if (dragged) {
            dragged = false;
            return;
        }
        DrawnArrow hit = arrowAt(e.getX(), e.getY());
        if (hit != null) {
            selectedId = hit.messageId();
            redrawSoon();
            Message m = ((TraceEvent.MessageSent) events.get(hit.sendIndex())).message();
            onSelectMessage.accept(new MessageSelection(hit.messageId(), hit.sendIndex(), hit.endIndex(), m));
            return;
        }
        if (e.getX() >= drawn.plotLeft() && e.getX() <= drawn.plotRight()) {
            selectedId = -1;
            redrawSoon();
            onSelectTime.accept(Math.max(0, Math.round(timeAt(e.getX()))));
        }
    }

    private void moved(MouseEvent e) {
        setHovered(arrowAt(e.getX(), e.getY()), e.getX(), e.getY());
    }

    private void scrolled(ScrollEvent e) {
        double delta = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX();
        if (delta == 0) {
            return;
        }
        if (e.isShiftDown()) {
            laneScrollPx -= delta;
        } else {
            double factor = Math.pow(1.25, -delta / 40);
            double t0 = viewStartMicros;
            double t1 = t0 + spanMicros();
            boolean nowShown = nowMicros >= t0 && nowMicros <= t1;
            // While following, zoom about the now line so it stays where the eye is.
            zoom(factor, follow.isSelected() && nowShown ? nowMicros : timeAt(e.getX()));
        }
        e.consume();
        redrawSoon();
    }

    private double timeAt(double x) {
        return viewStartMicros + (x - gutterPx) * microsPerPx;
    }

    /** The drawn arrow nearest to (x, y), within a few pixels, or null. */
    DrawnArrow arrowAt(double x, double y) {
        if (x < drawn.plotLeft() || x > drawn.plotRight()) {
            return null;
        }
        double tolerance = 5 * scale;
        DrawnArrow best = null;
        double bestDistance = Double.MAX_VALUE;
        for (DrawnArrow a : drawn.arrows()) {
            double d = a.distanceTo(x, y);
            if (d <= tolerance && d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best;
    }

    private void setHovered(DrawnArrow a, double x, double y) {
        boolean changed = a == null ? hovered != null : !a.sameMessage(hovered);
        hovered = a;
        if (a == null) {
            hover.setVisible(false);
        } else {
            hover.setText(hoverText(a));
            hover.setVisible(true);
            surface.placeHover(x, y);
        }
        if (changed) {
            redrawSoon();
        }
    }

    private String hoverText(DrawnArrow a) {
        Message m = ((TraceEvent.MessageSent) events.get(a.sendIndex())).message();
        StringBuilder sb = new StringBuilder();
        sb.append(a.kind()).append("  #").append(a.messageId());
        if (a.copy() > 0) {
            sb.append(" (copy ").append(a.copy()).append(')');
        }
        sb.append('\n').append(m.from()).append(" \u2192 ").append(m.to());
        sb.append("\nsent ").append(EventText.time(m.sentAtMicros()));
        if (a.endIndex() >= 0) {
            TraceEvent end = events.get(a.endIndex());
            long took = end.timeMicros() - m.sentAtMicros();
            if (end instanceof TraceEvent.MessageDropped d) {
                sb.append("\ndropped (").append(d.reason()).append(") ").append(EventText.time(end.timeMicros()));
            } else {
                sb.append("\ndelivered ").append(EventText.time(end.timeMicros()));
            }
            sb.append("  (").append(Micros.format(took)).append(')');
            if (a.endIndex() >= shownUpTo) {
                sb.append("\n(still in flight at the moment shown)");
            }
        } else {
            sb.append("\nin flight, due ").append(EventText.time(m.deliverAtMicros()));
        }
        return sb.toString();
    }

    // ============================================================================================ drawing

    private void redraw() {
        dirty = false;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        if (palette != appearance.palette() || scale != appearance.strokeScale() || laneFont == null) {
            palette = appearance.palette();
            scale = appearance.strokeScale();
            laneFont = Font.font("System", FontWeight.BOLD, 11.5 * scale);
            smallFont = Font.font("System", 10 * scale);
            stampFont = Font.font("Monospaced", 10 * scale);
            textWidths.clear();
            gutterPx = 0;
        }
        if (gutterPx == 0) {
            double widest = 0;
            for (NodeId n : lanes) {
                widest = Math.max(widest, textWidth(n.name(), laneFont));
            }
            gutterPx = Math.min(Math.max(widest + 16 * scale, 36 * scale), Math.max(36 * scale, w * 0.3));
        }
        double s = scale;
        g.clearRect(0, 0, w, h);
        g.setFill(palette.surface());
        g.fillRect(0, 0, w, h);
        if (w < 40 || h < 40) {
            return;
        }
        if (revealSelected && selectedId >= 0) {
            int p = messages.positionOf(selectedId);
            if (p >= 0) {
                reveal(p, h);
                revealSelected = false;
            }
        }
        double axisH = 20 * s;
        double plotLeft = gutterPx;
        double plotRight = w - 10 * s;
        double plotTop = axisH + 4 * s;
        double plotBottom = h - 4 * s;
        double viewportH = plotBottom - plotTop;
        int n = lanes.size();
        double laneH = n == 0 ? 0 : Math.max(MIN_LANE_PX * s, Math.min(MAX_LANE_PX * s, viewportH / n));
        double maxScroll = Math.max(0, n * laneH - viewportH);
        laneScrollPx = Math.max(0, Math.min(maxScroll, laneScrollPx));
        syncLaneBar(maxScroll, viewportH);

        double t0 = viewStartMicros;
        double t1 = t0 + (plotRight - plotLeft) * microsPerPx;
        drawAxis(g, t0, t1, plotLeft, plotRight, plotTop, plotBottom, axisH);

        g.save();
        g.beginPath();
        g.rect(plotLeft, plotTop, plotRight - plotLeft, viewportH);
        g.clip();
        Map<NodeId, Double> laneY = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double y = plotTop + (i + 0.5) * laneH - laneScrollPx;
            laneY.put(lanes.get(i), y);
            if (y < plotTop - laneH || y > plotBottom + laneH) {
                continue;
            }
            g.setStroke(palette.border());
            g.setLineWidth(1 * s);
            g.setLineDashes();
            g.strokeLine(plotLeft, y, plotRight, y);
        }
        drawLifecycle(g, t0, t1, plotLeft, laneY, laneH);
        drawLocalEvents(g, t0, t1, plotLeft, laneY, plotTop, plotBottom);
        List<DrawnArrow> arrows = new ArrayList<>();
        int stride = drawArrows(g, t0, t1, plotLeft, laneY, laneH, plotTop, plotBottom, arrows);
        List<DrawnStamp> stamps = drawStamps(g, arrows, stride, plotLeft, plotRight, laneY);
        double nowX = plotLeft + (nowMicros - t0) / microsPerPx;
        if (nowX >= plotLeft && nowX <= plotRight) {
            g.setStroke(palette.accent());
            g.setLineWidth(1.6 * s);
            g.setLineDashes();
            g.strokeLine(nowX, plotTop, nowX, plotBottom);
        }
        g.restore();

        // Lane names over the gutter, on top of anything that ran into it.
        g.setFill(palette.surface());
        g.fillRect(0, plotTop, plotLeft - 2 * s, viewportH);
        g.setFont(laneFont);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < n; i++) {
            double y = laneY.get(lanes.get(i));
            if (y < plotTop || y > plotBottom) {
                continue;
            }
            g.setFill(palette.text());
            g.fillText(lanes.get(i).name(), plotLeft - 6 * s, y, plotLeft - 8 * s);
        }
        if (nowX >= plotLeft && nowX <= plotRight) {
            g.setFill(palette.accent());
            g.fillPolygon(new double[] {nowX - 5 * s, nowX + 5 * s, nowX},
                    new double[] {axisH - 3 * s, axisH - 3 * s, axisH + 4 * s}, 3);
        }
        drawn = new Drawn(t0, t1, plotLeft, plotRight, Collections.unmodifiableMap(laneY),
                Collections.unmodifiableList(arrows), List.copyOf(stamps), stride, nowX);
        updateInfo(t1 - t0, stride, arrows.size());
    }

    private void syncLaneBar(double maxScroll, double viewportH) {
        syncingBar = true;
        try {
            boolean needed = maxScroll > 0;
            if (laneBar.isVisible() != needed) {
                laneBar.setVisible(needed);
                surface.requestLayout();
            }
            laneBar.setMin(0);
            laneBar.setMax(maxScroll);
            laneBar.setVisibleAmount(maxScroll * viewportH / Math.max(1, maxScroll + viewportH));
            laneBar.setUnitIncrement(MIN_LANE_PX * scale);
            laneBar.setBlockIncrement(viewportH * 0.8);
            laneBar.setValue(laneScrollPx);
        } finally {
            syncingBar = false;
        }
    }

    /** Scrolls (and if need be zooms) so message position {@code p} is in view, and stops following. */
    private void reveal(int p, double h) {
        long sent = messages.sendMicros(p);
        int end = messages.endIndex(p);
        long ends = end >= 0 ? events.get(end).timeMicros() : Math.max(sent, Math.min(nowMicros, messages.dueMicros(p)));
        double t0 = viewStartMicros;
        double span = spanMicros();
        if (sent < t0 || ends > t0 + span) {
            follow.setSelected(false);
            if (ends - sent > 0.6 * span) {
                microsPerPx = clampScale((ends - sent) / (0.5 * plotWidth()));
                span = spanMicros();
            }
            viewStartMicros = (sent + ends) / 2.0 - span / 2;
        }
        Message m = ((TraceEvent.MessageSent) events.get(messages.sendIndex(p))).message();
        Integer lane = laneOf.get(m.from());
        if (lane != null) {
            double viewportH = h - 24 * scale - 4 * scale;
            double laneH = Math.max(MIN_LANE_PX * scale, Math.min(MAX_LANE_PX * scale, viewportH / lanes.size()));
            double y = (lane + 0.5) * laneH;
            if (y < laneScrollPx || y > laneScrollPx + viewportH) {
                laneScrollPx = y - viewportH / 2;
            }
        }
    }

    private void drawAxis(GraphicsContext g, double t0, double t1, double plotLeft, double plotRight, double plotTop,
                          double plotBottom, double axisH) {
        double s = scale;
        double step = niceStep(80 * s * microsPerPx);
        int decimals = Math.max(0, 6 - (int) Math.floor(Math.log10(step) + 1e-9));
        g.setFont(smallFont);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setLineDashes();
        for (double t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
            double x = plotLeft + (t - t0) / microsPerPx;
            g.setStroke(palette.border());
            g.setLineWidth(0.6 * s);
            g.setGlobalAlpha(0.6);
            g.strokeLine(x, plotTop, x, plotBottom);
            g.setGlobalAlpha(1);
            g.strokeLine(x, axisH - 4 * s, x, axisH);
            g.setFill(palette.mutedText());
            // A tick a rounding error away from zero would print as "-0.0 s".
            double seconds = Math.abs(t) < step / 2 ? 0 : t / 1e6;
            g.fillText(String.format(Locale.ROOT, "%." + decimals + "f s", seconds), x, axisH / 2);
        }
        g.setStroke(palette.border());
        g.setLineWidth(1 * s);
        g.strokeLine(plotLeft, axisH, plotRight, axisH);
    }

    /** The smallest of 1, 2 and 5 times a power of ten that is at least {@code micros}. */
    static double niceStep(double micros) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(micros, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= micros) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Crashes and restarts on the lanes, and a dashed lane while its node is down (or not yet added). */
    private void drawLifecycle(GraphicsContext g, double t0, double t1, double plotLeft, Map<NodeId, Double> laneY,
                               double laneH) {
        double s = scale;
        HashMap<NodeId, Long> downSince = new HashMap<>();
        HashMap<NodeId, Boolean> seen = new HashMap<>();
        long end = Math.max(nowMicros, events.isEmpty() ? 0 : events.get(events.size() - 1).timeMicros());
        for (int k = 0; k < messages.lifecycleCount(); k++) {
            int index = messages.lifecycleIndex(k);
            TraceEvent.NodeLifecycle l = (TraceEvent.NodeLifecycle) events.get(index);
            Double y = laneY.get(l.node());
            boolean first = seen.put(l.node(), Boolean.TRUE) == null;
            long t = l.timeMicros();
            if (y == null) {
                continue;
            }
            boolean down = l.change() == TraceEvent.NodeLifecycle.Change.CRASHED
                    || l.change() == TraceEvent.NodeLifecycle.Change.REMOVED;
            if (down) {
                downSince.putIfAbsent(l.node(), t);
            } else {
                Long since = downSince.remove(l.node());
                if (since != null) {
                    downSpan(g, since, t, y, t0, t1, plotLeft);
                } else if (first && t > 0) {
                    downSpan(g, Long.MIN_VALUE / 4, t, y, t0, t1, plotLeft);
                }
            }
            if (t < t0 || t > t1) {
                continue;
            }
            double x = plotLeft + (t - t0) / microsPerPx;
            g.setGlobalAlpha(index >= shownUpTo ? FUTURE_ALPHA : 1);
            g.setLineDashes();
            double r = Math.min(6 * s, laneH * 0.35);
            if (down) {
                g.setStroke(palette.danger());
                g.setLineWidth(2.2 * s);
                g.strokeLine(x - r, y - r, x + r, y + r);
                g.strokeLine(x - r, y + r, x + r, y - r);
            } else {
                g.setStroke(palette.success());
                g.setLineWidth(2.2 * s);
                g.strokeLine(x, y - r, x, y + r);
            }
            g.setGlobalAlpha(1);
        }
        downSince.forEach((node, since) -> downSpan(g, since, end, laneY.get(node), t0, t1, plotLeft));
    }

    private void downSpan(GraphicsContext g, long from, long to, double y, double t0, double t1, double plotLeft) {
        if (to < t0 || from > t1) {
            return;
        }
        double s = scale;
        double x1 = plotLeft + (Math.max(from, t0) - t0) / microsPerPx;
        double x2 = plotLeft + (Math.min(to, t1) - t0) / microsPerPx;
        // Cover the lane's solid line, then dash it: a node that is down has no events to draw.
        g.setStroke(palette.surface());
        g.setLineWidth(2.5 * s);
        g.setLineDashes();
        g.strokeLine(x1, y, x2, y);
        g.setStroke(palette.mutedText());
        g.setLineWidth(1 * s);
        g.setLineDashes(2 * s, 4 * s);
        g.strokeLine(x1, y, x2, y);
        g.setLineDashes();
    }

    /** A tick on its lane for each event that is not a message (timers, state changes): what Lamport clocks count too. */
    private void drawLocalEvents(GraphicsContext g, double t0, double t1, double plotLeft, Map<NodeId, Double> laneY,
                                 double plotTop, double plotBottom) {
        int from = firstEventAtOrAfter((long) Math.floor(t0));
        int to = firstEventAtOrAfter((long) Math.floor(t1) + 1);
        if (to - from > MAX_TICKED_EVENTS) {
            return;
        }
        double s = scale;
        g.setStroke(palette.mutedText());
        g.setLineWidth(1 * s);
        g.setLineDashes();
        for (int i = from; i < to; i++) {
            TraceEvent e = events.get(i);
            if (e instanceof TraceEvent.MessageSent || e instanceof TraceEvent.MessageDelivered
                    || e instanceof TraceEvent.NodeLifecycle || !LogicalClocks.EVENTS_AT_NODES.test(e)) {
                continue;
            }
            Double y = laneY.get(e.node());
            if (y == null || y < plotTop || y > plotBottom) {
                continue;
            }
            double x = plotLeft + (e.timeMicros() - t0) / microsPerPx;
            g.setGlobalAlpha(i >= shownUpTo ? FUTURE_ALPHA : 0.8);
            g.strokeLine(x, y - 3 * s, x, y + 3 * s);
        }
        g.setGlobalAlpha(1);
    }

    /** The first trace index whose event is at or after {@code micros} (events are in time order). */
    private int firstEventAtOrAfter(long micros) {
        return io.distviz.sim.Trace.firstAtOrAfter(events, cursor.seen(), micros);
    }

    private int drawArrows(GraphicsContext g, double t0, double t1, double plotLeft, Map<NodeId, Double> laneY,
                           double laneH, double plotTop, double plotBottom, List<DrawnArrow> out) {
        double s = scale;
        int lo = messages.firstReaching((long) Math.floor(t0));
        int hi = messages.firstSentAfter((long) Math.ceil(t1));
        int total = Math.max(0, hi - lo);
        int stride = total > MAX_ARROWS ? (total + MAX_ARROWS - 1) / MAX_ARROWS : 1;
        boolean detailed = total <= 2_000;
        long traceEnd = Math.max(nowMicros, events.isEmpty() ? 0 : events.get(events.size() - 1).timeMicros());
        DrawnArrow selected = null;
        DrawnArrow hoveredNow = null;
        g.setLineCap(StrokeLineCap.ROUND);
        for (int p = lo; p < hi; p += stride) {
            if (messages.dueMicros(p) < t0) {
                continue;
            }
            int send = messages.sendIndex(p);
            Message m = ((TraceEvent.MessageSent) events.get(send)).message();
            Double yFrom = laneY.get(m.from());
            if (yFrom == null) {
                continue;
            }
            Double yTo = laneY.get(m.to());
            double ys = yFrom;
            // A message to a node with no lane (one never added) leaves its sender's lane and goes nowhere.
            double yr = yTo == null || m.to().equals(m.from()) ? ys - 0.45 * laneH : yTo;
            int end = messages.endIndex(p);
            TraceEvent endEvent = end >= 0 ? events.get(end) : null;
            boolean dropped = endEvent instanceof TraceEvent.MessageDropped;
            long sentAt = m.sentAtMicros();
            long endAt = endEvent != null ? endEvent.timeMicros() : messages.dueMicros(p);
            double xs = plotLeft + (sentAt - t0) / microsPerPx;
            double xe = plotLeft + (endAt - t0) / microsPerPx;
            // A dropped message stops short of its receiver, in mid-air, at the time it was dropped.
            double ye = dropped ? ys + 0.75 * (yr - ys) : yr;
            if (Math.max(ys, ye) < plotTop || Math.min(ys, ye) > plotBottom) {
                continue;
            }
            boolean sentByNow = send < shownUpTo;
            boolean endedByNow = end >= 0 && end < shownUpTo;
            Ending ending = end < 0 ? Ending.IN_FLIGHT : dropped ? Ending.DROPPED : Ending.DELIVERED;
            Color colour = colourOf(m);
            String kind = m.payload().kind();
            g.setStroke(colour);
            g.setFill(colour);
            g.setLineWidth(1.3 * s);
            DrawnArrow a;
            if (sentByNow && !endedByNow) {
                // In flight at the page's moment: dashed up to the now line; what the trace knows of later, faded.
                double f = endAt > sentAt ? Math.max(0, Math.min(1, (nowMicros - sentAt) / (double) (endAt - sentAt))) : 1;
                double xn = xs + f * (xe - xs);
                double yn = ys + f * (ye - ys);
                g.setGlobalAlpha(1);
                g.setLineDashes(5 * s, 4 * s);
                g.strokeLine(xs, ys, xn, yn);
                g.setLineDashes();
                if (end >= 0) {
                    g.setGlobalAlpha(FUTURE_ALPHA);
                    g.strokeLine(xn, yn, xe, ye);
                    endMark(g, xs, ys, xe, ye, dropped, detailed);
                    a = new DrawnArrow(m.id(), m.copy(), send, end, m.from(), m.to(), kind, xs, ys, xe, ye, ending, false);
                } else {
                    a = new DrawnArrow(m.id(), m.copy(), send, end, m.from(), m.to(), kind, xs, ys, xn, yn, ending, false);
                }
            } else if (end < 0) {
                // Sent after the page's moment and still in flight when the trace ends.
                double f = endAt > sentAt ? Math.max(0, Math.min(1, (traceEnd - sentAt) / (double) (endAt - sentAt))) : 1;
                double xn = xs + f * (xe - xs);
                double yn = ys + f * (ye - ys);
                g.setGlobalAlpha(FUTURE_ALPHA);
                g.setLineDashes(5 * s, 4 * s);
                g.strokeLine(xs, ys, xn, yn);
                g.setLineDashes();
                a = new DrawnArrow(m.id(), m.copy(), send, end, m.from(), m.to(), kind, xs, ys, xn, yn, ending, true);
            } else {
                g.setGlobalAlpha(sentByNow ? 1 : FUTURE_ALPHA);
                g.setLineDashes();
                g.strokeLine(xs, ys, xe, ye);
                endMark(g, xs, ys, xe, ye, dropped, detailed);
                a = new DrawnArrow(m.id(), m.copy(), send, end, m.from(), m.to(), kind, xs, ys, xe, ye, ending,
                        !sentByNow);
            }
            if (detailed) {
                double r = 2.2 * s;
                g.fillOval(xs - r, ys - r, 2 * r, 2 * r);
                if (ending == Ending.DELIVERED) {
                    g.setGlobalAlpha(endedByNow ? 1 : FUTURE_ALPHA);
                    g.fillOval(xe - r, ye - r, 2 * r, 2 * r);
                }
            }
            if (stride == 1 && total <= 1_500) {
                payloadLabel(g, a, colour);
            }
            g.setGlobalAlpha(1);
            out.add(a);
            if (m.id() == selectedId) {
                selected = a;
            }
            if (a.sameMessage(hovered)) {
                hoveredNow = a;
            }
        }
        g.setGlobalAlpha(1);
        if (hoveredNow != null && hoveredNow != selected) {
            g.setStroke(colourOf(((TraceEvent.MessageSent) events.get(hoveredNow.sendIndex())).message()));
            g.setLineWidth(2.6 * s);
            g.strokeLine(hoveredNow.x1(), hoveredNow.y1(), hoveredNow.x2(), hoveredNow.y2());
        }
        for (DrawnArrow a : out) {
            if (a.messageId() == selectedId) {
                // Selected: an outline in the text colour under a thick stroke, so it stands out in either theme.
                g.setStroke(palette.text());
                g.setLineWidth(5.5 * s);
                g.strokeLine(a.x1(), a.y1(), a.x2(), a.y2());
                g.setStroke(colourOf(((TraceEvent.MessageSent) events.get(a.sendIndex())).message()));
                g.setLineWidth(3 * s);
                g.strokeLine(a.x1(), a.y1(), a.x2(), a.y2());
                endMark(g, a.x1(), a.y1(), a.x2(), a.y2(), a.ending() == Ending.DROPPED, true);
            }
        }
        return stride;
    }

    /** An arrowhead at a delivery, an X at a drop. */
    private void endMark(GraphicsContext g, double xs, double ys, double xe, double ye, boolean dropped,
                         boolean detailed) {
        double s = scale;
        if (dropped) {
            double r = 3.5 * s;
            Color c = palette.danger();
            g.setStroke(c);
            g.setLineWidth(1.8 * s);
            g.strokeLine(xe - r, ye - r, xe + r, ye + r);
            g.strokeLine(xe - r, ye + r, xe + r, ye - r);
            return;
        }
        double dx = xe - xs;
        double dy = ye - ys;
        double len = Math.hypot(dx, dy);
        if (!detailed || len < 12 * s) {
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        double size = 6 * s;
        double bx = xe - ux * size;
        double by = ye - uy * size;
        g.fillPolygon(new double[] {xe, bx - uy * size * 0.45, bx + uy * size * 0.45},
                new double[] {ye, by + ux * size * 0.45, by - ux * size * 0.45}, 3);
    }

    /** The payload's name along the arrow, when the arrow is long enough to carry it. */
    private void payloadLabel(GraphicsContext g, DrawnArrow a, Color colour) {
        double width = textWidth(a.kind(), smallFont);
        if (Math.abs(a.x2() - a.x1()) < width + 12 * scale) {
            return;
        }
        g.setFont(smallFont);
        g.setFill(colour);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(a.kind(), (a.x1() + a.x2()) / 2, (a.y1() + a.y2()) / 2 - 2 * scale);
    }

    /** Colour by payload type: a stable hash of the class's simple name, so a type keeps its colour in every run. */
    private Color colourOf(Message m) {
        Color[] set = "dark".equals(palette.name()) ? DARK_KINDS : LIGHT_KINDS;
        return set[Math.floorMod(m.payload().getClass().getSimpleName().hashCode(), set.length)];
    }

    /** The logical clock of each drawn send and receipt, where it fits. */
    private List<DrawnStamp> drawStamps(GraphicsContext g, List<DrawnArrow> arrows, int stride, double plotLeft,
                                        double plotRight, Map<NodeId, Double> laneY) {
        stampsPending = false;
        Stamps mode = stampChoice.getValue();
        if (mode == null || mode == Stamps.NONE || stride > 1 || arrows.isEmpty()
                || arrows.size() > MAX_STAMPED_ARROWS) {
            return List.of();
        }
        int lowest = Integer.MAX_VALUE;
        int highest = -1;
        for (DrawnArrow a : arrows) {
            lowest = Math.min(lowest, a.sendIndex());
            highest = Math.max(highest, Math.max(a.sendIndex(), a.endIndex()));
        }
        Map<Integer, VectorClock> vectors = Map.of();
        long deadline = System.nanoTime() + STAMP_SLICE_MILLIS * 1_000_000L;
        boolean done;
        if (mode == Stamps.LAMPORT) {
            do {
                done = stampCache.extendLamport(events, highest + 1, STAMP_CHUNK);
            } while (!done && System.nanoTime() < deadline);
            stampsPending = !done;
        } else {
            do {
                done = stampCache.extendVectors(events, lowest + 1, STAMP_CHUNK);
            } while (!done && System.nanoTime() < deadline);
            if (done) {
                if (lowest != vectorFrom || highest + 1 != vectorTo) {
                    vectorWindow = stampCache.vectors(events, lowest, highest + 1);
                    vectorFrom = lowest;
                    vectorTo = highest + 1;
                }
                vectors = vectorWindow;
            } else {
                stampsPending = true;
                return List.of();
            }
        }
        record Wanted(int traceIndex, NodeId node, boolean above, double x, double y) {
        }
        List<Wanted> wanted = new ArrayList<>();
        for (DrawnArrow a : arrows) {
            if (a.x1() >= plotLeft && a.x1() <= plotRight) {
                wanted.add(new Wanted(a.sendIndex(), a.from(), true, a.x1(), a.y1()));
            }
            if (a.ending() == Ending.DELIVERED && a.x2() >= plotLeft && a.x2() <= plotRight && laneY.containsKey(a.to())) {
                wanted.add(new Wanted(a.endIndex(), a.to(), false, a.x2(), a.y2()));
            }
        }
        wanted.sort(Comparator.comparingDouble(Wanted::x));
        HashMap<String, Double> rightEdge = new HashMap<>();
        List<DrawnStamp> out = new ArrayList<>();
        double s = scale;
        g.setFont(stampFont);
        g.setTextAlign(TextAlignment.CENTER);
        g.setLineDashes();
        for (Wanted wnt : wanted) {
            String text;
            if (mode == Stamps.LAMPORT) {
                int l = stampCache.lamport(wnt.traceIndex());
                if (l == 0) {
                    continue;
                }
                text = Integer.toString(l);
            } else {
                VectorClock v = vectors.get(wnt.traceIndex());
                if (v == null) {
                    continue;
                }
                text = vectorText(v);
            }
            double width = textWidth(text, stampFont);
            String row = wnt.node().name() + (wnt.above() ? "^" : "v");
            double left = wnt.x() - width / 2;
            if (left < rightEdge.getOrDefault(row, Double.NEGATIVE_INFINITY) + 3 * s) {
                continue;
            }
            rightEdge.put(row, left + width);
            double y = wnt.above() ? wnt.y() - 4 * s : wnt.y() + 4 * s;
            double textH = 11 * s;
            double top = wnt.above() ? y - textH : y;
            g.setGlobalAlpha(wnt.traceIndex() >= shownUpTo ? 0.5 : 0.9);
            g.setFill(palette.surface());
            g.fillRect(left - 1.5 * s, top, width + 3 * s, textH);
            g.setGlobalAlpha(wnt.traceIndex() >= shownUpTo ? FUTURE_ALPHA + 0.2 : 1);
            g.setFill(palette.text());
            g.setTextBaseline(wnt.above() ? VPos.BOTTOM : VPos.TOP);
            g.fillText(text, wnt.x(), y);
            out.add(new DrawnStamp(wnt.traceIndex(), text, wnt.x(), wnt.y()));
        }
        g.setGlobalAlpha(1);
        return out;
    }

    /** {@code [3,0,5]} in lane order for a few lanes; {@code s1:3 s3:5} (non-zero entries) for many. */
    private String vectorText(VectorClock v) {
        boolean allOnLanes = laneOf.keySet().containsAll(v.entries().keySet());
        if (lanes.size() <= 8 && allOnLanes) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < lanes.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(v.get(lanes.get(i)));
            }
            return sb.append(']').toString();
        }
        StringBuilder sb = new StringBuilder();
        v.entries().forEach((node, count) -> {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(node.name()).append(':').append(count);
        });
        return sb.toString();
    }

    private void updateInfo(double spanMicros, int stride, int drawnCount) {
        StringBuilder sb = new StringBuilder("window ").append(Micros.format(Math.round(spanMicros)));
        sb.append(String.format(Locale.ROOT, " \u00b7 %,d messages", drawnCount));
        if (stride > 1) {
            sb.append(" \u00b7 1 in ").append(stride).append(" drawn: zoom in for all");
        }
        Stamps mode = stampChoice.getValue();
        if (mode != null && mode != Stamps.NONE) {
            if (stride > 1 || drawnCount > MAX_STAMPED_ARROWS) {
                sb.append(" \u00b7 zoom in for stamps");
            } else if (stampsPending) {
                int done = mode == Stamps.LAMPORT ? stampCache.lamportUpTo() : stampCache.vectorUpTo();
                sb.append(String.format(Locale.ROOT, " \u00b7 stamping %d%%",
                        events.isEmpty() ? 100 : 100L * done / events.size()));
            }
        }
        String text = sb.toString();
        if (!text.equals(info.getText())) {
            info.setText(text);
        }
    }

    private double textWidth(String text, Font font) {
        String key = (font == laneFont ? "L" : font == stampFont ? "S" : "s") + text;
        Double cached = textWidths.get(key);
        if (cached != null) {
            return cached;
        }
        measurer.setText(text);
        measurer.setFont(font);
        double w = measurer.getLayoutBounds().getWidth();
        if (textWidths.size() > 4_096) {
            // Vector stamps make many distinct strings; a bounded cache is enough for the ones on screen.
            textWidths.clear();
        }
        textWidths.put(key, w);
        return w;
    }

    /** The canvas, the lane scroll bar at its right, and the hover label above both. */
    private final class Surface extends Pane {
        Surface() {
            getStyleClass().add("space-time-surface");
            getChildren().addAll(canvas, laneBar, hover);
            setMinSize(0, 0);
            setPrefSize(640, 320);
        }

        @Override
        protected void layoutChildren() {
            double w = snapSizeX(getWidth());
            double h = snapSizeY(getHeight());
            double barW = laneBar.isVisible() ? snapSizeX(laneBar.prefWidth(-1)) : 0;
            laneBar.resizeRelocate(w - barW, 0, barW, h);
            double cw = Math.max(0, w - barW);
            if (canvas.getWidth() != cw || canvas.getHeight() != h) {
                canvas.setWidth(cw);
                canvas.setHeight(h);
                if (follow.isSelected()) {
                    keepNowInView();
                }
                redrawSoon();
            }
            canvas.relocate(0, 0);
            hover.autosize();
        }

        void placeHover(double x, double y) {
            hover.autosize();
            double hw = hover.getWidth();
            double hh = hover.getHeight();
            double px = x + 14;
            double py = y + 14;
            if (px + hw > getWidth()) {
                px = Math.max(0, x - 14 - hw);
            }
            if (py + hh > getHeight()) {
                py = Math.max(0, y - 14 - hh);
            }
            hover.relocate(px, py);
        }
    }
}
