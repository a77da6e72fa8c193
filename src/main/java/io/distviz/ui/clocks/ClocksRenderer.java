package io.distviz.ui.clocks;

import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.ClockMessage;
import io.distviz.clocks.ClockNodeState;
import io.distviz.clocks.SyncAlgorithm;
import io.distviz.clocks.SyncRole;
import io.distviz.clocks.logical.LogicalStamp;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the Clocks page on one canvas from one frame's snapshot: a card per clock along the top, the offset
 * chart in the middle, and below it the last synchronization exchange and the space-time diagram with logical
 * stamps. It only reads: engine state snapshots, the kernel's messages in flight, and the {@link ClockHistory}
 * and {@link CausalWindow} built from the trace. What it drew is returned as a {@link ClocksDrawn}.
 *
 * <p>Colour is never the only cue: lines are labelled with their node at their end, a step and a slew have
 * different marks, and "ahead" and "behind" are written out.
 */
final class ClocksRenderer {

    /** How much of the run the chart shows. */
    enum ChartSpan {
        ALL("whole run", 0), TEN_MINUTES("last 10 min", 600_000_000L), ONE_MINUTE("last minute", 60_000_000L);

        final String label;
        final long micros;

        ChartSpan(String label, long micros) {
            this.label = label;
            this.micros = micros;
        }
    }

    /** Which logical stamp the space-time diagram writes on each event. */
    enum StampKind {
        LAMPORT("Lamport"), VECTOR("vector"), HYBRID("hybrid");

        final String label;

        StampKind(String label) {
            this.label = label;
        }
    }

    /** What goes below the chart. */
    enum Below {
        BOTH("both"), EXCHANGE("exchange"), SPACE_TIME("space-time");

        final String label;

        Below(String label) {
            this.label = label;
        }
    }

    /** Everything one frame draws from. */
    record Frame(long nowMicros, List<ClockNodeState> states, List<NodeId> crashed, List<Message> inFlight,
                 ClockHistory history, CausalWindow window, ChartSpan span, StampKind stampKind, Below below,
                 NodeId selected, Palette palette, double scale) {
    }

    private static final Color[] LIGHT_SERIES = {
        Color.web("#0b5cc4"), Color.web("#c2410c"), Color.web("#15803d"), Color.web("#7c3aed"),
        Color.web("#b91c1c"), Color.web("#0e7490"), Color.web("#a16207"), Color.web("#be185d"),
        Color.web("#4d7c0f"), Color.web("#1e3a8a"), Color.web("#9a3412"), Color.web("#6b21a8"),
    };
    private static final Color[] DARK_SERIES = {
        Color.web("#5aa7ff"), Color.web("#fb923c"), Color.web("#4ade80"), Color.web("#b794ff"),
        Color.web("#ff7b72"), Color.web("#22d3ee"), Color.web("#facc15"), Color.web("#f472b6"),
        Color.web("#a3e635"), Color.web("#93c5fd"), Color.web("#fdba74"), Color.web("#d8b4fe"),
    };

    private GraphicsContext g;
    private Palette p;
    private double s;
    private Font font;
    private Font bold;
    private Font small;
    private Font mono;
    private Font title;
    /** Where each drawn event of the space-time diagram is, for clicks. */
    private List<ClocksDrawn.Event> eventHits = List.of();
    private double eventRadius;

    /** The colour of a node's line and card, fixed by its name so it never changes while the run goes on. */
    Color colourOf(NodeId id, Palette palette) {
        Color[] set = palette.name().equals("dark") ? DARK_SERIES : LIGHT_SERIES;
        String digits = id.name().replaceAll("[^0-9]", "");
        int n = digits.isEmpty() ? 0 : Integer.parseInt(digits.substring(0, Math.min(6, digits.length())));
        return set[Math.floorMod(n - 1, set.length)];
    }

    ClocksDrawn draw(GraphicsContext gc, double w, double h, Frame f) {
        this.g = gc;
        this.p = f.palette();
        this.s = f.scale();
        font = Font.font("System", 11.5 * s);
        bold = Font.font("System", FontWeight.BOLD, 12 * s);
        small = Font.font("System", 10.5 * s);
        mono = Font.font("Monospaced", 12 * s);
        title = Font.font("System", FontWeight.BOLD, 12.5 * s);
        // Clearing the whole canvas first lets it drop the last frame's queued drawing commands.
        g.clearRect(0, 0, w, h);
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        g.setLineCap(StrokeLineCap.ROUND);

        double pad = 10 * s;
        List<ClocksDrawn.Card> cards = new ArrayList<>();
        double cardsBottom = drawCards(f, pad, pad, w - 2 * pad, cards);
        double remaining = h - cardsBottom - 3 * pad;
        double bottomH = remaining * 0.46;
        double chartTop = cardsBottom + pad;
        double chartBottom = h - pad - bottomH - pad;
        ClocksDrawn.Chart chart = drawChart(f, pad, chartTop, w - 2 * pad, chartBottom - chartTop);
        double half = (w - 3 * pad) / 2;
        double by = h - pad - bottomH;
        ClocksDrawn.Exchange exchange = null;
        ClocksDrawn.SpaceTime spaceTime = new ClocksDrawn.SpaceTime(List.of(), -1, -1, null);
        eventHits = List.of();
        regions.clear();
        regions.put("cards", new javafx.geometry.Rectangle2D(pad, pad, w - 2 * pad, cardsBottom - pad));
        regions.put("chart", new javafx.geometry.Rectangle2D(pad, chartTop, w - 2 * pad, chartBottom - chartTop));
        switch (f.below()) {
            case BOTH -> {
                exchange = drawExchange(f, pad, by, half, bottomH);
                spaceTime = drawSpaceTime(f, 2 * pad + half, by, half, bottomH);
                regions.put("exchange", new javafx.geometry.Rectangle2D(pad, by, half, bottomH));
                regions.put("spacetime", new javafx.geometry.Rectangle2D(2 * pad + half, by, half, bottomH));
            }
            case EXCHANGE -> {
                exchange = drawExchange(f, pad, by, w - 2 * pad, bottomH);
                regions.put("exchange", new javafx.geometry.Rectangle2D(pad, by, w - 2 * pad, bottomH));
            }
            case SPACE_TIME -> {
                spaceTime = drawSpaceTime(f, pad, by, w - 2 * pad, bottomH);
                regions.put("spacetime", new javafx.geometry.Rectangle2D(pad, by, w - 2 * pad, bottomH));
            }
        }
        return new ClocksDrawn(f.nowMicros(), List.copyOf(cards), chart, exchange, spaceTime);
    }

