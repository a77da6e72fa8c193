package io.distviz.ui;

import java.util.Optional;
import javafx.scene.Node;

/**
 * A page that can draw a space-time diagram (one line per node, messages as arrows between them), so the
 * File menu can export it as a picture on its own, apart from the rest of the page.
 */
public interface DiagramSource {
    /** The diagram's node while the page shows one, else empty. */
    Optional<Node> spaceTimeDiagram();
}
