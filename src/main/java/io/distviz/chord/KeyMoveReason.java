package io.distviz.chord;

/** Why a key arrived at a node. */
public enum KeyMoveReason {
    /** A client stored it at the node a lookup found responsible. */
    STORE,
    /** A node joined in front of the old owner, which handed over the keys in (predecessor, new node]. */
    JOIN,
    /** The owner left gracefully and handed its keys to its successor. */
    LEAVE,
    /** The primary copied it to one of its next k − 1 successors. */
    REPLICATE,
    /** The node already held a replica and became responsible when its predecessor disappeared. */
    TAKEOVER
}