    /** Where each part of the page was drawn last frame: cards, chart, exchange, spacetime. */
    private final java.util.Map<String, javafx.geometry.Rectangle2D> regions = new java.util.LinkedHashMap<>();

    /** The region a lesson names ("chart", "exchange", "spacetime", "cards"), if it is drawn now. */
    java.util.Optional<javafx.geometry.Rectangle2D> region(String name) {
        return java.util.Optional.ofNullable(regions.get(name));
    }

    /** The event of the space-time diagram drawn at (x, y), or -1. */
    int eventAt(double x, double y) {
        double best = Double.MAX_VALUE;
        int found = -1;
        for (ClocksDrawn.Event e : eventHits) {
            double d = Math.hypot(e.x() - x, e.y() - y);
            if (d <= eventRadius * 2.2 && d < best) {
                best = d;
                found = e.traceIndex();
            }
        }
        return found;
    }

    // ============================================================================================ cards

    private double drawCards(Frame f, double x, double y, double w, List<ClocksDrawn.Card> out) {
        List<ClockNodeState> states = f.states();
        int n = states.size() + 1 + f.crashed().size();
        double gap = 6 * s;
        double minFull = 124 * s;
        int cols = Math.max(1, Math.min(n, (int) ((w + gap) / (minFull + gap))));
        int rows = (n + cols - 1) / cols;
        boolean compact = rows > 2 || (rows > 1 && s > 1.2);
        if (compact) {
            cols = Math.max(1, Math.min(n, (int) ((w + gap) / (112 * s + gap))));
            rows = (n + cols - 1) / cols;
        }
        double cw = (w - (cols - 1) * gap) / cols;
        double ch = compact ? 38 * s : 80 * s;
        double maxAbs = 1;
        for (ClockNodeState st : states) {
            if (!st.isReference()) {
                maxAbs = Math.max(maxAbs, Math.abs(st.offsetFromTrueTimeNanos()));
            }
        }
        int i = 0;
        // True time first: the one every offset is measured from.
        cardBox(x, y, cw, ch, p.text(), false);
        g.setFont(bold);
        g.setFill(p.text());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("true time", x + 8 * s, y + 5 * s);
        g.setFont(mono);
        double trueNanos = f.nowMicros() * 1000.0;
        g.fillText(Units.reading(trueNanos), x + 8 * s, y + (compact ? 20 : 22) * s);
        if (!compact) {
            g.setFont(small);
            g.setFill(p.mutedText());
            g.fillText("what every offset is", x + 8 * s, y + 40 * s);
            g.fillText("measured against", x + 8 * s, y + 54 * s);
        }
        i++;
        for (ClockNodeState st : states) {
            double cx = x + (i % cols) * (cw + gap);
            double cy = y + (i / cols) * (ch + gap);
            Color c = st.isReference() ? p.text() : colourOf(st.id(), p);
            boolean selected = st.id().equals(f.selected());
            cardBox(cx, cy, cw, ch, c, selected);
            double tx = cx + 10 * s;
            g.setTextBaseline(VPos.TOP);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(bold);
            g.setFill(p.text());
            g.fillText(st.id().name(), tx, cy + 5 * s);
            double nameW = textWidth(st.id().name(), bold);
            g.setFont(small);
            g.setFill(p.mutedText());
            String role = roleText(st);
            g.fillText(clip(role, cw - nameW - 24 * s, small), tx + nameW + 6 * s, cy + 6 * s);
            double offset = st.offsetFromTrueTimeNanos();
            double drift = st.effectiveFrequencyErrorPpm();
            if (compact) {
                g.setFont(font);
                g.setFill(p.text());
                g.fillText(st.isReference() ? "true time" : Units.signedNanos(offset), tx, cy + 21 * s);
            } else {
                g.setFont(mono);
                g.setFill(p.text());
                g.fillText(Units.reading(st.clockNanos()), tx, cy + 21 * s);
                g.setFont(font);
                if (st.isReference()) {
                    g.setFill(p.mutedText());
                    g.fillText("reads true time", tx, cy + 38 * s);
                } else {
                    String side = offset > 0 ? " ahead" : offset < 0 ? " behind" : "";
                    g.fillText(Units.signedNanos(offset) + side, tx, cy + 38 * s);
                    g.setFill(p.mutedText());
                    // While a slew runs, the clock's rate is off on purpose: say so, so the number is not misread.
                    g.fillText("drift " + Units.ppm(drift) + (st.slewRemainingNanos() != 0 ? " (slewing)" : ""), tx,
                            cy + 53 * s);
                    gauge(cx + 10 * s, cy + ch - 8 * s, cw - 20 * s, offset / maxAbs, c);
                }
            }
            out.add(new ClocksDrawn.Card(st.id().name(), st.isReference(), st.clockNanos(), offset, drift, role,
                    cx, cy, cw, ch));
            i++;
        }
        for (NodeId down : f.crashed()) {
            double cx = x + (i % cols) * (cw + gap);
            double cy = y + (i / cols) * (ch + gap);
            cardBox(cx, cy, cw, ch, p.mutedText(), down.equals(f.selected()));
            g.setFont(bold);
            g.setFill(p.mutedText());
            g.fillText(down.name(), cx + 10 * s, cy + 5 * s);
            g.setFont(font);
            g.fillText("crashed (no clock)", cx + 10 * s, cy + 21 * s);
            i++;
        }
        return y + rows * ch + (rows - 1) * gap;
    }

    private void cardBox(double x, double y, double w, double h, Color accent, boolean selected) {
        g.setFill(p.surface());
        g.fillRoundRect(x, y, w, h, 8 * s, 8 * s);
        g.setStroke(selected ? p.accent() : p.border());
        g.setLineWidth((selected ? 2.5 : 1) * s);
        g.strokeRoundRect(x, y, w, h, 8 * s, 8 * s);
        g.setFill(accent);
        g.fillRect(x + 1 * s, y + 6 * s, 3.5 * s, h - 12 * s);
    }

    /** A centred bar: true time in the middle, the clock's offset to the right (ahead) or left (behind). */
    private void gauge(double x, double y, double w, double fraction, Color c) {
        double mid = x + w / 2;
        g.setStroke(p.border());
        g.setLineWidth(1 * s);
        g.strokeLine(x, y, x + w, y);
        g.strokeLine(mid, y - 3 * s, mid, y + 3 * s);
        g.setStroke(c);
        g.setLineWidth(3.5 * s);
        g.strokeLine(mid, y, mid + fraction * w / 2, y);
    }

