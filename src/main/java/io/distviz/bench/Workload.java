package io.distviz.bench;

import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;

/**
 * What a benchmark runs: a simulation with its nodes added at time 0. The kernel benchmark uses
 * {@link GossipWorkload}; each engine adds its own (a Chord ring, a Raft cluster) so that every benchmark is
 * measured and reported the same way by {@link Benchmark}.
 */
public interface Workload {

    /** The benchmark target's name on the command line and in CSV rows, such as {@code kernel}. */
    String name();

    /** One line for a person: what runs, on how many nodes, over what links. */
    String describe();

    /**
     * A new simulation from {@code config} (whose seed and checkpoint policy the benchmark chose) with the
     * workload's nodes added and started at time 0. The workload may change the default link.
     */
    Simulation start(SimConfig config);

    /**
     * What the workload calls useful work (committed commands, say), counted in {@code sim} after a run, or −1
     * when it counts none. The benchmark reports it per wall second beside the events.
     */
    default long completedWork(Simulation sim) {
        return -1;
    }

    /** The unit of {@link #completedWork}, plural ("committed commands"), or null. */
    default String workUnit() {
        return null;
    }
}
