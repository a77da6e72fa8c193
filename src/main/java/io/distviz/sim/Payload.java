package io.distviz.sim;

import java.io.Serializable;

/**
 * The protocol content of a message. Implementations are immutable records (or enums) named in the
 * protocol's own words ({@code RequestVote}, {@code FindSuccessor}); the kernel never looks inside. The trace
 * describes a message by its payload's {@code toString()}, so a payload holds lists rather than arrays and
 * only values that print the same on every run (ArchitectureTest checks records, enums and arrays).
 */
public interface Payload extends Serializable {

    /** A short name for the kind of message, shown in traces and used to pick its shape on screen. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
