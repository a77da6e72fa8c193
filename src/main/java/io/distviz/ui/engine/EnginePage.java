package io.distviz.ui.engine;

import io.distviz.ui.Page;
import io.distviz.ui.ProtocolInfo;
import io.distviz.ui.SimulationSession;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Palette;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.geometry.Rectangle2D;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The frame every protocol page shares. Along the top are the page's own controls, then Undo, Reset and
 * Settings. The engine is drawn on a canvas in the middle, a side panel on the right holds tables and
 * figures, and a message line at the bottom says why an action was refused. The {@link EngineModel} holds
 * the engine; the shell's toolbar plays, pauses and steps it through {@link #session()}.
 *
 * <p>Subclasses draw in {@link #draw}, which runs once per frame while the page is shown, and refresh their
 * side panel in {@link #refresh}. Both read the engine's immutable state snapshots and the kernel's messages
 * in flight, so what is drawn is what the engine did.
 */
public abstract class EnginePage implements Page, io.distviz.ui.DiagramSource {
    protected final ProtocolInfo info;
    protected final EngineModel model;
    protected final Appearance appearance;
    protected final CanvasPane canvasPane = new CanvasPane();
    private final BorderPane view = new BorderPane();
    private final Label message = new Label();
    private final Button undo = new Button("Undo");
    private TimelineBar timeline;
    private io.distviz.ui.timeline.EventLogView eventLog;
    private io.distviz.ui.timeline.SpaceTimeView spaceTime;
    private final javafx.scene.control.TabPane drawer = new javafx.scene.control.TabPane();
    private final javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane();
    private final javafx.scene.control.ToggleButton drawerToggle = new javafx.scene.control.ToggleButton("Log & diagram");
    /** What the person picked in the log or the diagram, ringed on the page: a node, or a message's two ends. */
    private String pickedNode;
    private io.distviz.sim.Message pickedMessage;
    /** The drawing and, under it, the timeline (and the drawer of the log and the diagram, when open). */
    private final BorderPane centre = new BorderPane();

    protected EnginePage(ProtocolInfo info, EngineModel model, Appearance appearance) {
        this.info = info;
        this.model = model;
        this.appearance = appearance;
    }

    /** Builds the layout; call at the end of the subclass's constructor, once its controls exist. */
    protected final void build() {
        Label title = new Label(info.title());
        title.getStyleClass().add("engine-page-title");

        undo.setId(info.id() + "-undo");
        undo.setTooltip(new Tooltip("Take back the last action: the page goes back to the moment before it "
                + "(if it had replaced a future you had gone back from, that future comes back)"));
        undo.setOnAction(e -> model.undo());
        undo.disableProperty().bind(model.undoableProperty().not());
        Button reset = new Button("Reset");
        reset.setId(info.id() + "-reset");
        reset.setTooltip(new Tooltip("Start again from the seed in the toolbar, with no actions"));
        reset.setOnAction(e -> model.reset());
        Button settings = new Button("Settings…");
        settings.setId(info.id() + "-settings");
        settings.setTooltip(new Tooltip("Parameters of the protocol and the network (starts a new run)"));
        settings.setOnAction(e -> openSettings());

        // A flow rather than a row: in projector mode, or with a narrow window, the controls wrap onto a second
        // line instead of shrinking into "…".
        HBox edit = new HBox(6, undo, reset, settings);
        edit.setAlignment(Pos.CENTER_LEFT);
        FlowPane top = new FlowPane(10, 6, title, controls(), edit);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("engine-controls");
        top.setPadding(new Insets(6, 12, 6, 12));
        top.prefWrapLengthProperty().bind(view.widthProperty().subtract(24));

        VBox sideContent = sidePanel();
        // Allowed to be narrower than its widest child, so that text wraps to the panel (in projector mode
        // especially) instead of running off its right edge, where no scroll bar would reach it.
        sideContent.setMinWidth(0);
        ScrollPane side = new ScrollPane(sideContent);
        side.setFitToWidth(true);
        side.getStyleClass().add("engine-side");
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setId(info.id() + "-side");

        message.setId(info.id() + "-message");
        message.getStyleClass().add("engine-message");
        message.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        model.errorProperty().addListener((obs, o, n) -> {
            if (n != null) {
                showError(n);
            } else {
                showInfo("");
            }
        });

        canvasPane.setId(info.id() + "-canvas");
        canvasPane.getStyleClass().add("engine-canvas");
        timeline = new TimelineBar(model, appearance, info.id());
        model.jumpsProperty().addListener((obs, o, n) -> {
            if (!model.atHorizon() && model.errorProperty().get() == null) {
                showInfo("You are looking at the past. Play replays what happened next; acting here starts a new "
                        + "future (Undo brings the old one back); Live returns to the furthest moment.");
            }
        });
        buildDrawer();
        centre.setCenter(canvasPane);
        timeline.addTrailing(drawerToggle);
        centre.setBottom(timeline.view());
        centre.setMinSize(0, 0);
        view.setTop(top);
        view.setCenter(centre);
        view.setRight(side);
        view.setBottom(message);
        view.getStyleClass().add("engine-page");
        view.setId("page-" + info.id());
    }

    /**
     * The drawer under the drawing: every event of the run in a log, and the space-time diagram of its
     * messages. Both follow the timeline; picking an event or an arrow moves the page to that moment and rings
     * what it names on the drawing.
     */
    private void buildDrawer() {
        eventLog = new io.distviz.ui.timeline.EventLogView(appearance);
        spaceTime = new io.distviz.ui.timeline.SpaceTimeView(appearance);
        javafx.scene.control.Tab logTab = new javafx.scene.control.Tab("Event log", eventLog.view());
        logTab.setId(info.id() + "-tab-log");
        javafx.scene.control.Tab diagramTab = new javafx.scene.control.Tab("Space-time diagram", spaceTime.view());
        diagramTab.setId(info.id() + "-tab-diagram");
        drawer.getTabs().addAll(logTab, diagramTab);
        drawer.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        drawer.setId(info.id() + "-drawer");
        drawer.setMinHeight(0);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setId(info.id() + "-split");
        drawerToggle.setId(info.id() + "-drawer-toggle");
        drawerToggle.setTooltip(new Tooltip("Show every event of the run and the space-time diagram of its messages"));
        drawerToggle.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        drawerToggle.selectedProperty().addListener((obs, o, open) -> {
            if (open) {
                split.getItems().setAll(canvasPane, drawer);
                split.setDividerPositions(0.58);
                centre.setCenter(split);
                refreshDrawer();
            } else {
                split.getItems().clear();
                centre.setCenter(canvasPane);
                clearPick();
            }
        });
        // A new run has other messages: what was picked in the old one means nothing there.
        model.driverProperty().addListener((obs, o, n) -> clearPick());
        eventLog.setOnSelect(sel -> {
            io.distviz.sim.TraceEvent e = sel.event();
            seekForPick(e.timeMicros());
            pickFrom(e);
            if (e instanceof io.distviz.sim.TraceEvent.MessageSent ms) {
                spaceTime.selectMessage(ms.message().id());
            }
        });
        spaceTime.setOnSelectMessage(sel -> {
            io.distviz.sim.Message m = sel.message();
            // Midway, so the page shows the message on its way (a lost one, on the way it was lost).
            long end = sel.endIndex() >= 0 && sel.endIndex() < model.timelineEvents().size()
                    ? model.timelineEvents().get(sel.endIndex()).timeMicros() : m.deliverAtMicros();
            seekForPick(m.sentAtMicros() + Math.max(0, end - m.sentAtMicros()) / 2);
            pickedNode = null;
            pickedMessage = m;
            eventLog.select(sel.sendIndex());
        });
        spaceTime.setOnSelectTime(t -> {
            seekForPick(t);
            pickedMessage = null;
            pickedNode = null;
        });
    }

    private void clearPick() {
        pickedNode = null;
        pickedMessage = null;
    }

    private void seekForPick(long t) {
        if (model.canSeek()) {
            model.seek(t);
        }
    }

    private void pickFrom(io.distviz.sim.TraceEvent e) {
        pickedNode = null;
        pickedMessage = null;
        pickedMessage = e.messageOrNull();
        if (pickedMessage != null) {
            return;
        }
        if (e instanceof io.distviz.sim.TraceEvent.TimerSet t) {
            pickedNode = t.timer().node().name();
        } else if (e instanceof io.distviz.sim.TraceEvent.TimerFired t) {
            pickedNode = t.timer().node().name();
        } else if (e instanceof io.distviz.sim.TraceEvent.TimerCancelled t) {
            pickedNode = t.timer().node().name();
        } else if (e instanceof io.distviz.sim.TraceEvent.NodeStateChanged c) {
            pickedNode = c.node().name();
        } else if (e instanceof io.distviz.sim.TraceEvent.NodeLifecycle l) {
            pickedNode = l.node().name();
        } else if (e instanceof io.distviz.sim.TraceEvent.ProtocolEvent p) {
            pickedNode = p.node().name();
        } else if (e instanceof io.distviz.sim.TraceEvent.Annotation a && a.node() != null) {
            pickedNode = a.node().name();
        }
    }

    private void refreshDrawer() {
        if (!drawerToggle.isSelected()) {
            return;
        }
        io.distviz.sim.Simulation sim = model.simulation();
        java.util.List<io.distviz.sim.TraceEvent> events = model.timelineEvents();
        int shown = sim.trace().size();
        if (drawer.getSelectionModel().getSelectedIndex() == 0) {
            eventLog.update(events, shown);
        } else {
            spaceTime.update(events, shown, sim.nowMicros(), sim.nodeIds());
        }
    }

    /** The space-time diagram, while the drawer shows it (File > Export space-time diagram as PNG). */
    @Override
    public Optional<Node> spaceTimeDiagram() {
        boolean shown = drawerToggle.isSelected() && drawer.getSelectionModel().getSelectedIndex() == 1;
        return shown ? Optional.of(spaceTime.canvas()) : Optional.empty();
    }

    /** The event log in the drawer under the drawing. */
    public io.distviz.ui.timeline.EventLogView eventLog() {
        return eventLog;
    }

    /** The space-time diagram in the drawer under the drawing. */
    public io.distviz.ui.timeline.SpaceTimeView spaceTime() {
        return spaceTime;
    }

    /** Opens or closes the drawer with the log and the diagram, on the given tab (0: log, 1: diagram). */
    public void showDrawer(boolean open, int tab) {
        drawerToggle.setSelected(open);
        drawer.getSelectionModel().select(tab);
        refreshDrawer();
    }

    /** The node or message picked in the log or the diagram, for tests: a node name, "from→to #id", or null. */
    public String picked() {
        return pickedMessage != null ? pickedMessage.from().name() + "→" + pickedMessage.to().name() + " #"
                + pickedMessage.id() : pickedNode;
    }

    /** The page's own controls, placed after its title in the top bar. */
    protected abstract Node controls();

    /** The side panel's content (it scrolls when long). */
    protected abstract VBox sidePanel();

    /** Draws the engine on the canvas: once per frame while the page is shown. */
    protected abstract void draw(GraphicsContext g, double width, double height, Palette palette);

    /** Updates tables and figures beside the drawing from the engine's state. */
    protected abstract void refresh();

    /** Opens the settings dialog; new settings start a new run ({@link EngineModel#applySettings}). */
    protected abstract void openSettings();

    /** Says something in the page's message line. */
    public void showInfo(String text) {
        message.getStyleClass().remove("engine-message-error");
        message.setText(text);
    }

    /** Says why something was refused, in the page's message line. */
    public void showError(String text) {
        if (!message.getStyleClass().contains("engine-message-error")) {
            message.getStyleClass().add("engine-message-error");
        }
        message.setText(text);
    }

    public Label messageLabel() {
        return message;
    }

    public EngineModel model() {
        return model;
    }

    public CanvasPane canvasPane() {
        return canvasPane;
    }

    @Override
    public String id() {
        return info.id();
    }

    @Override
    public String title() {
        return info.title();
    }

    @Override
    public String summary() {
        return info.tagline();
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Optional<SimulationSession> session() {
        return Optional.of(model.session());
    }

    @Override
    public void onFrame() {
        // A seek the timeline asked for goes first, so this frame draws the moment it moved to.
        timeline.refresh();
        long start = System.nanoTime();
        double w = canvasPane.canvas().getWidth();
        double h = canvasPane.canvas().getHeight();
        if (w > 0 && h > 0) {
            draw(canvasPane.canvas().getGraphicsContext2D(), w, h, appearance.palette());
            drawHighlights(canvasPane.canvas().getGraphicsContext2D(), appearance.palette());
        }
        long end = System.nanoTime();
        // Smoothed over about a second of frames: what the statistics show and the benchmark reads.
        drawMillis = drawMillis == 0 ? (end - start) / 1e6 : drawMillis * 0.95 + (end - start) / 1e6 * 0.05;
        if (lastFrameNanos > 0) {
            double fps = 1e9 / Math.max(1, start - lastFrameNanos);
            framesPerSecond = framesPerSecond == 0 ? fps : framesPerSecond * 0.95 + fps * 0.05;
        }
        lastFrameNanos = start;
        refresh();
        refreshDrawer();
        if (frameListener != null) {
            frameListener.run();
        }
    }

    // ============================================================================================ lessons

    private Runnable frameListener;
    private Predicate<String> nodePicker;
    private Supplier<List<String>> highlights = List::of;
    private Supplier<List<io.distviz.scenario.Lesson.Highlight>> otherHighlights = List::of;

    /**
     * Docks a panel (a lesson's) on the left of the drawing, or takes it away with null. The page's own
     * controls stay where they are.
     */
    public void setLessonPanel(Node panel) {
        view.setLeft(panel);
        // A lesson drives the run by itself and has its own Back: the timeline only shows where it is.
        model.setSeekable(panel == null);
    }

    /** The strip under the drawing: the run's time, its marks and the scrubber. */
    public TimelineBar timeline() {
        return timeline;
    }

    /** Runs after every frame is drawn, or nothing with null: a lesson checks whether its step may end. */
    public void setFrameListener(Runnable listener) {
        this.frameListener = listener;
    }

    /**
     * While set, a click on a node is offered to {@code picker} first ("click the server that..."); the page
     * does what a click usually does only when the picker returns false. Null takes it away.
     */
    public void setNodePicker(Predicate<String> picker) {
        this.nodePicker = picker;
    }

    /** Offers a clicked node to the picker; true when the picker took the click. Pages call it on a click. */
    protected boolean offerPick(String node) {
        return nodePicker != null && node != null && nodePicker.test(node);
    }

    /** The nodes to ring on the drawing each frame (a lesson's highlights); an empty list for none. */
    public void setHighlightedNodes(Supplier<List<String>> nodes) {
        this.highlights = nodes == null ? List::of : nodes;
    }

    /** What a lesson points at now besides nodes, for pages that show it in their own way (a table row). */
    protected List<io.distviz.scenario.Lesson.Highlight> lessonHighlights() {
        return otherHighlights.get();
    }

    /** The nodes a lesson points at now. */
    protected List<String> lessonNodes() {
        return highlights.get();
    }

    /** The other things to point at each frame: messages of a kind, a key (pages draw what they can). */
    public void setHighlights(Supplier<List<io.distviz.scenario.Lesson.Highlight>> things) {
        this.otherHighlights = things == null ? List::of : things;
    }

    /**
     * Where the page drew what {@code kind}/{@code target} names in the last frame ("message"/"RequestVote": every
     * such message in flight; "key"/"apple": the key's mark). Pages override it for what they can point at.
     */
    protected List<Rectangle2D> highlightBounds(String kind, String target) {
        return List.of();
    }

    /** Where {@code node} was drawn in the last frame, if it was: pages that can point at nodes override it. */
    protected Optional<Rectangle2D> nodeBounds(String node) {
        return Optional.empty();
    }

    /** Whether nodes are drawn as circles (a ring goes round them) or as cards (a rounded box does). */
    protected boolean nodesAreRound() {
        return true;
    }

    /** The highlight rings, drawn over the page's own drawing. */
    private void drawHighlights(GraphicsContext g, Palette palette) {
        drawPicked(g, palette);
        List<String> nodes = highlights.get();
        List<io.distviz.scenario.Lesson.Highlight> things = otherHighlights.get();
        if (nodes.isEmpty() && things.isEmpty()) {
            return;
        }
        g.save();
        g.setStroke(palette.warning());
        g.setLineWidth(2.5 * appearance.strokeScale());
        g.setLineDashes(5 * appearance.strokeScale(), 4 * appearance.strokeScale());
        for (io.distviz.scenario.Lesson.Highlight h : things) {
            for (Rectangle2D b : highlightBounds(h.kind(), h.target())) {
                double pad = 6 * appearance.strokeScale();
                boolean mark = h.kind().equals("message") || h.kind().equals("key");
                if (!mark) {
                    // A region (a log column, a chart, a panel): a box fits it better than an oval.
                    double inset = 2 * appearance.strokeScale();
                    g.strokeRoundRect(b.getMinX() + inset, b.getMinY(), b.getWidth() - 2 * inset, b.getHeight(),
                            10, 10);
                } else {
                    g.strokeOval(b.getMinX() - pad, b.getMinY() - pad, b.getWidth() + 2 * pad,
                            b.getHeight() + 2 * pad);
                }
            }
        }
        g.setStroke(palette.warning());
        g.setLineWidth(3 * appearance.strokeScale());
        g.setLineDashes(8 * appearance.strokeScale(), 5 * appearance.strokeScale());
        for (String n : nodes) {
            nodeBounds(n).ifPresent(b -> {
                double pad = 11 * appearance.strokeScale(); // outside the timer arc Raft draws round a server
                if (nodesAreRound()) {
                    g.strokeOval(b.getMinX() - pad, b.getMinY() - pad, b.getWidth() + 2 * pad, b.getHeight() + 2 * pad);
                } else {
                    g.strokeRoundRect(b.getMinX() - pad, b.getMinY() - pad, b.getWidth() + 2 * pad,
                            b.getHeight() + 2 * pad, 14, 14);
                }
            });
        }
        g.restore();
    }

    /**
     * Rings what was picked in the log or the diagram: the node, or the message's two ends and, while it is on
     * its way, the message itself (where it is between them, as the pages draw messages in flight).
     */
    private void drawPicked(GraphicsContext g, Palette palette) {
        if (pickedNode == null && pickedMessage == null) {
            return;
        }
        double s = appearance.strokeScale();
        g.save();
        g.setStroke(palette.accent());
        g.setLineWidth(3 * s);
        g.setLineDashes();
        List<String> ends = pickedMessage == null ? List.of(pickedNode)
                : List.of(pickedMessage.from().name(), pickedMessage.to().name());
        for (String n : ends) {
            nodeBounds(n).ifPresent(b -> {
                double pad = 15 * s;
                if (nodesAreRound()) {
                    g.strokeOval(b.getMinX() - pad, b.getMinY() - pad, b.getWidth() + 2 * pad, b.getHeight() + 2 * pad);
                } else {
                    g.strokeRoundRect(b.getMinX() - pad, b.getMinY() - pad, b.getWidth() + 2 * pad,
                            b.getHeight() + 2 * pad, 16, 16);
                }
            });
        }
        if (pickedMessage != null) {
            long now = model.simulation().nowMicros();
            Optional<Rectangle2D> a = nodeBounds(pickedMessage.from().name());
            Optional<Rectangle2D> b = nodeBounds(pickedMessage.to().name());
            boolean flying = model.simulation().inFlight().stream().anyMatch(m -> m.id() == pickedMessage.id());
            if (flying && a.isPresent() && b.isPresent()) {
                double f = pickedMessage.progressAt(now);
                double x = a.get().getMinX() + a.get().getWidth() / 2
                        + f * (b.get().getMinX() + b.get().getWidth() / 2 - a.get().getMinX() - a.get().getWidth() / 2);
                double y = a.get().getMinY() + a.get().getHeight() / 2
                        + f * (b.get().getMinY() + b.get().getHeight() / 2 - a.get().getMinY() - a.get().getHeight() / 2);
                double r = 12 * s;
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
        }
        g.restore();
    }

    private double drawMillis;
    private double framesPerSecond;
    private long lastFrameNanos;

    /** Milliseconds the page's drawing takes per frame (on the FX thread), smoothed. */
    public double drawMillis() {
        return drawMillis;
    }

    /** Frames per second the page is drawn at, smoothed. */
    public double framesPerSecond() {
        return framesPerSecond;
    }
}
