package io.distviz.bench;

import io.distviz.sim.SimConfig;

/**
 * How to run a benchmark, whatever the workload.
 *
 * @param seed           the seed of every repeat: repeats must give the same trace, which the report checks
 * @param virtualMicros  how much virtual time each repeat simulates
 * @param warmups        runs before the repeats that are measured the same way but not counted: on 2 cores
 *                       the JIT compiler needs two or three one-second runs before times settle
 * @param repeats        how many times to build and run the simulation from scratch, counted
 * @param restores       how many {@code restoreTo} calls to time per repeat, around the middle of the run
 * @param checkpoints    whether the kernel takes its default time-travel checkpoints (false: only the
 *                       initial one, as {@link SimConfig#withoutCheckpoints()}), to see what they cost
 */
public record BenchmarkSettings(long seed, long virtualMicros, int warmups, int repeats, int restores,
                                boolean checkpoints) {

    public BenchmarkSettings {
        if (virtualMicros <= 0) {
            throw new IllegalArgumentException("virtual time must be positive, got " + virtualMicros + " µs");
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("warm-ups must not be negative, got " + warmups);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("need at least 1 repeat, got " + repeats);
        }
        if (restores < 0) {
            throw new IllegalArgumentException("restores must not be negative, got " + restores);
        }
    }

    /** The kernel configuration every repeat starts from (the workload then sets its link). */
    public SimConfig simConfig() {
        SimConfig config = SimConfig.seeded(seed);
        return checkpoints ? config : config.withoutCheckpoints();
    }
}
