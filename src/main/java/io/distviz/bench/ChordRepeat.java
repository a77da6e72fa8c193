package io.distviz.bench;

import java.util.List;

/**
 * What one run of the Chord benchmark measured. Times in nanoseconds are wall-clock; times in microseconds
 * are virtual.
 *
 * @param repeat              1-based, counting warm-ups and counted repeats separately
 * @param warmup              whether this was a warm-up run, left out of the figures
 * @param buildNanos          wall time to build the ring (placing it, or all the joins and the simulation
 *                            running between them)
 * @param idealAtMicros       virtual time at which the ring was first found ideal, counted from the end of the
 *                            build; -1 when it was not checked before the steady state
 * @param stabilizeNanos      wall time the simulation ran between the end of the build and that check
 * @param checks              ring checks ({@code ChordRing.check()}) made, the last one included
 * @param checkNanos          wall time of all of them
 * @param lastCheckNanos      wall time of the last one, over the whole ring at the end of the run (which
 *                            found it ideal: a run whose ring is not fails instead)
 * @param steadyEvents        kernel events processed during the steady state
 * @param steadyDeliveries    messages delivered during the steady state
 * @param steadySends         messages sent during the steady state
 * @param steadyNanos         wall time of the steady state, checkpoints included
 * @param steadyGcMillis      collection time the JVM reported during the steady state
 * @param checkpoints         checkpoints held at the end of the steady state, the initial one included
 * @param checkpointMeanBytes their mean serialized size
 * @param restoreNanos        wall time of each timed {@code restoreTo}
 * @param heapBytes           heap in use after a full collection with the ring alive, less the heap in use
 *                            before it was built; -1 when not measured
 * @param fingerprint         {@link TraceCounter#fingerprint()} of the steady state: equal on every run with
 *                            the same seed
 */
public record ChordRepeat(int repeat, boolean warmup, long buildNanos, long idealAtMicros, long stabilizeNanos,
                          int checks, long checkNanos, long lastCheckNanos, long steadyEvents,
                          long steadyDeliveries, long steadySends, long steadyNanos, long steadyGcMillis,
                          int checkpoints, double checkpointMeanBytes, List<Long> restoreNanos, long heapBytes,
                          String fingerprint) {

    public ChordRepeat {
        restoreNanos = List.copyOf(restoreNanos);
    }

    public double buildMillis() {
        return buildNanos / 1e6;
    }

    public double stabilizeMillis() {
        return stabilizeNanos / 1e6;
    }

    public double checkMillis() {
        return checkNanos / 1e6;
    }

    public double lastCheckMillis() {
        return lastCheckNanos / 1e6;
    }

    public double steadyMillis() {
        return steadyNanos / 1e6;
    }

    /** Build, stabilization, every check and the steady state: the wall time from nothing to a checked ring. */
    public double totalMillis() {
        return (buildNanos + stabilizeNanos + checkNanos + steadyNanos) / 1e6;
    }

    public double eventsPerWallSecond() {
        return steadyNanos == 0 ? 0 : steadyEvents * 1e9 / steadyNanos;
    }

    public double deliveriesPerWallSecond() {
        return steadyNanos == 0 ? 0 : steadyDeliveries * 1e9 / steadyNanos;
    }

    /** Median restore in milliseconds, or NaN when none were timed. */
    public double restoreMedianMillis() {
        if (restoreNanos.isEmpty()) {
            return Double.NaN;
        }
        return Spread.of(restoreNanos.stream().mapToDouble(n -> n / 1e6).toArray()).median();
    }

    /** Heap per node in bytes, or NaN when not measured. */
    public double heapBytesPerNode(int nodes) {
        return heapBytes < 0 ? Double.NaN : heapBytes / (double) nodes;
    }
}
