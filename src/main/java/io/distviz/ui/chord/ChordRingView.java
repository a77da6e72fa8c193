package io.distviz.ui.chord;

import io.distviz.chord.ChordMessage;
import io.distviz.chord.ChordNode;
import io.distviz.chord.ChordNodeState;
import io.distviz.chord.IdentifierCircle;
import io.distviz.chord.NodeRef;
import io.distviz.chord.RingCheck;
import io.distviz.sim.Message;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a Chord ring on a canvas: the identifier circle, the nodes at their ids, the keys at theirs linked to
 * the nodes that store them, the selected node's fingers as chords, the person's lookups hop by hop, every
 * message in flight where it is on its way, pointers that are still wrong, and the invariant checker's
 * verdict. It reads one {@link Scene} per frame and keeps what it drew ({@link Drawn}) for hit testing and
 * for tests that compare the drawing with the engine.
 */
final class ChordRingView {

    /** What one frame shows; assembled by the page from the engine's snapshots. */
    record Scene(IdentifierCircle circle, List<ChordNodeState> live, Map<String, Long> crashed, String selected,
                 List<Message> inFlight, long nowMicros, List<ChordActivity.Lookup> lookups, RingCheck check,
                 boolean showMaintenance, double mouseX, double mouseY, double scale,
                 java.util.function.Predicate<Message> personal) {
    }

    /** A node as drawn. */
    record DrawnNode(String address, long id, double x, double y, double radius, String state) {
    }

    /** What the last frame drew: positions for hit testing, and facts tests compare with the engine. */
    record Drawn(double cx, double cy, double r, long size, Map<String, DrawnNode> nodes, List<Long> fingerTargets,
                 List<String> lookupPath, String lookupResult, int messagesDrawn, List<Placed> placed) {
        static final Drawn EMPTY = new Drawn(0, 0, 0, 1, Map.of(), List.of(), List.of(), null, 0, List.of());

        /** The screen point of identifier {@code id} on the circle. */
        double[] point(long id, double radius) {
            double a = 2 * Math.PI * (id / (double) size);
            return new double[] {cx + radius * Math.sin(a), cy - radius * Math.cos(a)};
        }

        /** The node under (x, y), or null. */
        DrawnNode nodeAt(double x, double y) {
            DrawnNode best = null;
            double bestD = Double.MAX_VALUE;
            for (DrawnNode n : nodes.values()) {
                double d = Math.hypot(n.x() - x, n.y() - y);
                if (d <= Math.max(n.radius() + 5, 8) && d < bestD) {
                    best = n;
                    bestD = d;
                }
            }
            return best;
        }

        /** The identifier at (x, y) when it is on the circle (within a band around it), else -1. */
        long idAt(double x, double y) {
            double d = Math.hypot(x - cx, y - cy);
            if (r <= 0 || Math.abs(d - r) > 22) {
                return -1;
            }
            double a = Math.atan2(x - cx, -(y - cy));
            if (a < 0) {
                a += 2 * Math.PI;
            }
            long id = Math.round(a / (2 * Math.PI) * size);
            return Math.floorMod(id, size);
        }
    }

    private Drawn drawn = Drawn.EMPTY;
    /** Keys and messages drawn this frame, with what their hover card says. */
    private final List<Target> targets = new ArrayList<>();

    private record Target(double x, double y, List<String> lines) {
    }

    /** Something drawn that a lesson may point at: a message by its kind, a key by its name. */
    record Placed(String kind, String name, double x, double y) {
    }

    private final List<Placed> placed = new ArrayList<>();
    private List<ChordNodeState> cachedLive;
    private Map<String, Long> cachedCrashed = Map.of();
    private double cachedW;
    private double cachedH;
    private double cachedScale;

    Drawn drawn() {
        return drawn;
    }

