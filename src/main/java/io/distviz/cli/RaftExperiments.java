package io.distviz.cli;

import io.distviz.cli.ExperimentCommand.Column;
import io.distviz.cli.ExperimentCommand.Table;
import io.distviz.raft.experiment.ElectionExperiment;
import io.distviz.sim.Micros;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static io.distviz.cli.ExperimentCommand.fixed;

/** The Raft experiments of {@code distviz experiment}. The logic lives in {@code io.distviz.raft.experiment}. */
final class RaftExperiments {
    private RaftExperiments() {
    }

    /** One election-timeout range, as typed: {@code 150-300} (milliseconds). */
    record TimeoutRange(long minMs, long maxMs) {
        static TimeoutRange parse(CommandSpec spec, String text) {
            String[] parts = text.trim().split("-", -1);
            try {
                if (parts.length == 2) {
                    long min = Long.parseLong(parts[0].trim());
                    long max = Long.parseLong(parts[1].trim());
                    if (min >= 10 && max >= min && max <= 60_000) {
                        return new TimeoutRange(min, max);
                    }
                }
            } catch (NumberFormatException e) {
                // fall through to the message
            }
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--timeout': '" + text
                    + "' (must be MIN-MAX in milliseconds, 10 ≤ MIN ≤ MAX ≤ 60000, such as 150-300)");
        }

        @Override
        public String toString() {
            return minMs + "-" + maxMs;
        }
    }

    /** A row: one timeout range. {@code downtimeMs} holds the distribution, as the issue names it. */
    record ElectionRow(String timeoutMs, int servers, int trials, Downtime downtimeMs, int trialsWithoutLeader) {
    }

    record Downtime(double median, double mean, double p99, double max) {
    }

    @Command(name = "raft-election",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"Time without a leader after the leader crashes (Raft paper, Figure 16).",
                    "Each trial is its own simulation: a cluster elects a leader, runs half a second, and the",
                    "leader crashes at a random point of its heartbeat cycle; the trial measures virtual time",
                    "from the crash until another server becomes leader (capped at 10 s: a trial that reaches",
                    "the cap counts in trialsWithoutLeader). Links have the given mean delay with a 10% spread.",
                    "Expected: with no randomness (150-150) split votes repeat and elections take very long; a",
                    "few milliseconds of randomness fix most of it; 150-300 elects in a few hundred ms."})
    static final class RaftElection implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--servers", paramLabel = "N", defaultValue = "5",
                description = "Servers (3 to 9; default: ${DEFAULT-VALUE}).")
        int servers;

        @Option(names = "--timeout", paramLabel = "MIN-MAX", split = ",", defaultValue = "150-300",
                description = "Election timeout ranges in ms, one row each (default: ${DEFAULT-VALUE}; "
                        + "the paper's: 150-150,150-151,150-155,150-175,150-200,150-300).")
        List<String> timeouts;

        @Option(names = "--trials", paramLabel = "N", defaultValue = "1000",
                description = "Crashes per range (1 to 100000; default: ${DEFAULT-VALUE}).")
        int trials;

        @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "15",
                description = "Mean one-way delay in ms (0 to 1000; default: ${DEFAULT-VALUE}).")
        int latencyMs;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Seed of every trial (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print a JSON array of row objects instead of the table.")
        boolean json;

        @Override
        public Integer call() {
            BenchCommand.checkRange(spec, "--servers", servers, 3, 9);
            BenchCommand.checkRange(spec, "--trials", trials, 1, 100_000);
            BenchCommand.checkRange(spec, "--latency-ms", latencyMs, 0, 1000);
            List<TimeoutRange> ranges = new ArrayList<>();
            for (String t : timeouts) {
                ranges.add(TimeoutRange.parse(spec, t));
            }
            Table table = new Table(spec, json,
                    new Column("timeoutMs", 11, r -> ((ElectionRow) r).timeoutMs()),
                    new Column("trials", 8, r -> Integer.toString(((ElectionRow) r).trials())),
                    new Column("median", 9, r -> fixed(((ElectionRow) r).downtimeMs().median(), 1)),
                    new Column("mean", 9, r -> fixed(((ElectionRow) r).downtimeMs().mean(), 1)),
                    new Column("p99", 9, r -> fixed(((ElectionRow) r).downtimeMs().p99(), 1)),
                    new Column("max", 9, r -> fixed(((ElectionRow) r).downtimeMs().max(), 1)),
                    new Column("withoutLeader", 15, r -> Integer.toString(((ElectionRow) r).trialsWithoutLeader())));
            table.header(List.of(
                    "experiment raft-election: downtime after a leader crash (Ongaro and Ousterhout 2014, Figure 16)",
                    "cluster: " + servers + " servers built by the protocol; heartbeats every min(timeout/3, 50 ms); "
                            + "links " + latencyMs + " ms mean with a 10% spread; seed " + seed,
                    "columns: timeoutMs = election timeout range; median, mean, p99, max = downtime in ms from the "
                            + "crash to a new leader; withoutLeader = trials with no leader after 10 s (counted as "
                            + "10000 ms)"), List.of());
            for (TimeoutRange range : ranges) {
                ElectionExperiment.Result r = ExperimentCommand.settings(spec, () -> ElectionExperiment.run(
                        new ElectionExperiment.Settings(servers, Micros.ofMillis(range.minMs()),
                                Micros.ofMillis(range.maxMs()), trials, Micros.ofMillis(latencyMs), seed)));
                table.row(new ElectionRow(range.toString(), servers, trials,
                        new Downtime(r.medianMs(), r.meanMs(), r.p99Ms(), r.maxMs()), r.trialsWithoutLeader()));
            }
            table.end();
            return 0;
        }
    }
}
