package io.distviz.sim.archfixture;

import javafx.scene.paint.Color;

/** Breaks the rules on purpose: a kernel-package class that uses JavaFX. */
public final class ImportsJavaFx {
    public Color colour() {
        return Color.RED;
    }
}
