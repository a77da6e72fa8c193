package io.distviz.cli;

import io.distviz.bench.Benchmark;
import io.distviz.bench.BenchmarkChord;
import io.distviz.bench.BenchmarkException;
import io.distviz.bench.BenchmarkReport;
import io.distviz.bench.BenchmarkResult;
import io.distviz.bench.BenchmarkSettings;
import io.distviz.bench.ChordBenchmarkReport;
import io.distviz.bench.ChordBenchmarkResult;
import io.distviz.bench.ChordWorkload;
import io.distviz.bench.GossipWorkload;
import io.distviz.bench.RaftWorkload;
import io.distviz.bench.Workload;
import io.distviz.sim.Micros;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Spec;

/**
 * {@code distviz bench TARGET}: times a workload on the simulation kernel. Each target is a subcommand with
 * its own workload options; the options every benchmark shares (seed, warm-ups, repeats, restores,
 * checkpoints, CSV) come from {@link CommonOptions}, so an engine adds its benchmark as one more subcommand.
 *
 * <p>Not {@link Callable} on purpose: {@code bench} with no target is then a usage error (exit status 2).
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.VersionProvider.class,
        synopsisSubcommandLabel = "TARGET",
        description = {"Measure the simulation kernel's speed on a workload (TARGET).",
                "Reports events per wall second, checkpoint count and size, the cost of time travel",
                "(restoreTo) and whether every run gave the same trace (determinism).",
                "Targets: kernel (the kernel alone), chord (a Chord ring) and raft (a Raft cluster under",
                "load)."},
        subcommands = {BenchCommand.Kernel.class, BenchCommand.Chord.class, BenchCommand.Raft.class},
        footer = {"", "See docs/PERFORMANCE.md for what each figure means and the figures we measured."})
final class BenchCommand {

    /** The options of every benchmark target. */
    static final class CommonOptions {
        static final int MAX_REPEATS = 1_000;
        static final int MAX_RESTORES = 100;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "Seed of every repeat (default: ${DEFAULT-VALUE}).")
        long seed;

        int warmups;
        int repeats;
        int restores;

        @Option(names = "--csv", description = "Print one CSV row per repeat (with a header) instead of text.")
        boolean csv;

        /** Null when not given: each target has its own default. */
        @Option(names = "--checkpoints", negatable = true,
                description = "Take the app's time-travel checkpoints (one every 20,000 events or 10 virtual "
                        + "seconds), or with --no-checkpoints none but the initial one, to see what they cost "
                        + "(restoreTo then replays from time 0: lower --restores). Default: on for kernel, off "
                        + "for chord.")
        Boolean checkpoints;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
                description = "Runs before the repeats, measured but not counted, so that the JIT compiler "
                        + "has settled (0 to " + MAX_REPEATS + "; default: ${DEFAULT-VALUE}).")
        void setWarmups(int n) {
            warmups = checkRange(spec, "--warmup", n, 0, MAX_REPEATS);
        }

        @Option(names = "--repeat", paramLabel = "N", defaultValue = "5",
                description = "Run the workload this many times from scratch (1 to " + MAX_REPEATS
                        + "; default: ${DEFAULT-VALUE}).")
        void setRepeats(int n) {
            repeats = checkRange(spec, "--repeat", n, 1, MAX_REPEATS);
        }

        @Option(names = "--restores", paramLabel = "N", defaultValue = "5",
                description = "restoreTo calls to time per repeat, around the middle of the run (0 to "
                        + MAX_RESTORES + "; default: ${DEFAULT-VALUE}).")
        void setRestores(int n) {
            restores = checkRange(spec, "--restores", n, 0, MAX_RESTORES);
        }

        BenchmarkSettings settings(long virtualMicros, boolean checkpointsByDefault) {
            boolean take = checkpoints == null ? checkpointsByDefault : checkpoints;
            return new BenchmarkSettings(seed, virtualMicros, warmups, repeats, restores, take);
        }
    }

    @Command(name = "kernel",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"The kernel alone, under a synthetic heartbeat-gossip load.",
                    "Each of N nodes ticks on a random timer and sends a small message to a random peer,",
                    "which answers; links have 2 ms jitter and 1%% loss.",
                    "The defaults take 12 to 15 s on 2 cores."})
    static final class Kernel implements Callable<Integer> {
        static final int MAX_NODES = 10_000;
        static final double MAX_SECONDS = 86_400;

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        int nodes;
        double virtualSeconds;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "100",
                description = "Gossip nodes (2 to " + MAX_NODES + "; default: ${DEFAULT-VALUE}).")
        void setNodes(int n) {
            nodes = checkRange(spec, "--nodes", n, 2, MAX_NODES);
        }

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
                description = "Virtual seconds each repeat simulates (more than 0, at most 86400; "
                        + "default: ${DEFAULT-VALUE}).")
        void setVirtualSeconds(double s) {
            virtualSeconds = checkSeconds(spec, "--seconds", s, MAX_SECONDS);
        }

        @Override
        public Integer call() {
            long virtualMicros = Math.round(virtualSeconds * Micros.PER_SECOND);
            return runBenchmark(spec, GossipWorkload.withNodes(nodes), common.settings(virtualMicros, true),
                    common.csv);
        }
    }

    @Command(name = "raft",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"A Raft cluster under load: one closed-loop client keeps a window of puts in flight",
                    "(each slot its own client session), following redirects. Reports kernel events and",
                    "committed commands per wall second, checkpoints and restore time, like bench kernel."})
    static final class Raft implements Callable<Integer> {
        static final double MAX_SECONDS = 86_400;

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        int servers;
        int window;
        double virtualSeconds;

        @Option(names = "--servers", paramLabel = "N", defaultValue = "5",
                description = "Servers (1 to 9; default: ${DEFAULT-VALUE}).")
        void setServers(int n) {
            servers = checkRange(spec, "--servers", n, 1, 9);
        }

        @Option(names = "--window", paramLabel = "N", defaultValue = "64",
                description = "Commands the client keeps in flight (1 to 10000; default: ${DEFAULT-VALUE}).")
        void setWindow(int n) {
            window = checkRange(spec, "--window", n, 1, 10_000);
        }

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
                description = "Virtual seconds each repeat simulates (more than 0, at most 86400; "
                        + "default: ${DEFAULT-VALUE}).")
        void setVirtualSeconds(double s) {
            virtualSeconds = checkSeconds(spec, "--seconds", s, MAX_SECONDS);
        }

        @Override
        public Integer call() {
            long virtualMicros = Math.round(virtualSeconds * Micros.PER_SECOND);
            return runBenchmark(spec, new RaftWorkload(servers, window, RaftWorkload.DEFAULT_LINK),
                    common.settings(virtualMicros, true), common.csv);
        }
    }

    @Command(name = "chord",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"A Chord ring running its maintenance: stabilize, fix_fingers, check_predecessor.",
                    "Each run builds a ring of N nodes (placed with every pointer exact, or by joins through",
                    "the protocol), checks it until it is ideal, runs S virtual seconds of maintenance with",
                    "the trace kept by nobody (a listener counts), checks it again and measures the heap.",
                    "Reports the wall time of each step, events and message deliveries per wall second, and",
                    "heap per node. The defaults (1,000 placed nodes, m = 32, 8 successors) take about 10 s",
                    "on 2 cores. For 100,000 nodes: --nodes 100000 --seconds 3 --warmup 0 --repeat 2 (about",
                    "25 s a run; --check end saves the first check, over a second)."})
    static final class Chord implements Callable<Integer> {
        static final int MAX_NODES = 1_000_000;
        /** Above this, a checkpoint (the whole world serialized every 20,000 events) costs more than the run. */
        static final int MAX_NODES_WITH_CHECKPOINTS = 10_000;
        static final double MAX_SECONDS = 86_400;

        enum CheckWhen { EACH, END }

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        int nodes;
        double virtualSeconds;
        int bits;
        int successors;
        double joinEveryMillis;
        double checkEverySeconds;
        double idealWithinSeconds;

        @Option(names = "--build", paramLabel = "HOW", defaultValue = "placed", converter = BuildConverter.class,
                description = "placed (every pointer exact from the start) or joined (one node creates the "
                        + "ring, the others join it one after another through the protocol; default: "
                        + "${DEFAULT-VALUE}).")
        ChordWorkload.Build build;

        @Option(names = "--check", paramLabel = "WHEN", defaultValue = "each", converter = CheckConverter.class,
                description = "each: check the ring after the build and every --check-every until it is "
                        + "ideal, then after the steady state; end: only after the steady state (a check of "
                        + "100,000 nodes takes seconds; default: ${DEFAULT-VALUE}).")
        CheckWhen check;

        @Option(names = "--no-heap", description = "Skip the heap measurement (two full collections per run).")
        boolean noHeap;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "1000",
                description = "Chord nodes (1 to " + MAX_NODES + "; default: ${DEFAULT-VALUE}).")
        void setNodes(int n) {
            nodes = checkRange(spec, "--nodes", n, 1, MAX_NODES);
        }

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
                description = "Virtual seconds of steady-state maintenance each run simulates once the ring is "
                        + "ideal (more than 0, at most 86400; default: ${DEFAULT-VALUE}).")
        void setVirtualSeconds(double s) {
            virtualSeconds = checkSeconds(spec, "--seconds", s, MAX_SECONDS);
        }

        @Option(names = "--bits", paramLabel = "M", defaultValue = "" + ChordWorkload.DEFAULT_BITS,
                description = "Identifier bits m (3 to 62; default: ${DEFAULT-VALUE}). Two addresses with the "
                        + "same identifier stop the run: use more bits for very large rings.")
        void setBits(int m) {
            bits = checkRange(spec, "--bits", m, 3, 62);
        }

        @Option(names = "--successors", paramLabel = "R", defaultValue = "" + ChordWorkload.DEFAULT_SUCCESSORS,
                description = "Successor list length r (1 to 32; default: ${DEFAULT-VALUE}).")
        void setSuccessors(int r) {
            successors = checkRange(spec, "--successors", r, 1, 32);
        }

        @Option(names = "--join-every", paramLabel = "MS", defaultValue = "5",
                description = "With --build joined: virtual milliseconds between two joins (0 to 60000; "
                        + "default: ${DEFAULT-VALUE}).")
        void setJoinEveryMillis(double ms) {
            if (!(ms >= 0 && ms <= 60_000)) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "Invalid value for option '--join-every': %s (must be from 0 to 60000)", ms));
            }
            joinEveryMillis = ms;
        }

        @Option(names = "--check-every", paramLabel = "S", defaultValue = "1",
                description = "Virtual seconds between two checks while waiting for an ideal ring (more than "
                        + "0; default: ${DEFAULT-VALUE}, the stabilize period).")
        void setCheckEverySeconds(double s) {
            checkEverySeconds = checkSeconds(spec, "--check-every", s, MAX_SECONDS);
        }

        @Option(names = "--ideal-within", paramLabel = "S", defaultValue = "3600",
                description = "Give up (exit status 1) if the ring is not ideal this many virtual seconds after "
                        + "the build (more than 0; default: ${DEFAULT-VALUE}).")
        void setIdealWithinSeconds(double s) {
            idealWithinSeconds = checkSeconds(spec, "--ideal-within", s, MAX_SECONDS);
        }

        @Override
        public Integer call() {
            BenchmarkSettings settings = common.settings(Math.round(virtualSeconds * Micros.PER_SECOND), false);
            if (settings.checkpoints() && nodes > MAX_NODES_WITH_CHECKPOINTS) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "--checkpoints is for rings of at most %,d nodes: each checkpoint serializes the whole "
                                + "ring, and one is taken every 20,000 events", MAX_NODES_WITH_CHECKPOINTS));
            }
            ChordWorkload workload = ChordWorkload.of(nodes, build, bits, successors,
                    Math.round(joinEveryMillis * Micros.PER_MILLI));
            BenchmarkChord.Checks checks = new BenchmarkChord.Checks(check == CheckWhen.EACH,
                    Math.round(checkEverySeconds * Micros.PER_SECOND),
                    Math.round(idealWithinSeconds * Micros.PER_SECOND));
            BenchmarkChord benchmark = new BenchmarkChord(workload, settings, checks, !noHeap);
            PrintWriter err = spec.commandLine().getErr();
            ChordBenchmarkReport report = new ChordBenchmarkReport(spec.commandLine().getOut(), common.csv);
            report.begin(benchmark);
            ChordBenchmarkResult result;
            try {
                result = benchmark.run(m -> report.row(benchmark, m));
            } catch (BenchmarkException e) {
                err.println("distviz bench chord: " + e.getMessage());
                return 1;
            }
            report.end(benchmark, result);
            if (!result.deterministic()) {
                err.println("distviz bench chord: the runs had " + result.distinctOutcomes().size()
                        + " different outcomes with the same seed, so the run is not deterministic");
                return 1;
            }
            return 0;
        }

        static final class BuildConverter implements ITypeConverter<ChordWorkload.Build> {
            @Override
            public ChordWorkload.Build convert(String value) {
                for (ChordWorkload.Build b : ChordWorkload.Build.values()) {
                    if (b.word().equals(value)) {
                        return b;
                    }
                }
                throw new TypeConversionException("must be placed or joined");
            }
        }

        static final class CheckConverter implements ITypeConverter<CheckWhen> {
            @Override
            public CheckWhen convert(String value) {
                for (CheckWhen c : CheckWhen.values()) {
                    if (c.name().toLowerCase(Locale.ROOT).equals(value)) {
                        return c;
                    }
                }
                throw new TypeConversionException("must be each or end");
            }
        }
    }

    /** A picocli usage error naming the option unless {@code 0 < seconds <= max} and at least 1 µs. */
    static double checkSeconds(CommandSpec spec, String option, double seconds, double max) {
        if (!(seconds > 0 && seconds <= max) || Math.round(seconds * Micros.PER_SECOND) < 1) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "Invalid value for option '%s': %s (must be more than 0 and at most %.0f)", option, seconds,
                    max));
        }
        return seconds;
    }

    /** Runs a benchmark and reports it; 0 on success, 1 if a figure cannot be trusted. */
    static int runBenchmark(CommandSpec spec, Workload workload, BenchmarkSettings settings, boolean csv) {
        PrintWriter err = spec.commandLine().getErr();
        Benchmark benchmark = new Benchmark(workload, settings);
        BenchmarkReport report = new BenchmarkReport(spec.commandLine().getOut(), csv);
        report.begin(workload, settings, benchmark.restoreTimesMicros());
        BenchmarkResult result;
        try {
            result = benchmark.run(m -> report.row(settings, workload.name(), m));
        } catch (BenchmarkException e) {
            err.println("distviz bench " + workload.name() + ": " + e.getMessage());
            return 1;
        }
        report.end(result, workload.workUnit());
        if (!result.deterministic()) {
            err.println("distviz bench " + workload.name() + ": the runs gave " + result.distinctHashes().size()
                    + " different trace hashes with the same seed, so the run is not deterministic");
            return 1;
        }
        return 0;
    }

    /** A picocli usage error (exit status 2) naming the option, unless {@code min <= value <= max}. */
    static int checkRange(CommandSpec spec, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "Invalid value for option '%s': %d (must be from %d to %d)", option, value, min, max));
        }
        return value;
    }
}
