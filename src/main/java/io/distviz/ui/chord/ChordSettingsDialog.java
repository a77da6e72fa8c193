package io.distviz.ui.chord;

import io.distviz.chord.ChordConfig;
import io.distviz.scenario.Scenario;
import io.distviz.sim.LinkProfile;
import java.util.List;
import java.util.Locale;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The Chord page's settings: the ring's parameters and the network. Every field is checked when OK is
 * pressed; a value that makes no sense keeps the dialog open with a message saying which field and why,
 * and changes nothing.
 */
final class ChordSettingsDialog extends Dialog<ChordSettingsDialog.Result> {

    /** New settings and the size of the starting ring. */
    record Result(Scenario settings, int startNodes) {
    }

    private final TextField bits = field("bits");
    private final TextField nodes = field("nodes");
    private final TextField successors = field("successors");
    private final TextField replicas = field("replicas");
    private final ChoiceBox<String> rules = new ChoiceBox<>();
    private final ChoiceBox<String> routing = new ChoiceBox<>();
    private final ChoiceBox<String> style = new ChoiceBox<>();
    private final TextField stabilize = field("stabilize");
    private final TextField fixFingers = field("fix-fingers");
    private final TextField checkPredecessor = field("check-predecessor");
    private final TextField latency = field("latency");
    private final TextField loss = field("loss");
    private final Label error = new Label();

    ChordSettingsDialog(Scenario current, int startNodes) {
        setTitle("Chord settings");
        setHeaderText("Chord ring and network (OK starts a new run)");
        ChordConfig c = ((Scenario.ChordSetup) current.setup()).config();
        bits.setText(Integer.toString(c.bits()));
        nodes.setText(Integer.toString(startNodes));
        successors.setText(Integer.toString(c.successorListLength()));
        replicas.setText(Integer.toString(c.replicas()));
        rules.getItems().setAll("corrected (Zave)", "original (2001)");
        rules.getSelectionModel().select(c.rules() == ChordConfig.MaintenanceRules.CORRECTED ? 0 : 1);
        routing.getItems().setAll("fingers", "successors only");
        routing.getSelectionModel().select(c.routing() == ChordConfig.Routing.FINGERS ? 0 : 1);
        style.getItems().setAll("iterative", "recursive");
        style.getSelectionModel().select(c.lookupStyle() == ChordConfig.LookupStyle.ITERATIVE ? 0 : 1);
        stabilize.setText(ms(c.stabilizeMicros()));
        fixFingers.setText(ms(c.fixFingersMicros()));
        checkPredecessor.setText(ms(c.checkPredecessorMicros()));
        latency.setText(ms(current.network().meanLatencyMicros()));
        loss.setText(String.format(Locale.ROOT, "%s", current.network().lossProbability() * 100));
        rules.setId("chord-set-rules");
        routing.setId("chord-set-routing");

        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        int row = 0;
        row = add(g, row, "Identifier bits m", bits, "3 to 30: the circle has 2^m identifiers");
        row = add(g, row, "Starting nodes", nodes, "0 to 16384, at most half the identifiers");
        row = add(g, row, "Successor list length r", successors, "1 to 32");
        row = add(g, row, "Replicas k", replicas, "1 (no copies) to r + 1");
        row = add(g, row, "Maintenance rules", rules, "Zave's corrected rules keep the ring correct; the 2001 "
                + "rules can break it under failures");
        row = add(g, row, "Routing", routing, "Fingers: O(log N) hops; successors only: O(N)");
        row = add(g, row, "Lookups", style, "Iterative: the origin asks each hop; recursive: each hop forwards");
        row = add(g, row, "Stabilize every (ms)", stabilize, "period of stabilize and notify");
        row = add(g, row, "Fix fingers every (ms)", fixFingers, "0 turns finger repair off");
        row = add(g, row, "Check predecessor every (ms)", checkPredecessor, "");
        row = add(g, row, "Network latency (ms)", latency, "mean one-way delay, 0.001 to 10000");
        add(g, row, "Message loss (%)", loss, "0 to 100");
        error.setId("chord-settings-error");
        error.getStyleClass().add("engine-message-error");
        error.setWrapText(true);
        error.setMaxWidth(460);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getDialogPane().setContent(new VBox(10, g, error));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        setResizable(true);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        Scenario[] built = new Scenario[1];
        int[] count = new int[1];
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                count[0] = (int) whole(nodes, "Starting nodes", 0, 16384);
                built[0] = build(current);
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                e.consume();
                // The message may need a second line: let the window grow so the buttons stay in view.
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        setResultConverter(b -> b == ButtonType.OK && built[0] != null ? new Result(built[0], count[0]) : null);
    }

