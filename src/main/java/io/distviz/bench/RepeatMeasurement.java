package io.distviz.bench;

import java.util.List;

/**
 * What one repeat of a benchmark measured.
 *
 * @param repeat              1-based, counting warm-ups and counted repeats separately
 * @param warmup              whether this was a warm-up run, left out of the figures
 * @param events              kernel events (deliveries, drops, timer firings) processed by the timed run
 * @param runNanos            wall time of the timed run, checkpointing included
 * @param gcMillis            time the JVM's collectors reported spending during the timed run
 * @param checkpoints         checkpoints held at the end of the run, the initial one included
 * @param checkpointMeanBytes mean serialized size of those checkpoints
 * @param checkpointMaxBytes  size of the largest one
 * @param restoreNanos        wall time of each timed {@code restoreTo}, in the order they ran
 * @param traceEvents         trace length at the end of the run
 * @param hashNanos           wall time of computing the trace hash
 * @param traceHash           SHA-256 of the trace: equal on every repeat if the run is deterministic
 * @param work                the workload's useful work done in the run ({@link Workload#completedWork}), −1 if
 *                            it counts none
 */
public record RepeatMeasurement(int repeat, boolean warmup, long events, long runNanos, long gcMillis, int checkpoints,
                                double checkpointMeanBytes, int checkpointMaxBytes, List<Long> restoreNanos,
                                int traceEvents, long hashNanos, String traceHash, long work) {

    public RepeatMeasurement {
        restoreNanos = List.copyOf(restoreNanos);
    }

    public double eventsPerWallSecond() {
        return runNanos == 0 ? 0 : events * 1e9 / runNanos;
    }

    public double workPerWallSecond() {
        return runNanos == 0 || work < 0 ? Double.NaN : work * 1e9 / runNanos;
    }

    public double runMillis() {
        return runNanos / 1e6;
    }

    public double hashMillis() {
        return hashNanos / 1e6;
    }

    /** Median of this repeat's restores in milliseconds, or NaN when none were timed. */
    public double restoreMedianMillis() {
        if (restoreNanos.isEmpty()) {
            return Double.NaN;
        }
        return Spread.of(restoreNanos.stream().mapToDouble(n -> n / 1e6).toArray()).median();
    }
}
