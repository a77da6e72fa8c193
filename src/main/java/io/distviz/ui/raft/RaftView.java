package io.distviz.ui.raft;

import io.distviz.raft.KvCommand;
import io.distviz.raft.LogEntry;
import io.distviz.raft.Operation;
import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftNode;
import io.distviz.raft.RaftServerState;
import io.distviz.sim.Message;
import io.distviz.sim.Network;
import io.distviz.sim.NodeId;
import io.distviz.sim.Simulation;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws a Raft cluster on a canvas, once per frame, from the servers' state snapshots and the kernel's
 * messages in flight: the servers on a circle (role, term, vote, election timer), the messages between them,
 * and below, every server's log on one shared index axis so that entries at the same index line up.
 *
 * <p>Each frame it also returns what it drew as plain data ({@link Drawing}), so tests compare the picture
 * with the engine's state instead of reading pixels, and the page finds the server under the mouse.
 */
public final class RaftView {

    /** A server as drawn. {@code role} is the word on screen; {@code timerLeft} the drawn arc, 0 to 1. */
    public record DrawnServer(String name, String role, long term, String votedFor, boolean voter, double x,
                              double y, double radius, double timerLeft, String group) {
    }

    public record DrawnEntry(long index, long term, String text, boolean committed, boolean conflict) {
    }

    /** One row of the log table: the entries in the visible window of indices, and the markers. */
    public record DrawnLog(String server, boolean crashed, long snapshotIndex, long lastIndex, long commitIndex,
                           long appliedIndex, List<DrawnEntry> entries) {
    }

    public record DrawnMessage(MessageKind kind, String from, String to, double progress, String caption,
                               boolean dropped) {
    }

    /** Everything one frame drew. */
    public record Drawing(long nowMicros, List<DrawnServer> servers, List<DrawnMessage> messages,
                          List<DrawnLog> logs, long firstIndexShown, long lastIndexShown, String banner) {
        public Optional<DrawnServer> server(String name) {
            return servers.stream().filter(s -> s.name().equals(name)).findFirst();
        }

        public Optional<DrawnLog> log(String name) {
            return logs.stream().filter(l -> l.server().equals(name)).findFirst();
        }
    }

    /** A dropped message fades out over this much wall-clock time, whatever the speed. */
    static final double DROP_FADE_WALL_SECONDS = 1.2;
    /** A truncated log stays highlighted this long (wall-clock time at the current speed). */
    static final double CONFLICT_WALL_SECONDS = 5.0;

    private boolean compactLabels;
    private Drawing last = new Drawing(0, List.of(), List.of(), List.of(), 1, 0, "");
    private boolean followTail = true;
    private long firstIndex = 1;
    private int visibleColumns = 1;
    private long maxLastIndex;
    private double logTop = Double.MAX_VALUE;

    public Drawing lastDrawing() {
        return last;
    }

    /** Whether the log table follows the newest entries (it stops when the person scrolls back). */
    public boolean followsTail() {
        return followTail;
    }

    /** Scrolls the log table by {@code columns} indices (negative: towards the start). */
    public void scrollLog(long columns) {
        long maxFirst = Math.max(1, maxLastIndex - visibleColumns + 1);
        long next = Math.max(1, Math.min(maxFirst, firstIndex + columns));
        firstIndex = next;
        followTail = next >= maxFirst;
    }

