package io.distviz.cli;

import io.distviz.cli.ExperimentCommand.Column;
import io.distviz.cli.ExperimentCommand.Table;
import io.distviz.clocks.ClockKind;
import io.distviz.clocks.SyncAlgorithm;
import io.distviz.clocks.experiment.SyncExperiment;
import io.distviz.sim.Micros;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static io.distviz.cli.ExperimentCommand.fixed;

/** The clock experiments of {@code distviz experiment}. The logic lives in {@code io.distviz.clocks.experiment}. */
final class ClockExperiments {
    private ClockExperiments() {
    }

    /** A row: one algorithm. {@code boundViolations} is null for the algorithms that state no error bound. */
    record SyncRow(String algorithm, int nodes, String clockKind, int latencyMs, double maxAbsOffsetMs,
                   double meanAbsOffsetMs, double maxPairwiseSkewMs, Integer boundViolations, int boundChecks,
                   int adjustments, long messages) {
    }

    @Command(name = "clock-sync",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"How far clocks stray from true time and from each other, without synchronization and",
                    "with Cristian's algorithm, Berkeley's and NTP, run as real message exchanges.",
                    "Each algorithm is its own simulation of N machines whose clocks are drawn from the clock",
                    "kind's figures (offset, frequency error, aging, temperature, read jitter). Cristian's clients",
                    "and NTP's first tier ask a GPS reference; Berkeley has no reference and only keeps the",
                    "machines together. Every second of virtual time the oracle reads each machine's offset from",
                    "true time; the figures count from the end of the warm-up. For Cristian and NTP each estimate",
                    "is also compared with the truth: boundViolations counts the times its error exceeded the",
                    "algorithm's own error bound (Cristian: half the round trip less the minimum delay; NTP: the",
                    "root distance).",
                    "Expected: without synchronization the spread grows with the frequency errors; every",
                    "algorithm keeps it to milliseconds; Berkeley's clocks agree but drift from true time together."})
    static final class ClockSync implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--algorithm", paramLabel = "NAME", split = ",", defaultValue = "none,cristian,berkeley,ntp",
                description = "none, cristian, berkeley or ntp; a comma-separated list gives one row each "
                        + "(default: ${DEFAULT-VALUE}).")
        List<String> algorithms;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "8",
                description = "Machines, not counting the reference (" + SyncExperiment.MIN_NODES + " to "
                        + SyncExperiment.MAX_NODES + "; default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--duration-s", paramLabel = "S", defaultValue = "3600",
                description = "Virtual time to run, in seconds (1 to 604800; default: ${DEFAULT-VALUE}).")
        int durationS;

        @Option(names = "--warmup-s", paramLabel = "S",
                description = "Seconds at the start left out of the figures (0 to less than the duration; "
                        + "default: 600, or a sixth of the duration if that is less).")
        Integer warmupS;

        @Option(names = "--clock-kind", paramLabel = "KIND", defaultValue = "quartz",
                description = "The machines' oscillators: cheap-quartz, quartz, tcxo, ocxo, rubidium, "
                        + "gps-disciplined or caesium (default: ${DEFAULT-VALUE}).")
        String clockKind;

        @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "20",
                description = "Mean one-way delay of every link in ms; the minimum is half of it and the spread "
                        + "a tenth (0 to 1000; default: ${DEFAULT-VALUE}).")
        int latencyMs;

        @Option(names = "--poll-s", paramLabel = "S", defaultValue = "64",
                description = "Poll interval of every algorithm in seconds (1 to 129600, and more than ten times "
                        + "the latency; default: ${DEFAULT-VALUE}, ntpd's shortest default).")
        int pollS;

        @Option(names = "--what-if-ignore-round-trip",
                description = "WHAT-IF: take the server's time as it arrives, with no allowance for the trip.")
        boolean ignoreRoundTrip;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Seed of every simulation (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print a JSON array of row objects instead of the table.")
        boolean json;

        @Override
        public Integer call() {
            List<SyncAlgorithm> chosen = new ArrayList<>();
            for (String a : algorithms) {
                try {
                    chosen.add(SyncAlgorithm.parse(a));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for option '--algorithm': '" + a
                            + "' (must be none, cristian, berkeley or ntp)");
                }
            }
            BenchCommand.checkRange(spec, "--nodes", nodes, SyncExperiment.MIN_NODES, SyncExperiment.MAX_NODES);
            BenchCommand.checkRange(spec, "--duration-s", durationS, 1, 604_800);
            int warmup = warmupS != null ? warmupS : Math.min(600, durationS / 6);
            BenchCommand.checkRange(spec, "--warmup-s", warmup, 0, durationS - 1);
            ClockKind kind;
            try {
                kind = ClockKind.parse(clockKind);
            } catch (IllegalArgumentException e) {
                kind = ClockKind.CUSTOM;
            }
            if (kind == ClockKind.CUSTOM) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--clock-kind': '"
                        + clockKind + "' (must be cheap-quartz, quartz, tcxo, ocxo, rubidium, gps-disciplined or "
                        + "caesium)");
            }
            BenchCommand.checkRange(spec, "--latency-ms", latencyMs, 0, 1000);
            BenchCommand.checkRange(spec, "--poll-s", pollS, 1, 129_600);
            if (pollS * 1000L <= 10L * latencyMs) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                        "Invalid value for option '--poll-s': %d (must be more than ten times the latency, "
                                + "%d ms, so that an answer arrives before the next poll)", pollS, latencyMs));
            }
            ClockKind k = kind;
            Table table = new Table(spec, json,
                    new Column("algorithm", 10, r -> ((SyncRow) r).algorithm()),
                    new Column("maxAbsOffsetMs", 16, r -> fixed(((SyncRow) r).maxAbsOffsetMs(), 3)),
                    new Column("meanAbsOffsetMs", 17, r -> fixed(((SyncRow) r).meanAbsOffsetMs(), 3)),
                    new Column("maxPairwiseSkewMs", 19, r -> fixed(((SyncRow) r).maxPairwiseSkewMs(), 3)),
                    new Column("boundViolations", 17, r -> ((SyncRow) r).boundViolations() == null ? "-"
                            : Integer.toString(((SyncRow) r).boundViolations())),
                    new Column("boundChecks", 13, r -> Integer.toString(((SyncRow) r).boundChecks())),
                    new Column("adjustments", 13, r -> Integer.toString(((SyncRow) r).adjustments())),
                    new Column("messages", 10, r -> Long.toString(((SyncRow) r).messages())));
            table.header(List.of(
                    "experiment clock-sync: clock synchronization compared (Cristian 1989; Gusella and Zatti 1989; "
                            + "RFC 5905)",
                    "network: " + nodes + " machines with " + kind.label() + " clocks (within ±"
                            + ExperimentCommand.plain(kind.maxSkewPpm()) + " ppm); links " + latencyMs
                            + " ms mean, at least " + ExperimentCommand.plain(latencyMs / 2.0) + " ms, spread "
                            + ExperimentCommand.plain(latencyMs / 10.0) + " ms; poll every " + pollS + " s; "
                            + durationS + " s of virtual time; seed " + seed
                            + (ignoreRoundTrip ? "; WHAT-IF: round trips ignored" : ""),
                    "topology: " + SyncExperiment.TOPOLOGY,
                    "figures: offsets from true time read every second after a warm-up of " + warmup
                            + " s; bound checks over the whole run",
                    "columns: maxAbsOffsetMs, meanAbsOffsetMs = largest and mean |clock − true time|; "
                            + "maxPairwiseSkewMs = largest difference between two clocks at one moment; "
                            + "boundViolations = estimates whose error exceeded the algorithm's own bound, out of "
                            + "boundChecks; adjustments = clock corrections made; messages = messages sent"),
                    List.of());
            for (SyncAlgorithm a : chosen) {
                SyncExperiment.Result r = ExperimentCommand.settings(spec, () -> SyncExperiment.run(
                        new SyncExperiment.Settings(a, nodes, Micros.ofSeconds(durationS), Micros.ofSeconds(warmup),
                                k, Micros.ofMillis(latencyMs), Micros.ofSeconds(pollS), ignoreRoundTrip, seed)));
                table.row(new SyncRow(a.label(), nodes, kind.label(), latencyMs, r.maxAbsOffsetMs(),
                        r.meanAbsOffsetMs(), r.maxPairwiseSkewMs(), r.boundViolations(), r.boundChecks(),
                        r.adjustments(), r.messages()));
            }
            table.end();
            return 0;
        }
    }
}
