package io.distviz.chord.experiment;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.ChordEvent;
import io.distviz.chord.ChordRing;
import io.distviz.chord.IdentifierCircle;
import io.distviz.chord.NodeRef;
import io.distviz.chord.Purpose;
import io.distviz.sim.Micros;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import io.distviz.sim.TraceListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * What the Chord experiments share: rings of distinct identifiers, the lookup counter that listens to the
 * trace, and percentiles. Everything here is deterministic: randomness comes from {@code SimRandom} streams
 * the experiments fork from their seed, and no collection is iterated in a hash order.
 */
public final class ExperimentSupport {

    /** A period so long that the timer never fires within an experiment: maintenance switched off. */
    public static final long FOREVER_MICROS = Micros.ofSeconds(1_000_000_000L);

    /** Lookups issued together before the simulation runs them to completion, so memory stays bounded. */
    public static final int LOOKUP_BATCH = 1_000;

    /** The address indices a ring may draw from: {@link ChordRing#address(int)} covers 10.0.0.0/8. */
    public static final int ADDRESS_SPACE = 1 << 24;

    private ExperimentSupport() {
    }

    /**
     * The addresses and identifiers of an {@code n}-node ring: {@link ChordRing#address(int)} for i = 0, 1, 2...,
     * skipping an address whose hashed identifier is already taken (an m-bit circle has collisions when m is
     * small or n large), until there are {@code n} distinct identifiers.
     *
     * @param skipped how many addresses were passed over because their identifier was taken
     */
    public record Placement(List<String> addresses, List<Long> ids, int skipped) {
    }

    public static Placement distinctAddresses(IdentifierCircle circle, int n) {
        requireRoom(circle, n);
        List<String> addresses = new ArrayList<>(n);
        List<Long> ids = new ArrayList<>(n);
        HashSet<Long> taken = new HashSet<>(); // membership tests only, never iterated
        int skipped = 0;
        for (int i = 0; addresses.size() < n; i++) {
            if (i >= ADDRESS_SPACE) {
                throw new IllegalArgumentException("could not find " + n + " distinct identifiers among "
                        + ADDRESS_SPACE + " addresses on the " + circle + "; use more bits");
            }
            String a = ChordRing.address(i);
            long id = circle.hash(a);
            if (taken.add(id)) {
                addresses.add(a);
                ids.add(id);
            } else {
                skipped++;
            }
        }
        return new Placement(addresses, ids, skipped);
    }

    /**
     * Refuses a ring that would crowd its circle: more than a quarter of the positions taken makes finding
     * distinct hashed identifiers slow and the experiment meaningless.
     */
    static void requireRoom(IdentifierCircle circle, long ids) {
        if (ids > circle.size() / 4) {
            throw new IllegalArgumentException(ids + " identifiers do not fit well on the " + circle + " ("
                    + circle.size() + " positions); use at least " + bitsFor(ids) + " bits");
        }
    }

    /** The fewest bits whose circle has room (a quarter full at most) for {@code ids} identifiers. */
    static int bitsFor(long ids) {
        int bits = IdentifierCircle.MIN_BITS;
        while (bits < IdentifierCircle.MAX_BITS && (1L << bits) / 4 < ids) {
            bits++;
        }
        return bits;
    }

    /**
     * The successor-list length r for a ring of n nodes: 2⌈log2 n⌉, at most 32. The paper asks for
     * r = Ω(log N) (Theorem IV.5); with r = log2 N and half the nodes failing, each node loses its whole list
     * with probability 2^−r = 1/N, so about one node in the ring would, and a node with no live successor
     * breaks the ring. Twice that makes it 1/N² per node.
     */
    public static int successorListFor(int n) {
        int log = 0;
        while (log < 31 && (1L << log) < n) {
            log++;
        }
        return Math.max(1, Math.min(32, 2 * log));
    }

    /** log2 of n. */
    static double log2(double n) {
        return Math.log(n) / Math.log(2);
    }

    /** A maintenance-free configuration: nothing runs but the lookups the experiment starts. */
    static ChordConfig maintenanceOff(ChordConfig c) {
        return c.withPeriods(FOREVER_MICROS, 0, FOREVER_MICROS).withTimeouts(c.rpcTimeoutMicros(), FOREVER_MICROS);
    }

    // ================================================================================ lookup counting

