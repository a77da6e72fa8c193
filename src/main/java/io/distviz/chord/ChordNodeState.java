package io.distviz.chord;

import java.util.List;

/**
 * An immutable picture of one node's protocol state at one moment: what the Chord page draws beside the ring
 * and what the invariant checker reads.
 *
 * @param self          the node
 * @param phase         joining, member or left
 * @param predecessor   null when unknown
 * @param successors    the successor list, nearest first
 * @param fingers       the finger table, finger 1 first
 * @param keys          the keys held, with whether this node believes it is responsible for each
 * @param activeLookups lookups this node started that have not finished
 */
public record ChordNodeState(NodeRef self, ChordNode.Phase phase, NodeRef predecessor, List<NodeRef> successors,
                             List<Finger> fingers, List<StoredKey> keys, int activeLookups) {

    /** One row of the finger table (section 4.3, Table 1): start, interval [start, end), node. */
    public record Finger(int index, long start, long intervalEnd, NodeRef node) {
    }

    /** A key held by the node; {@code primary} when it falls in (predecessor, node]. */
    public record StoredKey(KeyItem item, boolean primary) {
    }

    /** The successor, or null when the list is empty. */
    public NodeRef successor() {
        return successors.isEmpty() ? null : successors.get(0);
    }

    /** The finger with index i (1-based). */
    public Finger finger(int i) {
        return fingers.get(i - 1);
    }
}
