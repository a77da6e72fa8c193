package io.distviz.ui.raft;

import io.distviz.raft.KvCommand;
import io.distviz.raft.RaftConfig;
import io.distviz.raft.RaftNode;
import io.distviz.raft.RaftSafety;
import io.distviz.raft.RaftServerState;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.ui.ProtocolInfo;
import io.distviz.ui.engine.EngineModel;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.event.ActionEvent;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Raft page: the live engine drawn on a canvas ({@link RaftView}), operated with the mouse. A click on a
 * server opens what can be done to it (crash, restart, force a timeout, cut it off, remove it, send it a
 * request); the top bar partitions, heals and adds servers; the side panel sends requests and shows the
 * safety properties, every server's view, the key-value stores, the clients' requests and the legend.
 *
 * <p>Every action is a {@link ScenarioAction} applied through the {@link EngineModel}, so it can be undone
 * and saved like a scenario step, and a refused one says why in the message line.
 */
public final class RaftPage extends EnginePage {
    /**
     * The page's starting speed. Messages cross the default network in about 10 ms and election timeouts
     * are 150-300 ms, so at 0.05x a message takes a fifth of a second on screen and a timeout a few seconds:
     * slow enough to follow one vote or heartbeat by eye, fast enough that a student does not wait long.
     */
    public static final double DEFAULT_SPEED = 0.05;
    public static final long DEFAULT_SEED = 42;

    private final RaftPageModel raft;
    private final RaftView view = new RaftView();
    private RaftView.Drawing drawing;
    private int nextValue = 1;

    // side panel
    private final Label speedHint = new Label();
    private final ComboBox<String> target = new ComboBox<>();
    private final ChoiceBox<String> operation = new ChoiceBox<>();
    private final TextField key = new TextField("x");
    private final TextField value = new TextField("1");
    private final VBox safetyBox = new VBox(2);
    private final Label alarm = new Label();
    private final Label whatIf = new Label();
    private final GridPane serverTable = new GridPane();
    private final VBox stores = new VBox(2);
    private final VBox configurations = new VBox(2);
    private final VBox requestList = new VBox(3);
    private final GridPane legend = new GridPane();
    private final List<Canvas> legendCanvases = new ArrayList<>();
    private String lastRefreshKey = "";
    private ContextMenu menu;

