package io.distviz.ui.chord;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.ChordNode;
import io.distviz.chord.ChordNodeState;
import io.distviz.chord.IdentifierCircle;
import io.distviz.chord.RingCheck;
import io.distviz.scenario.ChordDriver;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.Simulation;
import io.distviz.ui.ProtocolInfo;
import io.distviz.ui.engine.EngineModel;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Chord page: the live engine on the identifier circle, operated with the mouse. A click on the circle
 * adds a node at that identifier; a click on a node shows its finger table; a right-click offers kill, leave,
 * restart and a lookup from there; a key typed at the top is stored or looked up, and "Compare" looks it up
 * twice from the same node, once by fingers and once by successors only, so the two paths can be seen side
 * by side. Everything goes through {@link EngineModel}, so it can be undone and saved.
 */
public final class ChordPage extends EnginePage {
    /** The page's starting ring. */
    public static final int DEFAULT_NODES = 10;
    /** Slow enough to follow a lookup hop by hop (10 ms links: a hop is a fifth of a second on screen). */
    public static final double DEFAULT_SPEED = 0.05;
    private static final PseudoClass USED = PseudoClass.getPseudoClass("used");

    private final ChordRingView ring = new ChordRingView();
    private ChordActivity activity;
    private ChordDriver watched;
    private long watchedJumps = -1;
    /** How much virtual time of the trace a new activity reads back (lookups take well under a second). */
    static final long REREAD_MICROS = 10_000_000;
    private int startNodes = DEFAULT_NODES;
    private String selected;
    private double mouseX = -1;
    private double mouseY = -1;
    private final Map<String, Long> knownIds = new HashMap<>();
    /** The finger table follows the lookup the person just started, until it ends or they click a node. */
    private boolean followLookup;
    private List<ChordNodeState> states = List.of();
    private RingCheck check;
    private long frame;
    private long lastStateRevision = -1;
    private long lastStateTime = -1;
    private boolean showMaintenance = true;

    // controls
    private final TextField keyField = new TextField();
    private final TextField valueField = new TextField();
    private final CheckBox maintenance = new CheckBox("Upkeep messages");

    // side panel
    private final Label selectedTitle = new Label();
    private final Label selectedInfo = new Label();
    private final ObservableList<FingerRow> fingerRows = FXCollections.observableArrayList();
    private final TableView<FingerRow> fingerTable = new TableView<>(fingerRows);
    private final VBox lookupBox = new VBox(6);
    private final Label health = new Label();
    private final Label stats = new Label();
    private int usedFinger = -1;
    /** Finger rows a lesson points at, lit like the row a lookup uses. */
    private final java.util.Set<Integer> litFingers = new java.util.TreeSet<>();

    /** One row of the finger table as shown. */
    public record FingerRow(int index, long start, long intervalEnd, Long node, String nodeAddress) {
    }

    public ChordPage(Appearance appearance) {
        this(appearance, defaultSettings(), DEFAULT_NODES, 1);
    }

    public ChordPage(Appearance appearance, Scenario settings, int startNodes, long seed) {
        super(ProtocolInfo.CHORD, new EngineModel(settings, seed), appearance);
        this.startNodes = startNodes;
        model.session().speedProperty().set(DEFAULT_SPEED);
        model.setSetup(setupFor(settings.setup(), startNodes));
        build();
        wireCanvas();
        model.driverProperty().addListener((obs, o, n) -> attach());
        model.jumpsProperty().addListener((obs, o, n) -> attach());
        attach();
    }

    /** A 6-bit ring of the paper's proportions: corrected rules, fingers, iterative lookups, 10 ms links. */
    public static Scenario defaultSettings() {
        ChordConfig c = ChordConfig.defaults();
        return new Scenario("Chord page", null, Scenario.Protocol.CHORD, 1, LinkProfile.DEFAULT,
                new Scenario.ChordSetup(c), List.of(), null);
    }

