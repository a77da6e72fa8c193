package io.distviz.chord.experiment;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.ChordRing;
import io.distviz.chord.IdentifierCircle;
import io.distviz.chord.NodeRef;
import io.distviz.chord.experiment.ExperimentSupport.LookupTracker;
import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import io.distviz.sim.SimRandom;
import io.distviz.sim.Simulation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Simultaneous node failures (Stoica et al. 2001, section 6.4): a stable ring loses a fraction of
 * its nodes at once, stabilization runs, then random lookups look for random keys. Without replication a key
 * whose node died is lost, so the fraction of lookups that fail should be about the fraction of nodes that
 * failed, and no more: the ring itself heals through the successor lists.
 *
 * <p>The ring is placed directly (every pointer exact, no replication, successor lists of r) and then runs
 * the ordinary protocol: stabilize every second, fix_fingers every 0.5 s, check_predecessor every 2 s, a
 * 200 ms RPC timeout (the defaults of {@link ChordConfig#defaults()}). Keys are not stored: a sampled key's
 * "original node" is its successor before the failures, which the oracle computes.
 */
public final class FailuresExperiment {

    public static final int MIN_NODES = 2;
    public static final int MAX_NODES = 100_000;
    public static final int MAX_LOOKUPS = 10_000_000;
    public static final long DEFAULT_RECOVERY_MICROS = Micros.ofSeconds(30);

    /**
     * @param nodes               N
     * @param keys                keys K: lookups look for {@code "key-" + i} with i drawn uniformly below K
     * @param failFractions       fractions of the nodes that crash together, one row each (0 ≤ f < 1)
     * @param lookups             lookups per row, from random live nodes, after recovery
     * @param bits                m, identifier bits
     * @param successorListLength r (0: 2⌈log2 N⌉, at most 32)
     * @param recoveryMicros      virtual time stabilization runs between the crashes and the lookups
     * @param seed                seeds the simulation, the crashes, the keys and the origins
     */
    public record Settings(int nodes, long keys, List<Double> failFractions, int lookups, int bits,
                           int successorListLength, long recoveryMicros, long seed) {
        public Settings {
            failFractions = Collections.unmodifiableList(new ArrayList<>(failFractions));
            if (nodes < MIN_NODES || nodes > MAX_NODES) {
                throw new IllegalArgumentException(nodes + " nodes is out of range (" + MIN_NODES + " to "
                        + MAX_NODES + ")");
            }
            ExperimentSupport.requireRoom(new IdentifierCircle(bits), nodes);
            if (keys < 1) {
                throw new IllegalArgumentException("there must be at least one key, not " + keys);
            }
            if (failFractions.isEmpty()) {
                throw new IllegalArgumentException("give at least one fraction of nodes to fail");
            }
            for (double f : failFractions) {
                if (!(f >= 0 && f < 1)) {
                    throw new IllegalArgumentException("the fraction of nodes that fail must be at least 0 and "
                            + "below 1 (someone must be left to look up), not " + f);
                }
            }
            if (lookups < 1 || lookups > MAX_LOOKUPS) {
                throw new IllegalArgumentException(lookups + " lookups is out of range (1 to " + MAX_LOOKUPS + ")");
            }
            if (successorListLength < 0 || successorListLength > 32) {
                throw new IllegalArgumentException("the successor list length must be 1 to 32 (0: 2⌈log2 N⌉, at most 32), not "
                        + successorListLength);
            }
            if (recoveryMicros < 0) {
                throw new IllegalArgumentException("the recovery time must not be negative");
            }
        }

        /** r as used: the given length, or 2⌈log2 N⌉ up to 32. */
        public int successors() {
            return successorListLength > 0 ? successorListLength : ExperimentSupport.successorListFor(nodes);
        }

        /** The configuration of every node. */
        public ChordConfig config() {
            return ChordConfig.defaults().withBits(bits).withSuccessorListLength(successors()).withReplicas(1);
        }
    }

    /**
     * One fail fraction.
     *
     * @param nodes                N before the failures
     * @param failFraction         the fraction asked for (round(f · N) nodes crash)
     * @param lookups              lookups counted (every one finishes or gives up)
     * @param meanHops             mean hops of the lookups that answered
     * @param failedLookupFraction lookups that gave up or answered another node than the key's original one
     * @param keysLostFraction     sampled keys whose original node crashed: what failedLookupFraction should be
     * @param meanTimeouts         RPC timeouts per lookup (dead fingers or successors met on the way)
     */
    public record Row(int nodes, double failFraction, int lookups, double meanHops, double failedLookupFraction,
                      double keysLostFraction, double meanTimeouts) {
    }

    /**
     * @param skippedAddresses addresses passed over because their identifier was taken, per ring
     * @param unfinished       lookups that neither answered nor gave up: 0 unless the engine has a bug
     */
    public record Result(Settings settings, List<Row> rows, int skippedAddresses, long unfinished) {
    }

    private final Settings settings;

    public FailuresExperiment(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Result run() {
        return run(row -> {
        });
    }

    public Result run(Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        int skipped = 0;
        long unfinished = 0;
        for (double f : settings.failFractions()) {
            RowOutcome o = runRow(f);
            rows.add(o.row);
            skipped = o.skipped;
            unfinished += o.unfinished;
            onRow.accept(o.row);
        }
        return new Result(settings, Collections.unmodifiableList(rows), skipped, unfinished);
    }

    private record RowOutcome(Row row, int skipped, long unfinished) {
    }

    private RowOutcome runRow(double failFraction) {
        int n = settings.nodes();
        ChordConfig config = settings.config();
        Simulation sim = new Simulation(SimConfig.seeded(settings.seed()).withoutCheckpoints()
                .withoutTraceRetention());
        ChordRing ring = new ChordRing(config, sim);
        ExperimentSupport.Placement placement = ExperimentSupport.distinctAddresses(ring.circle(), n);
        List<NodeRef> sorted = ring.placeRing(placement.addresses(), placement.ids());
        SimRandom root = new SimRandom(settings.seed()).fork("chord-failures/" + failFraction);

        // The keys to look up, and the node responsible for each before anything fails.
        SimRandom keyRandom = root.fork("keys");
        int lookups = settings.lookups();
        String[] keys = new String[lookups];
        NodeRef[] original = new NodeRef[lookups];
        for (int i = 0; i < lookups; i++) {
            keys[i] = "key-" + keyRandom.nextLong(settings.keys());
            original[i] = ChordRing.successorAmong(sorted, ring.keyId(keys[i]));
        }

        // Crash round(f · N) distinct nodes at the same moment (a partial Fisher-Yates shuffle).
        int crashes = (int) Math.min(n - 1, Math.round(failFraction * n));
        SimRandom crashRandom = root.fork("crashes");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        boolean[] crashed = new boolean[n];
        for (int i = 0; i < crashes; i++) {
            int j = i + crashRandom.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            crashed[order[i]] = true;
            ring.crash(sorted.get(order[i]).address().name());
        }
        int lost = 0;
        for (NodeRef o : original) {
            if (crashed[indexOf(sorted, o)]) {
                lost++;
            }
        }

        // Let stabilization repair the ring; nobody listens to the trace meanwhile, which keeps it fast.
        sim.runFor(settings.recoveryMicros());

        List<NodeRef> live = ring.liveMembers();
        SimRandom originRandom = root.fork("origins");
        LookupTracker tracker = new LookupTracker(ring);
        sim.trace().addListener(tracker);
        long drainLimit = config.lookupTimeoutMicros() + Micros.ofSeconds(1);
        for (int started = 0; started < lookups; ) {
            int batch = Math.min(ExperimentSupport.LOOKUP_BATCH, lookups - started);
            for (int i = started; i < started + batch; i++) {
                String origin = live.get(originRandom.nextInt(live.size())).address().name();
                tracker.expect(ring.lookup(origin, keys[i]), original[i]);
            }
            started += batch;
            tracker.drain(sim, drainLimit);
        }
        sim.trace().removeListener(tracker);
        Row row = new Row(n, failFraction, (int) tracker.counted(), tracker.hops().mean(), tracker.failedFraction(),
                lost / (double) lookups, tracker.meanTimeouts());
        return new RowOutcome(row, placement.skipped(), tracker.pending() + tracker.unclaimed());
    }

    /** Position of {@code node} in the identifier-ordered list. */
    private static int indexOf(List<NodeRef> sorted, NodeRef node) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).id() < node.id()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
