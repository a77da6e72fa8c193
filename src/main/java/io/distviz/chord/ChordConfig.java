package io.distviz.chord;

import io.distviz.sim.Micros;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a Chord ring behaves. Every node of a ring shares one configuration.
 *
 * @param bits                   m: identifiers have m bits (3..62)
 * @param successorListLength    r: how many successors each node keeps (section 5.2 of the 2001 paper)
 * @param replicas               k: each key is stored on its successor and the next k − 1 nodes (1: no replication)
 * @param rules                  the 2001 maintenance rules or Zave's corrected ones
 * @param routing                whether lookups may use fingers or walk the ring by successors
 * @param lookupStyle            iterative (the origin asks each hop) or recursive (each hop forwards)
 * @param stabilizeMicros        period of stabilize (and notify)
 * @param fixFingersMicros       period of fix_fingers; 0 turns finger maintenance off
 * @param checkPredecessorMicros period of check_predecessor
 * @param replicateMicros        period at which a node pushes its keys to its replicas (used when k > 1)
 * @param rpcTimeoutMicros       how long a node waits for a reply before it believes the peer dead
 * @param lookupTimeoutMicros    a lookup that has not finished by then is reported failed
 */
public record ChordConfig(int bits, int successorListLength, int replicas, MaintenanceRules rules,
                          Routing routing, LookupStyle lookupStyle, long stabilizeMicros, long fixFingersMicros,
                          long checkPredecessorMicros, long replicateMicros, long rpcTimeoutMicros,
                          long lookupTimeoutMicros) implements Serializable {

    /** Which maintenance protocol runs. */
    public enum MaintenanceRules {
        /**
         * The SIGCOMM 2001 rules: join learns only a successor, stabilize adopts the successor's predecessor
         * without checking it is alive, notify only fills an empty predecessor.
         */
        ORIGINAL_2001,
        /**
         * Pamela Zave's corrected rules ("Reasoning about identifier spaces: how to make Chord correct",
         * 2017): join copies the successor's list, a new successor is adopted only once it answers, and
         * notify (her "rectify") replaces a predecessor that does not answer.
         */
        CORRECTED
    }

    /** Which pointers a lookup may follow: the teaching switch between O(n) and O(log n). */
    public enum Routing { SUCCESSORS_ONLY, FINGERS }

    public enum LookupStyle { ITERATIVE, RECURSIVE }

    public ChordConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(lookupStyle, "lookupStyle");
        new IdentifierCircle(bits); // checks m
        if (successorListLength < 1 || successorListLength > 32) {
            throw new IllegalArgumentException("the successor list length r must be between 1 and 32, not "
                    + successorListLength);
        }
        if (replicas < 1 || replicas > successorListLength + 1) {
            throw new IllegalArgumentException("the replication factor k must be between 1 and r + 1 = "
                    + (successorListLength + 1) + " (replicas go on the successor list), not " + replicas);
        }
        positive(stabilizeMicros, "stabilize period");
        if (fixFingersMicros < 0) {
            throw new IllegalArgumentException("the fix_fingers period must not be negative");
        }
        positive(checkPredecessorMicros, "check_predecessor period");
        positive(replicateMicros, "replication period");
        positive(rpcTimeoutMicros, "RPC timeout");
        positive(lookupTimeoutMicros, "lookup timeout");
    }

    private static void positive(long micros, String what) {
        if (micros <= 0) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + micros + " µs");
        }
    }

    /**
     * A ring a student can read: 6-bit ids, successor lists of 3, no replication, corrected rules, fingers,
     * iterative lookups, stabilization every second against 10 ms links.
     */
    public static ChordConfig defaults() {
        return new ChordConfig(6, 3, 1, MaintenanceRules.CORRECTED, Routing.FINGERS, LookupStyle.ITERATIVE,
                Micros.ofMillis(1000), Micros.ofMillis(500), Micros.ofMillis(2000), Micros.ofMillis(2000),
                Micros.ofMillis(200), Micros.ofSeconds(10));
    }

    public IdentifierCircle circle() {
        return new IdentifierCircle(bits);
    }

    public ChordConfig withBits(int m) {
        return new ChordConfig(m, successorListLength, replicas, rules, routing, lookupStyle, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, replicateMicros, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    public ChordConfig withSuccessorListLength(int r) {
        return new ChordConfig(bits, r, Math.min(replicas, r + 1), rules, routing, lookupStyle, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, replicateMicros, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    public ChordConfig withReplicas(int k) {
        return new ChordConfig(bits, successorListLength, k, rules, routing, lookupStyle, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, replicateMicros, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    public ChordConfig withRules(MaintenanceRules r) {
        return new ChordConfig(bits, successorListLength, replicas, r, routing, lookupStyle, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, replicateMicros, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    public ChordConfig withRouting(Routing r) {
        return new ChordConfig(bits, successorListLength, replicas, rules, r, lookupStyle, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, replicateMicros, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    public ChordConfig withLookupStyle(LookupStyle s) {
        return new ChordConfig(bits, successorListLength, replicas, rules, routing, s, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, replicateMicros, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    /** Sets the three maintenance periods (fix_fingers may be 0: off). */
    public ChordConfig withPeriods(long stabilize, long fixFingers, long checkPredecessor) {
        return new ChordConfig(bits, successorListLength, replicas, rules, routing, lookupStyle, stabilize,
                fixFingers, checkPredecessor, replicateMicros, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    public ChordConfig withReplicateMicros(long period) {
        return new ChordConfig(bits, successorListLength, replicas, rules, routing, lookupStyle, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, period, rpcTimeoutMicros, lookupTimeoutMicros);
    }

    public ChordConfig withTimeouts(long rpc, long lookup) {
        return new ChordConfig(bits, successorListLength, replicas, rules, routing, lookupStyle, stabilizeMicros,
                fixFingersMicros, checkPredecessorMicros, replicateMicros, rpc, lookup);
    }
}
