package io.distviz.sim;

/** Why the network did not deliver a message. */
public enum DropReason {
    /** The link lost it (random loss). */
    LOSS,
    /** A partition stood between sender and receiver when it was sent or when it arrived. */
    PARTITION,
    /** The receiver was crashed or removed, or crashed while the message was in flight. */
    NODE_DOWN,
    /** No node of that name was ever added. */
    NO_SUCH_NODE
}
