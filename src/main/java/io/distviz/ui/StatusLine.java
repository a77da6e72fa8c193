package io.distviz.ui;

import javafx.scene.Node;
import org.controlsfx.control.StatusBar;

/** The status bar at the bottom of the window: the latest message, or the latest error in red. */
public final class StatusLine {
    public static final String ERROR_STYLE_CLASS = "status-error";

    private final StatusBar bar = new StatusBar();

    public StatusLine() {
        bar.setId("status");
        bar.setText("Ready.");
    }

    public Node view() {
        return bar;
    }

    public void info(String message) {
        bar.getStyleClass().remove(ERROR_STYLE_CLASS);
        bar.setText(message);
    }

    /** Shows an error: what went wrong and, where it helps, what to do. The app carries on. */
    public void error(String message) {
        if (!bar.getStyleClass().contains(ERROR_STYLE_CLASS)) {
            bar.getStyleClass().add(ERROR_STYLE_CLASS);
        }
        bar.setText(message);
    }

    public String text() {
        return bar.getText();
    }

    public boolean showsError() {
        return bar.getStyleClass().contains(ERROR_STYLE_CLASS);
    }
}
