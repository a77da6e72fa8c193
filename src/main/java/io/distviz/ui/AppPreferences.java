package io.distviz.ui;

import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Theme;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: the theme, projector mode, the page last shown, each page's
 * simulation speed and the scale pictures are exported at. A value that does not make sense (edited by hand,
 * from an older version) is ignored and the default kept.
 *
 * <p>Speed is kept per page, as the toolbar keeps it: each page's simulation has its own, so a teacher can
 * leave the clocks page at 100× (its polls are a minute apart) and Raft at 0.1× (its messages take
 * milliseconds), and find them so next time.
 */
public final class AppPreferences {
    static final String SPEED_PREFIX = "speed.";
    static final String PNG_SCALE = "pngScale";

    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's own preferences. */
    public static AppPreferences user() {
        return new AppPreferences(Preferences.userRoot().node("io/distviz/app"));
    }

    /** Applies what was remembered to {@code appearance} and {@code shell}, and remembers changes from now on. */
    public void bind(Appearance appearance, AppShell shell) {
        try {
            appearance.themeProperty().set(Theme.valueOf(node.get("theme", Theme.LIGHT.name())));
        } catch (IllegalArgumentException e) {
            // an unknown theme: keep the default
        }
        appearance.projectorProperty().set(node.getBoolean("projector", false));
        String page = node.get("page", null);
        if (page != null && shell.page(page) != null) {
            shell.show(page);
        }
        for (Page p : shell.pages()) {
            p.session().ifPresent(session -> {
                String key = SPEED_PREFIX + p.id();
                // NaN when absent or not a number; out of range when edited or from another version.
                double speed = node.getDouble(key, Double.NaN);
                if (speed >= SimulationSession.MIN_SPEED && speed <= SimulationSession.MAX_SPEED) {
                    session.speedProperty().set(speed);
                }
                session.speedProperty().addListener((o, a, b) -> node.putDouble(key, b.doubleValue()));
            });
        }
        int scale = node.getInt(PNG_SCALE, FileActions.DEFAULT_PNG_SCALE);
        if (FileActions.PNG_SCALES.contains(scale)) {
            shell.pngScaleProperty().set(scale);
        }
        appearance.themeProperty().addListener((o, a, b) -> node.put("theme", b.name()));
        appearance.projectorProperty().addListener((o, a, b) -> node.putBoolean("projector", b));
        shell.currentPageProperty().addListener((o, a, b) -> node.put("page", b.id()));
        shell.pngScaleProperty().addListener((o, a, b) -> node.putInt(PNG_SCALE, b.intValue()));
    }
}