    public RaftPage(ProtocolInfo info, Appearance appearance) {
        super(info, new EngineModel(RaftSettings.defaultScenario(), DEFAULT_SEED), appearance);
        this.raft = new RaftPageModel(model);
        model.session().speedProperty().set(DEFAULT_SPEED);
        build();
        canvasPane.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onCanvasPressed);
        canvasPane.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        model.session().speedProperty().addListener((obs, o, n) -> updateSpeedHint());
        appearance.themeProperty().addListener((obs, o, n) -> drawLegend());
        appearance.projectorProperty().addListener((obs, o, n) -> drawLegend());
        model.revisionProperty().addListener((obs, o, n) -> lastRefreshKey = "");
        updateSpeedHint();
        drawLegend();
        showInfo("Press Play (or Space) and watch the first election. Click a server for what you can do to it.");
    }

    public RaftPageModel raftModel() {
        return raft;
    }

    /** What the last frame drew, for tests. */
    public RaftView.Drawing drawing() {
        return drawing == null ? view.lastDrawing() : drawing;
    }

    public RaftView raftView() {
        return view;
    }

    // ============================================================================================ top bar

    @Override
    protected Node controls() {
        Button add = new Button("Add server");
        add.setId("raft-add-server");
        add.setTooltip(new Tooltip("Start the next server and ask the leader to add it to the configuration "
                + "(one server at a time)"));
        add.setOnAction(e -> perform(new ScenarioAction.RaftAddServer(), "Asked the leader to add a server."));
        Button partition = new Button("Partition…");
        partition.setId("raft-partition");
        partition.setTooltip(new Tooltip("Split the servers into sides that cannot reach each other"));
        partition.setOnAction(e -> openPartitionDialog());
        Button heal = new Button("Heal");
        heal.setId("raft-heal");
        heal.setTooltip(new Tooltip("End every partition: all servers reach each other again"));
        heal.setOnAction(e -> perform(new ScenarioAction.Heal(), "The network is whole again."));
        HBox box = new HBox(6, add, partition, heal);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private boolean perform(ScenarioAction action, String done) {
        boolean ok = model.perform(action);
        if (ok && done != null) {
            showInfo(done);
        }
        return ok;
    }

    // ============================================================================================ side panel

    @Override
    protected VBox sidePanel() {
        VBox side = new VBox();
        side.getStyleClass().addAll("engine-side-content", "raft-side");

        speedHint.setWrapText(true);
        speedHint.setId("raft-speed-hint");
        speedHint.getStyleClass().add("raft-hint");

        // ---- client request
        target.setId("raft-request-server");
        target.setMaxWidth(Double.MAX_VALUE);
        operation.setId("raft-request-op");
        operation.getItems().addAll("put", "get", "delete");
        operation.setValue("put");
        key.setId("raft-request-key");
        key.setPrefColumnCount(4);
        value.setId("raft-request-value");
        value.setPrefColumnCount(4);
        value.disableProperty().bind(operation.valueProperty().isNotEqualTo("put"));
        Button send = new Button("Send");
        send.setId("raft-request-send");
        send.setOnAction(e -> sendFromForm());
        key.setOnAction(e -> sendFromForm());
        value.setOnAction(e -> sendFromForm());
        // Three short rows rather than one wide one, so the form still fits in projector mode.
        target.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(target, Priority.ALWAYS);
        Label to = new Label("to");
        to.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox where = new HBox(6, to, target, operation);
        where.setAlignment(Pos.CENTER_LEFT);
        key.setPromptText("key");
        value.setPromptText("value");
        HBox.setHgrow(key, Priority.ALWAYS);
        HBox.setHgrow(value, Priority.ALWAYS);
        Label eq = new Label("=");
        eq.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox what = new HBox(6, key, eq, value);
        what.setAlignment(Pos.CENTER_LEFT);
        send.setMaxWidth(Double.MAX_VALUE);
        send.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox form = new VBox(6, where, what, send);
        Label formNote = new Label("A new client sends it to that server first. A follower answers with the "
                + "leader's name and the client tries again there: watch the redirect.");
        formNote.setWrapText(true);
        formNote.getStyleClass().add("muted");

        // ---- safety
        alarm.setId("raft-alarm");
        alarm.setWrapText(true);
        alarm.getStyleClass().add("raft-alarm");
        alarm.setManaged(false);
        alarm.setVisible(false);
        whatIf.setWrapText(true);
        whatIf.getStyleClass().add("raft-what-if");
        safetyBox.setId("raft-safety");
        for (RaftSafety.Property p : RaftSafety.Property.values()) {
            Label l = new Label();
            l.setWrapText(true);
            l.getStyleClass().add("raft-property");
            safetyBox.getChildren().add(l);
        }

        serverTable.setId("raft-servers");
        serverTable.setHgap(7);
        serverTable.setVgap(2);
        serverTable.getStyleClass().add("raft-table");
        stores.setId("raft-stores");
        configurations.setId("raft-configurations");
        requestList.setId("raft-requests");
        legend.setId("raft-legend");
        legend.setHgap(8);
        legend.setVgap(3);
        buildLegend();

        side.getChildren().addAll(speedHint,
                section("Send a client request"), form, formNote,
                section("Safety (Figure 3 of the paper)"), alarm, whatIf, safetyBox,
                section("What each server believes"), serverTable,
                section("Configuration each server believes in"), configurations,
                section("Key-value store of each server"), stores,
                section("Client requests"), requestList,
                section("Legend"), legend);
        return side;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("engine-section");
        return l;
    }

    private void updateSpeedHint() {
        double s = model.session().speedProperty().get();
        double msPerSecond = s * 1000;
        RaftConfig c = config();
        speedHint.setText(String.format(Locale.ROOT, "At %s× one second on screen is %s of cluster time. "
                        + "Election timeouts are %d–%d ms and heartbeats every %d ms, so an election takes a few "
                        + "seconds to watch. Space plays and pauses, → runs one event.",
                trim(s), msPerSecond >= 1000 ? trim(msPerSecond / 1000) + " s" : trim(msPerSecond) + " ms",
                c.electionTimeoutMinMicros() / 1000, c.electionTimeoutMaxMicros() / 1000,
                c.heartbeatMicros() / 1000));
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private RaftConfig config() {
        return ((Scenario.RaftSetup) model.settings().setup()).config();
    }

    private void sendFromForm() {
        String server = target.getValue();
        if (server == null) {
            showError("Choose the server the request goes to.");
            return;
        }
        KvCommand command;
        try {
            command = switch (operation.getValue()) {
                case "get" -> KvCommand.get(key.getText().trim());
                case "delete" -> KvCommand.delete(key.getText().trim());
                default -> KvCommand.put(key.getText().trim(), value.getText().trim());
            };
        } catch (IllegalArgumentException e) {
            showError("The request is not complete: " + e.getMessage() + ".");
            return;
        }
        if (sendRequest(server, command) && "put".equals(operation.getValue())) {
            value.setText(Integer.toString(++nextValue));
        }
    }

    /** Sends {@code command} through a new client whose first try is {@code server}. */
    public boolean sendRequest(String server, KvCommand command) {
        return perform(new ScenarioAction.RaftRequest(null, server, command),
                "Sent \"" + command + "\" to " + server + ". Follow the pill from the clients in the middle.");
    }

    // ============================================================================================ canvas

    @Override
    protected void draw(GraphicsContext g, double width, double height, Palette palette) {
        drawing = view.draw(g, width, height, palette, appearance.strokeScale(), raft,
                model.session().speedProperty().get());
    }

    /** Messages in flight of the kind named ("RequestVote", "Heartbeat"...), where they are drawn. */
    @Override
    protected List<javafx.geometry.Rectangle2D> highlightBounds(String kind, String target) {
        if (kind.equals("log")) {
            try {
                return view.logColumn(Long.parseLong(target.trim())).map(List::of).orElse(List.of());
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        if (!kind.equals("message") || drawing == null) {
            return List.of();
        }
        List<javafx.geometry.Rectangle2D> out = new java.util.ArrayList<>();
        double r = 7 * appearance.strokeScale();
        for (RaftView.DrawnMessage m : drawing.messages()) {
            if (m.dropped() || !(m.kind().label().equalsIgnoreCase(target)
                    || m.kind().name().replace("_", "").equalsIgnoreCase(target))) {
                continue;
            }
            var from = drawing.server(m.from());
            var to = drawing.server(m.to());
            if (from.isPresent() && to.isPresent()) {
                double x = from.get().x() + (to.get().x() - from.get().x()) * m.progress();
                double y = from.get().y() + (to.get().y() - from.get().y()) * m.progress();
                out.add(new javafx.geometry.Rectangle2D(x - r, y - r, 2 * r, 2 * r));
            }
        }
        return out;
    }

    @Override
    protected java.util.Optional<javafx.geometry.Rectangle2D> nodeBounds(String node) {
        return drawing().server(node).map(s -> new javafx.geometry.Rectangle2D(s.x() - s.radius(),
                s.y() - s.radius(), 2 * s.radius(), 2 * s.radius()));
    }

    private void onScroll(ScrollEvent e) {
        if (!view.inLogArea(e.getY())) {
            return;
        }
        double d = Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) ? e.getDeltaX() : e.getDeltaY();
        if (d != 0) {
            view.scrollLog(d > 0 ? -3 : 3);
            e.consume();
        }
    }

    private void onCanvasPressed(MouseEvent e) {
        if (menu != null) {
            menu.hide();
        }
        if (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.SECONDARY) {
            return;
        }
        view.serverAt(e.getX(), e.getY()).ifPresent(name -> {
            if (e.getButton() == MouseButton.PRIMARY && offerPick(name)) {
                e.consume();
                return;
            }
            menu = serverMenu(name);
            menu.show(canvasPane, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    /** What can be done to one server, as the menu a click on it opens. */
    public ContextMenu serverMenu(String name) {
        NodeId id = NodeId.of(name);
        boolean up = raft.simulation().status(id) == NodeStatus.UP;
        RaftServerState s = up ? raft.cluster().state(id) : null;
        String state = s == null ? "crashed" : RaftView.roleWord(s.role()) + ", term " + s.currentTerm();
        MenuItem title = new MenuItem(name + " — " + state);
        title.setDisable(true);
        List<MenuItem> items = new ArrayList<>(List.of(title, new SeparatorMenuItem()));
        if (up) {
            items.add(item("raft-menu-crash", "Crash " + name,
                    () -> perform(new ScenarioAction.Crash(name), name + " crashed: its messages in flight to it "
                            + "will be dropped; its term, vote and log stay on disk.")));
            if (s.role() != RaftNode.Role.LEADER) {
                items.add(item("raft-menu-timeout", "Force its election timeout",
                        () -> perform(new ScenarioAction.RaftTimeout(name), name + "'s timer ran out: it starts "
                                + "an election.")));
            }
            items.add(item("raft-menu-isolate", "Partition it away from the others",
                    () -> isolate(name)));
            String k = key.getText().isBlank() ? "x" : key.getText().trim();
            String v = Integer.toString(nextValue);
            items.add(item("raft-menu-put", "Send put " + k + "=" + v + " to " + name, () -> {
                if (sendRequest(name, KvCommand.put(k, v))) {
                    value.setText(Integer.toString(++nextValue));
                }
            }));
            items.add(item("raft-menu-get", "Send get " + k + " to " + name,
                    () -> sendRequest(name, KvCommand.get(k))));
            items.add(item("raft-menu-remove", "Remove " + name + " from the cluster",
                    () -> perform(new ScenarioAction.Remove(name), "Asked the leader to take " + name
                            + " out of the configuration.")));
        } else {
            items.add(item("raft-menu-restart", "Restart " + name,
                    () -> perform(new ScenarioAction.Restart(name), name + " restarted as a follower with the "
                            + "term, vote and log it had on disk.")));
        }
        ContextMenu m = new ContextMenu(items.toArray(MenuItem[]::new));
        m.setId("raft-menu");
        return m;
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction((ActionEvent e) -> action.run());
        return i;
    }

    /** Cuts {@code name} off from every other server (clients still reach everyone). */
    public boolean isolate(String name) {
        List<String> others = raft.cluster().serverIds().stream().map(NodeId::name).filter(n -> !n.equals(name))
                .toList();
        if (others.isEmpty()) {
            showError("There is no other server to cut " + name + " off from.");
            return false;
        }
        return perform(new ScenarioAction.Partition(List.of(List.of(name), others)), name
                + " is cut off from the other servers. Heal ends it.");
    }

    // ============================================================================================ dialogs

    private void styleDialog(Dialog<?> d) {
        if (canvasPane.getScene() != null) {
            d.initOwner(canvasPane.getScene().getWindow());
            d.getDialogPane().getStylesheets().addAll(canvasPane.getScene().getStylesheets());
            d.getDialogPane().getStyleClass().addAll(canvasPane.getScene().getRoot().getStyleClass());
        }
    }

    private void openPartitionDialog() {
        List<String> servers = raft.cluster().serverIds().stream().map(NodeId::name).toList();
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Partition the network");
        d.setHeaderText("Put each server on a side. Servers on different sides cannot reach each other; "
                + "clients still reach everyone.");
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        String[] sides = {"A", "B", "C"};
        for (int c = 0; c < sides.length; c++) {
            Label h = new Label("side " + sides[c]);
            h.getStyleClass().add("engine-section");
            grid.add(h, c + 1, 0);
            GridPane.setHalignment(h, HPos.CENTER);
        }
        Map<String, ToggleGroup> choice = new TreeMap<>();
        int row = 1;
        for (String s : servers) {
            grid.add(new Label(s), 0, row);
            ToggleGroup tg = new ToggleGroup();
            for (int c = 0; c < sides.length; c++) {
                RadioButton rb = new RadioButton();
                rb.setId("raft-side-" + s + "-" + sides[c]);
                rb.setUserData(sides[c]);
                rb.setToggleGroup(tg);
                rb.setSelected(c == 0);
                grid.add(rb, c + 1, row);
                GridPane.setHalignment(rb, HPos.CENTER);
            }
            choice.put(s, tg);
            row++;
        }
        Label error = new Label();
        error.getStyleClass().add("raft-dialog-error");
        error.setWrapText(true);
        VBox content = new VBox(10, grid, error);
        d.getDialogPane().setContent(content);
        d.getDialogPane().setId("raft-partition-dialog");
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        styleDialog(d);
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Partition");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            List<List<String>> groups = new ArrayList<>();
            for (String side : sides) {
                List<String> g = servers.stream()
                        .filter(s -> side.equals(choice.get(s).getSelectedToggle().getUserData()))
                        .toList();
                if (!g.isEmpty()) {
                    groups.add(g);
                }
            }
            if (groups.size() < 2) {
                error.setText("Every server is on one side: put at least one server on another side.");
                e.consume();
                return;
            }
            String text = groups.stream().map(g -> "{" + String.join(" ", g) + "}")
                    .collect(Collectors.joining(" | "));
            if (!perform(new ScenarioAction.Partition(groups), "Network split: " + text + ". Heal ends it.")) {
                error.setText(model.errorProperty().get());
                e.consume();
            }
        });
        d.show();
    }

    @Override
    protected void openSettings() {
        RaftSettings now = RaftSettings.of(model.settings());
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Raft settings");
        d.setHeaderText("New settings start a new run from the seed in the toolbar.");
        TextField servers = field("raft-set-servers", now.servers());
        TextField min = field("raft-set-election-min", now.electionMinMs());
        TextField max = field("raft-set-election-max", now.electionMaxMs());
        TextField beat = field("raft-set-heartbeat", now.heartbeatMs());
        TextField latency = field("raft-set-latency", now.latencyMs());
        TextField loss = field("raft-set-loss", now.lossPercent());
        TextField dup = field("raft-set-duplication", now.duplicatePercent());
        TextField snap = field("raft-set-snapshot", now.snapshotThreshold());
        CheckBox preVote = check("raft-set-prevote", "PreVote: ask \"would you vote for me?\" before raising "
                + "the term (dissertation 9.6)", now.preVote());
        CheckBox checkQuorum = check("raft-set-checkquorum", "CheckQuorum: a leader that has not heard from a "
                + "majority steps down", now.checkQuorum());
        CheckBox whatIf = check("raft-set-whatif", "What-if: commit entries of older terms by counting replicas. "
                + "Breaks safety on purpose (Figure 8)", now.whatIfCommitOldTerms());
        whatIf.getStyleClass().add("raft-what-if-check");

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int r = 0;
        grid.addRow(r++, new Label("Servers (3–9)"), servers);
        grid.addRow(r++, new Label("Election timeout, shortest (ms)"), min);
        grid.addRow(r++, new Label("Election timeout, longest (ms)"), max);
        grid.addRow(r++, new Label("Heartbeat interval (ms)"), beat);
        grid.addRow(r++, new Label("Network latency, one way (ms)"), latency);
        grid.addRow(r++, new Label("Message loss (%)"), loss);
        grid.addRow(r++, new Label("Duplication (%)"), dup);
        grid.addRow(r++, new Label("Snapshot after this many applied entries (0: never)"), snap);
        Label error = new Label();
        error.setId("raft-settings-error");
        error.getStyleClass().add("raft-dialog-error");
        error.setWrapText(true);
        error.setMaxWidth(460);
        VBox content = new VBox(10, grid, preVote, checkQuorum, whatIf, error);
        d.getDialogPane().setContent(content);
        d.getDialogPane().setId("raft-settings-dialog");
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        styleDialog(d);
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Start again with these");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            RaftSettings typed = new RaftSettings(servers.getText(), min.getText(), max.getText(), beat.getText(),
                    latency.getText(), loss.getText(), dup.getText(), snap.getText(), preVote.isSelected(),
                    checkQuorum.isSelected(), whatIf.isSelected());
            try {
                Scenario next = typed.toScenario(model.settings());
                model.applySettings(next);
                updateSpeedHint();
                showInfo("Started again with the new settings. Press Play.");
            } catch (IllegalArgumentException ex) {
                // Refused: the dialog stays open with the reason, and the run is untouched.
                error.setText(ex.getMessage());
                e.consume();
            }
        });
        d.show();
    }

    private static TextField field(String id, String text) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setPrefColumnCount(6);
        return f;
    }

    private static CheckBox check(String id, String text, boolean selected) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.setSelected(selected);
        c.setWrapText(true);
        c.setMaxWidth(460);
        return c;
    }

    // ============================================================================================ refresh

    @Override
    protected void refresh() {
        List<RaftSafety.Violation> violations = raft.checkSafety();
        String refreshKey = raft.simulation().nowMicros() + "/" + raft.simulation().eventsProcessed() + "/"
                + violations.size() + "/" + appearance.themeProperty().get();
        if (refreshKey.equals(lastRefreshKey)) {
            return;
        }
        lastRefreshKey = refreshKey;
        refreshTargets();
        refreshSafety(violations);
        refreshServers();
        refreshStores();
        refreshRequests();
    }

    private void refreshTargets() {
        List<String> names = raft.cluster().serverIds().stream().map(NodeId::name).toList();
        if (!names.equals(target.getItems())) {
            String keep = target.getValue();
            target.getItems().setAll(names);
            target.setValue(names.contains(keep) ? keep : names.isEmpty() ? null : names.get(0));
        }
    }

    private void refreshSafety(List<RaftSafety.Violation> violations) {
        Set<RaftSafety.Property> broken = EnumSet.noneOf(RaftSafety.Property.class);
        violations.forEach(v -> broken.add(v.property()));
        RaftSafety.Property[] all = RaftSafety.Property.values();
        for (int i = 0; i < all.length; i++) {
            Label l = (Label) safetyBox.getChildren().get(i);
            boolean bad = broken.contains(all[i]);
            l.setText((bad ? "✗ BROKEN  " : "✓ holds  ") + all[i].text());
            l.getStyleClass().removeAll("raft-property-ok", "raft-property-broken");
            l.getStyleClass().add(bad ? "raft-property-broken" : "raft-property-ok");
        }
        boolean on = config().whatIfCommitOldTerms();
        whatIf.setText(on ? "What-if switch ON: a leader commits entries of earlier terms by counting replicas. "
                + "Figure 8 of the paper shows how such an entry can be committed and then overwritten." : "");
        whatIf.setManaged(on);
        whatIf.setVisible(on);
        if (violations.isEmpty()) {
            alarm.setManaged(false);
            alarm.setVisible(false);
            alarm.setText("");
        } else {
            RaftSafety.Violation v = violations.get(0);
            alarm.setText("⚠ SAFETY BROKEN: " + v.property().text() + ". " + v.detail() + ". "
                    + explain(v.property()) + (violations.size() > 1 ? " (" + (violations.size() - 1)
                    + " more below)" : ""));
            alarm.setManaged(true);
            alarm.setVisible(true);
        }
    }

    /** Why a broken property matters, in a sentence a student can take home. */
    static String explain(RaftSafety.Property p) {
        return switch (p) {
            case ELECTION_SAFETY -> "Two leaders in one term could each commit different entries at one index.";
            case LEADER_APPEND_ONLY -> "A leader erased or rewrote its own entry, which a follower may already "
                    + "have applied.";
            case LOG_MATCHING -> "Two logs agree on an entry but not on what comes before it, so the "
                    + "consistency check of AppendEntries no longer protects them.";
            case LEADER_COMPLETENESS -> "A leader lacks an entry that was committed: it will overwrite it on the "
                    + "followers, and a client was told it was done.";
            case STATE_MACHINE_SAFETY -> "Two servers applied different commands at one index: their key-value "
                    + "stores now disagree for good.";
        };
    }

    private void refreshServers() {
        if (serverTable.getChildren().isEmpty()) {
            String[] head = {"", "role", "term", "voted", "commit", "applied"};
            for (int c = 0; c < head.length; c++) {
                Label h = new Label(head[c]);
                h.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                h.getStyleClass().add("raft-table-head");
                serverTable.add(h, c, 0);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (NodeId id : raft.states().keySet()) {
            RaftServerState s = raft.states().get(id);
            rows.add(s == null ? List.of(id.name(), "crashed", "", "", "", "")
                    : List.of(id.name(), RaftView.roleWord(s.role()), Long.toString(s.currentTerm()),
                    s.votedFor() == null ? "—" : s.votedFor().name(), Long.toString(s.commitIndex()),
                    Long.toString(s.lastApplied())));
        }
        // Labels are reused from frame to frame: only their text changes while the run plays.
        int have = serverTable.getChildren().size() / 6 - 1;
        if (have != rows.size()) {
            serverTable.getChildren().remove(6, serverTable.getChildren().size());
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < 6; c++) {
                    Label l = new Label();
                    l.getStyleClass().add(c == 0 ? "raft-table-name" : "raft-table-cell");
                    serverTable.add(l, c, r + 1);
                }
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 6; c++) {
                ((Label) serverTable.getChildren().get(6 + r * 6 + c)).setText(rows.get(r).get(c));
            }
        }
    }

    private void refreshStores() {
        List<String> lines = new ArrayList<>();
        for (NodeId id : raft.states().keySet()) {
            RaftServerState s = raft.states().get(id);
            String text;
            if (s == null) {
                text = "crashed (rebuilt from the log when it restarts)";
            } else if (s.store().data().isEmpty()) {
                text = "empty";
            } else {
                text = s.store().data().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("  "));
            }
            lines.add(id.name() + ":  " + text);
        }
        setLines(stores, lines, i -> "mono");

        // Membership: the configuration in each server's log (it takes effect as soon as it is there).
        List<String> configs = new ArrayList<>();
        for (NodeId id : raft.states().keySet()) {
            RaftServerState s = raft.states().get(id);
            configs.add(id.name() + ":  " + (s == null ? "crashed" : s.configuration().isEmpty()
                    ? "none yet (learning from the leader)"
                    : "{" + s.configuration().stream().map(NodeId::name).collect(Collectors.joining(" ")) + "}"
                    + (s.configuration().contains(id) ? "" : "  · not a voter")));
        }
        setLines(configurations, configs, i -> "mono");
    }

    /** Shows {@code lines} in {@code box}, one label each, reusing the labels already there. */
    private static void setLines(VBox box, List<String> lines, java.util.function.IntFunction<String> style) {
        while (box.getChildren().size() > lines.size()) {
            box.getChildren().remove(box.getChildren().size() - 1);
        }
        while (box.getChildren().size() < lines.size()) {
            Label l = new Label();
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        for (int i = 0; i < lines.size(); i++) {
            Label l = (Label) box.getChildren().get(i);
            l.setText(lines.get(i));
            String st = style.apply(i);
            if (!l.getStyleClass().contains(st)) {
                l.getStyleClass().removeIf(c -> c.startsWith("raft-request") || c.equals("muted")
                        || c.equals("mono"));
                l.getStyleClass().add(st);
            }
        }
    }

    private void refreshRequests() {
        List<RaftPageModel.Request> all = raft.requests();
        if (all.isEmpty()) {
            setLines(requestList, List.of("None yet. Send one above, or click a server."), i -> "muted");
            return;
        }
        List<RaftPageModel.Request> shown = new ArrayList<>();
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - 12); i--) {
            shown.add(all.get(i));
        }
        setLines(requestList, shown.stream().map(RaftPage::describe).toList(),
                i -> shown.get(i).outcome() == RaftPageModel.Outcome.COMMITTED ? "raft-request-done"
                        : "raft-request-pending");
    }

    /** One request as a line: what, every server it went to and why it moved on, how it ended. */
    static String describe(RaftPageModel.Request r) {
        StringBuilder sb = new StringBuilder(r.client()).append("  ").append(r.command()).append(":  ");
        List<String> steps = new ArrayList<>();
        for (String p : r.path()) {
            if (p.startsWith("sent to ")) {
                steps.add(p.substring("sent to ".length()));
            } else if (p.startsWith("redirected")) {
                steps.add("redirect");
            } else if (p.startsWith("timed out")) {
                steps.add("timeout");
            } else if (p.startsWith("no leader")) {
                steps.add("no leader known");
            }
        }
        sb.append(String.join(" → ", steps));
        if (r.outcome() == RaftPageModel.Outcome.COMMITTED) {
            sb.append(" → ✓ done by ").append(r.answeredBy());
            if (r.command().kind() == KvCommand.Kind.GET) {
                sb.append(" (").append(r.result().value() == null ? "absent" : r.result().value()).append(")");
            }
        } else {
            sb.append(" → … waiting");
        }
        return sb.toString();
    }

    // ============================================================================================ legend

    private void buildLegend() {
        int row = 0;
        for (MessageKind k : MessageKind.values()) {
            Canvas c = new Canvas(40, 20);
            c.setUserData(k);
            legendCanvases.add(c);
            Label l = new Label(k.label());
            l.getStyleClass().add("raft-legend-label");
            Tooltip.install(l, new Tooltip(k.meaning()));
            Label meaning = new Label(k.meaning());
            meaning.setWrapText(true);
            meaning.getStyleClass().add("muted");
            VBox text = new VBox(0, l, meaning);
            legend.add(c, 0, row);
            legend.add(text, 1, row);
            row++;
        }
        String[][] shapes = {
                {"leader", "filled circle with a ring; ★ in the logs"},
                {"candidate", "dashed ring: asking for votes"},
                {"pre-candidate", "dotted ring (PreVote on)"},
                {"follower", "plain ring; dashed when not a voter"},
                {"crashed", "grey with a cross"},
                {"timer", "the arc around a server drains until its election timeout"},
                {"dropped", "a cross over a message, then it fades: lost, cut off, or the server is down"},
                {"committed entry", "solid; the colour and \"t3\" give the term it was created in"},
                {"not committed yet", "pale with a dashed border: a majority does not hold it yet"},
                {"commit ▲  applied ●", "in each log row: the commit index and the last applied index"},
                {"snapshot", "hatched: the compacted prefix of a log"},
                {"conflict", "red outline: entries a follower cut because they conflicted with the leader"}};
        for (String[] s : shapes) {
            Canvas c = new Canvas(40, 28);
            c.setUserData(s[0]);
            legendCanvases.add(c);
            Label l = new Label(s[0]);
            l.getStyleClass().add("raft-legend-label");
            Label meaning = new Label(s[1]);
            meaning.setWrapText(true);
            meaning.getStyleClass().add("muted");
            legend.add(c, 0, row);
            legend.add(new VBox(0, l, meaning), 1, row);
            row++;
        }
        ColumnConstraints icons = new ColumnConstraints(44);
        ColumnConstraints text = new ColumnConstraints();
        text.setHgrow(Priority.ALWAYS);
        legend.getColumnConstraints().setAll(icons, text);
    }

    private void drawLegend() {
        Palette p = appearance.palette();
        for (Canvas c : legendCanvases) {
            GraphicsContext g = c.getGraphicsContext2D();
            g.clearRect(0, 0, c.getWidth(), c.getHeight());
            double x = c.getWidth() / 2;
            double y = c.getHeight() / 2;
            if (c.getUserData() instanceof MessageKind k) {
                String caption = switch (k) {
                    case APPEND_ENTRIES -> "3";
                    case CLIENT_REQUEST -> "put x";
                    case CLIENT_OK -> "ok";
                    case CLIENT_REDIRECT -> "→ s1";
                    default -> "";
                };
                RaftGlyphs.draw(g, k, x, y, 0, 6, p, caption);
            } else {
                legendServer(g, (String) c.getUserData(), x, y, p);
            }
        }
    }

    private static void legendServer(GraphicsContext g, String what, double x, double y, Palette p) {
        double r = 9;
        g.setLineDashes();
        g.setLineWidth(1.5);
        switch (what) {
            case "leader" -> {
                g.setStroke(p.accent());
                g.strokeOval(x - r - 3, y - r - 3, 2 * r + 6, 2 * r + 6);
                g.setFill(p.accent());
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
            }
            case "candidate" -> {
                g.setStroke(p.warning());
                g.setLineWidth(2.5);
                g.setLineDashes(4, 2);
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            case "pre-candidate" -> {
                g.setStroke(p.info());
                g.setLineWidth(2.5);
                g.setLineDashes(1, 3);
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            case "follower" -> {
                g.setStroke(p.text());
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            case "crashed" -> {
                g.setFill(p.surfaceRaised());
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(p.danger());
                g.setLineWidth(2);
                g.strokeLine(x - 6, y - 6, x + 6, y + 6);
                g.strokeLine(x - 6, y + 6, x + 6, y - 6);
            }
            case "timer" -> {
                g.setStroke(p.border());
                g.setLineWidth(3);
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(p.mutedText());
                g.strokeArc(x - r, y - r, 2 * r, 2 * r, 90, -230, javafx.scene.shape.ArcType.OPEN);
            }
            case "committed entry", "not committed yet" -> {
                boolean committed = what.startsWith("committed");
                javafx.scene.paint.Color fill = RaftGlyphs.termColor(2, p);
                g.setFill(committed ? fill : fill.deriveColor(0, 1, 1, 0.45));
                g.fillRoundRect(x - 15, y - 10, 30, 20, 5, 5);
                g.setStroke(committed ? p.border() : p.mutedText());
                if (!committed) {
                    g.setLineDashes(3, 2.5);
                }
                g.strokeRoundRect(x - 15, y - 10, 30, 20, 5, 5);
                g.setLineDashes();
                g.setFill(p.text());
                g.setFont(javafx.scene.text.Font.font(9));
                g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
                g.setTextBaseline(javafx.geometry.VPos.CENTER);
                g.fillText("t2", x, y);
            }
            case "commit ▲  applied ●" -> {
                g.setFill(p.text());
                g.fillPolygon(new double[] {x - 9, x - 1, x - 5}, new double[] {y + 8, y + 8, y + 1}, 3);
                g.fillOval(x + 3, y - 4, 7, 7);
            }
            case "snapshot" -> {
                RaftView.hatch(g, x - 15, y - 10, 30, 20, p.mutedText(), 1);
                g.setStroke(p.mutedText());
                g.strokeRect(x - 15, y - 10, 30, 20);
            }
            case "conflict" -> {
                g.setFill(RaftGlyphs.termColor(1, p));
                g.fillRoundRect(x - 15, y - 10, 30, 20, 5, 5);
                g.setStroke(p.danger());
                g.setLineWidth(2.5);
                g.strokeRoundRect(x - 16, y - 11, 32, 22, 6, 6);
            }
            case "dropped" -> {
                RaftGlyphs.draw(g, MessageKind.HEARTBEAT, x, y, 0, 6, p, "");
                g.setStroke(p.danger());
                g.setLineWidth(2);
                g.strokeLine(x - 7, y - 7, x + 7, y + 7);
                g.strokeLine(x - 7, y + 7, x + 7, y - 7);
            }
            default -> {
            }
        }
        g.setLineDashes();
    }

    /** For tests: the pane the canvas fills (to click on a drawn server). */
    javafx.scene.layout.Pane canvasPaneForTest() {
        return canvasPane;
    }

    /** For tests: the side panel's choice of server for a request. */
    ComboBox<String> requestTargetForTest() {
        return target;
    }

    /** For tests: the server names in the order the side panel's table lists them. */
    List<String> tableServers() {
        List<String> out = new ArrayList<>();
        serverTable.getChildren().forEach(n -> {
            if (n instanceof Label l && l.getStyleClass().contains("raft-table-name")) {
                out.add(l.getText());
            }
        });
        return out;
    }
}