    private static String roleText(ClockNodeState st) {
        SyncRole r = st.role();
        String kind = st.isReference() ? "" : " · " + st.kind().label();
        String role;
        if (r instanceof SyncRole.Reference ref) {
            role = ref.kind().name() + " reference";
        } else if (r instanceof SyncRole.CristianClient c) {
            role = "asks " + c.server();
        } else if (r instanceof SyncRole.BerkeleyMaster) {
            role = "Berkeley master";
        } else if (r instanceof SyncRole.BerkeleyFollower fo) {
            role = "follows " + fo.master();
        } else if (r instanceof SyncRole.NtpClient) {
            role = "NTP" + (st.stratum() < 16 ? " stratum " + st.stratum() : " unsynced");
        } else {
            role = "free";
        }
        return (st.lieNanos() != 0 ? "LIES " + Units.signedNanos(st.lieNanos()) + " · " : "") + role + kind;
    }

    // ============================================================================================ chart

    private ClocksDrawn.Chart drawChart(Frame f, double x, double y, double w, double h) {
        panel(x, y, w, h);
        long now = f.nowMicros();
        long from = f.span() == ChartSpan.ALL ? 0 : Math.max(0, now - f.span().micros);
        long to = Math.max(now, from + 10_000_000L);
        if (f.span() == ChartSpan.ALL) {
            to = Math.max(now, 10_000_000L);
        }
        double skewNow = skewNow(f.states());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(title);
        g.setFill(p.text());
        g.fillText("Offset from true time", x + 10 * s, y + 6 * s);
        g.setFont(font);
        g.setFill(p.mutedText());
        String right = f.span().label + "  ·  max skew now " + Units.nanos(skewNow)
                + "  ·  ▲▼ step   ○ slew";
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(clip(right, w - 200 * s, font), x + w - 10 * s, y + 7 * s);

        double left = x + 62 * s;
        double rightEdge = x + w - 58 * s;
        double top = y + 28 * s;
        double bottom = y + h - 20 * s;
        if (rightEdge - left < 40 || bottom - top < 30) {
            return new ClocksDrawn.Chart(from, to, 0, 0, List.of(), 0, skewNow);
        }
        Map<NodeId, ClockNodeState> byId = new HashMap<>();
        for (ClockNodeState st : f.states()) {
            byId.put(st.id(), st);
        }
        List<ClockHistory.Track> tracks = new ArrayList<>();
        for (ClockHistory.Track t : f.history().tracks()) {
            if (!t.reference && t.series.size() > 0) {
                tracks.add(t);
            }
        }
        // The vertical range: every visible point, the heads now, and zero (true time) always.
        double lo = 0;
        double hi = 0;
        for (ClockHistory.Track t : tracks) {
            OffsetSeries sr = t.series;
            for (int i = Math.max(0, sr.firstAtOrAfter(from) - 1); i < sr.size(); i++) {
                double v = sr.valueNanos(i);
                if (!Double.isNaN(v) && sr.timeMicros(i) >= from) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            ClockNodeState st = byId.get(t.id);
            if (st != null) {
                lo = Math.min(lo, st.offsetFromTrueTimeNanos());
                hi = Math.max(hi, st.offsetFromTrueTimeNanos());
            }
        }
        if (hi - lo < 1) {
            hi = lo + 1_000;
            lo = -1_000;
        }
        double step = niceStep((hi - lo) / 5);
        lo = Math.floor(lo / step - 0.15) * step;
        hi = Math.ceil(hi / step + 0.15) * step;
        final double yLo = lo;
        final double yHi = hi;
        final long tFrom = from;
        final long tTo = to;
        java.util.function.DoubleUnaryOperator ty = v -> bottom - (v - yLo) / (yHi - yLo) * (bottom - top);
        java.util.function.LongToDoubleFunction tx = t -> left + (t - tFrom) / (double) (tTo - tFrom) * (rightEdge - left);

        // Grid and axes.
        g.setFont(small);
        g.setLineWidth(1 * s);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v = lo; v <= hi + step / 2; v += step) {
            double yy = ty.applyAsDouble(v);
            g.setStroke(p.border());
            g.setLineDashes();
            g.strokeLine(left, yy, rightEdge, yy);
            g.setFill(p.mutedText());
            g.fillText(Units.axisNanos(Math.abs(v) < step / 1e6 ? 0 : v), left - 6 * s, yy);
        }
        double zero = ty.applyAsDouble(0);
        g.setStroke(p.text());
        g.setLineWidth(1.4 * s);
        g.setLineDashes(6 * s, 4 * s);
        g.strokeLine(left, zero, rightEdge, zero);
        g.setLineDashes();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(p.mutedText());
        g.fillText("true time", left + 4 * s, zero - 2 * s);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        long tStep = niceTimeStep((to - from) / 6);
        for (long t = (from + tStep - 1) / tStep * tStep; t <= to; t += tStep) {
            double xx = tx.applyAsDouble(t);
            g.setStroke(p.border());
            g.strokeLine(xx, bottom, xx, bottom + 4 * s);
            g.fillText(Units.trueTime(t), xx, bottom + 5 * s);
        }
        g.setStroke(p.border());
        g.strokeRect(left, top, rightEdge - left, bottom - top);

        g.save();
        g.beginPath();
        g.rect(left, top, rightEdge - left, bottom - top);
        g.clip();

        // The band between the lowest and highest clock: its height is the largest pairwise skew.
        drawBand(f.history().lowest(), f.history().highest(), from, to, left, rightEdge, ty, tx);

        List<ClocksDrawn.Line> lines = new ArrayList<>();
        List<double[]> labels = new ArrayList<>();
        List<String> labelText = new ArrayList<>();
        List<Color> labelColour = new ArrayList<>();
        for (ClockHistory.Track t : tracks) {
            Color c = colourOf(t.id, p);
            ClockNodeState st = byId.get(t.id);
            Double head = st != null && !st.isReference() ? st.offsetFromTrueTimeNanos() : null;
            int drawn = drawSeries(t.series, from, to, left, rightEdge, ty, tx, c, head, now);
            double slope = recentSlopePpm(t.series, now, head);
            lines.add(new ClocksDrawn.Line(t.id.name(), drawn, head == null ? Double.NaN : head, slope));
            if (head != null) {
                labels.add(new double[] {ty.applyAsDouble(head)});
                labelText.add(t.id.name());
                labelColour.add(c);
            }
        }

        int marksDrawn = 0;
        for (ClockHistory.SyncMark m : f.history().marks()) {
            if (m.timeMicros() < from || m.timeMicros() > to || Double.isNaN(m.beforeNanos())) {
                continue;
            }
            marksDrawn++;
            Color c = colourOf(m.node(), p);
            double xx = tx.applyAsDouble(m.timeMicros());
            double yb = ty.applyAsDouble(m.beforeNanos());
            double ya = ty.applyAsDouble(m.afterNanos());
            double r = 4 * s;
            if (m.adjustment() == ClockEvent.Adjustment.STEP) {
                g.setStroke(c);
                g.setLineWidth(1.2 * s);
                g.setLineDashes(2 * s, 2 * s);
                g.strokeLine(xx, yb, xx, ya);
                g.setLineDashes();
                // A triangle pointing the way the clock was moved.
                double dir = ya > yb ? 1 : -1;
                g.setFill(c);
                g.fillPolygon(new double[] {xx - r, xx + r, xx}, new double[] {ya - dir * r, ya - dir * r, ya + dir * r * 0.6}, 3);
            } else {
                g.setFill(p.surface());
                g.fillOval(xx - r, ya - r, 2 * r, 2 * r);
                g.setStroke(c);
                g.setLineWidth(1.5 * s);
                g.strokeOval(xx - r, ya - r, 2 * r, 2 * r);
            }
        }
        g.restore();

        // Names at the ends of the lines, nudged apart so they never overlap.
        Integer[] order = new Integer[labels.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> labels.get(i)[0]));
        double minGap = 13 * s;
        double prev = -1e9;
        g.setFont(bold);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i : order) {
            double yy = Math.max(labels.get(i)[0], prev + minGap);
            yy = Math.min(Math.max(yy, top), bottom + 10 * s);
            prev = yy;
            g.setFill(labelColour.get(i));
            g.fillText(labelText.get(i), rightEdge + 6 * s, yy);
        }
        return new ClocksDrawn.Chart(from, to, lo, hi, List.copyOf(lines), marksDrawn, skewNow);
    }

    private static double skewNow(List<ClockNodeState> states) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ClockNodeState st : states) {
            if (!st.isReference()) {
                min = Math.min(min, st.offsetFromTrueTimeNanos());
                max = Math.max(max, st.offsetFromTrueTimeNanos());
            }
        }
        return max > min ? max - min : 0;
    }

    /**
     * Draws one series thinned to the pixel columns: each column's first, lowest, highest and last point, so a
     * spike inside a column still shows. Returns the number of vertices drawn.
     */
    private int drawSeries(OffsetSeries sr, long from, long to, double left, double right,
                           java.util.function.DoubleUnaryOperator ty, java.util.function.LongToDoubleFunction tx,
                           Color c, Double head, long now) {
        g.setStroke(c);
        g.setLineWidth(2 * s);
        g.setLineDashes();
        int vertices = 0;
        boolean open = false;
        int start = Math.max(0, sr.firstAtOrAfter(from) - 1);
        int col = Integer.MIN_VALUE;
        double first = 0;
        double min = 0;
        double max = 0;
        double last = 0;
        g.beginPath();
        for (int i = start; i <= sr.size(); i++) {
            boolean end = i == sr.size();
            double v = end ? Double.NaN : sr.valueNanos(i);
            int xcol = end ? Integer.MAX_VALUE : (int) Math.floor(tx.applyAsDouble(sr.timeMicros(i)));
            if (col != Integer.MIN_VALUE && (xcol != col || Double.isNaN(v))) {
                // Flush the column.
                double cx = col + 0.5;
                if (!open) {
                    g.moveTo(cx, ty.applyAsDouble(first));
                    open = true;
                } else {
                    g.lineTo(cx, ty.applyAsDouble(first));
                }
                g.lineTo(cx, ty.applyAsDouble(min));
                g.lineTo(cx, ty.applyAsDouble(max));
                g.lineTo(cx, ty.applyAsDouble(last));
                vertices += 4;
                col = Integer.MIN_VALUE;
            }
            if (end) {
                break;
            }
            if (Double.isNaN(v)) {
                open = false;
                continue;
            }
            if (col == Integer.MIN_VALUE) {
                col = xcol;
                first = v;
                min = v;
                max = v;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            last = v;
        }
        boolean lastIsBreak = sr.lastIsBreak();
        if (head != null && open && !lastIsBreak) {
            g.lineTo(tx.applyAsDouble(now), ty.applyAsDouble(head));
            vertices++;
        }
        g.stroke();
        return vertices;
    }

    private void drawBand(OffsetSeries low, OffsetSeries high, long from, long to, double left, double right,
                          java.util.function.DoubleUnaryOperator ty, java.util.function.LongToDoubleFunction tx) {
        int width = (int) Math.ceil(right - left) + 2;
        double[] colLo = new double[width];
        double[] colHi = new double[width];
        boolean[] cut = new boolean[width];
        java.util.Arrays.fill(colLo, Double.NaN);
        java.util.Arrays.fill(colHi, Double.NaN);
        fillColumns(low, from, left, tx, colLo, cut, true);
        fillColumns(high, from, left, tx, colHi, cut, false);
        g.setFill(p.accent().deriveColor(0, 1, 1, 0.12));
        // One polygon per stretch without a break: the top edge left to right, the bottom edge back.
        List<double[]> stretch = new ArrayList<>();
        for (int i = 0; i <= width; i++) {
            boolean end = i == width || cut[i];
            if (i < width && !Double.isNaN(colLo[i]) && !Double.isNaN(colHi[i])) {
                stretch.add(new double[] {left + i + 0.5, ty.applyAsDouble(colHi[i]), ty.applyAsDouble(colLo[i])});
            }
            if (end && !stretch.isEmpty()) {
                int n = stretch.size();
                double[] xs = new double[2 * n];
                double[] ys = new double[2 * n];
                for (int k = 0; k < n; k++) {
                    xs[k] = stretch.get(k)[0];
                    ys[k] = stretch.get(k)[1];
                    xs[2 * n - 1 - k] = stretch.get(k)[0];
                    ys[2 * n - 1 - k] = stretch.get(k)[2];
                }
                g.fillPolygon(xs, ys, 2 * n);
                stretch.clear();
            }
        }
    }

    private static void fillColumns(OffsetSeries sr, long from, double left,
                                    java.util.function.LongToDoubleFunction tx, double[] cols, boolean[] cut,
                                    boolean min) {
        for (int i = Math.max(0, sr.firstAtOrAfter(from)); i < sr.size(); i++) {
            int c = (int) Math.floor(tx.applyAsDouble(sr.timeMicros(i)) - left);
            if (c < 0 || c >= cols.length) {
                continue;
            }
            double v = sr.valueNanos(i);
            if (Double.isNaN(v)) {
                cut[c] = true;
                continue;
            }
            cols[c] = Double.isNaN(cols[c]) ? v : min ? Math.min(cols[c], v) : Math.max(cols[c], v);
        }
    }

    /** The slope of the line over its last stretch without a break or a change, in ppm of true time. */
    private static double recentSlopePpm(OffsetSeries sr, long now, Double head) {
        if (head == null || sr.size() == 0 || sr.lastIsBreak()) {
            return Double.NaN;
        }
        // Go back at most five seconds, and not past the last change (two points at one instant).
        int i = sr.size() - 1;
        while (i > 0 && sr.timeMicros(i - 1) >= now - 5_000_000L && sr.timeMicros(i - 1) != sr.timeMicros(i)
                && !Double.isNaN(sr.valueNanos(i - 1))) {
            i--;
        }
        long t0 = sr.timeMicros(i);
        if (now - t0 <= 0) {
            return Double.NaN;
        }
        // 1 ppm is 1 ns gained per ms of true time: 0.001 ns per µs.
        return (head - sr.valueNanos(i)) / (now - t0) * 1000.0;
    }

    // ============================================================================================ exchange

    private ClocksDrawn.Exchange drawExchange(Frame f, double x, double y, double w, double h) {
        panel(x, y, w, h);
        SyncRound round = f.selected() == null ? null : f.history().latestRoundOf(f.selected());
        if (round == null) {
            round = f.history().latestRound();
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(title);
        g.setFill(p.text());
        if (round == null) {
            g.fillText(clip("Last synchronization", w - 20 * s, title), x + 10 * s, y + 6 * s);
            g.setFont(font);
            g.setFill(p.mutedText());
            g.fillText(clip("No exchange yet: pick Cristian, Berkeley", w - 20 * s, font), x + 10 * s, y + 30 * s);
            g.fillText(clip("or NTP and press Use.", w - 20 * s, font), x + 10 * s, y + 46 * s);
            return null;
        }
        String head = switch (round.algorithm()) {
            case NTP -> "NTP poll by " + round.initiator();
            case CRISTIAN -> "Cristian: " + round.initiator() + " asks its time server";
            case BERKELEY -> "Berkeley round by master " + round.initiator();
            case NONE -> "";
        };
        g.fillText(clip(head, w * 0.7, title), x + 10 * s, y + 6 * s);
        g.setFont(small);
        g.setFill(p.mutedText());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("at " + Units.trueTime(round.startMicros()) + " true time", x + w - 10 * s, y + 8 * s);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(clip("timestamps are each side's own clock, in seconds", w - 20 * s, small), x + 10 * s, y + 23 * s);

        List<SyncRound.Leg> legs = round.legs();
        int shownLegs = Math.min(legs.size(), round.algorithm() == SyncAlgorithm.BERKELEY ? 6 : 4);
        double left = x + 48 * s;
        double right = x + w * 0.62;
        double top = y + 52 * s;
        double resultX = right + 14 * s;
        double bottom = y + h - 44 * s;
        double rowH = Math.min(46 * s, (bottom - top) / (Math.max(1, shownLegs) + 0.35));
        double clientY = top;
        // True-time axis of the round, with long idle stretches (Berkeley's wait for late readings) squeezed.
        List<Long> times = new ArrayList<>();
        times.add(round.startMicros());
        long now = f.nowMicros();
        for (SyncRound.Leg l : legs.subList(0, shownLegs)) {
            for (Message m : new Message[] {l.request, l.reply, l.adjust}) {
                if (m != null) {
                    times.add(m.sentAtMicros());
                    times.add(m.deliverAtMicros());
                }
            }
        }
        TimeSqueeze axis = new TimeSqueeze(times, left, right);

        Map<Long, Message> flying = new HashMap<>();
        for (Message m : f.inFlight()) {
            flying.put(m.id(), m);
        }
        int inFlight = 0;
        g.setFont(bold);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(p.text());
        g.fillText(round.initiator().name(), left - 8 * s, clientY);
        g.setStroke(p.mutedText());
        g.setLineWidth(1.2 * s);
        g.strokeLine(left, clientY, right, clientY);
        List<ClocksDrawn.Leg> drawnLegs = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            SyncRound.Leg l = legs.get(i);
            ClocksDrawn.Leg dl = drawnLeg(round, l);
            drawnLegs.add(dl);
            if (i >= shownLegs) {
                continue;
            }
            double ly = top + (i + 1) * rowH;
            g.setFont(bold);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.setFill(p.text());
            g.fillText(l.peer.name(), left - 8 * s, ly);
            g.setStroke(p.border());
            g.setLineWidth(1.2 * s);
            g.strokeLine(left, ly, right, ly);
            Color c = colourOf(round.initiator(), p);
            // The initiator's own timestamps are written once: with many legs they fall on one spot of its line.
            boolean firstLeg = i == 0;
            inFlight += arrow(l.request, clientY, ly, axis, flying, now, c, firstLeg ? label1(round, l) : "",
                    labelArrive1(round, l), left);
            inFlight += arrow(l.reply, ly, clientY, axis, flying, now, c, label2(round, l),
                    firstLeg ? labelArrive2(round, l) : "", left);
            inFlight += arrow(l.adjust, clientY, ly, axis, flying, now, p.warning(), "", "", left);
            // The results, beside the diagram.
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.setFont(small);
            g.setFill(p.text());
            double rx = resultX;
            double ry = top + (i + 1) * rowH - 12 * s;
            double colW = x + w - rx - 8 * s;
            String[] result = resultLines(round, dl);
            g.fillText(clip(result[0], colW, small), rx, ry);
            g.fillText(clip(result[1], colW, small), rx, ry + 12 * s);
            boolean bad = dl.status().startsWith("rejected") || dl.status().startsWith("FALSE");
            g.setFill(bad ? p.danger() : p.mutedText());
            g.setFont(bad ? Font.font("System", FontWeight.BOLD, 10.5 * s) : small);
            g.fillText(clip(dl.status(), colW, small), rx, ry + 24 * s);
        }
        if (legs.size() > shownLegs) {
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(p.mutedText());
            g.setFont(small);
            g.fillText("+ " + (legs.size() - shownLegs) + " more", left, top + (shownLegs + 0.6) * rowH);
        }
        // What the initiator did with it.
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFont(font);
        g.setFill(p.text());
        String[] sum = summary(round);
        g.setFill(p.mutedText());
        g.fillText(clip(sum[0], w - 20 * s, font), x + 10 * s, y + h - 22 * s);
        g.setFill(p.text());
        g.fillText(clip(sum[1], w - 20 * s, font), x + 10 * s, y + h - 7 * s);
        return new ClocksDrawn.Exchange(round.algorithm().label(), round.initiator().name(), List.copyOf(drawnLegs),
                inFlight);
    }

    private static String label1(SyncRound r, SyncRound.Leg l) {
        if (l.sample == null) {
            return "";
        }
        return switch (r.algorithm()) {
            case NTP -> "T1 " + Units.stamp(l.sample.t1Nanos());
            case CRISTIAN -> "asks at " + Units.stamp(l.sample.t1Nanos());
            case BERKELEY -> "poll " + Units.stamp(l.sample.t1Nanos());
            case NONE -> "";
        };
    }

    private static String labelArrive1(SyncRound r, SyncRound.Leg l) {
        if (l.sample == null) {
            return "";
        }
        return switch (r.algorithm()) {
            case NTP -> "T2 " + Units.stamp(l.sample.t2Nanos());
            case CRISTIAN -> "server time " + Units.stamp(l.sample.t2Nanos());
            case BERKELEY -> "reads " + Units.stamp(l.sample.t2Nanos());
            case NONE -> "";
        };
    }

    private static String label2(SyncRound r, SyncRound.Leg l) {
        if (l.sample == null || r.algorithm() != SyncAlgorithm.NTP) {
            return "";
        }
        return "T3 " + Units.stamp(l.sample.t3Nanos());
    }

    private static String labelArrive2(SyncRound r, SyncRound.Leg l) {
        if (l.sample == null) {
            return "";
        }
        return switch (r.algorithm()) {
            case NTP -> "T4 " + Units.stamp(l.sample.t4Nanos());
            case CRISTIAN, BERKELEY -> "back at " + Units.stamp(l.sample.t4Nanos());
            case NONE -> "";
        };
    }

    private static ClocksDrawn.Leg drawnLeg(SyncRound r, SyncRound.Leg l) {
        String status;
        if (l.rejected != null) {
            status = "rejected: " + l.rejected;
        } else if (l.lost) {
            status = "a message was lost";
        } else if (l.sample == null) {
            status = "waiting for the answer";
        } else if (r.selection() != null && r.selection().falsetickers().contains(l.peer)) {
            status = "FALSETICKER: outside the majority's interval";
        } else if (r.selection() != null && l.peer.equals(r.selection().systemPeer())) {
            status = "system peer (followed)";
        } else if (r.selection() != null && r.selection().truechimers().contains(l.peer)) {
            status = "truechimer";
        } else if (r.berkeley() != null && r.berkeley().outliers().contains(l.peer)) {
            status = "outlier: left out of the average";
        } else if (r.berkeley() != null && r.berkeley().tooSlow().contains(l.peer)) {
            status = "round trip too long: ignored";
        } else if (l.adjust != null && l.adjust.payload() instanceof ClockMessage.BerkeleyAdjust a) {
            status = "told to move " + Units.signedNanos(a.adjustmentNanos());
        } else if (!Double.isNaN(l.trueOffsetNanos)) {
            status = "estimate off by " + Units.nanos(Math.abs(l.sample.offsetNanos() - l.trueOffsetNanos));
        } else {
            status = "";
        }
        ClockEvent.SyncSample sm = l.sample;
        return new ClocksDrawn.Leg(l.peer.name(), sm == null ? null : sm.t1Nanos(), sm == null ? null : sm.t2Nanos(),
                sm == null ? null : sm.t3Nanos(), sm == null ? null : sm.t4Nanos(),
                sm == null ? null : sm.offsetNanos(), sm == null ? null : sm.delayNanos(),
                sm == null ? null : sm.errorBoundNanos(), status);
    }

    private static String[] resultLines(SyncRound r, ClocksDrawn.Leg l) {
        if (l.offsetNanos() == null) {
            return new String[] {"", ""};
        }
        String bound = "bound ± " + Units.nanos(l.errorBoundNanos());
        return switch (r.algorithm()) {
            case NTP -> new String[] {"θ " + Units.signedNanos(l.offsetNanos()) + "  δ "
                    + Units.nanos(l.delayNanos()), bound};
            case CRISTIAN -> new String[] {"offset " + Units.signedNanos(l.offsetNanos()) + " · RTT "
                    + Units.nanos(l.delayNanos()), bound};
            case BERKELEY -> new String[] {"diff " + Units.signedNanos(l.offsetNanos()) + " · RTT "
                    + Units.nanos(l.delayNanos()), bound};
            case NONE -> new String[] {"", ""};
        };
    }

    private static String[] summary(SyncRound r) {
        String rule = switch (r.algorithm()) {
            case NTP -> "θ = ((T2−T1) + (T3−T4)) / 2,   δ = (T4−T1) − (T3−T2)";
            case CRISTIAN -> "estimate = server time + round trip / 2";
            case BERKELEY -> r.berkeley() == null ? "the master averages everyone's difference"
                    : "average " + Units.signedNanos(r.berkeley().averageNanos()) + " over "
                    + r.berkeley().averaged().size() + " clocks; outliers: " + (r.berkeley().outliers().isEmpty()
                    ? "none" : r.berkeley().outliers());
            case NONE -> "";
        };
        StringBuilder sb = new StringBuilder();
        ClockEvent.ClockAdjusted a = r.adjustment();
        if (a != null) {
            sb.append(r.initiator()).append(a.adjustment() == ClockEvent.Adjustment.STEP ? " stepped " : " slews ")
                    .append(Units.signedNanos(a.amountNanos()));
        } else if (r.selection() != null && r.selection().systemPeer() == null) {
            sb.append("no majority agrees: clock left alone");
        } else {
            sb.append(r.initiator()).append(" has not corrected its clock in this round");
        }
        return new String[] {rule, sb.toString()};
    }

    /** Draws one message as an arrow (partial while in flight); returns 1 if it is in flight. */
    private int arrow(Message m, double fromY, double toY, TimeSqueeze axis, Map<Long, Message> flying, long now,
                      Color c, String sendLabel, String arriveLabel, double leftEdge) {
        if (m == null) {
            return 0;
        }
        double x1 = axis.x(m.sentAtMicros());
        double x2 = axis.x(m.deliverAtMicros());
        boolean inFlight = flying.containsKey(m.id());
        double t = inFlight ? m.progressAt(now) : 1.0;
        double ex = x1 + (x2 - x1) * t;
        double ey = fromY + (toY - fromY) * t;
        g.setStroke(c);
        g.setLineWidth(1.8 * s);
        if (inFlight) {
            g.setLineDashes(5 * s, 3 * s);
        }
        g.strokeLine(x1, fromY, ex, ey);
        g.setLineDashes();
        double ang = Math.atan2(ey - fromY, ex - x1);
        double r = 6 * s;
        g.setFill(c);
        g.fillPolygon(new double[] {ex, ex - r * Math.cos(ang - 0.45), ex - r * Math.cos(ang + 0.45)},
                new double[] {ey, ey - r * Math.sin(ang - 0.45), ey - r * Math.sin(ang + 0.45)}, 3);
        g.setFont(small);
        g.setFill(p.mutedText());
        g.setTextAlign(TextAlignment.LEFT);
        if (!sendLabel.isEmpty()) {
            g.setTextBaseline(toY > fromY ? VPos.BOTTOM : VPos.TOP);
            g.fillText(sendLabel, x1 + 3 * s, fromY + (toY > fromY ? -2 : 2) * s);
        }
        if (!arriveLabel.isEmpty() && !inFlight) {
            // Right-aligned, ending at the arrival: the reply often leaves from the same point, labelled after it.
            boolean room = x2 - 3 * s - textWidth(arriveLabel, small) >= leftEdge;
            g.setTextAlign(room ? TextAlignment.RIGHT : TextAlignment.LEFT);
            // Below the line: the send label of the same line is above it.
            g.setTextBaseline(VPos.TOP);
            g.fillText(arriveLabel, room ? x2 - 3 * s : x2 + 3 * s, toY + 2 * s);
        }
        return inFlight ? 1 : 0;
    }

    /**
     * Maps true time onto the exchange panel's width, squeezing every idle stretch longer than a fifth of the busy
     * time to that length, so a Berkeley round's two-second wait does not flatten its polls into a line.
     */
    private static final class TimeSqueeze {
        private final long[] at;
        private final double[] pos;

        TimeSqueeze(List<Long> times, double left, double right) {
            TreeMap<Long, Boolean> sorted = new TreeMap<>();
            times.forEach(t -> sorted.put(t, true));
            long[] t = sorted.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] gaps = new double[t.length];
            long total = t.length > 1 ? t[t.length - 1] - t[0] : 1;
            List<Long> sortedGaps = new ArrayList<>();
            for (int i = 1; i < t.length; i++) {
                sortedGaps.add(t[i] - t[i - 1]);
            }
            sortedGaps.sort(null);
            long median = sortedGaps.isEmpty() ? 1 : sortedGaps.get(sortedGaps.size() / 2);
            double cap = Math.max(median * 4.0, total * 0.02);
            double sum = 0;
            for (int i = 1; i < t.length; i++) {
                gaps[i] = Math.min(t[i] - t[i - 1], cap);
                sum += gaps[i];
            }
            at = t;
            pos = new double[t.length];
            double span = right - left;
            double acc = 0;
            for (int i = 0; i < t.length; i++) {
                acc += gaps[i];
                pos[i] = left + (sum == 0 ? 0 : acc / sum * span);
            }
        }

        double x(long t) {
            int i = java.util.Arrays.binarySearch(at, t);
            if (i >= 0) {
                return pos[i];
            }
            int ins = -i - 1;
            if (ins == 0) {
                return pos[0];
            }
            if (ins >= at.length) {
                return pos[at.length - 1];
            }
            double f = (t - at[ins - 1]) / (double) (at[ins] - at[ins - 1]);
            return pos[ins - 1] + f * (pos[ins] - pos[ins - 1]);
        }
    }

    // ============================================================================================ space-time

    private ClocksDrawn.SpaceTime drawSpaceTime(Frame f, double x, double y, double w, double h) {
        panel(x, y, w, h);
        CausalWindow win = f.window();
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(title);
        g.setFill(p.text());
        g.fillText(clip("Space-time diagram · " + f.stampKind().label + " stamps", w - 20 * s, title), x + 10 * s,
                y + 6 * s);
        g.setFont(small);
        g.setFill(p.mutedText());
        String since = win.startIndex() > 0 ? "counted from " + Units.trueTime(win.startMicros()) : "counted from the start";
        g.fillText(clip("events in order, not to scale · " + since, w - 20 * s, small), x + 10 * s, y + 23 * s);

        List<LogicalStamp> shown = win.shown();
        List<NodeId> nodes = new ArrayList<>();
        for (LogicalStamp st : shown) {
            if (!nodes.contains(st.node())) {
                nodes.add(st.node());
            }
        }
        nodes.sort(Comparator.comparing((NodeId n) -> n.name().startsWith("ref") ? 0 : 1)
                .thenComparingInt(n -> n.name().length()).thenComparing(n -> n.name()));
        double left = x + 44 * s;
        double right = x + w - 16 * s;
        double top = y + 40 * s + 18;
        double bottom = y + h - 40 * s - 18;
        eventRadius = 4.5 * s;
        if (shown.isEmpty()) {
            eventHits = List.of();
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(font);
            g.fillText(clip("No messages yet: events appear when clocks synchronize.", w - 20 * s, font), x + 10 * s,
                    y + 44 * s);
            return new ClocksDrawn.SpaceTime(List.of(), win.pickA(), win.pickB(), null);
        }
        double laneH = nodes.size() <= 1 ? 0 : (bottom - top) / (nodes.size() - 1);
        Map<NodeId, Double> laneY = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            double ly = top + i * laneH;
            laneY.put(nodes.get(i), ly);
            g.setStroke(p.border());
            g.setLineWidth(1.2 * s);
            g.strokeLine(left, ly, right, ly);
            g.setFont(bold);
            g.setFill(p.text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(nodes.get(i).name(), left - 6 * s, ly);
        }
        int start = win.startIndex();
        double dx = (right - left) / Math.max(1, shown.size());
        List<ClocksDrawn.Event> events = new ArrayList<>();
        Map<Long, double[]> sends = new HashMap<>();
        for (int i = 0; i < shown.size(); i++) {
            LogicalStamp st = shown.get(i);
            double ex = left + (i + 0.5) * dx;
            double ey = laneY.get(st.node());
            events.add(new ClocksDrawn.Event(st.traceIndex() + start, st.node().name(), ex, ey, st.lamport(),
                    vectorText(st), hybridText(st)));
            if (st.event() instanceof TraceEvent.MessageSent ms) {
                sends.put(ms.message().id(), new double[] {ex, ey});
            }
        }
        // Messages whose send and receipt are both shown.
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).event() instanceof TraceEvent.MessageDelivered md) {
                double[] from = sends.get(md.message().id());
                if (from != null) {
                    ClocksDrawn.Event to = events.get(i);
                    g.setStroke(colourOf(md.message().from(), p));
                    g.setLineWidth(1.4 * s);
                    g.strokeLine(from[0], from[1], to.x(), to.y());
                }
            }
        }
        int a = win.pickA();
        int b = win.pickB();
        for (int i = 0; i < events.size(); i++) {
            ClocksDrawn.Event e = events.get(i);
            LogicalStamp st = shown.get(i);
            boolean local = st.event() instanceof TraceEvent.ProtocolEvent;
            double r = eventRadius;
            g.setFill(local ? p.surface() : p.text());
            g.setStroke(p.text());
            g.setLineWidth(1.5 * s);
            if (local) {
                // A clock correction: a square, a local event.
                g.fillRect(e.x() - r, e.y() - r, 2 * r, 2 * r);
                g.strokeRect(e.x() - r, e.y() - r, 2 * r, 2 * r);
            } else {
                g.fillOval(e.x() - r, e.y() - r, 2 * r, 2 * r);
            }
            if (e.traceIndex() == a || e.traceIndex() == b) {
                g.setStroke(p.accent());
                g.setLineWidth(2.5 * s);
                g.strokeOval(e.x() - r * 2, e.y() - r * 2, r * 4, r * 4);
                g.setFill(p.accent());
                g.setFont(bold);
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.BOTTOM);
                g.fillText(e.traceIndex() == a ? "a" : "b", e.x(), e.y() - r * 2);
            }
            String label = switch (f.stampKind()) {
                case LAMPORT -> Long.toString(e.lamport());
                case VECTOR -> e.vector();
                case HYBRID -> e.hybrid();
            };
            g.setFont(small);
            g.setFill(p.mutedText());
            g.setTextAlign(TextAlignment.CENTER);
            // Neighbours alternate below and above the line; a long stamp only where it fits (always when picked).
            boolean below = i % 2 == 0;
            g.setTextBaseline(below ? VPos.TOP : VPos.BOTTOM);
            boolean picked = e.traceIndex() == a || e.traceIndex() == b;
            if (!picked && (2 * dx > textWidth(label, small) + 4 * s)) {
                g.fillText(label, e.x(), below ? e.y() + r + 1 * s : e.y() - r - 1 * s);
            }
        }
        eventHits = List.copyOf(events);
        String answer = answer(win);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFont(font);
        g.setFill(p.text());
        if (answer == null) {
            g.fillText(clip("Click two events (a, then b) to ask: did one happen before the other?", w - 20 * s, font),
                    x + 10 * s, y + h - 8 * s);
        } else {
            g.setFill(p.mutedText());
            g.setFont(small);
            g.fillText(clip(describe("a", win.stamp(a)) + "     " + describe("b", win.stamp(b)), w - 20 * s, small),
                    x + 10 * s, y + h - 24 * s);
            g.setFill(p.text());
            g.setFont(bold);
            g.fillText(clip(answer, w - 20 * s, bold), x + 10 * s, y + h - 7 * s);
        }
        return new ClocksDrawn.SpaceTime(List.copyOf(events), a, b, answer);
    }

    /** The sentence under the diagram for the two picked events, from their vector clocks. */
    static String answer(CausalWindow win) {
        CausalWindow.Relation rel = win.relation();
        if (rel == null) {
            return null;
        }
        LogicalStamp a = win.stamp(win.pickA());
        LogicalStamp b = win.stamp(win.pickB());
        String va = vectorText(a);
        String vb = vectorText(b);
        return switch (rel) {
            case A_BEFORE_B -> "a → b: a happened before b (every entry of " + va + " ≤ " + vb + ")";
            case B_BEFORE_A -> "b → a: b happened before a (every entry of " + vb + " ≤ " + va + ")";
            case CONCURRENT -> "a ∥ b: concurrent, neither vector is below the other (Lamport " + a.lamport()
                    + " vs " + b.lamport() + " says nothing)";
            case SAME -> "a and b are the same event";
        };
    }

    /** All three stamps of a picked event, for the line under the diagram. */
    private static String describe(String name, LogicalStamp st) {
        String what = st.event() instanceof TraceEvent.MessageSent ? "send"
                : st.event() instanceof TraceEvent.MessageDelivered ? "receive" : "correction";
        return name + " = " + st.node() + " " + what + ": L " + st.lamport() + ", V " + vectorText(st) + ", H "
                + hybridText(st);
    }

    private static String vectorText(LogicalStamp st) {
        StringBuilder sb = new StringBuilder("[");
        st.vector().entries().forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(k.name()).append(':').append(v);
        });
        return sb.append(']').toString();
    }

    private static String hybridText(LogicalStamp st) {
        return String.format(Locale.ROOT, "%.3f s·%d", st.hlc().l() / 1e9, st.hlc().c());
    }

    // ============================================================================================ helpers

    private void panel(double x, double y, double w, double h) {
        g.setFill(p.surface());
        g.fillRoundRect(x, y, w, h, 10 * s, 10 * s);
        g.setStroke(p.border());
        g.setLineWidth(1 * s);
        g.strokeRoundRect(x, y, w, h, 10 * s, 10 * s);
    }

    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();
    private final Map<String, Double> widths = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > 2_000;
        }
    };

    /** The width of {@code text} in {@code f}; measured once and remembered, since a frame asks many times. */
    private double textWidth(String text, Font f) {
        String key = f.getName() + '\u0000' + f.getSize() + '\u0000' + text;
        Double w = widths.get(key);
        if (w == null) {
            measure.setFont(f);
            measure.setText(text);
            w = measure.getLayoutBounds().getWidth();
            widths.put(key, w);
        }
        return w;
    }

    private String clip(String text, double width, Font f) {
        if (textWidth(text, f) <= width) {
            return text;
        }
        // Binary search for the longest prefix that fits with an ellipsis.
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (textWidth(text.substring(0, mid) + "…", f) <= width) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, lo) + "…";
    }

    static double niceStep(double raw) {
        if (raw <= 0 || Double.isNaN(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
    }

    static long niceTimeStep(long raw) {
        long[] steps = {100_000L, 200_000L, 500_000L, 1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L, 15_000_000L,
            30_000_000L, 60_000_000L, 120_000_000L, 300_000_000L, 600_000_000L, 900_000_000L, 1_800_000_000L,
            3_600_000_000L, 7_200_000_000L};
        for (long st : steps) {
            if (st >= raw) {
                return st;
            }
        }
        return 14_400_000_000L;
    }
}
