package io.distviz.chord;

import java.io.Serializable;
import java.util.List;

/**
 * The exact pointers of a node in a ring that is placed directly rather than built by joins: used by
 * experiments and benchmarks that need a large ideal ring quickly (and say so in their output). After
 * placement the node runs the ordinary protocol.
 *
 * @param predecessor the previous member
 * @param successors  the next r members
 * @param fingers     finger i at index i − 1
 */
public record Placement(NodeRef predecessor, List<NodeRef> successors, List<NodeRef> fingers)
        implements Serializable {
}
