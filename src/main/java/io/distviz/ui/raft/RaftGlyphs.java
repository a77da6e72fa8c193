package io.distviz.ui.raft;

import io.distviz.ui.theme.Palette;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The marks of the Raft page's messages, one shape per kind: the canvas and the legend in the side panel draw
 * with the same code, so the legend cannot drift from the drawing. Requests are filled or hollow shapes,
 * answers carry their verdict in the shape too (a tick or a cross, a filled or hollow triangle), never in
 * colour alone.
 */
final class RaftGlyphs {
    private RaftGlyphs() {
    }

    /**
     * Draws the mark of {@code kind} centred on (x, y).
     *
     * @param angle   the direction of travel, in radians (triangles point along it)
     * @param unit    the mark's half-size in pixels
     * @param caption text for marks that carry some (entry count, command, leader hint)
     */
    static void draw(GraphicsContext g, MessageKind kind, double x, double y, double angle, double unit, Palette p,
                     String caption) {
        g.save();
        g.setLineDashes();
        g.setLineCap(StrokeLineCap.ROUND);
        double lw = Math.max(1.2, unit / 3.5);
        g.setLineWidth(lw);
        switch (kind) {
            case REQUEST_VOTE -> {
                diamond(g, x, y, unit * 1.35);
                g.setFill(p.warning());
                g.fill();
                g.setStroke(p.text());
                g.setLineWidth(lw * 0.6);
                g.stroke();
            }
            case PRE_VOTE -> {
                diamond(g, x, y, unit * 1.3);
                g.setFill(p.surface());
                g.fill();
                g.setStroke(p.warning());
                g.stroke();
            }
            case VOTE_GRANTED -> {
                g.setFill(p.success());
                g.fillOval(x - unit, y - unit, unit * 2, unit * 2);
                g.setStroke(p.surface());
                g.setLineWidth(lw);
                g.strokePolyline(new double[] {x - unit * 0.5, x - unit * 0.1, x + unit * 0.55},
                        new double[] {y, y + unit * 0.45, y - unit * 0.45}, 3);
            }
            case VOTE_REFUSED -> {
                g.setFill(p.surface());
                g.fillOval(x - unit, y - unit, unit * 2, unit * 2);
                g.setStroke(p.danger());
                g.strokeOval(x - unit, y - unit, unit * 2, unit * 2);
                double k = unit * 0.45;
                g.strokeLine(x - k, y - k, x + k, y + k);
                g.strokeLine(x - k, y + k, x + k, y - k);
            }
            case HEARTBEAT -> {
                double k = unit * 0.8;
                g.setFill(p.surface());
                g.fillRect(x - k, y - k, 2 * k, 2 * k);
                g.setStroke(p.accent());
                g.strokeRect(x - k, y - k, 2 * k, 2 * k);
            }
            case APPEND_ENTRIES -> {
                double hw = unit * 1.5;
                double hh = unit * 1.05;
                g.setFill(p.accent());
                g.fillRoundRect(x - hw, y - hh, 2 * hw, 2 * hh, unit * 0.5, unit * 0.5);
                text(g, caption, x, y, unit * 1.5, p.accentText(), FontWeight.BOLD);
            }
            case APPEND_OK -> {
                triangle(g, x, y, angle, unit * 1.2);
                g.setFill(p.success());
                g.fill();
            }
            case APPEND_REJECTED -> {
                triangle(g, x, y, angle, unit * 1.2);
                g.setFill(p.surface());
                g.fill();
                g.setStroke(p.danger());
                g.stroke();
            }
            case INSTALL_SNAPSHOT -> {
                hexagon(g, x, y, unit * 1.5);
                g.setFill(p.info());
                g.fill();
                text(g, "S", x, y, unit * 1.6, p.surface(), FontWeight.BOLD);
            }
            case SNAPSHOT_REPLY -> {
                hexagon(g, x, y, unit);
                g.setFill(p.surface());
                g.fill();
                g.setStroke(p.info());
                g.stroke();
            }
            case TIMEOUT_NOW -> {
                g.setFill(p.warning());
                g.fillOval(x - unit, y - unit, unit * 2, unit * 2);
                text(g, "!", x, y, unit * 1.6, p.surface(), FontWeight.BOLD);
            }
            case CLIENT_REQUEST, CLIENT_OK, CLIENT_REDIRECT -> pill(g, kind, x, y, unit, p, caption);
            default -> {
            }
        }
        g.restore();
    }

    private static void pill(GraphicsContext g, MessageKind kind, double x, double y, double unit, Palette p,
                             String caption) {
        double fontPx = unit * 1.5;
        double hw = Math.max(unit * 1.6, caption.length() * fontPx * 0.32 + unit * 0.8);
        double hh = unit * 1.05;
        double r = hh * 2;
        if (kind == MessageKind.CLIENT_OK) {
            g.setFill(p.success());
            g.fillRoundRect(x - hw, y - hh, 2 * hw, 2 * hh, r, r);
            text(g, caption, x, y, fontPx, p.surface(), FontWeight.BOLD);
            return;
        }
        g.setFill(p.surface());
        g.fillRoundRect(x - hw, y - hh, 2 * hw, 2 * hh, r, r);
        if (kind == MessageKind.CLIENT_REDIRECT) {
            g.setLineDashes(unit * 0.6, unit * 0.4);
            g.setStroke(p.warning());
        } else {
            g.setStroke(p.text());
        }
        g.strokeRoundRect(x - hw, y - hh, 2 * hw, 2 * hh, r, r);
        g.setLineDashes();
        text(g, caption, x, y, fontPx, p.text(), FontWeight.BOLD);
    }

    private static void text(GraphicsContext g, String s, double x, double y, double px, Color c, FontWeight w) {
        if (s == null || s.isEmpty()) {
            return;
        }
        g.setFont(Font.font("System", w, px));
        g.setFill(c);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(s, x, y);
    }

    private static void diamond(GraphicsContext g, double x, double y, double r) {
        g.beginPath();
        g.moveTo(x, y - r);
        g.lineTo(x + r, y);
        g.lineTo(x, y + r);
        g.lineTo(x - r, y);
        g.closePath();
    }

    private static void triangle(GraphicsContext g, double x, double y, double angle, double r) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        g.beginPath();
        g.moveTo(x + c * r, y + s * r);
        g.lineTo(x - c * r * 0.8 - s * r * 0.85, y - s * r * 0.8 + c * r * 0.85);
        g.lineTo(x - c * r * 0.8 + s * r * 0.85, y - s * r * 0.8 - c * r * 0.85);
        g.closePath();
    }

    private static void hexagon(GraphicsContext g, double x, double y, double r) {
        g.beginPath();
        for (int i = 0; i < 6; i++) {
            double a = Math.PI / 3 * i;
            double px = x + r * Math.cos(a);
            double py = y + r * Math.sin(a);
            if (i == 0) {
                g.moveTo(px, py);
            } else {
                g.lineTo(px, py);
            }
        }
        g.closePath();
    }

    /** The background of a log entry of {@code term}: a distinct hue per term, pale in light, deep in dark. */
    static Color termColor(long term, Palette p) {
        double hue = (term * 137.508 + 200) % 360;
        boolean dark = p.background().getBrightness() < 0.5;
        return dark ? Color.hsb(hue, 0.5, 0.40) : Color.hsb(hue, 0.30, 0.97);
    }
}