    /** The starting ring: {@code n} nodes with distinct hashed ids, placed with every pointer right. */
    static List<ScenarioAction> setupFor(Scenario.Setup setup, int n) {
        if (n == 0) {
            return List.of();
        }
        IdentifierCircle circle = ((Scenario.ChordSetup) setup).config().circle();
        if (n > circle.size() / 2) {
            throw new IllegalArgumentException(n + " nodes do not fit on a ring of " + circle.size()
                    + " identifiers with room to spare; use more bits or fewer nodes");
        }
        List<String> addresses = new ArrayList<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 1; addresses.size() < n; i++) {
            String a = address(i);
            if (ids.add(circle.hash(a))) {
                addresses.add(a);
            }
        }
        return List.of(new ScenarioAction.ChordRing(addresses));
    }

    static String address(int i) {
        return "10.0." + (i >> 8 & 255) + "." + (i & 255) + ":4000";
    }

    private ChordDriver driver() {
        return (ChordDriver) model.driver();
    }

    private void attach() {
        ChordDriver d = driver();
        // The same driver after a jump in time has a trace cut back and replayed: follow it afresh.
        if (d == watched && watchedJumps == model.jumpsProperty().get()) {
            return;
        }
        watchedJumps = model.jumpsProperty().get();
        if (watched != null && activity != null) {
            watched.simulation().trace().removeListener(activity);
        }
        watched = d;
        activity = new ChordActivity(d);
        // After a jump in time, read the recent past again, so a lookup started before the moment shown is
        // drawn as far as it had gone (the whole trace of a long session would cost too much per seek).
        List<io.distviz.sim.TraceEvent> events = d.simulation().trace().events();
        int from = io.distviz.sim.Trace.firstAtOrAfter(events, events.size(),
                d.simulation().nowMicros() - REREAD_MICROS);
        for (int i = from; i < events.size(); i++) {
            activity.onEvent(events.get(i));
        }
        d.simulation().trace().addListener(activity);
        knownIds.clear();
        lastStateRevision = -1;
        if (selected != null && d.simulation().status(NodeId.of(selected)) == null) {
            selected = null;
        }
    }

    // ============================================================================================ controls

    @Override
    protected Node controls() {
        Button add = new Button("Add node");
        add.setId("chord-add");
        add.setTooltip(new Tooltip("A new node joins at the hash of its address (or click an empty spot on the "
                + "circle to choose its identifier)"));
        add.setOnAction(e -> addHashedNode());
        keyField.setId("chord-key");
        keyField.setPromptText("key, e.g. apple");
        keyField.setPrefColumnCount(8);
        valueField.setId("chord-value");
        valueField.setPromptText("value");
        valueField.setPrefColumnCount(5);
        Button store = new Button("Store");
        store.setId("chord-store");
        store.setTooltip(new Tooltip("Look up the key's node from the selected node, then store the value there"));
        store.setOnAction(e -> store());
        Button lookup = new Button("Look up");
        lookup.setId("chord-lookup");
        lookup.setTooltip(new Tooltip("Find the node responsible for the key, starting at the selected node"));
        lookup.setOnAction(e -> lookup(false));
        Button compare = new Button("Compare");
        compare.setId("chord-compare");
        compare.setTooltip(new Tooltip("Look the key up twice from the same node: by fingers (O(log N) hops) and "
                + "by successors only (O(N) hops)"));
        compare.setOnAction(e -> lookup(true));
        maintenance.setId("chord-upkeep");
        maintenance.setSelected(true);
        maintenance.setTooltip(new Tooltip("Show stabilize, notify and ping messages as small grey dots"));
        maintenance.selectedProperty().addListener((obs, o, n) -> showMaintenance = n);
        keyField.setOnAction(e -> lookup(false));
        HBox box = new HBox(6, add, keyField, valueField, store, lookup, compare, maintenance);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void addHashedNode() {
        Simulation sim = model.simulation();
        IdentifierCircle circle = driver().ring().circle();
        for (int i = 1; i < 1_000_000; i++) {
            String a = address(i);
            NodeStatus st = sim.status(NodeId.of(a));
            if ((st == null || st == NodeStatus.REMOVED) && !idTaken(circle.hash(a))) {
                if (model.perform(new ScenarioAction.ChordAdd(a, null, null))) {
                    selected = a;
                    showInfo(a + " joins at identifier " + circle.hash(a) + " (the hash of its address)");
                }
                return;
            }
        }
    }

    private void addNodeAt(long id) {
        if (idTaken(id)) {
            showError("identifier " + id + " is taken");
            return;
        }
        Simulation sim = model.simulation();
        for (int i = 1; ; i++) {
            String a = address(i);
            NodeStatus st = sim.status(NodeId.of(a));
            if (st == null || st == NodeStatus.REMOVED) {
                if (model.perform(new ScenarioAction.ChordAdd(a, id, null))) {
                    selected = a;
                    showInfo(a + " joins at identifier " + id + "; stabilization will fit it into the ring");
                }
                return;
            }
        }
    }

    private boolean idTaken(long id) {
        for (ChordNodeState s : driver().ring().states()) {
            if (s.self().id() == id) {
                return true;
            }
        }
        return knownIds.containsValue(id) && knownIds.entrySet().stream().anyMatch(e -> e.getValue() == id
                && model.simulation().status(NodeId.of(e.getKey())) == NodeStatus.CRASHED);
    }

    private String key() {
        String k = keyField.getText() == null ? "" : keyField.getText().trim();
        if (k.isEmpty()) {
            showError("type a key first, such as apple");
            keyField.requestFocus();
            return null;
        }
        return k;
    }

    /** The node a lookup starts from: the selected one, or the member with the lowest id. */
    private String origin() {
        if (selected != null && driver().ring().state(selected) != null
                && driver().ring().state(selected).phase() == ChordNode.Phase.MEMBER) {
            return selected;
        }
        var members = driver().ring().liveMembers();
        if (members.isEmpty()) {
            showError("the ring has no member to start from; add a node first");
            return null;
        }
        return members.get(0).address().name();
    }

    private void lookup(boolean compare) {
        String k = key();
        String from = k == null ? null : origin();
        if (from == null) {
            return;
        }
        if (model.perform(new ScenarioAction.ChordLookup(from, k, false))) {
            followLookup = true;
            long id = driver().ring().keyId(k);
            showInfo("Looking up " + k + " (id " + id + ") from " + knownIds.getOrDefault(from, -1L)
                    + (compare ? ": by fingers (blue) and by successors only (purple)" : ""));
            if (compare) {
                model.perform(new ScenarioAction.ChordLookup(from, k, true));
            }
            model.session().play();
        }
    }

    private int samples;

    /** Lookups of random keys from random members: each one a recorded action, so it replays like a click. */
    private void sampleLookups(int count) {
        var members = driver().ring().liveMembers();
        if (members.isEmpty()) {
            showError("the ring has no member to look anything up from");
            return;
        }
        java.util.Random random = new java.util.Random(model.session().seedProperty().get() * 31 + samples++);
        for (int i = 0; i < count; i++) {
            String from = members.get(random.nextInt(members.size())).address().name();
            if (!model.perform(new ScenarioAction.ChordLookup(from, "key-" + random.nextInt(1_000_000), false))) {
                return;
            }
        }
        showInfo(count + " lookups of random keys from random nodes: watch the mean hops settle near ½·log2 N");
        model.session().play();
    }

    private void store() {
        String k = key();
        String from = k == null ? null : origin();
        if (from == null) {
            return;
        }
        String v = valueField.getText() == null || valueField.getText().isBlank() ? k.toUpperCase(Locale.ROOT)
                : valueField.getText().trim();
        if (model.perform(new ScenarioAction.ChordStore(from, k, v))) {
            showInfo("Storing " + k + " = " + v + ": a lookup finds the node responsible for id "
                    + driver().ring().keyId(k) + ", then the value goes there");
            model.session().play();
        }
    }

    // ============================================================================================ mouse

    private void wireCanvas() {
        canvasPane.setOnMouseMoved(e -> {
            mouseX = e.getX();
            mouseY = e.getY();
        });
        canvasPane.setOnMouseExited(e -> {
            mouseX = -1;
            mouseY = -1;
        });
        canvasPane.setOnMouseClicked(this::onClick);
    }

    private ContextMenu menu;

    private void onClick(MouseEvent e) {
        if (menu != null) {
            menu.hide();
        }
        ChordRingView.DrawnNode n = ring.drawn().nodeAt(e.getX(), e.getY());
        if (e.getButton() == MouseButton.SECONDARY) {
            if (n != null) {
                selected = n.address();
                menu = nodeMenu(n);
                menu.show(canvasPane, e.getScreenX(), e.getScreenY());
            }
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (n != null && offerPick(n.address())) {
            return;
        }
        if (n != null) {
            selected = n.address();
            followLookup = false;
            showInfo("Node " + n.id() + " (" + n.address() + "): its fingers are drawn, its table is on the right");
            return;
        }
        long id = ring.drawn().idAt(e.getX(), e.getY());
        if (id >= 0) {
            addNodeAt(id);
        }
    }

    private ContextMenu nodeMenu(ChordRingView.DrawnNode n) {
        String a = n.address();
        boolean crashed = n.state().equals("crashed");
        MenuItem kill = new MenuItem("Kill (crash)");
        kill.setId("chord-menu-kill");
        kill.setDisable(crashed);
        kill.setOnAction(e -> {
            if (model.perform(new ScenarioAction.Crash(a))) {
                showInfo("Node " + n.id() + " crashed: it hands nothing over; its neighbours notice by timeouts");
            }
        });
        MenuItem leave = new MenuItem("Leave gracefully");
        leave.setId("chord-menu-leave");
        leave.setDisable(crashed);
        leave.setOnAction(e -> {
            if (model.perform(new ScenarioAction.Remove(a))) {
                showInfo("Node " + n.id() + " left: its keys went to its successor, its neighbours were told");
                selected = null;
            }
        });
        MenuItem restart = new MenuItem("Restart");
        restart.setId("chord-menu-restart");
        restart.setDisable(!crashed);
        restart.setOnAction(e -> {
            if (model.perform(new ScenarioAction.Restart(a))) {
                showInfo("Node " + n.id() + " restarts and rejoins through the peers it remembered");
            }
        });
        MenuItem table = new MenuItem("Show finger table");
        table.setOnAction(e -> selected = a);
        MenuItem lookupHere = new MenuItem("Look up the key from here");
        lookupHere.setId("chord-menu-lookup");
        lookupHere.setDisable(crashed);
        lookupHere.setOnAction(e -> {
            selected = a;
            lookup(false);
        });
        ContextMenu m = new ContextMenu(kill, leave, restart, new SeparatorMenuItem(), table, lookupHere);
        m.setId("chord-node-menu");
        return m;
    }

    // ============================================================================================ side panel

    @Override
    protected VBox sidePanel() {
        selectedTitle.getStyleClass().add("engine-section");
        selectedTitle.setId("chord-selected");
        selectedInfo.setWrapText(true);
        selectedInfo.getStyleClass().add("chord-info");
        fingerTable.setId("chord-fingers");
        fingerTable.setPlaceholder(new Label("Click a node to see its finger table"));
        fingerTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        fingerTable.getColumns().add(column("i", r -> Integer.toString(r.index())));
        fingerTable.getColumns().add(column("start", r -> Long.toString(r.start())));
        fingerTable.getColumns().add(column("interval", r -> "[" + r.start() + ", " + r.intervalEnd() + ")"));
        fingerTable.getColumns().add(column("node", r -> r.node() == null ? "—" : Long.toString(r.node())));
        fingerTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FingerRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(USED, !empty && item != null
                        && (item.index() == usedFinger || litFingers.contains(item.index())));
            }
        });
        fingerTable.setFixedCellSize(24);
        fingerTable.prefHeightProperty().bind(fingerTable.fixedCellSizeProperty().multiply(
                javafx.beans.binding.Bindings.size(fingerRows).add(1.3)));
        fingerTable.setMinHeight(80);
        fingerTable.getStyleClass().add("chord-fingers");

        Label lookupsTitle = new Label("Lookups");
        lookupsTitle.getStyleClass().add("engine-section");
        lookupBox.setId("chord-lookups");
        Label healthTitle = new Label("Ring health");
        healthTitle.getStyleClass().add("engine-section");
        health.setId("chord-health");
        health.setWrapText(true);
        Label statsTitle = new Label("Statistics");
        statsTitle.getStyleClass().add("engine-section");
        stats.setId("chord-stats");
        stats.setWrapText(true);
        stats.getStyleClass().add("mono");
        Button sample = new Button("20 random lookups");
        sample.setId("chord-sample");
        sample.setTooltip(new Tooltip("Look up 20 random keys from random members, to compare the mean hops with "
                + "½·log2 N"));
        sample.setOnAction(e -> sampleLookups(20));
        VBox box = new VBox(6, selectedTitle, selectedInfo, fingerTable, healthTitle, health, statsTitle, stats, sample,
                lookupsTitle, lookupBox);
        box.getStyleClass().add("engine-side-content");
        box.setPadding(new Insets(10));
        return box;
    }

    private static TableColumn<FingerRow, String> column(String title, java.util.function.Function<FingerRow, String> f) {
        TableColumn<FingerRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
        c.setReorderable(false);
        return c;
    }

    @Override
    protected void refresh() {
        if (frame % 6 != 1 && frame > 2) {
            return; // ten times a second is plenty for tables and figures
        }
        refreshNow();
    }

    /** Updates the side panel from the engine now (tests call it so they need not wait for a frame). */
    public void refreshNow() {
        snapshot();
        ChordActivity.Lookup latest = activity.latest();
        if (followLookup && latest != null && !latest.segments.isEmpty()) {
            // While a lookup runs, the table shows the node whose pointer it just followed, with that row lit.
            selected = latest.segments.get(latest.segments.size() - 1).from().address().name();
            if (latest.finished()) {
                followLookup = false;
            }
        }
        int lessonFinger = -1;
        litFingers.clear();
        for (io.distviz.scenario.Lesson.Highlight h : lessonHighlights()) {
            if (h.kind().equals("finger")) {
                try {
                    lessonFinger = Integer.parseInt(h.target().trim());
                    litFingers.add(lessonFinger);
                } catch (NumberFormatException e) {
                    // a lesson's typo: nothing to light
                }
            }
        }
        if (lessonFinger > 0 && !lessonNodes().isEmpty() && find(lessonNodes().get(0)) != null) {
            // A lesson points at a finger: show the table of the node it points at, with that row lit.
            selected = lessonNodes().get(0);
        }
        ChordNodeState sel = selected == null ? null : find(selected);
        usedFinger = lessonFinger > 0 ? lessonFinger : -1;
        if (lessonFinger <= 0 && latest != null && sel != null && !latest.segments.isEmpty()) {
            ChordActivity.Segment seg = latest.segments.get(latest.segments.size() - 1);
            if (seg.from().address().name().equals(selected) && seg.route() == io.distviz.chord.Hop.Route.FINGER) {
                usedFinger = seg.index();
            }
        }
        if (sel == null) {
            selectedTitle.setText(selected == null ? "No node selected"
                    : "Node " + knownIds.getOrDefault(selected, -1L) + " (crashed)");
            selectedInfo.setText(selected == null ? "Click a node on the ring." : selected
                    + " has crashed: its table is gone with its memory.");
            fingerRows.clear();
        } else {
            selectedTitle.setText("Node " + sel.self().id() + "  ·  " + sel.self().address());
            StringBuilder b = new StringBuilder();
            b.append(sel.phase() == ChordNode.Phase.MEMBER ? "" : "Still joining. ");
            b.append("Predecessor: ").append(sel.predecessor() == null ? "unknown" : sel.predecessor().id());
            b.append("\nSuccessor list: ");
            b.append(sel.successors().isEmpty() ? "empty" : String.join(", ",
                    sel.successors().stream().map(r -> Long.toString(r.id())).toList()));
            long primary = sel.keys().stream().filter(ChordNodeState.StoredKey::primary).count();
            b.append("\nKeys: ").append(primary).append(" own");
            if (sel.keys().size() > primary) {
                b.append(", ").append(sel.keys().size() - primary).append(" replicas");
            }
            List<String> names = sel.keys().stream().filter(ChordNodeState.StoredKey::primary)
                    .map(k -> k.item().key() + " (" + k.item().id() + ")").limit(8).toList();
            if (!names.isEmpty()) {
                b.append(": ").append(String.join(", ", names)).append(primary > 8 ? ", …" : "");
            }
            selectedInfo.setText(b.toString());
            List<FingerRow> rows = new ArrayList<>();
            for (ChordNodeState.Finger f : sel.fingers()) {
                rows.add(new FingerRow(f.index(), f.start(), f.intervalEnd(), f.node() == null ? null : f.node().id(),
                        f.node() == null ? null : f.node().address().name()));
            }
            if (!rows.equals(fingerRows)) {
                fingerRows.setAll(rows);
            }
            fingerTable.refresh();
        }
        refreshLookups();
        refreshHealthAndStats();
    }

    private void refreshLookups() {
        List<Node> lines = new ArrayList<>();
        List<ChordActivity.Lookup> all = new ArrayList<>(activity.lookups());
        java.util.Collections.reverse(all);
        if (all.size() > 2) {
            all = all.subList(0, 2); // the latest, and the one it may be compared with
        }
        for (ChordActivity.Lookup l : all) {
            String what = switch (l.purpose) {
                case STORE -> "store";
                case GET -> "fetch";
                default -> "lookup";
            };
            String how = Boolean.TRUE.equals(l.successorsOnly) ? " by successors" : "";
            StringBuilder b = new StringBuilder();
            b.append(what).append(how).append(" of ").append(l.key).append(" (id ").append(l.target).append(") from ")
                    .append(l.origin.id()).append(": ");
            if (l.failure != null) {
                b.append("failed after ").append(l.hops).append(" hops: ").append(l.failure);
            } else if (l.finished()) {
                b.append("node ").append(l.result.id()).append(" in ").append(l.hops).append(" hop")
                        .append(l.hops == 1 ? "" : "s");
                if (l.timeouts > 0) {
                    b.append(" (").append(l.timeouts).append(" timeout").append(l.timeouts == 1 ? "" : "s")
                            .append(" routed around)");
                }
            } else {
                b.append("hop ").append(l.hopsSoFar()).append(", asking node ").append(l.current().id()).append("…");
            }
            if (!l.segments.isEmpty()) {
                b.append("\n   ").append(l.origin.id());
                for (ChordActivity.Segment s : l.segments) {
                    b.append(" → ").append(s.to().id()).append(" (").append(s.label()).append(")");
                }
            }
            Label line = new Label(b.toString());
            line.setWrapText(true);
            line.getStyleClass().add(Boolean.TRUE.equals(l.successorsOnly) ? "chord-lookup-walk" : "chord-lookup");
            lines.add(line);
        }
        if (lines.isEmpty()) {
            Label none = new Label("Type a key at the top and press Look up (or Compare).");
            none.getStyleClass().add("muted");
            none.setWrapText(true);
            lines.add(none);
        }
        lookupBox.getChildren().setAll(lines);
    }

    private void refreshHealthAndStats() {
        RingCheck c = check;
        if (c == null) {
            health.setText("");
        } else if (!c.violations().isEmpty()) {
            health.setText("⚠ " + c.violations().size() + " invariant" + (c.violations().size() == 1 ? "" : "s")
                    + " broken. " + c.violations().get(0));
        } else if (c.ideal()) {
            health.setText("✓ Ideal: every successor list, predecessor and finger is exactly right.");
        } else {
            health.setText("… Correct but not yet ideal: " + c.wrongSuccessorLists() + " successor lists, "
                    + c.wrongPredecessors() + " predecessors and " + c.wrongFingers()
                    + " fingers are still being fixed by stabilization.");
        }
        int members = 0;
        int joining = 0;
        int keysOwn = 0;
        int maxKeys = 0;
        for (ChordNodeState s : states) {
            if (s.phase() == ChordNode.Phase.MEMBER) {
                members++;
            } else {
                joining++;
            }
            int own = (int) s.keys().stream().filter(ChordNodeState.StoredKey::primary).count();
            keysOwn += own;
            maxKeys = Math.max(maxKeys, own);
        }
        long crashed = knownIds.keySet().stream()
                .filter(a -> model.simulation().status(NodeId.of(a)) == NodeStatus.CRASHED).count();
        double mean = activity.meanRecentHops();
        double half = members > 0 ? 0.5 * Math.log(members) / Math.log(2) : 0;
        stats.setText(String.format(Locale.ROOT,
                "nodes       %d members%n            %d joining, %d crashed%n"
                        + "keys        %d, mean %.1f per node%n            max %d on one node%n"
                        + "mean hops   %s (last %d lookups)%n"
                        + "½·log2 N    %.2f%n"
                        + "messages    %d per virtual second%n"
                        + "drawing     %.1f ms a frame, %.0f fps",
                members, joining, crashed, keysOwn, members == 0 ? 0.0 : keysOwn / (double) members, maxKeys,
                Double.isNaN(mean) ? "—" : String.format(Locale.ROOT, "%.2f", mean), activity.recentCount(), half,
                activity.messagesPerSecond(model.simulation().nowMicros()), drawMillis(), framesPerSecond()));
    }

    // ============================================================================================ drawing

    private void snapshot() {
        Simulation sim = model.simulation();
        long rev = model.revisionProperty().get();
        if (rev == lastStateRevision && sim.nowMicros() == lastStateTime) {
            return;
        }
        // Big rings change shape slowly between clicks (a click bumps the revision and refreshes at once), so
        // their snapshots are taken less often: a 16,384-node snapshot is some 300,000 objects.
        int n = states.size();
        int every = n > 4096 ? 30 : n > 1024 ? 8 : 1;
        if (rev == lastStateRevision && frame % every != 0) {
            return;
        }
        lastStateRevision = rev;
        lastStateTime = sim.nowMicros();
        states = driver().ring().states();
        for (ChordNodeState s : states) {
            knownIds.put(s.self().address().name(), s.self().id());
        }
        int checkEvery = n <= 512 ? 1 : n <= 4096 ? 30 : 120;
        if (check == null || frame - lastCheckFrame >= checkEvery || rev != lastCheckRevision) {
            check = driver().ring().check();
            lastCheckFrame = frame;
            lastCheckRevision = rev;
        }
    }

    private long lastCheckFrame;
    private long lastCheckRevision = -1;

    private ChordNodeState find(String address) {
        for (ChordNodeState s : states) {
            if (s.self().address().name().equals(address)) {
                return s;
            }
        }
        return null;
    }

    @Override
    protected void draw(GraphicsContext g, double width, double height, Palette palette) {
        frame++;
        attach();
        snapshot();
        Simulation sim = model.simulation();
        Map<String, Long> crashed = new LinkedHashMap<>();
        knownIds.forEach((a, id) -> {
            if (sim.status(NodeId.of(a)) == NodeStatus.CRASHED) {
                crashed.put(a, id);
            }
        });
        ring.draw(g, width, height, palette, new ChordRingView.Scene(driver().ring().circle(), states, crashed,
                selected, sim.inFlight(), sim.nowMicros(), activity.lookups(), check, showMaintenance, mouseX,
                mouseY, appearance.strokeScale(), activity::personal));
    }

    @Override
    protected List<javafx.geometry.Rectangle2D> highlightBounds(String kind, String target) {
        double r = 6 * appearance.strokeScale();
        return ring.drawn().placed().stream().filter(p -> p.kind().equals(kind) && p.name().equals(target))
                .map(p -> new javafx.geometry.Rectangle2D(p.x() - r, p.y() - r, 2 * r, 2 * r)).toList();
    }

    @Override
    protected java.util.Optional<javafx.geometry.Rectangle2D> nodeBounds(String node) {
        ChordRingView.DrawnNode n = ring.drawn().nodes().get(node);
        return n == null ? java.util.Optional.empty() : java.util.Optional.of(new javafx.geometry.Rectangle2D(
                n.x() - n.radius(), n.y() - n.radius(), 2 * n.radius(), 2 * n.radius()));
    }

    // ============================================================================================ settings

    @Override
    protected void openSettings() {
        ChordSettingsDialog d = new ChordSettingsDialog(model.settings(), startNodes);
        if (canvasPane.getScene() != null) {
            d.initOwner(canvasPane.getScene().getWindow());
            d.getDialogPane().getStylesheets().addAll(canvasPane.getScene().getStylesheets());
        }
        d.showAndWait().ifPresent(this::applySettings);
    }

    /** Starts a new run with these settings; says why when the engine refuses them. */
    public boolean applySettings(ChordSettingsDialog.Result r) {
        try {
            List<ScenarioAction> setup = setupFor(r.settings().setup(), r.startNodes());
            model.applySettings(r.settings());
            model.setSetup(setup);
            startNodes = r.startNodes();
            selected = null;
            showInfo("New ring: " + r.startNodes() + " nodes, m = "
                    + ((Scenario.ChordSetup) r.settings().setup()).config().bits());
            return true;
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
            return false;
        }
    }

    // ============================================================================================ for tests

    ChordRingView.Drawn drawn() {
        return ring.drawn();
    }

    List<FingerRow> fingerRows() {
        return List.copyOf(fingerRows);
    }

    String selected() {
        return selected;
    }

    int usedFinger() {
        return usedFinger;
    }

    void select(String address) {
        selected = address;
    }

    ChordActivity activity() {
        return activity;
    }

    ChordDriver chord() {
        return driver();
    }

    TextField keyField() {
        return keyField;
    }
}
