package io.distviz.chord;

import io.distviz.sim.NodeId;

import java.io.Serializable;
import java.util.Objects;

/**
 * What one Chord node knows about another: its identifier on the circle and the address to send to. This is
 * the paper's "node" in a finger table or successor list.
 */
public record NodeRef(long id, NodeId address) implements Serializable {
    public NodeRef {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return id + "@" + address;
    }
}