    void draw(GraphicsContext g, double w, double h, Palette p, Scene s) {
        double sc = s.scale();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        long size = s.circle().size();
        double legend = (w < 900 * sc ? 44 : 26) * sc;
        double cx = w / 2;
        double cy = (h - legend) / 2 + 8 * sc;
        double r = Math.max(40, Math.min(w, h - legend) / 2 - 46 * sc);
        Drawn geometry = new Drawn(cx, cy, r, size, Map.of(), List.of(), List.of(), null, 0, List.of());

        // ---- the identifier circle
        g.setStroke(p.border());
        g.setLineWidth(2 * sc);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        drawTicks(g, p, geometry, sc);

        // ---- nodes
        int n = s.live().size() + s.crashed().size();
        double nodeR = sc * (n <= 24 ? 9 : n <= 64 ? 7 : n <= 256 ? 4.5 : n <= 2048 ? 3 : 1.8);
        Map<String, DrawnNode> nodes;
        if (s.live() == cachedLive && s.crashed().equals(cachedCrashed) && w == cachedW && h == cachedH
                && sc == cachedScale) {
            nodes = drawn.nodes(); // the same snapshot and window: the positions have not moved
        } else {
            nodes = new LinkedHashMap<>();
            for (ChordNodeState st : s.live()) {
                double[] pt = geometry.point(st.self().id(), r);
                String state = st.phase() == ChordNode.Phase.MEMBER ? "member"
                        : st.phase().name().toLowerCase(Locale.ROOT);
                nodes.put(st.self().address().name(), new DrawnNode(st.self().address().name(), st.self().id(),
                        pt[0], pt[1], nodeR, state));
            }
            s.crashed().forEach((addr, id) -> {
                double[] pt = geometry.point(id, r);
                nodes.put(addr, new DrawnNode(addr, id, pt[0], pt[1], nodeR, "crashed"));
            });
            cachedLive = s.live();
            cachedCrashed = Map.copyOf(s.crashed());
            cachedW = w;
            cachedH = h;
            cachedScale = sc;
        }

        targets.clear();
        placed.clear();
        drawKeys(g, p, s, geometry, nodes, sc);
        drawWrongPointers(g, p, s, nodes, sc);
        List<Long> fingerTargets = drawFingers(g, p, s, nodes, sc);
        List<String> path = new ArrayList<>();
        String[] result = new String[1];
        drawLookups(g, p, s, nodes, sc, path, result);
        int messages = drawMessages(g, p, s, nodes, sc);

        for (DrawnNode dn : nodes.values()) {
            drawNode(g, p, dn, dn.address().equals(s.selected()), sc);
        }
        if (n <= 64) {
            drawNodeLabels(g, p, geometry, nodes, sc);
        }
        drawBadge(g, p, s, sc);
        drawLegend(g, p, w, h, sc);
        drawn = new Drawn(cx, cy, r, size, nodes, fingerTargets, path, result[0], messages, List.copyOf(placed));
        drawHover(g, p, s, w, h, sc);
    }

    // ============================================================================================ parts

