package io.distviz.sim;

import java.io.Serializable;

/**
 * Builds a node's fresh in-memory state: when the node is added ({@code durableState == null}) and each
 * time it restarts after a crash (with what {@link Node#durableState()} returned when it crashed). This is
 * how the kernel models a crash: the old object, with all its volatile state, is thrown away.
 */
@FunctionalInterface
public interface NodeFactory extends Serializable {
    Node create(NodeId id, Serializable durableState);
}