    /** Where the log table drew column {@code index} (all rows), if it is in view. */
    public java.util.Optional<javafx.geometry.Rectangle2D> logColumn(long index) {
        double[] c = logColumns;
        if (c == null || index < c[4] || index > c[5]) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new javafx.geometry.Rectangle2D(c[0] + (index - c[4]) * c[1], c[2], c[1], c[3]));
    }

    /** x of the first column, column width, top, height, first and last index shown: set by each frame. */
    private double[] logColumns;

    public boolean inLogArea(double y) {
        return y >= logTop;
    }

    /** The server drawn under (x, y), if any. */
    public Optional<String> serverAt(double x, double y) {
        for (DrawnServer s : last.servers()) {
            double r = s.radius() * 1.25;
            if ((x - s.x()) * (x - s.x()) + (y - s.y()) * (y - s.y()) <= r * r) {
                return Optional.of(s.name());
            }
        }
        return Optional.empty();
    }

    // ============================================================================================ frame

    /**
     * Draws one frame.
     *
     * @param scale 1, or more in projector mode (line widths, marks and text grow with it)
     * @param speed the session's speed, so that fades last the same wall-clock time at any speed
     */
    public Drawing draw(GraphicsContext g, double w, double h, Palette p, double scale, RaftPageModel m,
                        double speed) {
        Simulation sim = m.simulation();
        RaftCluster cluster = m.cluster();
        long now = sim.nowMicros();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);

        Map<NodeId, RaftServerState> states = m.states();
        List<NodeId> ids = new ArrayList<>(states.keySet());

        // The log table takes what its rows need (at most a little over half), the circle the rest.
        double headerH = 34 * scale;
        double rowH = Math.max(17 * scale, Math.min(30 * scale, (h * 0.42 - headerH) / Math.max(1, ids.size())));
        double logH = headerH + rowH * ids.size() + 8 * scale;
        logTop = h - logH;

        String banner = banner(states);
        List<DrawnServer> servers = layoutServers(ids, states, w, logTop, scale, now, cluster, sim.network());
        Map<String, double[]> at = new LinkedHashMap<>();
        for (DrawnServer s : servers) {
            at.put(s.name(), new double[] {s.x(), s.y(), s.radius()});
        }
        double cx = w / 2;
        double cy = ringCentreY(logTop, scale);
        boolean clients = sim.nodeIds().stream().anyMatch(n -> n.name().startsWith("c"));
        double hubR = 16 * scale;
        at.put("clients", new double[] {cx, cy, hubR});

        drawPartitionHalos(g, servers, cx, cy, p, scale);
        if (clients) {
            drawHub(g, cx, cy, hubR, p, scale);
        }
        for (DrawnServer s : servers) {
            drawServer(g, s, states.get(NodeId.of(s.name())), cx, cy, p, scale, compactLabels);
        }
        List<DrawnMessage> messages = new ArrayList<>();
        for (Message msg : sim.inFlight()) {
            DrawnMessage d = drawMessage(g, msg, msg.progressAt(now), at, p, scale, 1.0, null);
            if (d != null) {
                messages.add(d);
            }
        }
        long dropWindow = (long) Math.min(RaftPageModel.MEMORY_MICROS, DROP_FADE_WALL_SECONDS * speed * 1e6);
        List<RaftPageModel.Drop> drops = m.recentDrops(Math.max(1, dropWindow));
        // Only the newest drop at each receiver says why in words; older ones there just fade under a cross.
        java.util.Set<String> worded = new java.util.HashSet<>();
        List<String> words = new ArrayList<>();
        for (int i = drops.size() - 1; i >= 0; i--) {
            words.add(0, worded.add(drops.get(i).message().to().name()) ? reasonWord(drops.get(i)) : "");
        }
        for (int i = 0; i < drops.size(); i++) {
            RaftPageModel.Drop drop = drops.get(i);
            double alpha = 1.0 - (now - drop.atMicros()) / (double) Math.max(1, dropWindow);
            DrawnMessage d = drawMessage(g, drop.message(), drop.message().progressAt(drop.atMicros()), at, p,
                    scale, Math.max(0.05, alpha), words.get(i));
            if (d != null) {
                messages.add(d);
            }
        }

        drawBanner(g, banner, split(servers), p, scale);
        long conflictWindow = (long) Math.min(RaftPageModel.MEMORY_MICROS, CONFLICT_WALL_SECONDS * speed * 1e6);
        List<DrawnLog> logs = drawLogs(g, ids, states, m.recentConflicts(Math.max(1, conflictWindow)), w, logTop,
                headerH, rowH, p, scale);
        last = new Drawing(now, List.copyOf(servers), List.copyOf(messages), List.copyOf(logs), firstIndex,
                firstIndex + visibleColumns - 1, banner);
        return last;
    }

    private static String reasonWord(RaftPageModel.Drop d) {
        return switch (d.reason()) {
            case LOSS -> "lost";
            case PARTITION -> "cut off";
            case NODE_DOWN -> "server down";
            case NO_SUCH_NODE -> "no such server";
        };
    }

    private static String banner(Map<NodeId, RaftServerState> states) {
        RaftServerState leader = null;
        long maxTerm = 0;
        boolean electing = false;
        for (RaftServerState s : states.values()) {
            if (s == null) {
                continue;
            }
            maxTerm = Math.max(maxTerm, s.currentTerm());
            if (s.role() == RaftNode.Role.LEADER && (leader == null || s.currentTerm() > leader.currentTerm())) {
                leader = s;
            }
            electing |= s.role() == RaftNode.Role.CANDIDATE || s.role() == RaftNode.Role.PRE_CANDIDATE;
        }
        if (leader != null) {
            return "Leader " + leader.id() + " · term " + leader.currentTerm();
        }
        if (electing) {
            return "Election under way · term " + maxTerm;
        }
        return "No leader · term " + maxTerm + " · the first election timer to run out starts an election";
    }

    private static double ringCentreY(double logTop, double scale) {
        return (logTop + 26 * scale) / 2;
    }

    // ============================================================================================ servers

    private List<DrawnServer> layoutServers(List<NodeId> ids, Map<NodeId, RaftServerState> states, double w,
                                            double logTop, double scale, long now, RaftCluster cluster,
                                            Network network) {
        int n = ids.size();
        double cx = w / 2;
        double top = 26 * scale; // below the banner
        double cy = ringCentreY(logTop, scale);
        double nodeR = 22 * scale;
        // Two lines of text outside each server (role, then vote) when there is room; one line when the
        // circle would otherwise get too small (9 servers in projector mode).
        compactLabels = (logTop - top) / 2 - nodeR - 34 * scale < 3.2 * nodeR;
        double labelRoom = (compactLabels ? 18 : 34) * scale;
        double ry = Math.max(nodeR * 1.5, (logTop - top) / 2 - nodeR - labelRoom);
        // Wider than tall when the canvas is: the servers spread out and messages have room between them.
        double rx = Math.max(ry, Math.min(w / 2 - nodeR - 95 * scale, ry * 2.0));
        if (n > 1) {
            // Neighbours must not touch: on the flatter side the chord between them is about 2 ry sin(pi / n).
            nodeR = Math.min(nodeR, Math.max(12 * scale, ry * Math.sin(Math.PI / n) * 1.15 - 6 * scale));
        }
        Map<NodeId, String> groups = partitionGroups(ids, network);
        List<DrawnServer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NodeId id = ids.get(i);
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            double x = n == 1 ? cx : cx + rx * Math.cos(a);
            double y = n == 1 ? cy : cy + ry * Math.sin(a);
            RaftServerState s = states.get(id);
            if (s == null) {
                out.add(new DrawnServer(id.name(), "crashed", -1, null, true, x, y, nodeR, 0, groups.get(id)));
                continue;
            }
            double left = 0;
            if (s.role() != RaftNode.Role.LEADER) {
                left = Math.max(0, Math.min(1, (s.electionDeadlineMicros() - now)
                        / (double) cluster.config().electionTimeoutMaxMicros()));
            }
            boolean voter = s.configuration().contains(id);
            out.add(new DrawnServer(id.name(), roleWord(s.role()), s.currentTerm(),
                    s.votedFor() == null ? null : s.votedFor().name(), voter, x, y, nodeR, left, groups.get(id)));
        }
        return out;
    }

    static String roleWord(RaftNode.Role r) {
        return r.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Which side of a partition each server is on: servers that reach each other both ways share a letter.
     * Null for every server while the network is whole.
     */
    private static Map<NodeId, String> partitionGroups(List<NodeId> ids, Network network) {
        Map<NodeId, String> out = new LinkedHashMap<>();
        if (network.blockedLinks().isEmpty()) {
            return out;
        }
        char next = 'A';
        for (NodeId id : ids) {
            if (out.containsKey(id)) {
                continue;
            }
            String g = String.valueOf(next++);
            List<NodeId> stack = new ArrayList<>(List.of(id));
            out.put(id, g);
            while (!stack.isEmpty()) {
                NodeId a = stack.remove(stack.size() - 1);
                for (NodeId b : ids) {
                    if (!out.containsKey(b) && !network.isBlocked(a, b) && !network.isBlocked(b, a)) {
                        out.put(b, g);
                        stack.add(b);
                    }
                }
            }
        }
        if (next == 'B') {
            out.clear(); // one group: blocked links exist, but nobody is cut off from the others
        }
        return out;
    }

    private static void drawPartitionHalos(GraphicsContext g, List<DrawnServer> servers, double ringX, double ringY,
                                           Palette p, double scale) {
        for (DrawnServer s : servers) {
            if (s.group() == null) {
                continue;
            }
            Color c = groupColor(s.group(), p);
            double r = s.radius() + 14 * scale;
            g.setFill(c.deriveColor(0, 1, 1, 0.22));
            g.fillOval(s.x() - r, s.y() - r, 2 * r, 2 * r);
            g.setStroke(c);
            g.setLineWidth(1.5 * scale);
            g.setLineDashes(5 * scale, 4 * scale);
            g.strokeOval(s.x() - r, s.y() - r, 2 * r, 2 * r);
            g.setLineDashes();
            // The side's letter, on the inner side where no label is, so the split reads without colours.
            double dx = ringX - s.x();
            double dy = ringY - s.y();
            double len = Math.max(1e-6, Math.hypot(dx, dy));
            double bx = s.x() + dx / len * r;
            double by = s.y() + dy / len * r;
            double br = 8 * scale;
            g.setFill(c);
            g.fillOval(bx - br, by - br, 2 * br, 2 * br);
            g.setFill(p.surface());
            g.setFont(Font.font("System", FontWeight.BOLD, 10 * scale));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(s.group(), bx, by);
        }
    }

    private static Color groupColor(String group, Palette p) {
        return switch (group) {
            case "A" -> p.accent();
            case "B" -> p.warning();
            case "C" -> p.info();
            default -> p.mutedText();
        };
    }

    private static void drawHub(GraphicsContext g, double cx, double cy, double r, Palette p, double scale) {
        g.setFill(p.surfaceRaised());
        g.fillRoundRect(cx - r * 2.2, cy - r * 0.8, r * 4.4, r * 1.6, r, r);
        g.setStroke(p.border());
        g.setLineWidth(1 * scale);
        g.strokeRoundRect(cx - r * 2.2, cy - r * 0.8, r * 4.4, r * 1.6, r, r);
        g.setFill(p.mutedText());
        g.setFont(Font.font("System", FontWeight.NORMAL, 11 * scale));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("clients", cx, cy);
    }

    private static void drawServer(GraphicsContext g, DrawnServer s, RaftServerState st, double ringX, double ringY,
                                   Palette p, double scale, boolean compact) {
        double x = s.x();
        double y = s.y();
        double r = s.radius();
        g.setLineDashes();
        if (st == null) {
            g.setFill(p.surfaceRaised());
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setStroke(p.mutedText());
            g.setLineWidth(1.5 * scale);
            g.setLineDashes(3 * scale, 3 * scale);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            g.setLineDashes();
            // A cross over a crashed server: it reads without colour.
            g.setStroke(p.danger());
            g.setLineWidth(2.5 * scale);
            double k = r * 0.62;
            g.strokeLine(x - k, y - k, x + k, y + k);
            g.strokeLine(x - k, y + k, x + k, y - k);
            label(g, s, ringX, ringY, p, scale, "crashed", null, p.danger());
            centreText(g, s.name(), x, y, 13 * scale, p.mutedText(), FontWeight.BOLD);
            return;
        }
        // The election timer: an arc that drains as the timeout approaches; full is the longest timeout.
        if (st.role() != RaftNode.Role.LEADER) {
            double ar = r + 5 * scale;
            g.setLineWidth(3 * scale);
            g.setStroke(p.border());
            g.strokeOval(x - ar, y - ar, 2 * ar, 2 * ar);
            g.setStroke(s.timerLeft() < 0.2 ? p.warning() : p.mutedText());
            g.strokeArc(x - ar, y - ar, 2 * ar, 2 * ar, 90, -360 * s.timerLeft(), ArcType.OPEN);
        }
        Color textColor = p.text();
        switch (st.role()) {
            case LEADER -> {
                double ar = r + 6 * scale;
                g.setStroke(p.accent());
                g.setLineWidth(2 * scale);
                g.strokeOval(x - ar, y - ar, 2 * ar, 2 * ar);
                g.setFill(p.accent());
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                textColor = p.accentText();
            }
            case CANDIDATE -> {
                g.setFill(p.surface());
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(p.warning());
                g.setLineWidth(3 * scale);
                g.setLineDashes(5 * scale, 5 * scale);
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            case PRE_CANDIDATE -> {
                g.setFill(p.surface());
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(p.info());
                g.setLineWidth(2.5 * scale);
                g.setLineDashes(1.5 * scale, 3.5 * scale);
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            case FOLLOWER -> {
                g.setFill(p.surface());
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(s.voter() ? p.text() : p.mutedText());
                g.setLineWidth(1.5 * scale);
                if (!s.voter()) {
                    g.setLineDashes(4 * scale, 3 * scale);
                }
                g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            }
            default -> {
            }
        }
        g.setLineDashes();
        centreText(g, s.name(), x, y - r * 0.22, Math.min(14 * scale, r * 0.7), textColor, FontWeight.BOLD);
        centreText(g, "t" + s.term(), x, y + r * 0.42, Math.min(10.5 * scale, r * 0.5), textColor,
                FontWeight.NORMAL);
        String role = s.role() + (s.voter() ? "" : " · non-voter");
        String second = st.role() == RaftNode.Role.LEADER ? "term " + st.currentTerm()
                : "vote: " + (s.votedFor() == null ? "—" : s.votedFor());
        Color roleColor = switch (st.role()) {
            case LEADER -> p.accent();
            case CANDIDATE -> p.warning();
            case PRE_CANDIDATE -> p.info();
            default -> p.text();
        };
        if (compact) {
            label(g, s, ringX, ringY, p, scale, role + (st.role() == RaftNode.Role.LEADER ? ""
                    : " · " + (s.votedFor() == null ? "no vote" : "vote " + s.votedFor())), null, roleColor);
        } else {
            label(g, s, ringX, ringY, p, scale, role, second, roleColor);
        }
    }

    /** Two lines of text on the outer side of a server, so the inside of the circle stays free for messages. */
    private static void label(GraphicsContext g, DrawnServer s, double ringX, double ringY, Palette p, double scale,
                              String first, String second, Color firstColor) {
        double cx = s.x();
        double cy = s.y();
        double dx = s.x() - ringX;
        double dy = s.y() - ringY;
        double len = Math.hypot(dx, dy);
        double ux = len < 1e-6 ? 0 : dx / len;
        double uy = len < 1e-6 ? 1 : dy / len;
        double off = s.radius() + 10 * scale;
        double tx = cx + ux * off;
        double ty = cy + uy * off;
        TextAlignment align = ux > 0.35 ? TextAlignment.LEFT : ux < -0.35 ? TextAlignment.RIGHT
                : TextAlignment.CENTER;
        double lineH = 13 * scale;
        double firstY;
        if (uy < -0.35) {
            firstY = ty - lineH * (second == null ? 0.5 : 1.5);
        } else if (uy > 0.35) {
            firstY = ty + lineH * 0.5;
        } else {
            firstY = ty - (second == null ? 0 : lineH * 0.5);
        }
        g.setTextAlign(align);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font("System", FontWeight.BOLD, 11.5 * scale));
        g.setFill(firstColor);
        g.fillText(first, tx, firstY);
        if (second != null) {
            g.setFont(Font.font("System", FontWeight.NORMAL, 11 * scale));
            g.setFill(p.mutedText());
            g.fillText(second, tx, firstY + lineH);
        }
    }

    private static void centreText(GraphicsContext g, String s, double x, double y, double px, Color c,
                                   FontWeight w) {
        g.setFont(Font.font("System", w, px));
        g.setFill(c);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(s, x, y);
    }

    // ============================================================================================ messages

    /**
     * Draws one message at {@code progress} of its way; a dropped one fades ({@code alpha}) under a cross with
     * the reason. Requests and answers between the same two servers travel on parallel tracks, each to the
     * right of its direction, so they never hide each other.
     */
    private static DrawnMessage drawMessage(GraphicsContext g, Message msg, double progress,
                                            Map<String, double[]> at, Palette p, double scale, double alpha,
                                            String droppedWhy) {
        MessageKind kind = MessageKind.of(msg.payload());
        if (kind == null) {
            return null;
        }
        double[] a = at.get(endpoint(msg.from()));
        double[] b = at.get(endpoint(msg.to()));
        if (a == null || b == null) {
            return null;
        }
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len = Math.hypot(dx, dy);
        if (len < 1e-6) {
            return null;
        }
        double ux = dx / len;
        double uy = dy / len;
        double sx = a[0] + ux * a[2];
        double sy = a[1] + uy * a[2];
        double ex = b[0] - ux * b[2];
        double ey = b[1] - uy * b[2];
        double side = 5 * scale;
        double x = sx + (ex - sx) * progress - uy * side;
        double y = sy + (ey - sy) * progress + ux * side;
        String caption = MessageKind.caption(msg.payload());
        g.save();
        g.setGlobalAlpha(alpha);
        RaftGlyphs.draw(g, kind, x, y, Math.atan2(dy, dx), 7 * scale, p, caption);
        if (droppedWhy != null) {
            double k = 8 * scale;
            g.setStroke(p.danger());
            g.setLineWidth(2.5 * scale);
            g.strokeLine(x - k, y - k, x + k, y + k);
            g.strokeLine(x - k, y + k, x + k, y - k);
            g.setFill(p.danger());
            g.setFont(Font.font("System", FontWeight.BOLD, 10.5 * scale));
            // The reason (when this drop carries it) goes back along the path, towards the sender, so it never covers the receiver.
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            double back = k + 10 * scale + droppedWhy.length() * 2.6 * scale * Math.abs(ux);
            g.fillText(droppedWhy, x - ux * back, y - uy * back + 2 * scale);
        }
        g.restore();
        return new DrawnMessage(kind, msg.from().name(), msg.to().name(), progress, caption, droppedWhy != null);
    }

    private static String endpoint(NodeId id) {
        return id.name().startsWith("c") ? "clients" : id.name();
    }

    private static void drawBanner(GraphicsContext g, String banner, String split, Palette p, double scale) {
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font("System", FontWeight.BOLD, 13 * scale));
        g.setFill(p.text());
        g.fillText(banner, 10 * scale, 8 * scale);
        if (split != null) {
            g.setFont(Font.font("System", FontWeight.NORMAL, 11.5 * scale));
            g.setFill(p.warning());
            g.fillText(split, 10 * scale, 26 * scale);
        }
    }

    /** "Network split: A {s1 s2} | B {s3}", or null while the network is whole. */
    private static String split(List<DrawnServer> servers) {
        Map<String, List<String>> sides = new java.util.TreeMap<>();
        for (DrawnServer s : servers) {
            if (s.group() != null) {
                sides.computeIfAbsent(s.group(), k -> new ArrayList<>()).add(s.name());
            }
        }
        if (sides.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("Network split: ");
        sides.forEach((k, v) -> sb.append(sb.length() > 15 ? "  |  " : "").append(k).append(" {")
                .append(String.join(" ", v)).append("}"));
        return sb.toString();
    }

    // ============================================================================================ logs

    private List<DrawnLog> drawLogs(GraphicsContext g, List<NodeId> ids, Map<NodeId, RaftServerState> states,
                                    Map<NodeId, RaftPageModel.Conflict> conflicts, double w, double top,
                                    double headerH, double rowH, Palette p, double scale) {
        double nameW = 44 * scale;
        double cellW = 46 * scale;
        double left = 10 * scale;
        double x0 = left + nameW;
        double right = w - 10 * scale;
        visibleColumns = Math.max(1, (int) Math.floor((right - x0) / cellW));
        maxLastIndex = 0;
        for (RaftServerState s : states.values()) {
            if (s != null) {
                maxLastIndex = Math.max(maxLastIndex, s.lastIndex());
            }
        }
        long maxFirst = Math.max(1, maxLastIndex - visibleColumns + 1);
        firstIndex = followTail ? maxFirst : Math.max(1, Math.min(firstIndex, maxFirst));
        if (firstIndex >= maxFirst) {
            followTail = true;
        }
        long lastShown = firstIndex + visibleColumns - 1;

        g.setFill(p.surface());
        g.fillRect(0, top, w, headerH + rowH * ids.size() + 8 * scale);
        g.setStroke(p.border());
        g.setLineWidth(1);
        g.strokeLine(0, top + 0.5, w, top + 0.5);

        // Header: the title, how to scroll, and the index of every column.
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font("System", FontWeight.BOLD, 12 * scale));
        g.setFill(p.text());
        g.fillText("Logs", left, top + 10 * scale);
        g.setFont(Font.font("System", FontWeight.NORMAL, 10.5 * scale));
        g.setFill(p.mutedText());
        String where = maxLastIndex == 0 ? "empty so far: send a request"
                : "indices " + firstIndex + "–" + Math.min(lastShown, maxLastIndex) + " of " + maxLastIndex
                + (maxLastIndex > visibleColumns ? (followTail ? " · newest shown · wheel scrolls back"
                : " · scrolled back · wheel forward to follow") : "");
        String key = "  ·  solid = committed, dashed = not yet · ▲ commit · ● applied";
        // The key to the markers only when it fits (the side panel's legend says it too).
        boolean fits = (where.length() + key.length()) * 5.6 * scale < right - x0;
        g.fillText(fits ? where + key : where, x0, top + 10 * scale, right - x0);
        g.setTextAlign(TextAlignment.CENTER);
        for (long i = firstIndex; i <= lastShown; i++) {
            g.fillText(Long.toString(i), x0 + (i - firstIndex + 0.5) * cellW, top + 25 * scale);
        }

        logColumns = new double[] {x0, cellW, top + headerH - 14 * scale, rowH * ids.size() + 14 * scale,
                firstIndex, lastShown};
        List<DrawnLog> out = new ArrayList<>();
        double y = top + headerH;
        for (NodeId id : ids) {
            RaftServerState s = states.get(id);
            out.add(drawRow(g, id, s, conflicts.get(id), left, x0, y, cellW, rowH, lastShown, p, scale));
            y += rowH;
        }
        return out;
    }

    private DrawnLog drawRow(GraphicsContext g, NodeId id, RaftServerState s, RaftPageModel.Conflict conflict,
                             double left, double x0, double y, double cellW, double rowH, long lastShown, Palette p,
                             double scale) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font("System", FontWeight.BOLD, 12 * scale));
        boolean leader = s != null && s.role() == RaftNode.Role.LEADER;
        g.setFill(s == null ? p.mutedText() : leader ? p.accent() : p.text());
        g.fillText(id.name() + (leader ? " ★" : ""), left, y + rowH / 2);
        if (s == null) {
            g.setFont(Font.font("System", FontWeight.NORMAL, 11 * scale));
            g.setFill(p.mutedText());
            g.fillText("crashed: its log and term wait on disk until it restarts", x0, y + rowH / 2);
            return new DrawnLog(id.name(), true, 0, 0, 0, 0, List.of());
        }
        double pad = 1.5 * scale;
        // The compacted prefix: one hatched band over the indices the snapshot covers.
        if (s.snapshotIndex() >= firstIndex) {
            long to = Math.min(s.snapshotIndex(), lastShown);
            double bx = x0 + pad;
            double bw = (to - firstIndex + 1) * cellW - 2 * pad;
            hatch(g, bx, y + pad, bw, rowH - 2 * pad, p.mutedText(), scale);
            g.setStroke(p.mutedText());
            g.setLineWidth(1 * scale);
            g.strokeRect(bx, y + pad, bw, rowH - 2 * pad);
            g.setFill(p.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setFont(Font.font("System", FontWeight.BOLD, 10.5 * scale));
            String full = "snapshot ≤ " + s.snapshotIndex() + " (t" + s.snapshotTerm() + ")";
            g.setTextBaseline(VPos.CENTER);
            g.fillText(bw > full.length() * 6.2 * scale ? full : "≤" + s.snapshotIndex(), bx + bw / 2,
                    y + rowH / 2, Math.max(10, bw - 4));
        } else if (s.snapshotIndex() > 0) {
            g.setFill(p.mutedText());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFont(Font.font("System", FontWeight.NORMAL, 9.5 * scale));
            g.fillText("snap≤" + s.snapshotIndex(), x0 - 2 * scale, y + rowH * 0.8);
        }
        List<DrawnEntry> entries = new ArrayList<>();
        boolean twoLines = rowH >= 26 * scale;
        for (long i = Math.max(firstIndex, s.snapshotIndex() + 1); i <= Math.min(lastShown, s.lastIndex()); i++) {
            LogEntry e = s.entry(i);
            boolean committed = i <= s.commitIndex();
            boolean conflicted = conflict != null && i >= conflict.fromIndex();
            double cx = x0 + (i - firstIndex) * cellW + pad;
            double cw = cellW - 2 * pad;
            double cy = y + pad;
            double ch = rowH - 2 * pad;
            Color fill = RaftGlyphs.termColor(e.term(), p);
            g.setFill(committed ? fill : fill.deriveColor(0, 1, 1, 0.45));
            g.fillRoundRect(cx, cy, cw, ch, 5 * scale, 5 * scale);
            g.setLineWidth((committed ? 1 : 1.5) * scale);
            g.setStroke(committed ? p.border() : p.mutedText());
            if (!committed) {
                g.setLineDashes(3 * scale, 2.5 * scale);
            }
            g.strokeRoundRect(cx, cy, cw, ch, 5 * scale, 5 * scale);
            g.setLineDashes();
            String text = shortText(e);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(p.text());
            if (twoLines) {
                g.setFont(Font.font("System", FontWeight.NORMAL, 9.5 * scale));
                g.fillText("t" + e.term(), cx + cw / 2, cy + ch * 0.27);
                g.setFont(Font.font("System", FontWeight.BOLD, 10.5 * scale));
                g.fillText(text, cx + cw / 2, cy + ch * 0.68, cw - 2 * scale);
            } else {
                g.setFont(Font.font("System", FontWeight.BOLD, 10 * scale));
                g.fillText(e.term() + "·" + text, cx + cw / 2, cy + ch / 2, cw - 2 * scale);
            }
            if (conflicted) {
                g.setStroke(p.danger());
                g.setLineWidth(2.5 * scale);
                g.strokeRoundRect(cx - pad, cy - pad, cw + 2 * pad, ch + 2 * pad, 6 * scale, 6 * scale);
            }
            entries.add(new DrawnEntry(i, e.term(), text, committed, conflicted));
        }
        drawMarker(g, s.commitIndex(), x0, y, cellW, rowH, lastShown, p, scale, true);
        drawMarker(g, s.lastApplied(), x0, y, cellW, rowH, lastShown, p, scale, false);
        if (conflict != null) {
            // Say what was cut, after the end of the row (or over its end when the row is full).
            long end = Math.min(lastShown + 1, Math.max(firstIndex, s.lastIndex() + 1));
            double tx = x0 + (end - firstIndex) * cellW + 4 * scale;
            String what = "✗ cut " + conflict.removed().size() + " conflicting entr"
                    + (conflict.removed().size() == 1 ? "y" : "ies") + " from " + conflict.fromIndex();
            g.setFont(Font.font("System", FontWeight.BOLD, 10.5 * scale));
            g.setTextAlign(TextAlignment.LEFT);
            double tw = what.length() * 10.5 * scale * 0.55;
            double limit = x0 + visibleColumns * cellW;
            if (tx + tw > limit) {
                tx = Math.max(x0, limit - tw);
            }
            g.setFill(p.surface());
            g.fillRect(tx - 2 * scale, y + rowH * 0.15, tw + 4 * scale, rowH * 0.7);
            g.setFill(p.danger());
            g.fillText(what, tx, y + rowH / 2);
        }
        return new DrawnLog(id.name(), false, s.snapshotIndex(), s.lastIndex(), s.commitIndex(), s.lastApplied(),
                List.copyOf(entries));
    }

    /**
     * The commit index as a solid triangle under the boundary after its entry, the applied index as a dot above
     * it: shapes rather than colours, so they read on a projector and without colour vision.
     */
    private void drawMarker(GraphicsContext g, long index, double x0, double y, double cellW, double rowH,
                            long lastShown, Palette p, double scale, boolean commit) {
        if (index < firstIndex || index > lastShown) {
            return;
        }
        double bx = x0 + (index - firstIndex + 1) * cellW;
        double k = 4.5 * scale;
        if (commit) {
            g.setFill(p.text());
            g.fillPolygon(new double[] {bx - k, bx + k, bx}, new double[] {y + rowH, y + rowH, y + rowH - k * 1.4},
                    3);
            g.setStroke(p.text());
            g.setLineWidth(1.5 * scale);
            g.strokeLine(bx, y + rowH - k, bx, y + rowH * 0.55);
        } else {
            g.setFill(p.text());
            g.fillOval(bx - k * 0.7, y + 1 * scale, k * 1.4, k * 1.4);
        }
    }

    static void hatch(GraphicsContext g, double x, double y, double w, double h, Color c, double scale) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.clip();
        g.setStroke(c.deriveColor(0, 1, 1, 0.35));
        g.setLineWidth(1 * scale);
        for (double d = -h; d < w; d += 6 * scale) {
            g.strokeLine(x + d, y + h, x + d + h, y);
        }
        g.restore();
    }

    /** The few characters a log cell has room for. */
    static String shortText(LogEntry e) {
        Operation op = e.operation();
        if (op instanceof Operation.NoOp) {
            return "no-op";
        }
        if (op instanceof Operation.Config c) {
            return "cfg " + c.servers().size();
        }
        KvCommand c = ((Operation.Kv) op).command();
        return switch (c.kind()) {
            case PUT -> c.key() + "=" + c.value();
            case GET -> "get " + c.key();
            case DELETE -> "del " + c.key();
            case CAS -> c.key() + "?" + c.value();
        };
    }
}
