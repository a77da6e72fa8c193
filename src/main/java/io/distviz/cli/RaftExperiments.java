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
                    "the cap counts in trialsWithoutLeader). Links have the given mean delay with a 10%% spread.",
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

    /** The one row of raft-chaos. */
    record ChaosRow(int seeds, int servers, int safetyViolations, int linearizabilityViolations,
                    int linearizabilityUndecided, int livenessFailures, long commits, Long firstFailingSeed) {
    }

    @Command(name = "raft-chaos",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"The randomized fault test at scale. Each seed runs its own cluster through 10 s of",
                    "crashes, restarts, symmetric and one-way partitions, loss, duplication, reordering, forced",
                    "elections, membership changes and snapshots under a client workload, checking the five",
                    "safety properties after every event; then 10 s without faults, in which a leader must",
                    "emerge and every client request finish; then the client history is checked for",
                    "linearizability. Seeds run from --first-seed on; a failing seed reproduces exactly.",
                    "Progress goes to stderr every 500 seeds."})
    static final class RaftChaosCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seeds", paramLabel = "N", defaultValue = "10000",
                description = "How many seeds (1 to 10000000; default: ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--first-seed", paramLabel = "S", defaultValue = "1",
                description = "The first seed (default: ${DEFAULT-VALUE}).")
        long firstSeed;

        @Option(names = "--servers", paramLabel = "N", defaultValue = "5",
                description = "Servers at the start (3 to 7; default: ${DEFAULT-VALUE}).")
        int servers;

        @Option(names = "--json", description = "Print a JSON array with the row object instead of the table.")
        boolean json;

        @Override
        public Integer call() {
            BenchCommand.checkRange(spec, "--seeds", seeds, 1, 10_000_000);
            BenchCommand.checkRange(spec, "--servers", servers, 3, 7);
            io.distviz.raft.RaftChaos.Settings d = io.distviz.raft.RaftChaos.Settings.defaults();
            io.distviz.raft.RaftChaos.Settings settings = new io.distviz.raft.RaftChaos.Settings(servers, d.clients(),
                    d.safetyMicros(), d.livenessMicros(), d.membership(), d.snapshots());
            Table table = new Table(spec, json,
                    new Column("seeds", 8, r -> Integer.toString(((ChaosRow) r).seeds())),
                    new Column("safetyViolations", 18, r -> Integer.toString(((ChaosRow) r).safetyViolations())),
                    new Column("linearizabilityViolations", 27,
                            r -> Integer.toString(((ChaosRow) r).linearizabilityViolations())),
                    new Column("undecided", 11, r -> Integer.toString(((ChaosRow) r).linearizabilityUndecided())),
                    new Column("livenessFailures", 18, r -> Integer.toString(((ChaosRow) r).livenessFailures())),
                    new Column("commits", 10, r -> Long.toString(((ChaosRow) r).commits())),
                    new Column("firstFailingSeed", 18, r -> ((ChaosRow) r).firstFailingSeed() == null ? "-"
                            : Long.toString(((ChaosRow) r).firstFailingSeed())));
            table.header(List.of(
                    "experiment raft-chaos: randomized fault test (seeds " + firstSeed + " to " + (firstSeed + seeds - 1)
                            + ", " + servers + " servers at the start, 3 clients)",
                    "columns: safetyViolations, linearizabilityViolations, livenessFailures = seeds that broke "
                            + "each; undecided = histories the checker could not decide within its budget; commits "
                            + "= entries committed, summed over seeds; firstFailingSeed = rerun it with "
                            + "--first-seed S --seeds 1"), List.of());
            int safety = 0;
            int lin = 0;
            int undecided = 0;
            int liveness = 0;
            long commits = 0;
            Long firstFailing = null;
            java.io.PrintWriter err = spec.commandLine().getErr();
            for (int i = 0; i < seeds; i++) {
                long seed = firstSeed + i;
                io.distviz.raft.RaftChaos.Result r = io.distviz.raft.RaftChaos.run(seed, settings);
                commits += r.commits();
                boolean failed = false;
                if (!r.safetyViolations().isEmpty()) {
                    safety++;
                    failed = true;
                } else if (r.livenessFailure() != null) {
                    liveness++;
                    failed = true;
                }
                if (r.linearizability().violated()) {
                    lin++;
                    failed = true;
                } else if (r.linearizability().undecided()) {
                    undecided++;
                }
                if (failed && firstFailing == null) {
                    firstFailing = seed;
                    err.println("seed " + seed + " failed: " + (!r.safetyViolations().isEmpty()
                            ? r.safetyViolations().get(0) : r.livenessFailure() != null ? r.livenessFailure()
                            : r.linearizability().explanation()));
                }
                if ((i + 1) % 500 == 0 && i + 1 < seeds) {
                    err.println("... " + (i + 1) + " of " + seeds + " seeds");
                    err.flush();
                }
            }
            table.row(new ChaosRow(seeds, servers, safety, lin, undecided, liveness, commits, firstFailing));
            table.end();
            return firstFailing == null ? 0 : 1;
        }
    }
}
