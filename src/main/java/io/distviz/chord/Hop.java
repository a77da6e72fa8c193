package io.distviz.chord;

import java.io.Serializable;
import java.util.Objects;

/**
 * One step of a lookup's path: the node the request reached and the pointer the previous node followed to
 * get there, so a view can draw the chord actually used and highlight the finger-table row.
 *
 * @param node  the node reached
 * @param route which kind of pointer was followed
 * @param index the finger number (1..m) for {@link Route#FINGER}, the position in the successor list (1 is the
 *              successor itself) for {@link Route#SUCCESSOR_LIST}, otherwise 0
 */
public record Hop(NodeRef node, Route route, int index) implements Serializable {
    public enum Route {
        /** A joining node's first contact, which it knows from outside the protocol. */
        BOOTSTRAP,
        /** The immediate successor pointer (successor-only routing, or the last step of a finger lookup). */
        SUCCESSOR,
        /** Finger {@code index} of the previous node. */
        FINGER,
        /** Entry {@code index} of the previous node's successor list, used when fingers are not closer. */
        SUCCESSOR_LIST
    }

    public Hop {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(route, "route");
    }

    @Override
    public String toString() {
        return switch (route) {
            case FINGER -> node + " via finger " + index;
            case SUCCESSOR_LIST -> node + " via successor list " + index;
            case SUCCESSOR -> node + " via successor";
            case BOOTSTRAP -> node + " via bootstrap";
        };
    }
}
