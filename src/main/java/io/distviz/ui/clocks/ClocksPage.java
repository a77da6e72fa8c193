package io.distviz.ui.clocks;

import io.distviz.clocks.ClockConfig;
import io.distviz.clocks.ClockKind;
import io.distviz.clocks.ClockNetwork;
import io.distviz.clocks.ClockNodeState;
import io.distviz.clocks.SyncRole;
import io.distviz.scenario.ClockDriver;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.ui.ProtocolInfo;
import io.distviz.ui.engine.EngineModel;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Clocks page: drifting clocks, the synchronization that corrects them, and the logical clocks that order
 * events without trusting any of them. Every click becomes a {@link ScenarioAction} applied through the
 * {@link EngineModel}, so it can be undone and saved; parameters go through the settings, and a change of them
 * replays the person's actions under the new parameters up to the same moment, so two runs can be compared.
 *
 * <p>A run starts with a GPS reference and four quartz machines running free (the model's initial actions, not
 * undoable). The page plays at {@value #DEFAULT_SPEED}× by default: clock drift is a matter of minutes and NTP
 * polls every 64 s, so real time would show nothing moving.
 */
public final class ClocksPage extends EnginePage {
    public static final double DEFAULT_SPEED = 30;

    static final List<ScenarioAction> STARTING_SET_UP = List.of(
            new ScenarioAction.ClockAddReference("gps"),
            new ScenarioAction.ClockAdd("quartz", null, 0),
            new ScenarioAction.ClockAdd("quartz", null, 0),
            new ScenarioAction.ClockAdd("quartz", null, 0),
            new ScenarioAction.ClockAdd("quartz", null, 0));

    private final ClocksRenderer renderer = new ClocksRenderer();
    private ClockHistory history;
    private long followedJumps = -1;
    private CausalWindow window;
    private ClocksDrawn drawn = ClocksDrawn.NOTHING;
    private ClocksRenderer.ChartSpan span = ClocksRenderer.ChartSpan.ALL;
    private ClocksRenderer.StampKind stampKind = ClocksRenderer.StampKind.LAMPORT;
    private ClocksRenderer.Below below = ClocksRenderer.Below.BOTH;

    // Top bar.
    private final ChoiceBox<String> algorithm = new ChoiceBox<>(FXCollections.observableArrayList(
            "none", "Cristian", "Berkeley", "NTP"));
    private final ChoiceBox<String> server = new ChoiceBox<>();
    private final TextField firstTier = new TextField("3");
    private final Label serverCaption = new Label("server");
    private final Label tierCaption = new Label("first tier");

    // Side panel.
    private final ChoiceBox<String> selected = new ChoiceBox<>();
    private final Label selectedInfo = new Label();
    private final ChoiceBox<ClockKind> kind = kindChoice();
    private final TextField skew = field("e.g. 50", "ppm");
    private final TextField offset = field("e.g. -20", "ms");
    private final TextField lie = field("e.g. 80", "ms");
    private final ChoiceBox<ClockKind> newKind = kindChoice();
    private final ChoiceBox<String> linkFrom = new ChoiceBox<>();
    private final ChoiceBox<String> linkTo = new ChoiceBox<>();
    private final TextField latencyThere = field("10", "ms");
    private final TextField latencyBack = field("10", "ms");
    private final ToggleGroup adjustGroup = new ToggleGroup();
    private final TextField poll = field("64", "s");
    private final TextField outlierBound = field("50", "ms");
    private List<String> nodeNames = List.of();

    public ClocksPage(ProtocolInfo info, Appearance appearance) {
        this(info, appearance, defaultSettings(), 42);
    }

    public ClocksPage(ProtocolInfo info, Appearance appearance, Scenario settings, long seed) {
        super(info, new EngineModel(settings, seed, STARTING_SET_UP), appearance);
        model.session().speedProperty().set(DEFAULT_SPEED);
        build();
        canvasPane.canvas().setOnMouseClicked(e -> click(e.getX(), e.getY()));
        follow();
    }

    public static Scenario defaultSettings() {
        return new Scenario("Clocks page", null, Scenario.Protocol.CLOCKS, 42, LinkProfile.DEFAULT,
                new Scenario.ClockSetup(ClockConfig.defaults()), List.of(), null);
    }

    // ============================================================================================ reading

    /** What the last frame drew. */
    public ClocksDrawn drawn() {
        return drawn;
    }

    ClockNetwork network() {
        return ((ClockDriver) model.driver()).network();
    }

    ClockHistory history() {
        follow();
        return history;
    }

    CausalWindow window() {
        follow();
        return window;
    }

    /** A new run (reset, undo, new settings, a new seed from the toolbar) gets a new history. */
    private void follow() {
        // A jump in time (the timeline, undo, a lesson's Back) cuts the trace back: read it again too.
        if (history == null || history.simulation() != model.simulation()
                || followedJumps != model.jumpsProperty().get()) {
            followedJumps = model.jumpsProperty().get();
            history = new ClockHistory(model.simulation());
            window = new CausalWindow(model.simulation());
        }
    }

    // ============================================================================================ drawing

    @Override
    protected void draw(GraphicsContext g, double width, double height, Palette palette) {
        follow();
        history.update();
        window.refresh();
        ClockNetwork net = network();
        List<ClockNodeState> states = net.states();
        List<NodeId> crashed = new ArrayList<>();
        for (NodeId id : net.nodeIds()) {
            if (model.simulation().status(id) == NodeStatus.CRASHED) {
                crashed.add(id);
            }
        }
        List<Message> flying = model.simulation().inFlight();
        NodeId sel = selected.getValue() == null ? null : NodeId.of(selected.getValue());
        drawn = renderer.draw(g, width, height, new ClocksRenderer.Frame(model.simulation().nowMicros(), states,
                crashed, flying, history, window, span, stampKind, below, sel, palette, appearance.strokeScale()));
    }

    private void click(double x, double y) {
        int event = renderer.eventAt(x, y);
        if (event >= 0) {
            window.pick(event);
            return;
        }
        for (ClocksDrawn.Card c : drawn.cards()) {
            if (x >= c.x() && x <= c.x() + c.width() && y >= c.y() && y <= c.y() + c.height()) {
                if (offerPick(c.node())) {
                    return;
                }
                selected.setValue(c.node());
                return;
            }
        }
    }

    /** A lesson's "chart" (any name) and "panel" (cards, exchange, spacetime) highlights: a box round it. */
    @Override
    protected List<javafx.geometry.Rectangle2D> highlightBounds(String kind, String target) {
        String name = kind.equals("chart") ? "chart" : kind.equals("panel") ? target : null;
        if (name == null) {
            return List.of();
        }
        return renderer.region(name).map(r -> List.of(new javafx.geometry.Rectangle2D(r.getMinX() + 3,
                r.getMinY() + 3, r.getWidth() - 6, Math.max(1, r.getHeight() - 6)))).orElse(List.of());
    }

    @Override
    protected java.util.Optional<javafx.geometry.Rectangle2D> nodeBounds(String node) {
        return drawn.cards().stream().filter(c -> c.node().equals(node)).findFirst()
                .map(c -> new javafx.geometry.Rectangle2D(c.x(), c.y(), c.width(), c.height()));
    }

    @Override
    protected boolean nodesAreRound() {
        return false;
    }

    /** Picks an event of the space-time diagram, as a click on it does (for tests and the keyboard). */
    public boolean pickEvent(int traceIndex) {
        follow();
        window.refresh();
        return window.pick(traceIndex);
    }

    @Override
    protected void refresh() {
        List<String> names = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        for (NodeId id : network().nodeIds()) {
            names.add(id.name());
        }
        if (!names.equals(nodeNames)) {
            nodeNames = names;
            String keep = selected.getValue();
            selected.getItems().setAll(names);
            selected.setValue(names.contains(keep) ? keep : names.stream().filter(n -> n.startsWith("n"))
                    .findFirst().orElse(names.isEmpty() ? null : names.get(0)));
            for (ChoiceBox<String> c : List.of(linkFrom, linkTo)) {
                String k = c.getValue();
                List<String> items = new ArrayList<>();
                if (c == linkFrom) {
                    items.add("every link");
                }
                items.addAll(names);
                c.getItems().setAll(items);
                c.setValue(items.contains(k) ? k : items.get(0));
            }
            updateServerChoices();
        }
        String name = selected.getValue();
        if (name == null) {
            selectedInfo.setText("");
            return;
        }
        NodeId id = NodeId.of(name);
        if (model.simulation().status(id) == NodeStatus.CRASHED) {
            selectedInfo.setText(name + " is crashed.");
            return;
        }
        ClockNodeState st;
        try {
            st = network().state(id);
        } catch (IllegalArgumentException e) {
            selectedInfo.setText("");
            return;
        }
        if (st == null) {
            selectedInfo.setText("");
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (st.isReference()) {
            sb.append(name).append(" is a reference source: its clock is true time.");
        } else {
            sb.append(name).append(" (").append(st.kind().label()).append(") is ")
                    .append(Units.signedNanos(st.offsetFromTrueTimeNanos())).append(" off true time; its oscillator's ")
                    .append("frequency error is ").append(Units.ppm(st.frequencyErrorPpm()));
            if (st.slewRemainingNanos() != 0) {
                sb.append("; still slewing ").append(Units.signedNanos(st.slewRemainingNanos()));
            }
            sb.append('.');
            if (st.lastSync() != null) {
                ClockNodeState.LastSync ls = st.lastSync();
                sb.append("\nLast sync (").append(ls.algorithm().label()).append(ls.server() == null ? "" : " with "
                        + ls.server()).append(", ").append(Units.trueTime(ls.atMicros())).append("): offset ")
                        .append(Units.signedNanos(ls.offsetNanos()));
                if (ls.delayNanos() > 0) {
                    sb.append(", delay ").append(Units.nanos(ls.delayNanos()));
                }
                if (ls.errorBoundNanos() > 0) {
                    sb.append(", bound ± ").append(Units.nanos(ls.errorBoundNanos()));
                }
                sb.append(", ").append(ls.adjustment().name().toLowerCase(Locale.ROOT)).append('.');
            }
            for (ClockNodeState.PeerState ps : st.peers()) {
                sb.append("\n  ").append(ps.server()).append(": ")
                        .append(ps.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .append(", offset ").append(Units.signedNanos(ps.offsetNanos()));
            }
        }
        if (st.lieNanos() != 0) {
            sb.append("\nServes time ").append(Units.signedNanos(st.lieNanos())).append(" off on purpose.");
        }
        selectedInfo.setText(sb.toString());
    }

    // ============================================================================================ controls

    @Override
    protected Node controls() {
        algorithm.setId("clocks-algorithm");
        algorithm.setValue("none");
        algorithm.setTooltip(new Tooltip("How the machines synchronize"));
        algorithm.valueProperty().addListener((o, a, b) -> updateServerChoices());
        server.setId("clocks-server");
        server.setTooltip(new Tooltip("Cristian: the time server. Berkeley: the master. NTP: the reference at "
                + "the top of the hierarchy"));
        firstTier.setId("clocks-first-tier");
        firstTier.setPrefColumnCount(2);
        firstTier.setTooltip(new Tooltip("NTP: how many machines poll the reference; every other machine polls "
                + "all of them (so it can outvote one that lies)"));
        Button use = new Button("Use");
        use.setId("clocks-use");
        use.setDefaultButton(false);
        use.setOnAction(e -> useAlgorithm());
        Button sync = new Button("Sync now");
        sync.setId("clocks-sync-all");
        sync.setTooltip(new Tooltip("Every machine that starts synchronizations (clients, the master) does so now"));
        sync.setOnAction(e -> syncAll());
        Label caption = new Label("Sync by");
        HBox box = new HBox(6, caption, algorithm, serverCaption, server, tierCaption, firstTier, use, sync);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("clocks-controls");
        updateServerChoices();
        return box;
    }

    private void updateServerChoices() {
        String a = algorithm.getValue() == null ? "none" : algorithm.getValue();
        List<String> options = new ArrayList<>();
        for (String n : nodeNames) {
            boolean ref = n.startsWith("ref");
            switch (a) {
                case "Cristian" -> options.add(n);
                case "Berkeley" -> {
                    if (!ref) {
                        options.add(n);
                    }
                }
                case "NTP" -> {
                    if (ref) {
                        options.add(n);
                    }
                }
                default -> {
                }
            }
        }
        String keep = server.getValue();
        server.getItems().setAll(options);
        server.setValue(options.contains(keep) ? keep : options.isEmpty() ? null : options.get(0));
        boolean needsServer = !a.equals("none");
        server.setVisible(needsServer);
        server.setManaged(needsServer);
        serverCaption.setVisible(needsServer);
        serverCaption.setManaged(needsServer);
        serverCaption.setText(a.equals("Berkeley") ? "master" : a.equals("NTP") ? "reference" : "server");
        boolean tiers = a.equals("NTP");
        firstTier.setVisible(tiers);
        firstTier.setManaged(tiers);
        tierCaption.setVisible(tiers);
        tierCaption.setManaged(tiers);
    }

    /** Chooses the algorithm in the top bar. */
    boolean useAlgorithm() {
        String a = algorithm.getValue().toLowerCase(Locale.ROOT);
        if (!a.equals("none") && server.getValue() == null) {
            showError(a.equals("ntp") ? "NTP needs a reference source at the top: add one first."
                    : "Choose the " + serverCaption.getText() + " first.");
            return false;
        }
        Integer tier = null;
        if (a.equals("ntp")) {
            try {
                tier = Integer.parseInt(firstTier.getText().trim());
            } catch (NumberFormatException e) {
                return refuse(firstTier, "The first tier is a whole number of machines, not '" + firstTier.getText()
                        + "'.");
            }
        }
        accepted(firstTier);
        return act(new ScenarioAction.ClockAlgorithm(a, a.equals("none") ? null : server.getValue(), null, tier));
    }

    /** Every machine that starts synchronizations does so now. */
    boolean syncAll() {
        List<NodeId> starters = new ArrayList<>();
        for (ClockNodeState st : network().states()) {
            SyncRole r = st.role();
            if (r instanceof SyncRole.CristianClient || r instanceof SyncRole.BerkeleyMaster
                    || r instanceof SyncRole.NtpClient) {
                starters.add(st.id());
            }
        }
        if (starters.isEmpty()) {
            showError("No machine synchronizes yet: choose Cristian, Berkeley or NTP and press Use first.");
            return false;
        }
        for (NodeId id : starters) {
            if (!act(new ScenarioAction.ClockSync(id.name()))) {
                return false;
            }
        }
        showInfo("Synchronization started by " + starters.size() + (starters.size() == 1 ? " machine." : " machines."));
        return true;
    }

    @Override
    protected VBox sidePanel() {
        VBox box = new VBox();
        box.getStyleClass().addAll("engine-side-content", "clocks-side");

        selected.setId("clocks-selected");
        selectedInfo.setId("clocks-selected-info");
        selectedInfo.setWrapText(true);
        selectedInfo.getStyleClass().add("clocks-info");
        kind.setId("clocks-kind");
        skew.setId("clocks-skew");
        offset.setId("clocks-offset");
        lie.setId("clocks-lie");
        GridPane node = grid();
        node.addRow(0, new Label("Kind"), kind, button("Set", "clocks-set-kind", this::setKind));
        node.addRow(1, new Label("Skew (ppm)"), skew, button("Set", "clocks-set-skew", this::setSkew));
        node.addRow(2, new Label("Offset (ms)"), offset, button("Set", "clocks-set-offset", this::setOffset));
        node.addRow(3, new Label("Lie by (ms)"), lie, button("Lie", "clocks-lie-button", this::setLie));
        FlowPane nodeButtons = new FlowPane(6, 6,
                button("Sync now", "clocks-sync", () -> act(new ScenarioAction.ClockSync(selected.getValue()))),
                button("Honest", "clocks-honest", () -> act(new ScenarioAction.ClockLie(selected.getValue(), 0))),
                button("Crash", "clocks-crash", () -> act(new ScenarioAction.Crash(selected.getValue()))),
                button("Restart", "clocks-restart", () -> act(new ScenarioAction.Restart(selected.getValue()))),
                button("Remove", "clocks-remove", () -> act(new ScenarioAction.Remove(selected.getValue()))));

        newKind.setId("clocks-new-kind");
        FlowPane add = new FlowPane(6, 6, newKind, button("Add machine", "clocks-add", this::addMachine),
                button("Add GPS reference", "clocks-add-ref",
                        () -> act(new ScenarioAction.ClockAddReference("gps"))));

        linkFrom.setId("clocks-link-from");
        linkTo.setId("clocks-link-to");
        latencyThere.setId("clocks-latency-there");
        latencyBack.setId("clocks-latency-back");
        GridPane net = grid();
        net.addRow(0, new Label("Between"), linkFrom, new Label("and"), linkTo);
        net.addRow(1, new Label("There (ms)"), latencyThere, new Label("back"), latencyBack);
        Button setLink = button("Set latency", "clocks-set-link", this::setLatency);
        setLink.setTooltip(new Tooltip("One-way latency each way; different values make the path asymmetric, "
                + "an error no exchange can measure"));

        // Step or slew: a setting, so the run is replayed with the other rule up to the same moment.
        HBox adjust = new HBox(0);
        adjust.getStyleClass().add("clocks-segmented");
        for (ClockConfig.AdjustMode m : ClockConfig.AdjustMode.values()) {
            ToggleButton b = new ToggleButton(switch (m) {
                case STEP -> "Step";
                case SLEW -> "Slew";
                case STEP_OVER_THRESHOLD -> "ntpd rule";
            });
            b.setId("clocks-adjust-" + m.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setUserData(m);
            b.setToggleGroup(adjustGroup);
            b.setSelected(m == config().adjustMode());
            b.setOnAction(e -> setAdjustMode(m));
            adjust.getChildren().add(b);
        }
        Label adjustNote = new Label("A step jumps the clock at once; a slew runs it fast or slow (at most "
                + "500 ppm) until the correction is done, so time never jumps back. ntpd steps over 128 ms and "
                + "slews under it. Switching replays your actions with the other rule up to now.");
        adjustNote.setWrapText(true);
        adjustNote.getStyleClass().add("muted");

        poll.setId("clocks-poll");
        outlierBound.setId("clocks-outlier-bound");
        poll.setText(trimZeros(config().pollIntervalMicros() / 1e6));
        outlierBound.setText(trimZeros(config().berkeleyMaxDeviationNanos() / 1e6));
        GridPane params = grid();
        params.addRow(0, new Label("Poll every (s)"), poll);
        params.addRow(1, new Label("Berkeley outlier bound (ms)"), outlierBound);
        Button applyParams = button("Apply", "clocks-apply-params", this::applyParameters);
        applyParams.setTooltip(new Tooltip("Replays your actions with these parameters up to now"));

        HBox spanBox = segmented("clocks-span", ClocksRenderer.ChartSpan.values(), span, v -> span = v,
                v -> v.label);
        HBox belowBox = segmented("clocks-below", ClocksRenderer.Below.values(), below, v -> below = v,
                v -> v.label);
        HBox stampBox = segmented("clocks-stamps", ClocksRenderer.StampKind.values(), stampKind, v -> stampKind = v,
                v -> v.label);
        Button clear = button("Start diagram afresh", "clocks-clear-diagram", () -> {
            window.clear();
            return true;
        });

        box.getChildren().addAll(
                section("Machine"), selected, selectedInfo, node, nodeButtons,
                section("Add"), add,
                section("Corrections"), adjust, adjustNote,
                section("Parameters"), params, applyParams,
                section("Network latency"), net, setLink,
                section("Chart shows"), spanBox,
                section("Below the chart"), belowBox,
                section("Space-time diagram"), stampBox, clear);
        return box;
    }

    // ------------------------------------------------------------------------------------------ actions

    private boolean act(ScenarioAction a) {
        boolean ok = model.perform(a);
        if (ok) {
            showInfo("");
        }
        return ok;
    }

    private boolean addMachine() {
        ClockKind k = newKind.getValue();
        return act(new ScenarioAction.ClockAdd(kindWord(k), null, 0));
    }

    private boolean setKind() {
        return act(new ScenarioAction.ClockSetKind(selected.getValue(), kindWord(kind.getValue())));
    }

    boolean setSkew() {
        Double ppm = number(skew, "A skew is a number of ppm, such as 50 or -12.5");
        return ppm != null && act(new ScenarioAction.ClockSetSkew(selected.getValue(),
                Math.round(ppm * ClockKind.PPT_PER_PPM)));
    }

    boolean setOffset() {
        Double ms = number(offset, "An offset is a number of milliseconds, such as -20 or 3.5");
        return ms != null && act(new ScenarioAction.ClockSetOffset(selected.getValue(), Math.round(ms * 1e6)));
    }

    boolean setLie() {
        Double ms = number(lie, "A lie is a number of milliseconds, such as 80");
        return ms != null && act(new ScenarioAction.ClockLie(selected.getValue(), Math.round(ms * 1e6)));
    }

    private boolean setLatency() {
        Double there = number(latencyThere, "A latency is a number of milliseconds, such as 10");
        Double back = there == null ? null : number(latencyBack, "A latency is a number of milliseconds, such as 10");
        if (there == null || back == null) {
            return false;
        }
        if (there < 0 || back < 0 || there > 10_000 || back > 10_000) {
            return refuse(there < 0 || there > 10_000 ? latencyThere : latencyBack,
                    "A latency must be from 0 to 10000 ms.");
        }
        String a = linkFrom.getValue();
        String b = linkTo.getValue();
        if ("every link".equals(a)) {
            return act(new ScenarioAction.SetNetwork(null, null, link(there)));
        }
        if (a == null || b == null || a.equals(b)) {
            showError("Choose two different nodes (or \"every link\").");
            return false;
        }
        return act(new ScenarioAction.SetNetwork(a, b, link(there)))
                && act(new ScenarioAction.SetNetwork(b, a, link(back)));
    }

    /** A link of this mean one-way latency, with a little jitter and never faster than half of it. */
    private static LinkProfile link(double ms) {
        long mean = Math.round(ms * 1000);
        return new LinkProfile(mean / 2, mean, mean / 10, 0, 0, 0);
    }

    private void setAdjustMode(ClockConfig.AdjustMode m) {
        if (m == config().adjustMode()) {
            selectAdjust(m);
            return;
        }
        replayWith(withConfig(config().withAdjustMode(m)));
        showInfo("Replayed with " + (m == ClockConfig.AdjustMode.STEP ? "steps" : m == ClockConfig.AdjustMode.SLEW
                ? "slews" : "ntpd's rule") + " up to the same moment.");
    }

    private boolean applyParameters() {
        Double pollS = number(poll, "The poll interval is a number of seconds, such as 16");
        Double boundMs = pollS == null ? null : number(outlierBound, "The bound is a number of milliseconds, such as 50");
        if (pollS == null || boundMs == null) {
            return false;
        }
        ClockConfig c;
        try {
            c = config().withPollInterval(Math.round(pollS * 1e6))
                    .withBerkeleyMaxDeviation(Math.round(boundMs * 1e6));
        } catch (IllegalArgumentException e) {
            showError(e.getMessage() + ". Nothing was changed.");
            return false;
        }
        replayWith(withConfig(c));
        showInfo("Replayed with the new parameters up to the same moment.");
        return true;
    }

    /**
     * New settings, keeping the person's actions: a new run, with each action applied again at the moment it was
     * taken, up to where the old run was. An action the new run refuses is skipped and reported.
     */
    void replayWith(Scenario settings) {
        long until = model.simulation().nowMicros();
        List<ScenarioRunner.PerformedAction> actions = model.actions();
        model.applySettings(settings);
        int refused = 0;
        for (ScenarioRunner.PerformedAction a : actions) {
            model.simulation().runUntil(a.timeMicros());
            if (!model.perform(a.action())) {
                refused++;
            }
        }
        model.simulation().runUntil(until);
        model.session().publish();
        selectAdjust(config().adjustMode());
        if (refused > 0) {
            showError(refused + " of your actions no longer applied in the new run and were left out.");
        }
    }

    private void selectAdjust(ClockConfig.AdjustMode m) {
        adjustGroup.getToggles().forEach(t -> t.setSelected(t.getUserData() == m));
    }

    private ClockConfig config() {
        return ((Scenario.ClockSetup) model.settings().setup()).config();
    }

    private Scenario withConfig(ClockConfig c) {
        Scenario s = model.settings();
        return new Scenario(s.title(), s.description(), s.protocol(), s.seed(), s.network(),
                new Scenario.ClockSetup(c), s.timeline(), s.endMicros());
    }

    @Override
    protected void openSettings() {
        ClockConfig c = config();
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Clocks settings");
        d.setHeaderText("Parameters of the clocks and the network. Applying replays your actions up to now.");
        TextField pollF = new TextField(trimZeros(c.pollIntervalMicros() / 1e6));
        TextField thresholdF = new TextField(trimZeros(c.stepThresholdNanos() / 1e6));
        TextField slewF = new TextField(Long.toString(c.slewRatePpm()));
        TextField boundF = new TextField(trimZeros(c.berkeleyMaxDeviationNanos() / 1e6));
        TextField rttF = new TextField(trimZeros(c.maxRoundTripMicros() / 1e3));
        CheckBox freq = new CheckBox("NTP also corrects the clock's rate");
        freq.setSelected(c.ntpFrequencyDiscipline());
        CheckBox mono = new CheckBox("Readings never go backwards (monotonic)");
        mono.setSelected(c.monotonic());
        LinkProfile net = model.settings().network();
        TextField latencyF = new TextField(trimZeros(net.meanLatencyMicros() / 1e3));
        TextField jitterF = new TextField(trimZeros(net.jitterMicros() / 1e3));
        GridPane g = grid();
        g.addRow(0, new Label("Poll every (s)"), pollF);
        g.addRow(1, new Label("Step over (ms), ntpd rule"), thresholdF);
        g.addRow(2, new Label("Slew rate (ppm)"), slewF);
        g.addRow(3, new Label("Berkeley outliers beyond (ms)"), boundF);
        g.addRow(4, new Label("Longest round trip (ms)"), rttF);
        g.addRow(5, new Label("Network latency (ms)"), latencyF);
        g.addRow(6, new Label("Network jitter (ms)"), jitterF);
        g.add(freq, 0, 7, 2, 1);
        g.add(mono, 0, 8, 2, 1);
        Label problem = new Label();
        problem.getStyleClass().add("clocks-problem");
        problem.setWrapText(true);
        g.add(problem, 0, 9, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (view().getScene() != null) {
            d.initOwner(view().getScene().getWindow());
            d.getDialogPane().getStylesheets().addAll(view().getScene().getStylesheets());
        }
        Scenario[] result = new Scenario[1];
        d.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                ClockConfig n = c.withPollInterval(Math.round(parse(pollF, "the poll interval") * 1e6))
                        .withStepThreshold(Math.round(parse(thresholdF, "the step threshold") * 1e6))
                        .withSlewRate(Math.round(parse(slewF, "the slew rate")))
                        .withBerkeleyMaxDeviation(Math.round(parse(boundF, "Berkeley's bound") * 1e6))
                        .withMaxRoundTrip(Math.round(parse(rttF, "the longest round trip") * 1e3))
                        .withNtpFrequencyDiscipline(freq.isSelected())
                        .withMonotonic(mono.isSelected());
                double lat = parse(latencyF, "the latency");
                double jit = parse(jitterF, "the jitter");
                long mean = Math.round(lat * 1000);
                LinkProfile link = new LinkProfile(Math.min(mean, Math.max(0, mean - 3 * Math.round(jit * 1000))),
                        mean, Math.round(jit * 1000), 0, 0, 0);
                Scenario s = model.settings();
                result[0] = new Scenario(s.title(), s.description(), s.protocol(), s.seed(), link,
                        new Scenario.ClockSetup(n), s.timeline(), s.endMicros());
            } catch (IllegalArgumentException ex) {
                problem.setText(ex.getMessage());
                e.consume();
            }
        });
        d.showAndWait();
        if (result[0] != null) {
            replayWith(result[0]);
            poll.setText(trimZeros(config().pollIntervalMicros() / 1e6));
            outlierBound.setText(trimZeros(config().berkeleyMaxDeviationNanos() / 1e6));
            showInfo("New settings: replayed your actions up to the same moment.");
        }
    }

    private static double parse(TextField f, String what) {
        try {
            double v = Double.parseDouble(f.getText().trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, not '" + f.getText() + "'");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The number in {@code f}, or null after saying what is wrong (nothing changes then). */
    private Double number(TextField f, String hint) {
        String t = f.getText() == null ? "" : f.getText().trim().replace('−', '-');
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            accepted(f);
            return v;
        } catch (NumberFormatException e) {
            refuse(f, "'" + f.getText() + "' is not a number. " + hint + ". Nothing was changed.");
            return null;
        }
    }

    private boolean refuse(TextField f, String message) {
        if (!f.getStyleClass().contains("field-error")) {
            f.getStyleClass().add("field-error");
        }
        showError(message);
        return false;
    }

    private static void accepted(TextField f) {
        f.getStyleClass().remove("field-error");
    }

    private static String kindWord(ClockKind k) {
        return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ChoiceBox<ClockKind> kindChoice() {
        List<ClockKind> kinds = new ArrayList<>(List.of(ClockKind.values()));
        kinds.remove(ClockKind.CUSTOM);
        ChoiceBox<ClockKind> c = new ChoiceBox<>(FXCollections.observableArrayList(kinds));
        c.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ClockKind k) {
                return k == null ? "" : k.label() + " (±" + trimZeros(k.maxSkewPpm()) + " ppm)";
            }

            @Override
            public ClockKind fromString(String s) {
                return null;
            }
        });
        c.setValue(ClockKind.QUARTZ);
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }

    private static TextField field(String prompt, String unit) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefColumnCount(5);
        f.setTooltip(new Tooltip("In " + unit));
        return f;
    }

    private static Button button(String text, String id, java.util.function.BooleanSupplier action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.getAsBoolean());
        return b;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(6);
        // Labels keep their whole text; the fields give way.
        g.getChildren().addListener((javafx.collections.ListChangeListener<Node>) c -> {
            for (Node n : g.getChildren()) {
                if (n instanceof Label l) {
                    l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                }
            }
        });
        return g;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("engine-section");
        return l;
    }

    private <T> HBox segmented(String id, T[] values, T initial, java.util.function.Consumer<T> set,
                               java.util.function.Function<T, String> label) {
        HBox box = new HBox(0);
        box.getStyleClass().add("clocks-segmented");
        ToggleGroup group = new ToggleGroup();
        for (T v : values) {
            ToggleButton b = new ToggleButton(label.apply(v));
            b.setId(id + "-" + v.toString().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(group);
            b.setSelected(v == initial);
            b.setOnAction(e -> {
                set.accept(v);
                b.setSelected(true);
            });
            box.getChildren().add(b);
        }
        return box;
    }

    private static String trimZeros(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
