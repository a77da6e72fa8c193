package io.distviz.ui.theme;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The colours of one theme, named for what they mean. The stylesheet reads them as CSS looked-up colours
 * ({@code -dv-accent}), set on the scene root from {@link #toCss()}; canvas drawing reads the same object,
 * so controls and drawings always agree.
 */
public record Palette(String name, Color background, Color surface, Color surfaceRaised, Color text,
                      Color mutedText, Color border, Color accent, Color accentText, Color success,
                      Color warning, Color danger, Color info) {

    public static final Palette LIGHT = new Palette("light",
            Color.web("#f6f7f9"), Color.web("#ffffff"), Color.web("#eef1f5"), Color.web("#1f2328"),
            Color.web("#57606a"), Color.web("#d0d7de"), Color.web("#0b5cc4"), Color.web("#ffffff"),
            Color.web("#1a7f37"), Color.web("#9a6700"), Color.web("#cf222e"), Color.web("#8250df"));

    public static final Palette DARK = new Palette("dark",
            Color.web("#0f141a"), Color.web("#161c24"), Color.web("#1f2630"), Color.web("#e6edf3"),
            Color.web("#9aa5b1"), Color.web("#343d49"), Color.web("#4c9bff"), Color.web("#0b1016"),
            Color.web("#3fb950"), Color.web("#d29922"), Color.web("#ff6b60"), Color.web("#b392f0"));

    /** The looked-up colours, in a stable order. */
    public Map<String, Color> lookedUpColors() {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put("-dv-bg", background);
        m.put("-dv-surface", surface);
        m.put("-dv-surface-raised", surfaceRaised);
        m.put("-dv-text", text);
        m.put("-dv-text-muted", mutedText);
        m.put("-dv-border", border);
        m.put("-dv-accent", accent);
        m.put("-dv-accent-text", accentText);
        m.put("-dv-success", success);
        m.put("-dv-warning", warning);
        m.put("-dv-danger", danger);
        m.put("-dv-info", info);
        return m;
    }

    /** An inline style that defines every looked-up colour, for the scene root. */
    public String toCss() {
        StringBuilder sb = new StringBuilder();
        lookedUpColors().forEach((k, c) -> sb.append(k).append(": ").append(hex(c)).append("; "));
        return sb.toString().trim();
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