    private static void drawTicks(GraphicsContext g, Palette p, Drawn geo, double sc) {
        long size = geo.size();
        g.setStroke(p.mutedText());
        g.setFill(p.mutedText());
        g.setFont(Font.font(10.5 * sc));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1 * sc);
        if (size <= 256) {
            long labelEvery = size <= 32 ? 2 : size <= 64 ? 4 : size / 16;
            for (long id = 0; id < size; id++) {
                double[] a = geo.point(id, geo.r() - 4 * sc);
                double[] b = geo.point(id, geo.r() + (id % labelEvery == 0 ? 7 : 4) * sc);
                g.strokeLine(a[0], a[1], b[0], b[1]);
                if (id % labelEvery == 0) {
                    // Inside the circle, so that they never sit on the node labels outside it.
                    double[] t = geo.point(id, geo.r() - 16 * sc);
                    g.fillText(Long.toString(id), t[0], t[1]);
                }
            }
        } else {
            for (int k = 0; k < 8; k++) {
                long id = size / 8 * k;
                double[] a = geo.point(id, geo.r() - 6 * sc);
                double[] b = geo.point(id, geo.r() + 6 * sc);
                g.strokeLine(a[0], a[1], b[0], b[1]);
                double[] t = geo.point(id, geo.r() - 22 * sc);
                g.fillText(Long.toString(id), t[0], t[1]);
            }
        }
    }

    private void drawKeys(GraphicsContext g, Palette p, Scene s, Drawn geo, Map<String, DrawnNode> nodes,
                          double sc) {
        int keyCount = 0;
        for (ChordNodeState st : s.live()) {
            keyCount += st.keys().size();
        }
        boolean links = keyCount <= 600 && nodes.size() <= 512;
        double kr = geo.r() - 34 * sc;
        Color link = p.info().deriveColor(0, 1, 1, 0.45);
        for (ChordNodeState st : s.live()) {
            DrawnNode holder = nodes.get(st.self().address().name());
            for (ChordNodeState.StoredKey k : st.keys()) {
                double[] pt = geo.point(k.item().id(), kr);
                if (links && holder != null) {
                    g.setStroke(link);
                    g.setLineWidth((k.primary() ? 1.3 : 1) * sc);
                    g.setLineDashes(k.primary() ? null : new double[] {3 * sc, 3 * sc});
                    g.strokeLine(pt[0], pt[1], holder.x(), holder.y());
                    g.setLineDashes((double[]) null);
                }
                if (k.primary()) {
                    triangle(g, pt[0], pt[1], 5 * sc, p.info(), true, geo);
                    placed.add(new Placed("key", k.item().key(), pt[0], pt[1]));
                    if (targets.size() < 4000) {
                        targets.add(new Target(pt[0], pt[1], List.of("Key " + k.item().key() + "  ·  id "
                                + k.item().id(), "stored at node " + st.self().id() + ", the first node at or after "
                                + k.item().id(), "value: " + k.item().value())));
                    }
                }
            }
        }
    }

    /** A small triangle pointing at the circle's centre: the mark of a key. */
    private static void triangle(GraphicsContext g, double x, double y, double size, Color c, boolean fill, Drawn geo) {
        double a = Math.atan2(geo.cy() - y, geo.cx() - x);
        double[] xs = new double[3];
        double[] ys = new double[3];
        for (int i = 0; i < 3; i++) {
            double t = a + i * 2 * Math.PI / 3;
            xs[i] = x + size * Math.cos(t);
            ys[i] = y + size * Math.sin(t);
        }
        if (fill) {
            g.setFill(c);
            g.fillPolygon(xs, ys, 3);
        } else {
            g.setStroke(c);
            g.strokePolygon(xs, ys, 3);
        }
    }

    /**
     * A successor pointer that is not the live member that follows is drawn dashed: what stabilization is
     * still to fix. Correct pointers are left undrawn so the wrong ones stand out.
     */
    private static void drawWrongPointers(GraphicsContext g, Palette p, Scene s, Map<String, DrawnNode> nodes,
                                          double sc) {
        if (nodes.size() > 512) {
            return;
        }
        long[] ids = s.live().stream().filter(st -> st.phase() == ChordNode.Phase.MEMBER)
                .mapToLong(st -> st.self().id()).sorted().toArray();
        if (ids.length < 2) {
            return;
        }
        g.setStroke(p.warning());
        g.setLineWidth(2 * sc);
        g.setLineDashes(6 * sc, 5 * sc);
        for (ChordNodeState st : s.live()) {
            if (st.phase() != ChordNode.Phase.MEMBER || st.successor() == null) {
                continue;
            }
            int i = Arrays.binarySearch(ids, st.self().id());
            long ideal = ids[(i + 1) % ids.length];
            if (st.successor().id() != ideal) {
                DrawnNode a = nodes.get(st.self().address().name());
                DrawnNode b = nodes.get(st.successor().address().name());
                if (a != null && b != null) {
                    arrow(g, a.x(), a.y(), b.x(), b.y(), b.radius() + 2 * sc, 8 * sc);
                }
            }
        }
        g.setLineDashes((double[]) null);
    }

    private static List<Long> drawFingers(GraphicsContext g, Palette p, Scene s, Map<String, DrawnNode> nodes,
                                          double sc) {
        List<Long> targets = new ArrayList<>();
        if (s.selected() == null) {
            return targets;
        }
        ChordNodeState sel = null;
        for (ChordNodeState st : s.live()) {
            if (st.self().address().name().equals(s.selected())) {
                sel = st;
            }
        }
        DrawnNode from = nodes.get(s.selected());
        if (sel == null || from == null) {
            return targets;
        }
        Color c = p.accent().deriveColor(0, 1, 1, 0.55);
        g.setStroke(c);
        g.setLineWidth(1.6 * sc);
        g.setFill(p.accent());
        g.setFont(Font.font(null, FontWeight.BOLD, 10.5 * sc));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        NodeRef previous = null;
        for (ChordNodeState.Finger f : sel.fingers()) {
            NodeRef t = f.node();
            if (t == null || t.equals(previous)) {
                continue;
            }
            previous = t;
            targets.add(t.id());
            DrawnNode to = nodes.get(t.address().name());
            if (to == null || to == from) {
                continue;
            }
            arrow(g, from.x(), from.y(), to.x(), to.y(), to.radius() + 2 * sc, 7 * sc);
            double mx = from.x() + (to.x() - from.x()) * 0.72;
            double my = from.y() + (to.y() - from.y()) * 0.72;
            if (nodes.size() <= 256) {
                g.fillText("f" + f.index(), mx, my - 8 * sc);
            }
        }
        return targets;
    }

    private static void drawLookups(GraphicsContext g, Palette p, Scene s, Map<String, DrawnNode> nodes, double sc,
                                    List<String> path, String[] result) {
        List<ChordActivity.Lookup> all = s.lookups();
        for (int k = 0; k < all.size(); k++) {
            ChordActivity.Lookup l = all.get(k);
            boolean latestPair = k >= all.size() - 2 && (k == all.size() - 1 || sameRequest(l, all.get(all.size() - 1)));
            if (!latestPair) {
                continue; // older lookups stay in the side panel; the ring shows the latest (and its comparison)
            }
            boolean walk = Boolean.TRUE.equals(l.successorsOnly);
            Color c = walk ? p.info() : p.accent();
            g.setStroke(c);
            g.setFill(c);
            g.setLineWidth(3.2 * sc);
            int hop = 1;
            for (ChordActivity.Segment seg : l.segments) {
                DrawnNode a = nodes.get(seg.from().address().name());
                DrawnNode b = nodes.get(seg.to().address().name());
                if (a == null || b == null) {
                    continue;
                }
                g.setStroke(c);
                arrow(g, a.x(), a.y(), b.x(), b.y(), b.radius() + 3 * sc, 11 * sc);
                // Labels sit 45% of the way along (not halfway) so the two paths of a comparison, which often
                // share a segment's ends, do not stack their labels; short segments get the hop number only.
                double mx = a.x() + (b.x() - a.x()) * 0.45;
                double my = a.y() + (b.y() - a.y()) * 0.45;
                double len = Math.hypot(b.x() - a.x(), b.y() - a.y());
                if (nodes.size() <= 128 || all.size() <= 2) {
                    boolean roomy = nodes.size() <= 64 && len > 120 * sc;
                    pill(g, p, c, hop + (roomy ? " · " + seg.label() : ""), mx, my, sc);
                }
                hop++;
            }
            if (k == all.size() - 1) {
                path.add(l.origin.address().name());
                l.segments.forEach(seg -> path.add(seg.to().address().name()));
                result[0] = l.result == null ? null : l.result.address().name();
            }
            DrawnNode answer = l.result == null ? null : nodes.get(l.result.address().name());
            if (answer != null) {
                g.setStroke(c);
                g.setLineWidth(3 * sc);
                double rr = answer.radius() + 7 * sc;
                g.strokeOval(answer.x() - rr, answer.y() - rr, 2 * rr, 2 * rr);
            }
            DrawnNode origin = nodes.get(l.origin.address().name());
            if (origin != null) {
                g.setStroke(c);
                g.setLineWidth(2 * sc);
                g.setLineDashes(3 * sc, 3 * sc);
                double rr = origin.radius() + 6 * sc;
                g.strokeOval(origin.x() - rr, origin.y() - rr, 2 * rr, 2 * rr);
                g.setLineDashes((double[]) null);
            }
        }
    }

    private static boolean sameRequest(ChordActivity.Lookup a, ChordActivity.Lookup b) {
        return a.origin.equals(b.origin) && a.target == b.target && a.startedMicros == b.startedMicros;
    }

    /** Messages in flight where they are on their way: lookups bold, key transfers square, upkeep faint. */
    private int drawMessages(GraphicsContext g, Palette p, Scene s, Map<String, DrawnNode> nodes, double sc) {
        int count = 0;
        for (Message m : s.inFlight()) {
            DrawnNode a = nodes.get(m.from().name());
            DrawnNode b = nodes.get(m.to().name());
            if (a == null || b == null) {
                continue;
            }
            double t = Math.max(0, Math.min(1, m.progressAt(s.nowMicros())));
            double x = a.x() + (b.x() - a.x()) * t;
            double y = a.y() + (b.y() - a.y()) * t;
            Object pl = m.payload();
            placed.add(new Placed("message", m.payload().kind(), x, y));
            if (targets.size() < 8000) {
                DrawnNode from = a;
                DrawnNode to = b;
                targets.add(new Target(x, y, List.of(m.payload().kind() + "  ·  node " + from.id() + " → node "
                        + to.id(), explain(pl), shorten(m.payload().toString()))));
            }
            if (s.personal().test(m)) {
                diamond(g, x, y, 7 * sc, p.accent(), p.surface());
                count++;
            } else if (carriesKeys(pl)) {
                double q = 6.5 * sc;
                g.setFill(p.info());
                g.fillRect(x - q, y - q, 2 * q, 2 * q);
                g.setStroke(p.surface());
                g.setLineWidth(1.2 * sc);
                g.strokeRect(x - q, y - q, 2 * q, 2 * q);
                int k = keys(pl);
                if (k > 0) {
                    g.setFill(p.accentText());
                    g.setFont(Font.font(null, FontWeight.BOLD, 9 * sc));
                    g.setTextAlign(TextAlignment.CENTER);
                    g.setTextBaseline(VPos.CENTER);
                    g.fillText(Integer.toString(k), x, y);
                }
                count++;
            } else if (s.showMaintenance()) {
                double q = 2.6 * sc;
                g.setFill(p.mutedText());
                g.fillOval(x - q, y - q, 2 * q, 2 * q);
                count++;
            }
        }
        return count;
    }

    /** What a message is for, in a few words a student can follow. */
    static String explain(Object pl) {
        if (pl instanceof ChordMessage.NextHopRequest) {
            return "a lookup asks: is the target yours, or whom should I ask next?";
        }
        if (pl instanceof ChordMessage.NextHopReply r) {
            return r.done() ? "the answer: my successor holds the target" : "ask the closer node I name next";
        }
        if (pl instanceof ChordMessage.FindSuccessor) {
            return "a recursive lookup forwarded one hop closer to the target";
        }
        if (pl instanceof ChordMessage.FoundSuccessor) {
            return "a recursive lookup's answer, back to where it started";
        }
        if (pl instanceof ChordMessage.GetNeighbours || pl instanceof ChordMessage.Neighbours) {
            return "stabilize: who is your predecessor, and your successors?";
        }
        if (pl instanceof ChordMessage.Notify) {
            return "notify: I think I am your predecessor";
        }
        if (pl instanceof ChordMessage.Ping || pl instanceof ChordMessage.Pong) {
            return "are you alive? (check_predecessor and timeouts)";
        }
        if (pl instanceof ChordMessage.TransferKeys) {
            return "keys handed to the node now responsible for them";
        }
        if (pl instanceof ChordMessage.Replicate) {
            return "copies of keys for the successors that keep replicas";
        }
        if (pl instanceof ChordMessage.PredecessorLeaving || pl instanceof ChordMessage.SuccessorLeaving) {
            return "a node leaving tells its neighbours (and hands its keys over)";
        }
        if (pl instanceof ChordMessage.Put || pl instanceof ChordMessage.Get) {
            return "a client's store or fetch at the node responsible";
        }
        return "an acknowledgement";
    }

    private static String shorten(String text) {
        return text.length() > 90 ? text.substring(0, 89) + "…" : text;
    }

    static boolean carriesKeys(Object pl) {
        return pl instanceof ChordMessage.TransferKeys || pl instanceof ChordMessage.Replicate
                || pl instanceof ChordMessage.Put || pl instanceof ChordMessage.GetReply
                || (pl instanceof ChordMessage.PredecessorLeaving l && !l.keys().isEmpty());
    }

    private static int keys(Object pl) {
        if (pl instanceof ChordMessage.TransferKeys t) {
            return t.keys().size();
        }
        if (pl instanceof ChordMessage.Replicate r) {
            return r.keys().size();
        }
        if (pl instanceof ChordMessage.PredecessorLeaving l) {
            return l.keys().size();
        }
        return pl instanceof ChordMessage.Put ? 1 : 0;
    }

    private static void drawNode(GraphicsContext g, Palette p, DrawnNode n, boolean selected, double sc) {
        double r = n.radius();
        if (selected) {
            g.setFill(p.accent().deriveColor(0, 1, 1, 0.22));
            double rr = r + 8 * sc;
            g.fillOval(n.x() - rr, n.y() - rr, 2 * rr, 2 * rr);
        }
        switch (n.state()) {
            case "crashed" -> {
                // A cross, not just a colour: readable without telling red from green.
                g.setStroke(p.danger());
                g.setLineWidth(Math.max(1.5, r / 3));
                g.setLineCap(StrokeLineCap.ROUND);
                g.strokeLine(n.x() - r, n.y() - r, n.x() + r, n.y() + r);
                g.strokeLine(n.x() - r, n.y() + r, n.x() + r, n.y() - r);
                g.setLineCap(StrokeLineCap.SQUARE);
            }
            case "joining" -> {
                g.setFill(p.surface());
                g.fillOval(n.x() - r, n.y() - r, 2 * r, 2 * r);
                g.setStroke(p.warning());
                g.setLineWidth(Math.max(1.5, r / 3));
                g.strokeOval(n.x() - r, n.y() - r, 2 * r, 2 * r);
            }
            default -> {
                g.setFill(p.accent());
                if (r < 2.5 && !selected) {
                    // Thousands of nodes, each two pixels across: a square looks the same and rasterizes faster.
                    g.fillRect(n.x() - r, n.y() - r, 2 * r, 2 * r);
                    return;
                }
                g.fillOval(n.x() - r, n.y() - r, 2 * r, 2 * r);
                if (r >= 4) {
                    g.setStroke(p.surface());
                    g.setLineWidth(1.5 * sc);
                    g.strokeOval(n.x() - r, n.y() - r, 2 * r, 2 * r);
                }
            }
        }
    }

    private static void drawNodeLabels(GraphicsContext g, Palette p, Drawn geo, Map<String, DrawnNode> nodes,
                                       double sc) {
        g.setFont(Font.font(null, FontWeight.BOLD, 12 * sc));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        // Nodes a few ids apart would print their labels on top of each other ("01" for 0 and 1): the first
        // keeps its label and a crowded neighbour goes without (its hover card still names it).
        List<double[]> placedLabels = new ArrayList<>();
        for (DrawnNode n : nodes.values()) {
            double[] t = geo.point(n.id(), geo.r() + 21 * sc);
            String text = Long.toString(n.id());
            double half = textWidth(text, 12 * sc) / 2 + 2 * sc;
            boolean crowded = false;
            for (double[] q : placedLabels) {
                if (Math.abs(q[0] - t[0]) < half + q[2] && Math.abs(q[1] - t[1]) < 13 * sc) {
                    crowded = true;
                    break;
                }
            }
            if (crowded) {
                continue;
            }
            placedLabels.add(new double[] {t[0], t[1], half});
            g.setFill(n.state().equals("crashed") ? p.danger() : p.text());
            g.fillText(text, t[0], t[1]);
        }
    }

    private static void drawBadge(GraphicsContext g, Palette p, Scene s, double sc) {
        RingCheck c = s.check();
        if (c == null) {
            return;
        }
        String text;
        Color color;
        if (!c.violations().isEmpty()) {
            text = "⚠ Invariant broken: " + c.violations().get(0).invariant().text();
            color = p.danger();
        } else if (c.ideal()) {
            text = "✓ Ideal ring: every pointer is right";
            color = p.success();
        } else {
            text = "… Stabilizing: " + c.wrongSuccessorLists() + " successor lists, " + c.wrongPredecessors()
                    + " predecessors, " + c.wrongFingers() + " fingers still wrong";
            color = p.warning();
        }
        g.setFont(Font.font(null, FontWeight.BOLD, 12.5 * sc));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double tw = textWidth(text, 12.5 * sc) + 20 * sc;
        double th = 24 * sc;
        g.setFill(p.surface());
        g.fillRoundRect(10 * sc, 10 * sc, tw, th, 8 * sc, 8 * sc);
        g.setStroke(color);
        g.setLineWidth(1.5 * sc);
        g.strokeRoundRect(10 * sc, 10 * sc, tw, th, 8 * sc, 8 * sc);
        g.setFill(color);
        g.fillText(text, 20 * sc, 10 * sc + th / 2);
    }

    private void drawLegend(GraphicsContext g, Palette p, double w, double h, double sc) {
        double x = 14 * sc;
        double y = h - 16 * sc;
        legendRight = w - 8 * sc;
        legendRowY = y;
        g.setFont(Font.font(10.5 * sc));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double step = 8 * sc;
        x = legendItem(g, p, x, y, sc, "member", (gx, gy) -> {
            g.setFill(p.accent());
            g.fillOval(gx - 5 * sc, gy - 5 * sc, 10 * sc, 10 * sc);
        }) + step;
        x = legendItem(g, p, x, y, sc, "joining", (gx, gy) -> {
            g.setStroke(p.warning());
            g.setLineWidth(2 * sc);
            g.strokeOval(gx - 5 * sc, gy - 5 * sc, 10 * sc, 10 * sc);
        }) + step;
        x = legendItem(g, p, x, y, sc, "crashed", (gx, gy) -> {
            g.setStroke(p.danger());
            g.setLineWidth(2.5 * sc);
            g.strokeLine(gx - 5 * sc, gy - 5 * sc, gx + 5 * sc, gy + 5 * sc);
            g.strokeLine(gx - 5 * sc, gy + 5 * sc, gx + 5 * sc, gy - 5 * sc);
        }) + step;
        x = legendItem(g, p, x, y, sc, "your lookup's message", (gx, gy) -> diamond(g, gx, gy, 6 * sc, p.accent(),
                p.surface())) + step;
        x = legendItem(g, p, x, y, sc, "upkeep message", (gx, gy) -> {
            g.setFill(p.mutedText());
            g.fillOval(gx - 2.6 * sc, gy - 2.6 * sc, 5.2 * sc, 5.2 * sc);
        }) + step;
        x = legendItem(g, p, x, y, sc, "keys moving", (gx, gy) -> {
            g.setFill(p.info());
            g.fillRect(gx - 5 * sc, gy - 5 * sc, 10 * sc, 10 * sc);
        }) + step;
        x = legendItem(g, p, x, y, sc, "key", (gx, gy) -> {
            g.setFill(p.info());
            g.fillPolygon(new double[] {gx - 5 * sc, gx + 5 * sc, gx}, new double[] {gy - 4 * sc, gy - 4 * sc,
                    gy + 5 * sc}, 3);
        }) + step;
        legendItem(g, p, x, y, sc, "pointer still wrong", (gx, gy) -> {
            g.setStroke(p.warning());
            g.setLineWidth(2 * sc);
            g.setLineDashes(4 * sc, 3 * sc);
            g.strokeLine(gx - 8 * sc, gy, gx + 8 * sc, gy);
            g.setLineDashes((double[]) null);
        });
    }

    private interface Glyph {
        void draw(double x, double y);
    }

    private double legendItem(GraphicsContext g, Palette p, double x, double y, double sc, String text,
                                     Glyph glyph) {
        double width = 16 * sc + textWidth(text, 10.5 * sc) + 6 * sc;
        if (x + width > legendRight && x > 20 * sc) {
            // Out of room (projector mode, a narrow window): carry on on a row above.
            x = 14 * sc;
            legendRowY -= 18 * sc;
        }
        y = legendRowY;
        glyph.draw(x + 6 * sc, y);
        g.setFill(p.mutedText());
        g.setFont(Font.font("System", 10.5 * sc));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(text, x + 16 * sc, y);
        return x + width;
    }

    /** The legend's right edge and current row while it is drawn (it wraps upwards). */
    private double legendRight;
    private double legendRowY;

    private void drawHover(GraphicsContext g, Palette p, Scene s, double w, double h, double sc) {
        Drawn d = drawn;
        DrawnNode n = d.nodeAt(s.mouseX(), s.mouseY());
        List<String> lines = new ArrayList<>();
        if (n != null) {
            ChordNodeState st = null;
            for (ChordNodeState x : s.live()) {
                if (x.self().address().name().equals(n.address())) {
                    st = x;
                }
            }
            lines.add("Node " + n.id() + "  ·  " + n.address());
            if (st == null) {
                lines.add("crashed: it answers nothing and lost what it held in memory");
            } else {
                lines.add(st.phase() == ChordNode.Phase.MEMBER ? "member of the ring" : "still joining");
                lines.add("successor " + (st.successor() == null ? "none" : st.successor().id())
                        + "  ·  predecessor " + (st.predecessor() == null ? "unknown" : st.predecessor().id()));
                long primary = st.keys().stream().filter(ChordNodeState.StoredKey::primary).count();
                lines.add(primary + " key" + (primary == 1 ? "" : "s") + " of its own, "
                        + (st.keys().size() - primary) + " replica" + (st.keys().size() - primary == 1 ? "" : "s"));
                lines.add("click: show its finger table · right-click: actions");
            }
        } else {
            Target best = null;
            double bestD = 9 * sc;
            for (Target t : targets) {
                double dd = Math.hypot(t.x() - s.mouseX(), t.y() - s.mouseY());
                if (dd < bestD) {
                    best = t;
                    bestD = dd;
                }
            }
            long id = d.idAt(s.mouseX(), s.mouseY());
            if (best != null) {
                lines.addAll(best.lines());
            } else if (id >= 0) {
                lines.add("Identifier " + id);
                lines.add("click to add a node here");
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        double fs = 11.5 * sc;
        double lw = 0;
        for (String l : lines) {
            lw = Math.max(lw, textWidth(l, fs));
        }
        double bw = lw + 16 * sc;
        double bh = lines.size() * fs * 1.45 + 10 * sc;
        double x = Math.min(s.mouseX() + 16 * sc, w - bw - 4);
        double y = Math.min(s.mouseY() + 16 * sc, h - bh - 4);
        g.setFill(p.surfaceRaised());
        g.fillRoundRect(x, y, bw, bh, 6 * sc, 6 * sc);
        g.setStroke(p.border());
        g.setLineWidth(1);
        g.strokeRoundRect(x, y, bw, bh, 6 * sc, 6 * sc);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(i == 0 ? Font.font(null, FontWeight.BOLD, fs) : Font.font(fs));
            g.setFill(i == 0 ? p.text() : p.mutedText());
            g.fillText(lines.get(i), x + 8 * sc, y + 5 * sc + i * fs * 1.45);
        }
    }

    // ============================================================================================ shapes

    private static void diamond(GraphicsContext g, double x, double y, double r, Color fill, Color edge) {
        double[] xs = {x, x + r, x, x - r};
        double[] ys = {y - r, y, y + r, y};
        g.setFill(fill);
        g.fillPolygon(xs, ys, 4);
        g.setStroke(edge);
        g.setLineWidth(1);
        g.strokePolygon(xs, ys, 4);
    }

    /** A line from (x1, y1) towards (x2, y2), stopping {@code gap} short, with an arrowhead. */
    private static void arrow(GraphicsContext g, double x1, double y1, double x2, double y2, double gap, double head) {
        double len = Math.hypot(x2 - x1, y2 - y1);
        if (len < gap + 1) {
            return;
        }
        double ux = (x2 - x1) / len;
        double uy = (y2 - y1) / len;
        double ex = x2 - ux * gap;
        double ey = y2 - uy * gap;
        g.strokeLine(x1, y1, ex, ey);
        double[] dashes = g.getLineDashes();
        g.setLineDashes((double[]) null);
        double lx = ex - ux * head - uy * head * 0.5;
        double ly = ey - uy * head + ux * head * 0.5;
        double rx = ex - ux * head + uy * head * 0.5;
        double ry = ey - uy * head - ux * head * 0.5;
        g.strokeLine(ex, ey, lx, ly);
        g.strokeLine(ex, ey, rx, ry);
        g.setLineDashes(dashes);
    }

    private static void pill(GraphicsContext g, Palette p, Color c, String text, double x, double y, double sc) {
        double fs = 11 * sc;
        double w = textWidth(text, fs) + 12 * sc;
        double h = fs + 8 * sc;
        g.setFill(c);
        g.fillRoundRect(x - w / 2, y - h / 2, w, h, h, h);
        g.setFill(p.accentText());
        g.setFont(Font.font(null, FontWeight.BOLD, fs));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, x, y);
    }

    private static final Text MEASURE = new Text();

    /** The width of {@code s} in the system font at {@code fontPx}, bold (a little wider than regular). */
    static double textWidth(String s, double fontPx) {
        MEASURE.setFont(Font.font("System", FontWeight.BOLD, fontPx));
        MEASURE.setText(s);
        return MEASURE.getLayoutBounds().getWidth() * 1.04 + 2;
    }
}
