package io.distviz.sim;

import java.io.Serializable;

/**
 * The protocol content of a message. Implementations are immutable records named in the protocol's own
 * words ({@code RequestVote}, {@code FindSuccessor}); the kernel never looks inside.
 */
public interface Payload extends Serializable {

    /** A short name for the kind of message, shown in traces and used to pick its shape on screen. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
