package io.distviz.chord.experiment;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.ChordConfig.LookupStyle;
import io.distviz.chord.ChordConfig.Routing;
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
 * Path length (Stoica et al. 2001, section 6.3): how many nodes a lookup visits in a stable ring
 * of N nodes. With fingers the mean is about ½·log2 N, because each finger halves the remaining distance and
 * a random target starts half a circle away on average; walking successors only it is about N/2.
 *
 * <p>Each ring is placed directly with every pointer exact ({@link ChordRing#placeRing}) and maintenance is
 * switched off, so only the experiment's lookups run. Lookups start at random members for random
 * identifiers, in batches, and are counted from the trace.
 */
public final class PathsExperiment {

    /** What a hop is, in the words of {@code ChordEvent.LookupDone}. */
    public static final String HOP_DEFINITION = "a hop is a node the lookup visits after its origin, up to and "
            + "including the target's predecessor, which names the answer (0 when the origin is that "
            + "predecessor); contacting the answer is not a hop";

    /**
     * Walking successors costs about N/2 hops a lookup, so a row does at most this many hops (estimated as
     * lookups × N/2) and fewer lookups when the ring is large: 16,384 nodes × 100,000 lookups would be
     * 800 million hops.
     */
    public static final long SUCCESSOR_HOP_BUDGET = 1_000_000;

    /**
     * A recursive lookup carries its path and each hop copies it, so walking successors recursively costs
     * about lookups × (N/2)² / 2 copied entries; a row is held to this many.
     */
    public static final long RECURSIVE_SUCCESSOR_COPY_BUDGET = 1_000_000_000L;

    public static final int MIN_NODES = 2;
    public static final int MAX_NODES = 100_000;
    public static final int MAX_LOOKUPS = 10_000_000;

    /**
     * @param nodes   ring sizes, one row each
     * @param lookups lookups per row (fewer when walking successors: see {@link #lookupsFor})
     * @param bits    m, identifier bits
     * @param seed    seeds the simulation and the choice of origins and targets
     */
    public record Settings(List<Integer> nodes, int lookups, int bits, long seed, Routing routing,
                           LookupStyle style) {
        public Settings {
            Objects.requireNonNull(routing, "routing");
            Objects.requireNonNull(style, "style");
            nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("give at least one ring size");
            }
            IdentifierCircle circle = new IdentifierCircle(bits);
            for (int n : nodes) {
                if (n < MIN_NODES || n > MAX_NODES) {
                    throw new IllegalArgumentException("a ring of " + n + " nodes is out of range (" + MIN_NODES
                            + " to " + MAX_NODES + ")");
                }
                ExperimentSupport.requireRoom(circle, n);
            }
            if (lookups < 1 || lookups > MAX_LOOKUPS) {
                throw new IllegalArgumentException(lookups + " lookups is out of range (1 to " + MAX_LOOKUPS + ")");
            }
        }

        /**
         * The configuration of every node: the defaults (successor lists of 3) with these bits, routing and
         * style, and maintenance off.
         */
        public ChordConfig config() {
            return ExperimentSupport.maintenanceOff(ChordConfig.defaults().withBits(bits).withRouting(routing)
                    .withLookupStyle(style));
        }
    }

    /**
     * One ring size.
     *
     * @param nodes     N
     * @param lookups   lookups counted (all of them answer in a stable ring)
     * @param meanHops  mean hops per lookup
     * @param p1Hops    1st percentile of hops
     * @param p99Hops   99th percentile of hops
     * @param halfLog2N ½·log2 N, the paper's expectation with fingers
     */
    public record Row(int nodes, int lookups, double meanHops, int p1Hops, int p99Hops, double halfLog2N) {
    }

    /**
     * @param rows          one per ring size
     * @param skippedAddresses addresses passed over because their identifier was taken, over all rows
     * @param unexpected    lookups that failed or gave a wrong answer: 0 unless the engine has a bug
     */
    public record Result(Settings settings, List<Row> rows, int skippedAddresses, long unexpected) {
    }

    private final Settings settings;
    private Runnable everyBatch = () -> {
    };

    public PathsExperiment(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Lookups a row of {@code n} nodes does: all of {@code lookups} with fingers; with successors only, as
     * many as {@link #SUCCESSOR_HOP_BUDGET} (and, recursively, {@link #RECURSIVE_SUCCESSOR_COPY_BUDGET}) allow,
     * but at least 10.
     */
    public static int lookupsFor(Settings s, int n) {
        if (s.routing() == Routing.FINGERS) {
            return s.lookups();
        }
        double halfN = n / 2.0;
        long cap = (long) (SUCCESSOR_HOP_BUDGET / halfN);
        if (s.style() == LookupStyle.RECURSIVE) {
            cap = Math.min(cap, (long) (RECURSIVE_SUCCESSOR_COPY_BUDGET / (halfN * halfN / 2)));
        }
        return (int) Math.min(s.lookups(), Math.max(10, cap));
    }

    /** Whether some row does fewer lookups than asked. */
    public static boolean capped(Settings s) {
        for (int n : s.nodes()) {
            if (lookupsFor(s, n) < s.lookups()) {
                return true;
            }
        }
        return false;
    }

    public Result run() {
        return run(row -> {
        });
    }

    /** Runs every ring size in order, handing each row to {@code onRow} as soon as it is measured. */
    public Result run(Consumer<Row> onRow) {
        return run(onRow, () -> {
        });
    }

    /**
     * As {@link #run(Consumer)}, calling {@code everyBatch} between batches of lookups: the app's Cancel throws
     * from it, so even a big ring stops within a batch. The results do not depend on it.
     */
    public Result run(Consumer<Row> onRow, Runnable everyBatch) {
        this.everyBatch = everyBatch;
        List<Row> rows = new ArrayList<>();
        int skipped = 0;
        long unexpected = 0;
        for (int n : settings.nodes()) {
            RowOutcome o = runRow(n);
            rows.add(o.row);
            skipped += o.skipped;
            unexpected += o.unexpected;
            onRow.accept(o.row);
        }
        return new Result(settings, Collections.unmodifiableList(rows), skipped, unexpected);
    }

    private record RowOutcome(Row row, int skipped, long unexpected) {
    }

    private RowOutcome runRow(int n) {
        ChordConfig config = settings.config();
        Simulation sim = new Simulation(SimConfig.seeded(settings.seed()).withoutCheckpoints()
                .withoutTraceRetention());
        ChordRing ring = new ChordRing(config, sim);
        ExperimentSupport.Placement placement = ExperimentSupport.distinctAddresses(ring.circle(), n);
        List<NodeRef> sorted = ring.placeRing(placement.addresses(), placement.ids());
        LookupTracker tracker = new LookupTracker(ring);
        sim.trace().addListener(tracker);
        SimRandom random = new SimRandom(settings.seed()).fork("chord-paths/" + n);
        long size = ring.circle().size();
        int total = lookupsFor(settings, n);
        // No lookup in a stable ring visits more than n nodes, each well within a second; maintenance timers
        // lie far beyond this bound, so a lookup that never finished could not set them off.
        long drainLimit = Micros.ofSeconds(n + 10L);
        for (int started = 0; started < total; ) {
            int batch = Math.min(ExperimentSupport.LOOKUP_BATCH, total - started);
            for (int i = 0; i < batch; i++) {
                String origin = placement.addresses().get(random.nextInt(n));
                long target = random.nextLong(size);
                long op = ring.lookupId(origin, target);
                tracker.expect(op, ChordRing.successorAmong(sorted, target));
            }
            started += batch;
            tracker.drain(sim, drainLimit);
            everyBatch.run();
        }
        sim.trace().removeListener(tracker);
        ExperimentSupport.Distribution hops = tracker.hops();
        Row row = new Row(n, (int) tracker.finished(), hops.mean(), hops.percentile(1), hops.percentile(99),
                ExperimentSupport.log2(n) / 2);
        long unexpected = tracker.failed() + tracker.wrong() + tracker.pending() + tracker.unclaimed();
        return new RowOutcome(row, placement.skipped(), unexpected);
    }
}
