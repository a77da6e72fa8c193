package io.distviz.chord;

import io.distviz.sim.Payload;

import java.util.List;

/**
 * The messages Chord nodes exchange, named after the paper's remote procedure calls. A request that expects
 * an answer carries an {@code rpc} number, which the answer repeats; a node that hears nothing back before its
 * RPC timeout believes the peer dead (the only failure detector Chord has).
 */
public sealed interface ChordMessage extends Payload {

    // ---------------------------------------------------------------- lookups, iterative (section 4.3)

    /**
     * The origin asks {@code n'} for the next step towards {@code target}: is the target in
     * {@code (n', n'.successor]}, and if not, what is {@code n'.closest_preceding_node(target)}? Nodes in
     * {@code excluded} have timed out during this lookup and must not be suggested.
     */
    record NextHopRequest(long rpc, long lookupId, long target, List<Long> excluded, boolean successorsOnly)
            implements ChordMessage {
    }

    /**
     * The answer: when {@code done}, {@code node} is the sender's successor and so the target's successor;
     * otherwise it is a closer preceding node, reached through {@code route}/{@code index}.
     */
    record NextHopReply(long rpc, long lookupId, boolean done, NodeRef node, Hop.Route route, int index)
            implements ChordMessage {
    }

    // ---------------------------------------------------------------- lookups, recursive

    /** A lookup forwarded hop by hop; the receiver acknowledges at once so the sender can route around it. */
    record FindSuccessor(long rpc, long lookupId, NodeRef origin, long target, Purpose purpose, int hops,
                         int timeouts, List<Hop> path, List<Long> excluded, boolean successorsOnly)
            implements ChordMessage {
    }

    /** "I have your request": the hop-by-hop acknowledgement of a forwarded lookup. */
    record HopAck(long rpc) implements ChordMessage {
    }

    /** The node that found the target in (itself, successor] answers the origin directly. */
    record FoundSuccessor(long lookupId, NodeRef successor, int hops, int timeouts, List<Hop> path)
            implements ChordMessage {
    }

    // ---------------------------------------------------------------- ring maintenance (sections 4.4, 5.2)

    /** stabilize: "tell me your predecessor and successor list". */
    record GetNeighbours(long rpc) implements ChordMessage {
    }

    /** The answer to {@link GetNeighbours}; {@code predecessor} is null when the sender has none. */
    record Neighbours(long rpc, NodeRef predecessor, List<NodeRef> successors) implements ChordMessage {
    }

    /** notify (Zave: rectify): "I think I might be your predecessor". */
    record Notify(NodeRef candidate) implements ChordMessage {
    }

    /** check_predecessor and other liveness checks. */
    record Ping(long rpc) implements ChordMessage {
    }

    record Pong(long rpc) implements ChordMessage {
    }

    /** A graceful leave, to the successor: take my keys; my predecessor is now yours. */
    record PredecessorLeaving(NodeRef leaving, NodeRef newPredecessor, List<KeyItem> keys) implements ChordMessage {
    }

    /** A graceful leave, to the predecessor: I am going; here is my successor list to splice in. */
    record SuccessorLeaving(NodeRef leaving, List<NodeRef> successors) implements ChordMessage {
    }

    // ---------------------------------------------------------------- keys

    /** Keys handed to the node that is now responsible for them (after a join). */
    record TransferKeys(long rpc, NodeRef from, List<KeyItem> keys, KeyMoveReason reason) implements ChordMessage {
    }

    record TransferAck(long rpc) implements ChordMessage {
    }

    /** A primary pushing copies of its keys to its next k − 1 successors. */
    record Replicate(NodeRef primary, List<KeyItem> keys) implements ChordMessage {
    }

    /** Store a key at the node a lookup found responsible for it. */
    record Put(long rpc, NodeRef client, KeyItem item) implements ChordMessage {
    }

    record PutAck(long rpc) implements ChordMessage {
    }

    record Get(long rpc, String key) implements ChordMessage {
    }

    /** {@code item} is null when the node holds no such key. */
    record GetReply(long rpc, KeyItem item) implements ChordMessage {
    }
}
