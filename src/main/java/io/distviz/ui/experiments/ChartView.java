package io.distviz.ui.experiments;

import io.distviz.ui.theme.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * A small chart on a canvas: axes with round ticks, lines with point marks, dashed reference lines, error
 * bars and bars. Each series has a shape as well as a colour, so the chart reads without telling colours
 * apart. It keeps its data so tests can compare the points drawn with an experiment's numbers.
 */
final class ChartView {

    enum Style { LINE, DASHED, BARS, STEPS }

    /** One series: points (x, y), optional error bars (low, high per point). */
    record Series(String name, Style style, List<double[]> points, List<double[]> errors) {
        Series {
            points = List.copyOf(points);
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    private final Canvas canvas = new Canvas(560, 300);
    private final List<Series> series = new ArrayList<>();
    private String xLabel = "";
    private String yLabel = "";
    private boolean logX;
    private DoubleFunction<String> xTicks = ChartView::number;
    private List<String> categories = List.of();
    private Palette palette = Palette.LIGHT;
    private double scale = 1;

    Canvas canvas() {
        return canvas;
    }

    List<Series> series() {
        return List.copyOf(series);
    }

    void axes(String x, String y, boolean logX, DoubleFunction<String> xTicks) {
        this.xLabel = x;
        this.yLabel = y;
        this.logX = logX;
        this.xTicks = xTicks == null ? ChartView::number : xTicks;
    }

    /** Bars are placed at x = 0, 1, 2... with these names under them. */
    void categories(List<String> names) {
        categories = List.copyOf(names);
    }

    void clear() {
        series.clear();
        redraw();
    }

    void set(List<Series> all) {
        series.clear();
        series.addAll(all);
        redraw();
    }

    void look(Palette p, double scale) {
        this.palette = p;
        this.scale = scale;
        redraw();
    }

    private Color color(int i) {
        Color[] c = {palette.accent(), palette.warning(), palette.info(), palette.success(), palette.danger(),
                palette.mutedText()};
        return c[i % c.length];
    }

    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        double sc = scale;
        g.setFill(palette.surface());
        g.fillRect(0, 0, w, h);
        double left = 58 * sc;
        double right = 14 * sc;
        double top = 12 * sc;
        double bottom = 44 * sc;
        double legendH = series.isEmpty() ? 0 : 18 * sc;
        double pw = w - left - right;
        double ph = h - top - bottom - legendH;
        if (series.isEmpty() || pw < 20 || ph < 20) {
            g.setFill(palette.mutedText());
            g.setFont(Font.font(12 * sc));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("Run the experiment to see its result here.", w / 2, h / 2);
            return;
        }
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        double minY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
                minY = Math.min(minY, p[1]);
            }
            for (double[] e : s.errors()) {
                maxY = Math.max(maxY, e[1]);
            }
        }
        boolean bars = series.stream().anyMatch(s -> s.style() == Style.BARS);
        if (bars) {
            minX = -0.6;
            maxX = Math.max(categories.size(), 1) - 0.4;
        } else if (minX == maxX) {
            minX -= 1;
            maxX += 1;
        }
        double yStep = niceStep(maxY - minY);
        maxY = Math.ceil(maxY / yStep) * yStep;
        if (maxY <= minY) {
            maxY = minY + 1;
        }
        double fx0 = logX ? Math.log(minX) : minX;
        double fx1 = logX ? Math.log(maxX) : maxX;
        if (!bars) {
            double pad = (fx1 - fx0) * 0.04;
            fx0 -= pad;
            fx1 += pad;
        }
        final double x0 = fx0;
        final double x1 = fx1;
        final double y1 = maxY;
        final double y0 = minY;
        java.util.function.DoubleUnaryOperator sx = x -> left + ((logX ? Math.log(x) : x) - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator sy = y -> top + ph - (y - y0) / (y1 - y0) * ph;

        // grid and axes
        g.setFont(Font.font(11 * sc));
        g.setLineWidth(1);
        g.setTextBaseline(VPos.CENTER);
        for (double y = y0; y <= y1 + yStep / 2; y += yStep) {
            double py = sy.applyAsDouble(y);
            g.setStroke(palette.border());
            g.strokeLine(left, py, left + pw, py);
            g.setFill(palette.mutedText());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(number(y), left - 6 * sc, py);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        if (bars) {
            for (int i = 0; i < categories.size(); i++) {
                g.fillText(categories.get(i), sx.applyAsDouble(i), top + ph + 6 * sc);
            }
        } else {
            List<Double> xs = new ArrayList<>();
            for (Series s : series) {
                for (double[] p : s.points()) {
                    if (!xs.contains(p[0])) {
                        xs.add(p[0]);
                    }
                }
            }
            double lastLabel = -1e9;
            xs.sort(Double::compare);
            if (!logX && xs.size() > 12) {
                // Many points (a line over time): round ticks rather than the data's own x values.
                double step = niceStep(xs.get(xs.size() - 1) - xs.get(0));
                xs.clear();
                for (double x = Math.ceil(minX / step) * step; x <= maxX + step / 1e6; x += step) {
                    xs.add(x);
                }
            }
            for (double x : xs) {
                double px = sx.applyAsDouble(x);
                if (xs.size() > 12 && px - lastLabel < 46 * sc) {
                    continue;
                }
                lastLabel = px;
                g.setStroke(palette.border());
                g.strokeLine(px, top + ph, px, top + ph + 4 * sc);
                g.fillText(xTicks.apply(x), px, top + ph + 6 * sc);
            }
        }
        g.setStroke(palette.mutedText());
        g.strokeLine(left, top + ph, left + pw, top + ph);
        g.strokeLine(left, top, left, top + ph);
        g.setFill(palette.text());
        g.setFont(Font.font(null, FontWeight.BOLD, 11 * sc));
        g.fillText(xLabel, left + pw / 2, top + ph + 22 * sc);
        g.save();
        g.translate(14 * sc, top + ph / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(yLabel, 0, 0);
        g.restore();

        // data
        int barSeries = (int) series.stream().filter(s -> s.style() == Style.BARS).count();
        int barIndex = 0;
        double lx = left;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color c = color(i);
            g.setStroke(c);
            g.setFill(c);
            g.setLineWidth(2 * sc);
            g.setLineDashes(s.style() == Style.DASHED ? new double[] {6 * sc, 4 * sc} : null);
            if (s.style() == Style.BARS) {
                double slot = pw / Math.max(1, categories.size());
                double bw = slot * 0.7 / barSeries;
                for (double[] p : s.points()) {
                    double cx = sx.applyAsDouble(p[0]) - slot * 0.35 + barIndex * bw;
                    double py = sy.applyAsDouble(p[1]);
                    g.fillRect(cx, py, bw - 2, top + ph - py);
                    g.setFill(palette.text());
                    g.setFont(Font.font(10 * sc));
                    g.setTextAlign(TextAlignment.CENTER);
                    g.setTextBaseline(VPos.BOTTOM);
                    g.fillText(number(p[1]), cx + bw / 2, py - 2);
                    g.setFill(c);
                }
                barIndex++;
            } else {
                double[] prev = null;
                for (double[] p : s.points()) {
                    double px = sx.applyAsDouble(p[0]);
                    double py = sy.applyAsDouble(p[1]);
                    if (prev != null) {
                        if (s.style() == Style.STEPS) {
                            g.strokeLine(prev[0], prev[1], px, prev[1]);
                            g.strokeLine(px, prev[1], px, py);
                        } else {
                            g.strokeLine(prev[0], prev[1], px, py);
                        }
                    }
                    prev = new double[] {px, py};
                    if (s.style() == Style.LINE && s.points().size() <= 60) {
                        mark(g, i, px, py, 4 * sc);
                    }
                }
                g.setLineDashes((double[]) null);
                g.setLineWidth(1.4 * sc);
                for (int k = 0; k < s.errors().size() && k < s.points().size(); k++) {
                    double px = sx.applyAsDouble(s.points().get(k)[0]);
                    double lo = sy.applyAsDouble(s.errors().get(k)[0]);
                    double hi = sy.applyAsDouble(s.errors().get(k)[1]);
                    g.strokeLine(px, lo, px, hi);
                    g.strokeLine(px - 4 * sc, lo, px + 4 * sc, lo);
                    g.strokeLine(px - 4 * sc, hi, px + 4 * sc, hi);
                }
            }
            g.setLineDashes((double[]) null);
            // legend entry
            double ly = h - 10 * sc;
            g.setStroke(c);
            g.setFill(c);
            g.setLineWidth(2 * sc);
            g.setLineDashes(s.style() == Style.DASHED ? new double[] {5 * sc, 3 * sc} : null);
            g.strokeLine(lx, ly, lx + 18 * sc, ly);
            g.setLineDashes((double[]) null);
            if (s.style() == Style.LINE) {
                mark(g, i, lx + 9 * sc, ly, 3.5 * sc);
            }
            g.setFill(palette.mutedText());
            g.setFont(Font.font(10.5 * sc));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(s.name(), lx + 22 * sc, ly);
            lx += 30 * sc + s.name().length() * 6.2 * sc;
        }
    }

    /** A different mark per series: circle, square, triangle, diamond. */
    private void mark(GraphicsContext g, int i, double x, double y, double r) {
        switch (i % 4) {
            case 0 -> g.fillOval(x - r, y - r, 2 * r, 2 * r);
            case 1 -> g.fillRect(x - r, y - r, 2 * r, 2 * r);
            case 2 -> g.fillPolygon(new double[] {x, x + r, x - r}, new double[] {y - r, y + r, y + r}, 3);
            default -> g.fillPolygon(new double[] {x, x + r, x, x - r}, new double[] {y - r, y, y + r, y}, 4);
        }
    }

    static double niceStep(double range) {
        if (range <= 0) {
            return 1;
        }
        double raw = range / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
