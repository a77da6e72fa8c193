package io.distviz.ui.theme;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.scene.Scene;

/**
 * How the app looks: the theme and the projector mode. Projector mode scales every font (the stylesheet
 * sizes everything in em) and, through {@link #strokeScale()}, every canvas stroke, for a classroom wall.
 *
 * <p>The theme reaches CSS as a small generated stylesheet that defines the looked-up colours on every
 * {@code .root}, placed before {@code app.css}. A stylesheet rather than an inline style on the window's root,
 * because menus, tooltips and dialogs have roots of their own and must get the same colours.
 */
public final class Appearance {
    public static final String PROJECTOR_STYLE_CLASS = "projector";
    public static final double NORMAL_FONT_PX = 13;
    public static final double PROJECTOR_FONT_PX = 19;

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty projector = new SimpleBooleanProperty(this, "projector", false);

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty projectorProperty() {
        return projector;
    }

    public Palette palette() {
        return theme.get().palette();
    }

    public double fontPx() {
        return projector.get() ? PROJECTOR_FONT_PX : NORMAL_FONT_PX;
    }

    /** Multiply canvas line widths and glyph sizes by this. */
    public double strokeScale() {
        return fontPx() / NORMAL_FONT_PX;
    }

    /** The CSS text of the generated theme stylesheet. */
    public String themeCss() {
        return ".root { " + palette().toCss() + " -fx-font-size: "
                + String.format(Locale.ROOT, "%.0f", fontPx()) + "px; }\n";
    }

    /** The theme stylesheet as a {@code data:} URL, which JavaFX reads like a file. */
    public String themeStylesheet() {
        return "data:text/css;base64,"
                + Base64.getEncoder().encodeToString(themeCss().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keeps {@code scene} in step with this appearance: the theme stylesheet first, then {@code appCss}, and
     * the theme and projector style classes on the root.
     */
    public void applyTo(Scene scene, String appCss) {
        Runnable apply = () -> {
            ObservableList<String> sheets = scene.getStylesheets();
            sheets.removeIf(s -> s.startsWith("data:text/css"));
            if (!sheets.contains(appCss)) {
                sheets.add(appCss);
            }
            sheets.add(0, themeStylesheet());
            List<String> classes = scene.getRoot().getStyleClass();
            classes.removeIf(c -> c.startsWith("theme-") || c.equals(PROJECTOR_STYLE_CLASS));
            classes.add("theme-" + palette().name());
            if (projector.get()) {
                classes.add(PROJECTOR_STYLE_CLASS);
            }
        };
        theme.addListener((obs, o, n) -> apply.run());
        projector.addListener((obs, o, n) -> apply.run());
        apply.run();
    }
}
