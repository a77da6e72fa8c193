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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Lookups during stabilization (Stoica et al. 2001, section 6.5): nodes join and fail continually while
 * lookups run. A lookup can time out on a node that just failed and route around it, or answer with a node
 * that is no longer the key's successor because a new node has joined in front of it and stabilization has
 * not yet told its predecessor.
 *
 * <p>Each rate R is a fresh run: a ring of N nodes placed directly (every pointer exact), then for the
 * duration R joins per virtual second and R crashes per virtual second, each a Poisson process (so the size
 * stays about N), while lookups of random identifiers start at random members as a Poisson process of
 * {@code lookupsPerSecond}. New nodes join by the protocol ({@link ChordRing#join}); the crashed are random
 * members. As in the paper every maintenance task (stabilize, fix_fingers, check_predecessor) runs on
 * average every {@code stabilizeMicros} (30 s in the paper), drawn uniformly from half to one and a half
 * times that. A lookup counts as failed if it gives up, or if its answer is not the node the oracle
 * ({@link ChordRing#responsibleFor}) names at the moment it finishes. Lookups whose origin crashed before
 * they finished are not counted.
 */
public final class ChurnExperiment {

    public static final int MIN_NODES = 2;
    public static final int MAX_NODES = 20_000;
    public static final double MAX_RATE = 1_000;
    public static final double MAX_LOOKUPS_PER_SECOND = 10_000;
    public static final long MAX_DURATION_MICROS = Micros.ofSeconds(86_400);

    /**
     * @param nodes            N, the size of the ring at the start
     * @param rates            R, joins per second and (separately) crashes per second; one row each
     * @param durationMicros   how long churn and lookups go on
     * @param lookupsPerSecond mean rate of lookups over the whole ring
     * @param stabilizeMicros  mean period of every maintenance task
     * @param bits             m, identifier bits
     * @param seed             seeds the simulation, the churn and the lookups
     */
    public record Settings(int nodes, List<Double> rates, long durationMicros, double lookupsPerSecond,
                           long stabilizeMicros, int bits, long seed) {
        public Settings {
            rates = Collections.unmodifiableList(new ArrayList<>(rates));
            if (nodes < MIN_NODES || nodes > MAX_NODES) {
                throw new IllegalArgumentException(nodes + " nodes is out of range (" + MIN_NODES + " to "
                        + MAX_NODES + ")");
            }
            if (rates.isEmpty()) {
                throw new IllegalArgumentException("give at least one rate");
            }
            for (double r : rates) {
                if (!(r >= 0 && r <= MAX_RATE)) {
                    throw new IllegalArgumentException("a rate must be from 0 to " + MAX_RATE + " per second, not "
                            + r);
                }
            }
            if (durationMicros < 1 || durationMicros > MAX_DURATION_MICROS) {
                throw new IllegalArgumentException("the duration must be more than 0 and at most "
                        + Micros.format(MAX_DURATION_MICROS));
            }
            if (!(lookupsPerSecond > 0 && lookupsPerSecond <= MAX_LOOKUPS_PER_SECOND)) {
                throw new IllegalArgumentException("lookups per second must be more than 0 and at most "
                        + MAX_LOOKUPS_PER_SECOND + ", not " + lookupsPerSecond);
            }
            if (stabilizeMicros < 2) {
                throw new IllegalArgumentException("the stabilization period must be at least 2 µs");
            }
            IdentifierCircle circle = new IdentifierCircle(bits);
            double maxJoins = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    * Micros.toSeconds(durationMicros);
            ExperimentSupport.requireRoom(circle, (long) (nodes + 2 * maxJoins + 10));
        }

        /** r: 2⌈log2 N⌉ up to 32 successors. */
        public int successors() {
            return ExperimentSupport.successorListFor(nodes);
        }

        public ChordConfig config() {
            return ChordConfig.defaults().withBits(bits).withSuccessorListLength(successors()).withReplicas(1)
                    .withPeriods(stabilizeMicros, stabilizeMicros, stabilizeMicros);
        }
    }

    /**
     * One rate.
     *
     * @param rate                 R: joins per second, and crashes per second
     * @param lookups              lookups counted (finished or given up, origin still alive)
     * @param failedLookupFraction lookups that gave up or answered another node than the oracle's
     * @param meanHops             mean hops of the lookups that answered
     * @param meanTimeouts         RPC timeouts per counted lookup
     * @param joins                nodes that began to join
     * @param failures             nodes that crashed
     */
    public record Row(double rate, int lookups, double failedLookupFraction, double meanHops, double meanTimeouts,
                      int joins, int failures) {
    }

    /** @param abandoned lookups not counted because their origin crashed first, over all rows */
    public record Result(Settings settings, List<Row> rows, long abandoned) {
    }

    private final Settings settings;

    public ChurnExperiment(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Result run() {
        return run(row -> {
        });
    }

    public Result run(Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        long abandoned = 0;
        for (double rate : settings.rates()) {
            RowOutcome o = runRow(rate);
            rows.add(o.row);
            abandoned += o.abandoned;
            onRow.accept(o.row);
        }
        return new Result(settings, Collections.unmodifiableList(rows), abandoned);
    }

    private record RowOutcome(Row row, long abandoned) {
    }

    private RowOutcome runRow(double rate) {
        ChordConfig config = settings.config();
        Simulation sim = new Simulation(SimConfig.seeded(settings.seed()).withoutCheckpoints()
                .withoutTraceRetention());
        ChordRing ring = new ChordRing(config, sim);
        ExperimentSupport.Placement placement = ExperimentSupport.distinctAddresses(ring.circle(), settings.nodes());
        ring.placeRing(placement.addresses(), placement.ids());
        HashSet<Long> usedIds = new HashSet<>(placement.ids()); // membership tests only, never iterated
        int nextAddress = placement.addresses().size() + placement.skipped();

        SimRandom root = new SimRandom(settings.seed()).fork("chord-churn/" + rate);
        SimRandom joinRandom = root.fork("joins");
        SimRandom crashRandom = root.fork("crashes");
        SimRandom lookupRandom = root.fork("lookups");
        LookupTracker tracker = new LookupTracker(ring);
        sim.trace().addListener(tracker);

        long end = Math.addExact(sim.nowMicros(), settings.durationMicros());
        long never = Long.MAX_VALUE;
        long nextJoin = rate > 0 ? sim.nowMicros() + gap(joinRandom, rate) : never;
        long nextCrash = rate > 0 ? sim.nowMicros() + gap(crashRandom, rate) : never;
        long nextLookup = sim.nowMicros() + gap(lookupRandom, settings.lookupsPerSecond());
        int joins = 0;
        int failures = 0;
        long size = ring.circle().size();
        while (true) {
            long t = Math.min(nextJoin, Math.min(nextCrash, nextLookup));
            if (t > end) {
                break;
            }
            sim.runUntil(t);
            if (t == nextJoin) {
                String address;
                do {
                    address = ChordRing.address(nextAddress++);
                } while (!usedIds.add(ring.nodeIdFor(address)));
                ring.join(address);
                joins++;
                nextJoin = t + gap(joinRandom, rate);
            } else if (t == nextCrash) {
                List<NodeRef> members = ring.liveMembers();
                if (members.size() > 1) {
                    ring.crash(members.get(crashRandom.nextInt(members.size())).address().name());
                    failures++;
                }
                nextCrash = t + gap(crashRandom, rate);
            } else {
                List<NodeRef> members = ring.liveMembers();
                String origin = members.get(lookupRandom.nextInt(members.size())).address().name();
                tracker.expect(ring.lookupId(origin, lookupRandom.nextLong(size)), null);
                nextLookup = t + gap(lookupRandom, settings.lookupsPerSecond());
            }
        }
        sim.runUntil(end);
        // Let the last lookups finish; a lookup gives up at its deadline, so only those whose origin crashed
        // are still pending afterwards.
        tracker.drain(sim, config.lookupTimeoutMicros() + Micros.ofSeconds(1));
        sim.trace().removeListener(tracker);
        Row row = new Row(rate, (int) tracker.counted(), tracker.failedFraction(), tracker.hops().mean(),
                tracker.meanTimeouts(), joins, failures);
        return new RowOutcome(row, tracker.pending() + tracker.unclaimed());
    }

    /** Time to the next event of a Poisson process of {@code perSecond}, at least 1 µs. */
    private static long gap(SimRandom random, double perSecond) {
        return Math.max(1, Math.round(random.nextExponential(Micros.PER_SECOND / perSecond)));
    }
}
