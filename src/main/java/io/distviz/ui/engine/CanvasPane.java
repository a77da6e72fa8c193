package io.distviz.ui.engine;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;

/**
 * A pane holding one canvas that always fills it. Pages draw many shapes on a canvas rather than as scene
 * nodes (a 1,024-node ring would be thousands of nodes otherwise); the canvas is redrawn once per frame.
 */
public class CanvasPane extends Pane {
    private final Canvas canvas = new Canvas();

    public CanvasPane() {
        getChildren().add(canvas);
        setMinSize(0, 0);
    }

    public Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        canvas.relocate(0, 0);
    }
}
