package io.distviz.sim;

/** Life of a node as the kernel sees it. */
public enum NodeStatus {
    UP,
    /** Down: volatile state lost, durable state kept; can be restarted. */
    CRASHED,
    /** Gone for good (a graceful leave or a deletion); its name may be added again as a new node. */
    REMOVED
}
