package io.distviz.ui.theme;

/** The app's colour themes. */
public enum Theme {
    LIGHT("Light", Palette.LIGHT),
    DARK("Dark", Palette.DARK);

    private final String label;
    private final Palette palette;

    Theme(String label, Palette palette) {
        this.label = label;
        this.palette = palette;
    }

    public String label() {
        return label;
    }

    public Palette palette() {
        return palette;
    }
}
