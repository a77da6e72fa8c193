package io.distviz.chord;

import io.distviz.sim.Payload;

import java.util.List;

/**
 * Structured facts a Chord node reports to the trace (see {@code Node.emit}): views animate them, the hop
 * counter and experiments count them, tests check them. Pointer changes go to the trace as state changes
 * ({@code successor}, {@code predecessor}, {@code finger[i]}, {@code successors}).
 */
public sealed interface ChordEvent extends Payload {

    /**
     * A lookup began at {@code origin}. {@code key} is the key string when the lookup is for a key, else null;
     * {@code opId} ties it to a client operation (0 for maintenance).
     */
    record LookupStarted(NodeRef origin, long lookupId, Purpose purpose, String key, long target, long opId)
            implements ChordEvent {
    }

    /**
     * A lookup found the successor of {@code target}.
     *
     * @param hops     how many nodes the request visited after the origin before reaching the target's
     *                 predecessor, which names the answer; 0 when the origin itself is that predecessor.
     *                 Contacting the answer afterwards (to store or fetch) is not a hop. Retries after a
     *                 timeout are counted in {@code timeouts}, not in hops.
     * @param path     the nodes visited in order, each with the pointer followed to reach it
     * @param micros   virtual time from start to answer
     */
    record LookupDone(NodeRef origin, long lookupId, Purpose purpose, String key, long target, NodeRef result,
                      int hops, int timeouts, List<Hop> path, long micros, long opId) implements ChordEvent {
    }

    record LookupFailed(NodeRef origin, long lookupId, Purpose purpose, String key, long target, String reason,
                        int hops, int timeouts, long opId) implements ChordEvent {
    }

    /** A key arrived at {@code to} from {@code from} (for TAKEOVER, from the departed predecessor if known). */
    record KeyMoved(String key, long keyId, NodeRef from, NodeRef to, KeyMoveReason reason) implements ChordEvent {
    }

    /** A node let go of a key: handed over with no copy kept, or an expired replica. */
    record KeyDropped(String key, long keyId, NodeRef at, String reason) implements ChordEvent {
    }

    /** A client's store or get finished ({@code ok} false: it timed out or the key was absent). */
    record ClientOpDone(long opId, Purpose operation, String key, NodeRef node, boolean ok, String value)
            implements ChordEvent {
    }

    /** The node became a member of a ring: created one, finished joining, or was placed. */
    record Joined(NodeRef node, NodeRef successor, String how) implements ChordEvent {
    }

    /** The node left gracefully after handing its keys to {@code successor}. */
    record Left(NodeRef node, NodeRef successor, int keysHandedOver) implements ChordEvent {
    }

    /** Every entry of the node's successor list timed out: it can no longer reach the ring. */
    record SuccessorsExhausted(NodeRef node) implements ChordEvent {
    }
}
