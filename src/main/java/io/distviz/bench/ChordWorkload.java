package io.distviz.bench;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.ChordRing;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Chord benchmark's load: a ring of {@code nodes} Chord nodes ({@link io.distviz.chord.ChordNode}) running
 * their periodic maintenance (stabilize, fix_fingers, check_predecessor) and nothing else. The ring is built
 * either by placing it directly with every pointer exact ({@link ChordRing#placeRing}) or by the protocol,
 * the nodes joining one after another ({@link ChordRing#join}).
 *
 * <p>Like every workload this is deterministic and reads no clock; {@link BenchmarkChord} times its steps.
 *
 * @param nodes           ring size
 * @param build           how the ring is built
 * @param chord           the protocol's parameters (identifier bits, successor list length, periods...)
 * @param link            every link's behaviour
 * @param joinEveryMicros virtual time between two joins when the ring is built by joins
 */
public record ChordWorkload(int nodes, Build build, ChordConfig chord, LinkProfile link, long joinEveryMicros)
        implements Workload {

    /** How the ring comes to be. */
    public enum Build {
        /** Every pointer exact from the start, as after a complete stabilization. */
        PLACED,
        /** One node creates the ring; the others join it one after another through the protocol. */
        JOINED;

        /** The word on the command line. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Large enough for 100,000 SHA-1 identifiers without two being equal (with the default addresses). */
    public static final int DEFAULT_BITS = 32;
    public static final int DEFAULT_SUCCESSORS = 8;
    public static final long DEFAULT_JOIN_EVERY_MICROS = Micros.ofMillis(5);

    public ChordWorkload {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(chord, "chord");
        Objects.requireNonNull(link, "link");
        if (nodes < 1) {
            throw new IllegalArgumentException("a ring needs at least 1 node, got " + nodes);
        }
        if (joinEveryMicros < 0) {
            throw new IllegalArgumentException("the time between joins must not be negative, got " + joinEveryMicros);
        }
    }

    /**
     * The defaults: the page's protocol ({@link ChordConfig#defaults()}: corrected maintenance rules,
     * iterative lookups over fingers, stabilize every 1 s, fix_fingers every 0.5 s, check_predecessor every
     * 2 s, no replication) with {@code bits}-bit identifiers and successor lists of {@code successors}, over
     * the kernel's default links (10 ms mean, 2 ms jitter, nothing lost).
     */
    public static ChordWorkload of(int nodes, Build build, int bits, int successors, long joinEveryMicros) {
        ChordConfig chord = ChordConfig.defaults().withBits(bits).withSuccessorListLength(successors);
        return new ChordWorkload(nodes, build, chord, LinkProfile.DEFAULT, joinEveryMicros);
    }

    @Override
    public String name() {
        return "chord";
    }

    @Override
    public String describe() {
        String how = build == Build.PLACED ? "placed with every pointer exact"
                : "built by joins, one every " + Micros.format(joinEveryMicros);
        return String.format(Locale.ROOT,
                "Chord ring of %,d nodes %s; m = %d bits, %d successors, %s rules, %s %s lookups; stabilize "
                        + "every %s, fix_fingers every %s, check_predecessor every %s; links %s mean, %s jitter",
                nodes, how, chord.bits(), chord.successorListLength(),
                chord.rules().name().toLowerCase(Locale.ROOT), chord.lookupStyle().name().toLowerCase(Locale.ROOT),
                chord.routing() == ChordConfig.Routing.FINGERS ? "finger" : "successor-only",
                Micros.format(chord.stabilizeMicros()), Micros.format(chord.fixFingersMicros()),
                Micros.format(chord.checkPredecessorMicros()), Micros.format(link.meanLatencyMicros()),
                Micros.format(link.jitterMicros()));
    }

    /** A new, empty ring over a simulation made from {@code config} with this workload's links. */
    public ChordRing newRing(SimConfig config) {
        return new ChordRing(chord, config.withDefaultLink(link));
    }

    /** The addresses of the ring's nodes, {@code 10.0.0.0:4000} onwards. */
    public List<String> addresses() {
        List<String> out = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            out.add(ChordRing.address(i));
        }
        return out;
    }

    /**
     * Builds the ring: places it at the current time, or makes every node join, one every
     * {@code joinEveryMicros} of virtual time (the simulation runs in between).
     *
     * @throws IllegalArgumentException if two addresses hash to the same identifier (use more bits)
     */
    public void build(ChordRing ring) {
        if (build == Build.PLACED) {
            ring.placeRing(addresses());
            return;
        }
        Simulation sim = ring.simulation();
        for (String address : addresses()) {
            ring.join(address);
            sim.runFor(joinEveryMicros);
        }
    }

    /** The protocol's stabilize period: the step in which the benchmark waits for an ideal ring. */
    public long stabilizeMicros() {
        return chord.stabilizeMicros();
    }

    /**
     * A simulation with the ring built (for a joined ring: every node has joined, but the ring may not be
     * ideal yet). {@link BenchmarkChord} goes on from there; this makes the workload usable by
     * {@link Benchmark} too.
     */
    @Override
    public Simulation start(SimConfig config) {
        ChordRing ring = newRing(config);
        build(ring);
        return ring.simulation();
    }
}
