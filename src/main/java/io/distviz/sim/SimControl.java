package io.distviz.sim;

import java.io.Serializable;
import java.util.Collection;
import java.util.Set;

/**
 * The levers a {@link UserAction} may pull. Only available inside {@link Simulation#perform}, so that every
 * change to a running simulation is logged and can be replayed.
 */
public interface SimControl {
    long nowMicros();

    /** Adds a node (or re-adds a removed name as a fresh node) and starts it. */
    void addNode(NodeId id, NodeFactory factory);

    /** Crashes a running node: in-flight messages to it are lost, its timers cancelled, volatile state gone. */
    void crash(NodeId id);

    /** Restarts a crashed node from its durable state. */
    void restart(NodeId id);

    /** Removes a node for good (after whatever graceful goodbye its protocol already sent). */
    void remove(NodeId id);

    /** Hands a command (a client request, a click) to a running node's entry point. */
    void command(NodeId id, Serializable command);

    /** The simulation's view of a node's status, or {@code null} if the name was never added. */
    NodeStatus status(NodeId id);

    void setDefaultLink(LinkProfile profile);

    /** Sets the profile of the directed link {@code from -> to}; {@code null} returns it to the default. */
    void setLink(NodeId from, NodeId to, LinkProfile profile);

    /** Blocks messages from {@code from} to {@code to} (one way). */
    void block(NodeId from, NodeId to);

    void unblock(NodeId from, NodeId to);

    /** Blocks every link between nodes of different groups, both ways. */
    void partition(Collection<? extends Set<NodeId>> groups);

    /** Removes every block: all partitions heal. */
    void heal();

    void annotate(String text);
}
