package io.distviz.bench;

import io.distviz.sim.CheckpointInfo;
import io.distviz.sim.Micros;
import io.distviz.sim.RunResult;
import io.distviz.sim.Simulation;
import io.distviz.sim.Trace;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a {@link Workload} on the kernel and times it. This driver sits outside the simulation, so it is the
 * one place in the benchmarks that reads the wall clock ({@link System#nanoTime()}); the nodes never do.
 *
 * <p>Each run (warm-up or counted repeat) builds the simulation from scratch with the same seed, runs it for
 * the virtual time asked for, then hashes the trace and times a few {@link Simulation#restoreTo} calls around
 * the middle of the run. Equal hashes on every run show the workload ran deterministically.
 */
public final class Benchmark {
    private final Workload workload;
    private final BenchmarkSettings settings;

    public Benchmark(Workload workload, BenchmarkSettings settings) {
        this.workload = Objects.requireNonNull(workload, "workload");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Workload workload() {
        return workload;
    }

    public BenchmarkSettings settings() {
        return settings;
    }

    /** The virtual times each repeat restores to, in the order it does so. */
    public List<Long> restoreTimesMicros() {
        return restoreTimesMicros(settings.virtualMicros(), settings.restores());
    }

    /** Runs the warm-ups, then every repeat, telling {@code onRun} about each run as soon as it is measured. */
    public BenchmarkResult run(Consumer<RepeatMeasurement> onRun) {
        List<Long> restoreTimes = restoreTimesMicros();
        List<RepeatMeasurement> warmups = new ArrayList<>();
        for (int w = 1; w <= settings.warmups(); w++) {
            RepeatMeasurement m = measure(w, true, restoreTimes);
            warmups.add(m);
            onRun.accept(m);
        }
        List<RepeatMeasurement> repeats = new ArrayList<>();
        for (int r = 1; r <= settings.repeats(); r++) {
            RepeatMeasurement m = measure(r, false, restoreTimes);
            repeats.add(m);
            onRun.accept(m);
        }
        return new BenchmarkResult(workload.name(), workload.describe(), settings, restoreTimes, warmups, repeats);
    }

    /**
     * The times to restore to: {@code count} points around the middle of the run, spaced by a fiftieth of
     * it, latest first. Latest first because restoreTo discards the checkpoints after the time it restores
     * to; going backwards, every restore still finds the checkpoints the full run took below it, so each
     * pays what a person dragging the timeline back from the end would, without re-running the future.
     */
    static List<Long> restoreTimesMicros(long virtualMicros, int count) {
        long middle = virtualMicros / 2;
        long spacing = Math.max(1, virtualMicros / 50);
        List<Long> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = (long) ((count - 1) / 2.0 * spacing - i * spacing);
            times.add(Math.max(0, Math.min(virtualMicros, middle + offset)));
        }
        return times;
    }

    private RepeatMeasurement measure(int repeat, boolean warmup, List<Long> restoreTimes) {
        // Let the previous repeat's simulation (a trace of millions of events) be collected now rather than
        // in the middle of this repeat's timed run.
        System.gc();
        Simulation sim = workload.start(settings.simConfig());
        long eventsBefore = sim.eventsProcessed();

        long gcBefore = gcMillis();
        long runStart = System.nanoTime();
        RunResult run = sim.runUntil(settings.virtualMicros());
        long runNanos = System.nanoTime() - runStart;
        long gcDuringRun = gcMillis() - gcBefore;
        if (run.stop() != RunResult.Stop.REACHED_TIME) {
            throw new BenchmarkException("the run stopped at " + Micros.format(run.nowMicros()) + " (" + run.stop()
                    + ") before reaching " + Micros.format(settings.virtualMicros())
                    + "; ask for fewer nodes or less virtual time");
        }
        long events = sim.eventsProcessed() - eventsBefore;
        long work = workload.completedWork(sim);

        List<CheckpointInfo> checkpoints = sim.checkpoints();
        long checkpointBytes = 0;
        int checkpointMaxBytes = 0;
        for (CheckpointInfo c : checkpoints) {
            checkpointBytes += c.bytes();
            checkpointMaxBytes = Math.max(checkpointMaxBytes, c.bytes());
        }

        Trace trace = sim.trace();
        int traceEvents = trace.size();
        long hashStart = System.nanoTime();
        String hash = trace.hash();
        long hashNanos = System.nanoTime() - hashStart;

        List<Integer> expectedTraceSizes = restoreTimes.stream().map(t -> eventsAtOrBefore(trace, t)).toList();
        List<Long> restoreNanos = new ArrayList<>(restoreTimes.size());
        for (int i = 0; i < restoreTimes.size(); i++) {
            long t = restoreTimes.get(i);
            long restoreStart = System.nanoTime();
            sim.restoreTo(t);
            restoreNanos.add(System.nanoTime() - restoreStart);
            // A fast restore is worth nothing if it lands somewhere else: check it rebuilt exactly the
            // prefix of the trace up to t.
            if (sim.nowMicros() != t || trace.size() != expectedTraceSizes.get(i)) {
                throw new BenchmarkException("restoreTo(" + t + ") gave time " + sim.nowMicros() + " and "
                        + trace.size() + " trace events; the original run had " + expectedTraceSizes.get(i)
                        + " events at or before that time");
            }
        }
        return new RepeatMeasurement(repeat, warmup, events, runNanos, gcDuringRun, checkpoints.size(),
                checkpoints.isEmpty() ? 0 : checkpointBytes / (double) checkpoints.size(), checkpointMaxBytes,
                restoreNanos, traceEvents, hashNanos, hash, work);
    }

    /**
     * Total collection time the JVM's garbage collectors report. The trace keeps every event alive, so each
     * young collection copies what the run just made; this figure shows how much of the noise that is.
     */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** How many events of the trace happened at or before {@code timeMicros} (trace times never decrease). */
    private static int eventsAtOrBefore(Trace trace, long timeMicros) {
        int lo = 0;
        int hi = trace.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (trace.get(mid).timeMicros() <= timeMicros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
