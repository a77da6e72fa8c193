package io.distviz.ui;

import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Theme;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: the theme, projector mode and the page last shown. A value that does
 * not make sense (edited by hand, from an older version) is ignored and the default kept.
 */
public final class AppPreferences {
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
        appearance.themeProperty().addListener((o, a, b) -> node.put("theme", b.name()));
        appearance.projectorProperty().addListener((o, a, b) -> node.putBoolean("projector", b));
        shell.currentPageProperty().addListener((o, a, b) -> node.put("page", b.id()));
    }
}
