package io.distviz.bench;

import io.distviz.chord.ChordRing;
import io.distviz.chord.RingCheck;
import io.distviz.sim.CheckpointInfo;
import io.distviz.sim.Micros;
import io.distviz.sim.RunResult;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs the Chord benchmark ({@link ChordWorkload}) and times it. Like {@link Benchmark}, this driver sits
 * outside the simulation and is the one place here that reads the wall clock; the workload and the nodes
 * never do.
 *
 * <p>Each run (warm-up or counted repeat) starts from nothing with the same seed and goes through four
 * steps, each timed on its own:
 * <ol>
 *   <li><b>build</b> the ring: place it, or let the nodes join one after another;</li>
 *   <li><b>stabilize</b>: check the ring ({@link ChordRing#check()}) and, while it is not ideal, run the
 *       simulation for another check interval (by default one stabilize period) and check again. A placed
 *       ring is ideal at once. With {@link Checks#untilIdeal()} off this step is skipped, because a check over
 *       100,000 nodes takes seconds;</li>
 *   <li><b>steady state</b>: run {@code settings.virtualMicros()} of virtual time of maintenance
 *       (stabilize, fix_fingers, check_predecessor) and count what happened with a {@link TraceCounter}, the
 *       trace keeping nothing ({@link SimConfig#withoutTraceRetention()});</li>
 *   <li><b>check</b> that the ring is (still) ideal, then measure the heap it holds and, with checkpoints,
 *       time a few {@code restoreTo} calls around the middle of the steady state.</li>
 * </ol>
 * A ring that is not ideal at the end, or never becomes ideal, fails the benchmark: its figures would
 * describe a broken ring.
 */
public final class BenchmarkChord {

    /**
     * When the ring is checked.
     *
     * @param untilIdeal       check after the build and then every {@code everyMicros} until the ring is ideal
     *                         (off: only at the end of the run)
     * @param everyMicros      virtual time between two checks while waiting for an ideal ring
     * @param idealLimitMicros give up if the ring is not ideal this long after the build
     */
    public record Checks(boolean untilIdeal, long everyMicros, long idealLimitMicros) {
        public Checks {
            if (everyMicros <= 0) {
                throw new IllegalArgumentException("the check interval must be positive, got " + everyMicros);
            }
            if (idealLimitMicros < 0) {
                throw new IllegalArgumentException("the limit must not be negative, got " + idealLimitMicros);
            }
        }
    }

    private final ChordWorkload workload;
    private final BenchmarkSettings settings;
    private final Checks checks;
    private final boolean measureHeap;

    public BenchmarkChord(ChordWorkload workload, BenchmarkSettings settings, Checks checks, boolean measureHeap) {
        this.workload = Objects.requireNonNull(workload, "workload");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.checks = Objects.requireNonNull(checks, "checks");
        this.measureHeap = measureHeap;
    }

    public ChordWorkload workload() {
        return workload;
    }

    public BenchmarkSettings settings() {
        return settings;
    }

    public Checks checks() {
        return checks;
    }

    public boolean measuresHeap() {
        return measureHeap;
    }

    /** Whether restoreTo is timed: only with checkpoints, since without them it replays the whole run. */
    public boolean timesRestores() {
        return settings.checkpoints() && settings.restores() > 0;
    }

    /** The kernel configuration of every run: the settings' seed and checkpoints, and no trace kept. */
    public SimConfig simConfig() {
        return settings.simConfig().withoutTraceRetention();
    }

    /** Runs the warm-ups, then every repeat, telling {@code onRun} about each run as soon as it is measured. */
    public ChordBenchmarkResult run(Consumer<ChordRepeat> onRun) {
        List<ChordRepeat> warmups = new ArrayList<>();
        for (int w = 1; w <= settings.warmups(); w++) {
            ChordRepeat m = measure(w, true);
            warmups.add(m);
            onRun.accept(m);
        }
        List<ChordRepeat> repeats = new ArrayList<>();
        for (int r = 1; r <= settings.repeats(); r++) {
            ChordRepeat m = measure(r, false);
            repeats.add(m);
            onRun.accept(m);
        }
        return new ChordBenchmarkResult(workload, settings, warmups, repeats);
    }

    private ChordRepeat measure(int repeat, boolean warmup) {
        // Let the previous run's ring be collected now, not during this run's timed steps (and measure what
        // the heap holds without it).
        long heapBefore = measureHeap ? Machine.heapUsedAfterGc() : -1;
        if (!measureHeap) {
            System.gc();
        }

        long buildStart = System.nanoTime();
        ChordRing ring = workload.newRing(simConfig());
        try {
            workload.build(ring);
        } catch (IllegalArgumentException e) {
            throw new BenchmarkException("could not build the ring: " + e.getMessage());
        }
        long buildNanos = System.nanoTime() - buildStart;
        Simulation sim = ring.simulation();
        long builtAt = sim.nowMicros();

        int checkCount = 0;
        long checkNanos = 0;
        long stabilizeNanos = 0;
        long idealAt = -1;
        if (checks.untilIdeal()) {
            while (true) {
                long checkStart = System.nanoTime();
                RingCheck check = ring.check();
                checkNanos += System.nanoTime() - checkStart;
                checkCount++;
                if (check.ideal()) {
                    idealAt = sim.nowMicros() - builtAt;
                    break;
                }
                if (sim.nowMicros() - builtAt >= checks.idealLimitMicros()) {
                    throw new BenchmarkException("the ring was still not ideal " + Micros.format(checks.idealLimitMicros())
                            + " after the build: " + check);
                }
                long runStart = System.nanoTime();
                runTo(sim, sim.nowMicros() + checks.everyMicros());
                stabilizeNanos += System.nanoTime() - runStart;
            }
        }

        long steadyStart = sim.nowMicros();
        long steadyEnd = steadyStart + settings.virtualMicros();
        List<Long> restoreTimes = new ArrayList<>();
        if (timesRestores()) {
            for (long offset : Benchmark.restoreTimesMicros(settings.virtualMicros(), settings.restores())) {
                restoreTimes.add(steadyStart + offset);
            }
        }
        // The steady state runs in segments ending at the restore times (ascending) so that the events
        // processed up to each of them are known and every restore can be checked against them.
        List<Long> segmentEnds = new ArrayList<>(restoreTimes);
        segmentEnds.sort(null);
        List<Long> eventsAtSegmentEnds = new ArrayList<>();
        TraceCounter counter = new TraceCounter();
        sim.trace().addListener(counter);
        long eventsBefore = sim.eventsProcessed();
        long gcBefore = Machine.collectionMillis();
        long steadyWallStart = System.nanoTime();
        for (long t : segmentEnds) {
            runTo(sim, t);
            eventsAtSegmentEnds.add(sim.eventsProcessed());
        }
        runTo(sim, steadyEnd);
        long steadyNanos = System.nanoTime() - steadyWallStart;
        long steadyGc = Machine.collectionMillis() - gcBefore;
        sim.trace().removeListener(counter);
        long steadyEvents = sim.eventsProcessed() - eventsBefore;
        if (counter.processed() != steadyEvents) {
            throw new BenchmarkException("the kernel processed " + steadyEvents + " events but the trace reported "
                    + counter.processed() + " deliveries, drops and timer firings");
        }

        long lastCheckStart = System.nanoTime();
        RingCheck last = ring.check();
        long lastCheckNanos = System.nanoTime() - lastCheckStart;
        checkNanos += lastCheckNanos;
        checkCount++;
        if (!last.ideal()) {
            throw new BenchmarkException("the ring was not ideal at the end of the run ("
                    + Micros.format(sim.nowMicros()) + "): " + last);
        }

        long heapBytes = measureHeap ? Machine.heapUsedAfterGc() - heapBefore : -1;
        Reference.reachabilityFence(ring);

        List<CheckpointInfo> checkpoints = sim.checkpoints();
        long checkpointBytes = 0;
        for (CheckpointInfo c : checkpoints) {
            checkpointBytes += c.bytes();
        }

        List<Long> restoreNanos = new ArrayList<>();
        for (long t : restoreTimes) {
            long restoreStart = System.nanoTime();
            sim.restoreTo(t);
            restoreNanos.add(System.nanoTime() - restoreStart);
            long expected = eventsAtSegmentEnds.get(segmentEnds.indexOf(t));
            if (sim.nowMicros() != t || sim.eventsProcessed() != expected) {
                throw new BenchmarkException("restoreTo(" + t + ") gave time " + sim.nowMicros() + " after "
                        + sim.eventsProcessed() + " events; the original run had processed " + expected
                        + " events by then");
            }
        }

        return new ChordRepeat(repeat, warmup, buildNanos, idealAt, stabilizeNanos, checkCount, checkNanos,
                lastCheckNanos, steadyEvents, counter.delivered(), counter.sent(), steadyNanos,
                steadyGc, checkpoints.size(),
                checkpoints.isEmpty() ? 0 : checkpointBytes / (double) checkpoints.size(), restoreNanos, heapBytes,
                counter.fingerprint());
    }

    private static void runTo(Simulation sim, long timeMicros) {
        RunResult run = sim.runUntil(timeMicros);
        if (run.stop() != RunResult.Stop.REACHED_TIME) {
            throw new BenchmarkException("the run stopped at " + Micros.format(run.nowMicros()) + " (" + run.stop()
                    + ") before reaching " + Micros.format(timeMicros) + "; ask for fewer nodes or less virtual time");
        }
    }
}