    /**
     * Counts the experiment's own lookups as they finish: a trace listener that picks the {@code LookupDone}
     * and {@code LookupFailed} events of purpose LOOKUP whose operation the experiment started (see
     * {@link #expect}), and judges each answer against what it should have been.
     */
    static final class LookupTracker implements TraceListener {
        private final ChordRing ring;
        /** Operation id to the node that should answer (null: ask the oracle when the lookup finishes). */
        private final HashMap<Long, Expectation> pending = new HashMap<>(); // looked up, never iterated
        /**
         * Reports that came before {@link #expect}: a lookup whose origin is already the target's predecessor
         * (or is not a member) finishes inside {@link ChordRing#lookupId}, before its operation id is known.
         */
        private final HashMap<Long, ChordEvent> early = new HashMap<>(); // looked up, never iterated
        private final Distribution hops = new Distribution();
        private long finished;
        private long failed;
        private long wrong;
        private long timeouts;

        private record Expectation(NodeRef node) {
        }

        LookupTracker(ChordRing ring) {
            this.ring = ring;
        }

        /**
         * Watches operation {@code opId}. {@code expected} is the node that must answer; null means the node
         * the oracle ({@link ChordRing#responsibleFor}) names at the moment the lookup finishes.
         */
        void expect(long opId, NodeRef expected) {
            pending.put(opId, new Expectation(expected));
            ChordEvent report = early.remove(opId);
            if (report != null) {
                count(report);
            }
        }

        /** Reports the experiment has not yet claimed: 0 once every {@link ChordRing#lookupId} is followed by expect. */
        int unclaimed() {
            return early.size();
        }

        @Override
        public void onEvent(TraceEvent event) {
            if (event instanceof TraceEvent.ProtocolEvent p && p.detail() instanceof ChordEvent c) {
                count(c);
            }
        }

        private void count(ChordEvent c) {
            if (c instanceof ChordEvent.LookupDone d && d.purpose() == Purpose.LOOKUP) {
                Expectation e = pending.remove(d.opId());
                if (e == null) {
                    early.put(d.opId(), d);
                    return;
                }
                finished++;
                hops.add(d.hops());
                timeouts += d.timeouts();
                NodeRef want = e.node() != null ? e.node() : ring.responsibleFor(d.target());
                if (!d.result().equals(want)) {
                    wrong++;
                }
            } else if (c instanceof ChordEvent.LookupFailed f && f.purpose() == Purpose.LOOKUP) {
                if (pending.remove(f.opId()) == null) {
                    early.put(f.opId(), f);
                    return;
                }
                failed++;
                timeouts += f.timeouts();
            }
        }

        /** Runs the simulation until every watched lookup has finished, or for {@code limitMicros} at most. */
        void drain(Simulation sim, long limitMicros) {
            if (!pending.isEmpty()) {
                sim.runUntil(() -> pending.isEmpty(), Math.addExact(sim.nowMicros(), limitMicros));
            }
        }

        /** Lookups started but not reported (still running, or their origin crashed). */
        int pending() {
            return pending.size();
        }

        /** Lookups that answered (rightly or wrongly). */
        long finished() {
            return finished;
        }

        /** Lookups the origin gave up on (its deadline passed, or it was not a member). */
        long failed() {
            return failed;
        }

        /** Lookups that answered a node other than the expected one. */
        long wrong() {
            return wrong;
        }

        /** Lookups that finished or failed: the ones an experiment counts. */
        long counted() {
            return finished + failed;
        }

        /** Failed or wrong, over all counted lookups; NaN when none was counted. */
        double failedFraction() {
            return counted() == 0 ? Double.NaN : (failed + wrong) / (double) counted();
        }

        /** Mean timeouts per counted lookup; NaN when none was counted. */
        double meanTimeouts() {
            return counted() == 0 ? Double.NaN : timeouts / (double) counted();
        }

        /** Hops of the lookups that answered. */
        Distribution hops() {
            return hops;
        }
    }

    // ================================================================================ statistics

    /** A histogram of small non-negative integers (hops, keys per node) with nearest-rank percentiles. */
    static final class Distribution {
        private long[] counts = new long[16];
        private long n;
        private long sum;
        private int max;

        void add(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative value " + value);
            }
            if (value >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(value + 1, counts.length * 2));
            }
            counts[value]++;
            n++;
            sum += value;
            max = Math.max(max, value);
        }

        long count() {
            return n;
        }

        /** NaN when empty. */
        double mean() {
            return n == 0 ? Double.NaN : sum / (double) n;
        }

        int max() {
            return max;
        }

        /**
         * The nearest-rank percentile: the smallest value v such that at least {@code percent}% of the values
         * are at most v (integer arithmetic, so no rounding can move the rank). 0 when empty.
         */
        int percentile(int percent) {
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("percentile must be 1..100, not " + percent);
            }
            if (n == 0) {
                return 0;
            }
            long rank = Math.max(1, (percent * n + 99) / 100);
            long seen = 0;
            for (int v = 0; v < counts.length; v++) {
                seen += counts[v];
                if (seen >= rank) {
                    return v;
                }
            }
            return max;
        }
    }
}