    private Scenario build(Scenario current) {
        int m = (int) whole(bits, "Identifier bits", 3, 30);
        int r = (int) whole(successors, "Successor list length", 1, 32);
        int k = (int) whole(replicas, "Replicas", 1, 33);
        long stab = millis(stabilize, "Stabilize", 1, 3_600_000);
        long fix = millis(fixFingers, "Fix fingers", 0, 3_600_000);
        long check = millis(checkPredecessor, "Check predecessor", 1, 3_600_000);
        long lat = millis(latency, "Network latency", 0.001, 10_000);
        double lossPct = number(loss, "Message loss", 0, 100);
        ChordConfig d = ChordConfig.defaults();
        ChordConfig c;
        try {
            c = new ChordConfig(m, r, k, rules.getSelectionModel().getSelectedIndex() == 0
                    ? ChordConfig.MaintenanceRules.CORRECTED : ChordConfig.MaintenanceRules.ORIGINAL_2001,
                    routing.getSelectionModel().getSelectedIndex() == 0 ? ChordConfig.Routing.FINGERS
                            : ChordConfig.Routing.SUCCESSORS_ONLY,
                    style.getSelectionModel().getSelectedIndex() == 0 ? ChordConfig.LookupStyle.ITERATIVE
                            : ChordConfig.LookupStyle.RECURSIVE,
                    stab, fix, check, d.replicateMicros(), d.rpcTimeoutMicros(), d.lookupTimeoutMicros());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("These settings do not fit together: " + e.getMessage());
        }
        LinkProfile base = current.network();
        LinkProfile link = new LinkProfile(Math.min(base.minLatencyMicros(), lat), lat,
                Math.min(base.jitterMicros(), lat / 5), lossPct / 100, base.duplicateProbability(),
                base.reorderProbability());
        return new Scenario(current.title(), current.description(), Scenario.Protocol.CHORD, current.seed(), link,
                new Scenario.ChordSetup(c), List.of(), null);
    }

    private static long whole(TextField f, String what, long min, long max) {
        String t = f.getText() == null ? "" : f.getText().trim();
        try {
            long v = Long.parseLong(t);
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + ": " + v + " is out of range; it must be from " + min
                        + " to " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not a whole number");
        }
    }

    private static double number(TextField f, String what, double min, double max) {
        String t = f.getText() == null ? "" : f.getText().trim();
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + t + "' is not a number");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + ": " + t + " is out of range; it must be from "
                    + trim(min) + " to " + trim(max));
        }
        return v;
    }

    private static long millis(TextField f, String what, double min, double max) {
        return Math.round(number(f, what + " (ms)", min, max) * 1000);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String ms(long micros) {
        return micros % 1000 == 0 ? Long.toString(micros / 1000) : Double.toString(micros / 1000.0);
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId("chord-set-" + id);
        f.setPrefColumnCount(8);
        return f;
    }

    private static int add(GridPane g, int row, String label, Node field, String help) {
        Label l = new Label(label);
        g.add(l, 0, row);
        g.add(field, 1, row);
        if (!help.isEmpty()) {
            Tooltip t = new Tooltip(help);
            l.setTooltip(t);
            if (field instanceof javafx.scene.control.Control c) {
                c.setTooltip(t);
            }
        }
        return row + 1;
    }

    // Visible for tests: the fields by role.
    TextField bitsField() {
        return bits;
    }

    TextField nodesField() {
        return nodes;
    }

    TextField latencyField() {
        return latency;
    }

    Label errorLabel() {
        return error;
    }
}
