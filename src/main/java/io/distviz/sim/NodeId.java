package io.distviz.sim;

import java.io.Serializable;
import java.util.Objects;

/** The name of a simulated node, such as {@code s1} or {@code 10.0.0.7:4000}. Ordered by name. */
public record NodeId(String name) implements Comparable<NodeId>, Serializable {

    public NodeId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a node name must not be blank");
        }
    }

    public static NodeId of(String name) {
        return new NodeId(name);
    }

    @Override
    public int compareTo(NodeId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
