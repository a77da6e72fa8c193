package io.distviz.ui;

import java.util.Optional;
import javafx.scene.Node;

/** One page of the app: Home, or a protocol's page. */
public interface Page {

    /** Stable id, used in tests and for navigation. */
    String id();

    /** The name shown in the navigation. */
    String title();

    /** A one-line description for the navigation's tooltip. */
    String summary();

    Node view();

    /** The page's simulation, if it has one; the toolbar drives it while the page is shown. */
    default Optional<SimulationSession> session() {
        return Optional.empty();
    }

    /** Called once per frame while the page is shown, after the simulation advanced: draw the latest state. */
    default void onFrame() {
    }
}
