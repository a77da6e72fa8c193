package io.distviz.cli;

import io.distviz.bench.Benchmark;
import io.distviz.bench.BenchmarkException;
import io.distviz.bench.BenchmarkReport;
import io.distviz.bench.BenchmarkResult;
import io.distviz.bench.BenchmarkSettings;
import io.distviz.bench.GossipWorkload;
import io.distviz.bench.Workload;
import io.distviz.sim.Micros;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
                "Targets: kernel for now; the Chord, Raft and clock engines add theirs."},
        subcommands = {BenchCommand.Kernel.class},
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

        @Option(names = "--no-checkpoints",
                description = "Take no checkpoints but the initial one, to see what checkpointing costs "
                        + "(restoreTo then replays from time 0: lower --restores).")
        boolean noCheckpoints;

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

        BenchmarkSettings settings(long virtualMicros) {
            return new BenchmarkSettings(seed, virtualMicros, warmups, repeats, restores, !noCheckpoints);
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
            if (!(s > 0 && s <= MAX_SECONDS) || Math.round(s * Micros.PER_SECOND) < 1) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "Invalid value for option '--seconds': %s (must be more than 0 and at most %.0f)", s,
                        MAX_SECONDS));
            }
            virtualSeconds = s;
        }

        @Override
        public Integer call() {
            long virtualMicros = Math.round(virtualSeconds * Micros.PER_SECOND);
            return runBenchmark(spec, GossipWorkload.withNodes(nodes), common.settings(virtualMicros), common.csv);
        }
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
        report.end(result);
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
