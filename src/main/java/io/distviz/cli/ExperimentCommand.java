package io.distviz.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.distviz.chord.ChordConfig;
import io.distviz.chord.ChordConfig.LookupStyle;
import io.distviz.chord.ChordConfig.Routing;
import io.distviz.chord.experiment.ChurnExperiment;
import io.distviz.chord.experiment.FailuresExperiment;
import io.distviz.chord.experiment.LoadExperiment;
import io.distviz.chord.experiment.PathsExperiment;
import io.distviz.sim.Micros;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code distviz experiment NAME}: the Chord paper's experiments, run headless on the real engine. The logic
 * lives in {@code io.distviz.chord.experiment}; this class parses options, prints the header and the table
 * (or JSON) and maps bad input to usage errors.
 *
 * <p>Not {@link Callable} on purpose: {@code experiment} with no name is then a usage error (exit status 2).
 */
@Command(name = "experiment",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.VersionProvider.class,
        synopsisSubcommandLabel = "EXPERIMENT",
        description = {"Run an experiment of the Chord paper (Stoica et al., SIGCOMM 2001, section 6) or the Raft",
                "paper (Ongaro and Ousterhout 2014) on the real engine and print one table row per setting",
                "(or JSON with --json).",
                "The same options and seed always print the same output."},
        subcommands = {ExperimentCommand.ChordPaths.class, ExperimentCommand.ChordLoad.class,
                ExperimentCommand.ChordFailures.class, ExperimentCommand.ChordChurn.class,
                RaftExperiments.RaftElection.class, RaftExperiments.RaftChaosCommand.class, ClockExperiments.ClockSync.class},
        footer = {"", "See docs/PERFORMANCE.md for the figures we measured and how long they take."})
final class ExperimentCommand {

    /** Options every experiment has. */
    static final class CommonOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        int bits;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Seed of the simulation and every random choice (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print a JSON array of row objects instead of the table.")
        boolean json;

        @Option(names = "--bits", paramLabel = "M", defaultValue = "32",
                description = "Identifier bits m (3 to 62; default: ${DEFAULT-VALUE}).")
        void setBits(int m) {
            bits = BenchCommand.checkRange(spec, "--bits", m, 3, 62);
        }
    }

    // =========================================================================================== chord-paths

    @Command(name = "chord-paths",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"Lookup path length in a stable ring (paper section 6.3).",
                    "For each ring size N, a ring is placed directly (every pointer exact, not built by",
                    "protocol joins) with maintenance off, and lookups for random identifiers start at random",
                    "nodes. Expected: mean hops about ½·log2 N with fingers, about N/2 walking successors.",
                    "",
                    "A hop is a node the lookup visits after its origin, up to and including the target's",
                    "predecessor, which names the answer (0 when the origin is that predecessor); contacting",
                    "the answer is not a hop.",
                    "",
                    "Walking successors (--routing successors) costs about N/2 hops a lookup, so each row does",
                    "at most about " + PathsExperiment.SUCCESSOR_HOP_BUDGET + " hops: fewer lookups on large rings "
                            + "(the lookups column says how many)."})
    static final class ChordPaths implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--nodes", paramLabel = "N", split = ",", defaultValue = "64,256,1024,4096,16384",
                description = "Ring sizes, one row each (" + PathsExperiment.MIN_NODES + " to "
                        + PathsExperiment.MAX_NODES + "; default: ${DEFAULT-VALUE}).")
        List<Integer> nodes;

        int lookups;

        @Option(names = "--lookups", paramLabel = "N", defaultValue = "100000",
                description = "Lookups per ring size (1 to " + PathsExperiment.MAX_LOOKUPS
                        + "; default: ${DEFAULT-VALUE}).")
        void setLookups(int n) {
            lookups = BenchCommand.checkRange(spec, "--lookups", n, 1, PathsExperiment.MAX_LOOKUPS);
        }

        Routing routing;

        @Option(names = "--routing", paramLabel = "fingers|successors", defaultValue = "fingers",
                description = "Pointers lookups may follow (default: ${DEFAULT-VALUE}).")
        void setRouting(String s) {
            routing = switch (s) {
                case "fingers" -> Routing.FINGERS;
                case "successors" -> Routing.SUCCESSORS_ONLY;
                default -> throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--routing': '" + s + "' (must be fingers or successors)");
            };
        }

        LookupStyle style;

        @Option(names = "--style", paramLabel = "iterative|recursive", defaultValue = "iterative",
                description = "Iterative: the origin asks each hop; recursive: each hop forwards "
                        + "(default: ${DEFAULT-VALUE}).")
        void setStyle(String s) {
            style = switch (s) {
                case "iterative" -> LookupStyle.ITERATIVE;
                case "recursive" -> LookupStyle.RECURSIVE;
                default -> throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--style': '" + s + "' (must be iterative or recursive)");
            };
        }

        @Override
        public Integer call() {
            for (int n : nodes) {
                BenchCommand.checkRange(spec, "--nodes", n, PathsExperiment.MIN_NODES, PathsExperiment.MAX_NODES);
                checkBits(spec, common.bits, n, "--nodes");
            }
            PathsExperiment.Settings s = settings(spec, () -> new PathsExperiment.Settings(nodes, lookups,
                    common.bits, common.seed, routing, style));
            Table table = new Table(spec, common.json,
                    new Column("nodes", 7, r -> Integer.toString(((PathsExperiment.Row) r).nodes())),
                    new Column("lookups", 9, r -> Integer.toString(((PathsExperiment.Row) r).lookups())),
                    new Column("meanHops", 10, r -> fixed(((PathsExperiment.Row) r).meanHops(), 3)),
                    new Column("p1Hops", 8, r -> Integer.toString(((PathsExperiment.Row) r).p1Hops())),
                    new Column("p99Hops", 9, r -> Integer.toString(((PathsExperiment.Row) r).p99Hops())),
                    new Column("halfLog2N", 11, r -> fixed(((PathsExperiment.Row) r).halfLog2N(), 2)));
            List<String> notes = new ArrayList<>();
            if (PathsExperiment.capped(s)) {
                notes.add(capNote(s));
            }
            table.header(List.of(
                    "experiment chord-paths: lookup path length in a stable ring (Stoica et al. 2001, section 6.3)",
                    "ring: placed directly (every pointer exact), not built by protocol joins; maintenance off, "
                            + "only the lookups run",
                    "settings: routing " + (s.routing() == Routing.FINGERS ? "fingers" : "successors")
                            + ", " + s.style().name().toLowerCase(Locale.ROOT) + " lookups, " + s.bits()
                            + "-bit identifiers, successor lists of " + s.config().successorListLength() + ", seed " + s.seed()
                            + "; random origins and target identifiers",
                    "hops: " + PathsExperiment.HOP_DEFINITION,
                    "columns: nodes = N; lookups = lookups counted; meanHops = mean hops per lookup; p1Hops, "
                            + "p99Hops = 1st and 99th percentiles; halfLog2N = ½·log2 N, the paper's mean with "
                            + "fingers"), notes);
            PathsExperiment.Result result = new PathsExperiment(s).run(table::row);
            table.end();
            if (result.unexpected() > 0) {
                spec.commandLine().getErr().println("distviz experiment chord-paths: " + result.unexpected()
                        + " lookups in a stable ring failed or gave a wrong answer; that is an engine bug");
                return 1;
            }
            return 0;
        }

        /** Says how many lookups each row does when walking successors makes it do fewer than asked. */
        static String capNote(PathsExperiment.Settings s) {
            StringBuilder sb = new StringBuilder("walking successors costs about N/2 hops a lookup, so rows do "
                    + "fewer lookups than the " + s.lookups() + " asked:");
            for (int n : s.nodes()) {
                sb.append(' ').append(n).append(" nodes: ").append(PathsExperiment.lookupsFor(s, n)).append(';');
            }
            sb.setLength(sb.length() - 1);
            return sb.toString();
        }
    }

    // =========================================================================================== chord-load

    @Command(name = "chord-load",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"Keys per node under consistent hashing (paper section 6.2).",
                    "N physical nodes (distinct addresses in 10.0.0.0/8 drawn from the seed), each with v",
                    "virtual nodes: virtual node j of address A has identifier SHA-1(A + \"#\" + j) mod 2^m.",
                    "Key i is \"key-i\" and belongs to the successor of its identifier. The ring is placed by",
                    "hashing; no message is simulated.",
                    "Expected: with v = 1 the 99th percentile is several times the mean and some nodes hold",
                    "no key; with v about log2 N the spread narrows (try --virtual-nodes 1,2,5,10,14)."})
    static final class ChordLoad implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        int nodes;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "10000",
                description = "Physical nodes (" + LoadExperiment.MIN_NODES + " to " + LoadExperiment.MAX_NODES
                        + "; default: ${DEFAULT-VALUE}).")
        void setNodes(int n) {
            nodes = BenchCommand.checkRange(spec, "--nodes", n, LoadExperiment.MIN_NODES, LoadExperiment.MAX_NODES);
        }

        int keys;

        @Option(names = "--keys", paramLabel = "K", defaultValue = "500000",
                description = "Keys (1 to " + LoadExperiment.MAX_KEYS + "; default: ${DEFAULT-VALUE}).")
        void setKeys(int k) {
            keys = BenchCommand.checkRange(spec, "--keys", k, 1, LoadExperiment.MAX_KEYS);
        }

        @Option(names = "--virtual-nodes", paramLabel = "V", split = ",", defaultValue = "1",
                description = "Virtual nodes per physical node, one row each (1 to "
                        + LoadExperiment.MAX_VIRTUAL_NODES + "; default: ${DEFAULT-VALUE}).")
        List<Integer> virtualNodes;

        @Override
        public Integer call() {
            for (int v : virtualNodes) {
                BenchCommand.checkRange(spec, "--virtual-nodes", v, 1, LoadExperiment.MAX_VIRTUAL_NODES);
                if ((long) nodes * v > LoadExperiment.MAX_IDENTIFIERS) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for option '--virtual-nodes': "
                            + v + " (" + nodes + " nodes × " + v + " = " + (long) nodes * v
                            + " identifiers, more than the " + LoadExperiment.MAX_IDENTIFIERS + " allowed)");
                }
                checkBits(spec, common.bits, (long) nodes * v, "--virtual-nodes");
            }
            LoadExperiment.Settings s = settings(spec, () -> new LoadExperiment.Settings(nodes, keys, virtualNodes,
                    common.bits, common.seed));
            Table table = new Table(spec, common.json,
                    new Column("nodes", 8, r -> Integer.toString(((LoadExperiment.Row) r).nodes())),
                    new Column("keys", 10, r -> Integer.toString(((LoadExperiment.Row) r).keys())),
                    new Column("virtualNodes", 14, r -> Integer.toString(((LoadExperiment.Row) r).virtualNodes())),
                    new Column("meanKeys", 10, r -> fixed(((LoadExperiment.Row) r).meanKeys(), 1)),
                    new Column("p1Keys", 8, r -> Integer.toString(((LoadExperiment.Row) r).p1Keys())),
                    new Column("p99Keys", 9, r -> Integer.toString(((LoadExperiment.Row) r).p99Keys())),
                    new Column("maxKeys", 9, r -> Integer.toString(((LoadExperiment.Row) r).maxKeys())),
                    new Column("nodesWithNoKeys", 17,
                            r -> Integer.toString(((LoadExperiment.Row) r).nodesWithNoKeys())));
            table.header(List.of(
                    "experiment chord-load: keys per node under consistent hashing (Stoica et al. 2001, section 6.2)",
                    "ring: placed by hashing (SHA-1, " + s.bits() + "-bit identifiers); no message is simulated",
                    "settings: physical nodes at random 10.0.0.0/8 addresses (seed " + s.seed()
                            + "), virtual node j of address A at SHA-1(A#j), key i = \"key-i\", each key on the "
                            + "successor of its identifier",
                    "columns: virtualNodes = v per physical node; meanKeys = keys / nodes; p1Keys, p99Keys = 1st "
                            + "and 99th percentiles of keys per physical node; maxKeys = the most; "
                            + "nodesWithNoKeys = physical nodes with none"), List.of());
            LoadExperiment.Result result = new LoadExperiment(s).run(table::row);
            table.end();
            if (!common.json && result.skippedAddresses() > 0) {
                spec.commandLine().getOut().println("(" + result.skippedAddresses() + " addresses passed over "
                        + "because an identifier was already taken)");
            }
            return 0;
        }
    }

    // =========================================================================================== chord-failures

    @Command(name = "chord-failures",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"Lookups after many nodes fail at once (paper section 6.4).",
                    "A ring of N nodes is placed directly (every pointer exact, not built by protocol joins;",
                    "no replication, successor lists of r), a fraction of them crashes at the same moment,",
                    "stabilization runs (stabilize 1 s, fix_fingers 0.5 s, check_predecessor 2 s, RPC timeout",
                    "200 ms), then lookups for random keys start at random live nodes. A lookup fails if it",
                    "gives up or its answer is not the key's node before the failures.",
                    "Expected: failedLookupFraction about the fail fraction, the keys whose node died",
                    "(keysLostFraction): the ring itself heals.",
                    "The defaults take about a minute on 2 cores."})
    static final class ChordFailures implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        int nodes;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "10000",
                description = "Ring size (" + FailuresExperiment.MIN_NODES + " to " + FailuresExperiment.MAX_NODES
                        + "; default: ${DEFAULT-VALUE}).")
        void setNodes(int n) {
            nodes = BenchCommand.checkRange(spec, "--nodes", n, FailuresExperiment.MIN_NODES,
                    FailuresExperiment.MAX_NODES);
        }

        long keys;

        @Option(names = "--keys", paramLabel = "K", defaultValue = "1000000",
                description = "Keys \"key-0\" .. \"key-(K-1)\" that lookups sample from (at least 1; "
                        + "default: ${DEFAULT-VALUE}).")
        void setKeys(long k) {
            if (k < 1) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--keys': " + k + " (must be at least 1)");
            }
            keys = k;
        }

        @Option(names = "--fail-fraction", paramLabel = "F", split = ",", defaultValue = "0.1",
                description = "Fraction of the nodes that crash together, one row each (0 or more, below 1; "
                        + "default: ${DEFAULT-VALUE}).")
        List<Double> failFractions;

        int lookups;

        @Option(names = "--lookups", paramLabel = "N", defaultValue = "10000",
                description = "Lookups per row after recovery (1 to " + FailuresExperiment.MAX_LOOKUPS
                        + "; default: ${DEFAULT-VALUE}).")
        void setLookups(int n) {
            lookups = BenchCommand.checkRange(spec, "--lookups", n, 1, FailuresExperiment.MAX_LOOKUPS);
        }

        int successors;

        @Option(names = "--successors", paramLabel = "R", defaultValue = "0",
                description = "Successor list length r (1 to 32; default: 2⌈log2 N⌉ up to 32).")
        void setSuccessors(int r) {
            successors = r == 0 ? 0 : BenchCommand.checkRange(spec, "--successors", r, 1, 32);
        }

        long recoveryMicros;

        @Option(names = "--recovery-seconds", paramLabel = "S", defaultValue = "30",
                description = "Virtual seconds stabilization runs between the crashes and the lookups (0 to 3600;"
                        + " default: ${DEFAULT-VALUE}).")
        void setRecovery(double seconds) {
            recoveryMicros = seconds(spec, "--recovery-seconds", seconds, 0, 3600, true);
        }

        @Override
        public Integer call() {
            for (double f : failFractions) {
                if (!(f >= 0 && f < 1)) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for option '--fail-fraction': "
                            + plain(f) + " (must be at least 0 and below 1)");
                }
            }
            checkBits(spec, common.bits, nodes, "--nodes");
            FailuresExperiment.Settings s = settings(spec, () -> new FailuresExperiment.Settings(nodes, keys,
                    failFractions, lookups, common.bits, successors, recoveryMicros, common.seed));
            Table table = new Table(spec, common.json,
                    new Column("nodes", 7, r -> Integer.toString(((FailuresExperiment.Row) r).nodes())),
                    new Column("failFraction", 14, r -> plain(((FailuresExperiment.Row) r).failFraction())),
                    new Column("lookups", 9, r -> Integer.toString(((FailuresExperiment.Row) r).lookups())),
                    new Column("meanHops", 10, r -> fixed(((FailuresExperiment.Row) r).meanHops(), 3)),
                    new Column("failedLookupFraction", 22,
                            r -> fixed(((FailuresExperiment.Row) r).failedLookupFraction(), 4)),
                    new Column("keysLostFraction", 18,
                            r -> fixed(((FailuresExperiment.Row) r).keysLostFraction(), 4)),
                    new Column("meanTimeouts", 14, r -> fixed(((FailuresExperiment.Row) r).meanTimeouts(), 3)));
            table.header(List.of(
                    "experiment chord-failures: lookups after simultaneous failures (Stoica et al. 2001, "
                            + "section 6.4)",
                    "ring: placed directly (every pointer exact), not built by protocol joins; then the ordinary "
                            + "protocol runs",
                    "settings: " + s.bits() + "-bit identifiers, successor lists of " + s.successors()
                            + ", no replication, " + s.keys() + " keys, " + periods(s.config()) + ", "
                            + seconds(s.recoveryMicros())
                            + " of recovery before the lookups, seed " + s.seed(),
                    "hops: " + PathsExperiment.HOP_DEFINITION,
                    "columns: failFraction = fraction of nodes crashed at once; lookups = lookups counted; "
                            + "meanHops = mean hops of the lookups that answered; failedLookupFraction = gave up "
                            + "or answered another node than the key's node before the failures; "
                            + "keysLostFraction = sampled keys whose node crashed; meanTimeouts = RPC timeouts "
                            + "per lookup"), List.of());
            FailuresExperiment.Result result = new FailuresExperiment(s).run(table::row);
            table.end();
            if (result.unfinished() > 0) {
                spec.commandLine().getErr().println("distviz experiment chord-failures: " + result.unfinished()
                        + " lookups neither answered nor gave up; that is an engine bug");
                return 1;
            }
            return 0;
        }
    }

    // =========================================================================================== chord-churn

    @Command(name = "chord-churn",
            mixinStandardHelpOptions = true,
            versionProvider = Cli.VersionProvider.class,
            description = {"Lookups while nodes join and fail (paper section 6.5).",
                    "For each rate R a ring of N nodes is placed directly (every pointer exact); then for the",
                    "duration, R nodes per virtual second join by the protocol and R random members per",
                    "virtual second crash (two Poisson processes), while lookups for random identifiers start",
                    "at random members. As in the paper, stabilize, fix_fingers and check_predecessor each",
                    "run every --stabilize-seconds on average (uniform in half to one and a half times it).",
                    "A lookup fails if it gives up or its answer is not the node responsible for the target",
                    "when it finishes; lookups whose origin crashed first are not counted.",
                    "The defaults take about 10 s."})
    static final class ChordChurn implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        int nodes;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "500",
                description = "Ring size at the start (" + ChurnExperiment.MIN_NODES + " to "
                        + ChurnExperiment.MAX_NODES + "; default: ${DEFAULT-VALUE}).")
        void setNodes(int n) {
            nodes = BenchCommand.checkRange(spec, "--nodes", n, ChurnExperiment.MIN_NODES, ChurnExperiment.MAX_NODES);
        }

        @Option(names = "--rates", paramLabel = "R", split = ",", defaultValue = "0.05,0.1,0.2,0.4",
                description = "Joins per virtual second and, separately, failures per virtual second; one row "
                        + "each (0 to " + (int) ChurnExperiment.MAX_RATE + "; default: ${DEFAULT-VALUE}).")
        List<Double> rates;

        long durationMicros;

        @Option(names = "--duration", paramLabel = "S", defaultValue = "600",
                description = "Virtual seconds of churn and lookups per rate (more than 0, at most 86400; "
                        + "default: ${DEFAULT-VALUE}).")
        void setDuration(double seconds) {
            durationMicros = seconds(spec, "--duration", seconds, 0, 86_400, false);
        }

        double lookupsPerSecond;

        @Option(names = "--lookups-per-second", paramLabel = "X", defaultValue = "10",
                description = "Lookups per virtual second over the whole ring (more than 0, at most "
                        + (int) ChurnExperiment.MAX_LOOKUPS_PER_SECOND + "; default: ${DEFAULT-VALUE}).")
        void setLookupsPerSecond(double x) {
            if (!(x > 0 && x <= ChurnExperiment.MAX_LOOKUPS_PER_SECOND)) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--lookups-per-second': "
                        + plain(x) + " (must be more than 0 and at most "
                        + (int) ChurnExperiment.MAX_LOOKUPS_PER_SECOND + ")");
            }
            lookupsPerSecond = x;
        }

        long stabilizeMicros;

        @Option(names = "--stabilize-seconds", paramLabel = "S", defaultValue = "30",
                description = "Mean period of stabilize, fix_fingers and check_predecessor (more than 0, at most"
                        + " 3600; default: ${DEFAULT-VALUE}, as in the paper).")
        void setStabilize(double seconds) {
            stabilizeMicros = seconds(spec, "--stabilize-seconds", seconds, 0, 3600, false);
        }

        @Override
        public Integer call() {
            for (double r : rates) {
                if (!(r >= 0 && r <= ChurnExperiment.MAX_RATE)) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for option '--rates': "
                            + plain(r) + " (must be from 0 to " + (int) ChurnExperiment.MAX_RATE + ")");
                }
            }
            ChurnExperiment.Settings s = settings(spec, () -> new ChurnExperiment.Settings(nodes, rates,
                    durationMicros, lookupsPerSecond, stabilizeMicros, common.bits, common.seed));
            Table table = new Table(spec, common.json,
                    new Column("rate", 7, r -> plain(((ChurnExperiment.Row) r).rate())),
                    new Column("lookups", 9, r -> Integer.toString(((ChurnExperiment.Row) r).lookups())),
                    new Column("failedLookupFraction", 22,
                            r -> fixed(((ChurnExperiment.Row) r).failedLookupFraction(), 4)),
                    new Column("meanHops", 10, r -> fixed(((ChurnExperiment.Row) r).meanHops(), 3)),
                    new Column("meanTimeouts", 14, r -> fixed(((ChurnExperiment.Row) r).meanTimeouts(), 3)),
                    new Column("joins", 7, r -> Integer.toString(((ChurnExperiment.Row) r).joins())),
                    new Column("failures", 10, r -> Integer.toString(((ChurnExperiment.Row) r).failures())));
            table.header(List.of(
                    "experiment chord-churn: lookups while nodes join and fail (Stoica et al. 2001, section 6.5)",
                    "ring: " + s.nodes() + " nodes placed directly (every pointer exact); the nodes that join "
                            + "later do so by the protocol",
                    "settings: rate R = R joins per virtual second and R failures per virtual second (Poisson); "
                            + "stabilize, fix_fingers and check_predecessor every " + seconds(s.stabilizeMicros())
                            + " on average; " + plain(s.lookupsPerSecond()) + " lookups per virtual second for "
                            + seconds(s.durationMicros()) + "; " + s.bits() + "-bit identifiers, successor "
                            + "lists of " + s.successors() + ", RPC timeout "
                            + seconds(s.config().rpcTimeoutMicros()) + ", lookups give up after "
                            + seconds(s.config().lookupTimeoutMicros()) + "; seed " + s.seed(),
                    "hops: " + PathsExperiment.HOP_DEFINITION,
                    "columns: rate = R per second; lookups = lookups counted; failedLookupFraction = gave up or "
                            + "answered another node than the one responsible when it finished; meanHops = of "
                            + "the lookups that answered; meanTimeouts = RPC timeouts per lookup; joins, failures "
                            + "= nodes that joined and crashed"), List.of());
            ChurnExperiment.Result result = new ChurnExperiment(s).run(table::row);
            table.end();
            if (!common.json && result.abandoned() > 0) {
                spec.commandLine().getOut().println("(" + result.abandoned() + " lookups not counted: their origin "
                        + "crashed before they finished)");
            }
            return 0;
        }
    }

    // =========================================================================================== helpers

    /** Builds an experiment's settings, turning a refusal into a usage error. */
    static <T> T settings(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
    }

    /** A usage error unless an m-bit circle has room for {@code ids} identifiers. */
    static void checkBits(CommandSpec spec, int bits, long ids, String option) {
        if (ids > (1L << bits) / 4) {
            int need = bits;
            while ((1L << need) / 4 < ids) {
                need++;
            }
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "Invalid value for option '--bits': %d (%s asks for %d identifiers; use at least %d bits)",
                    bits, option, ids, need));
        }
    }

    /** Seconds in {@code (min, max]} (or {@code [min, max]}) as microseconds, or a usage error. */
    static long seconds(CommandSpec spec, String option, double s, double min, double max, boolean minAllowed) {
        boolean ok = (minAllowed ? s >= min : s > min) && s <= max;
        if (!ok) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "Invalid value for option '%s': %s (must be %s %s and at most %s)", option, plain(s),
                    minAllowed ? "at least" : "more than", plain(min), plain(max)));
        }
        return Math.round(s * Micros.PER_SECOND);
    }

    /** The maintenance periods and the RPC timeout of a configuration, in words. */
    static String periods(ChordConfig c) {
        return "stabilize " + seconds(c.stabilizeMicros()) + ", fix_fingers " + seconds(c.fixFingersMicros())
                + ", check_predecessor " + seconds(c.checkPredecessorMicros()) + ", RPC timeout "
                + seconds(c.rpcTimeoutMicros());
    }

    /** Virtual time as a person writes it: {@code 30 s}, {@code 0.5 s}. */
    static String seconds(long micros) {
        return plain(Micros.toSeconds(micros)) + " s";
    }

    /** A number as a person writes it: 0.1, 2, 0.05 (no exponent, no trailing zeros). */
    static String plain(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    static String fixed(double x, int decimals) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    /** A table column: its name (also the JSON field) and how a row shows in it. */
    record Column(String name, int width, Function<Object, String> cell) {
    }

    /**
     * Prints rows as they come, right-aligned under a header, or collects them and prints a JSON array of
     * row objects at the end. JSON fields are the row record's components, in order; NaN becomes null.
     */
    static final class Table {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean json;
        private final List<Column> columns;
        private final JsonArray rows = new JsonArray();

        Table(CommandSpec spec, boolean json, Column... columns) {
            this.out = spec.commandLine().getOut();
            this.err = spec.commandLine().getErr();
            this.json = json;
            this.columns = List.of(columns);
        }

        /** Prints the explanation and the column names (nothing in JSON mode but the notes, to stderr). */
        void header(List<String> lines, List<String> notes) {
            if (json) {
                for (String n : notes) {
                    err.println("note: " + n);
                }
                err.flush();
                return;
            }
            for (String l : lines) {
                out.println(l);
            }
            for (String n : notes) {
                out.println("note: " + n);
            }
            out.println();
            StringBuilder sb = new StringBuilder();
            for (Column c : columns) {
                sb.append(pad(c.name(), c.width()));
            }
            out.println(sb);
            out.flush();
        }

        void row(Object row) {
            if (json) {
                rows.add(toJson(row));
                return;
            }
            StringBuilder sb = new StringBuilder();
            for (Column c : columns) {
                sb.append(pad(c.cell().apply(row), c.width()));
            }
            out.println(sb);
            out.flush();
        }

        void end() {
            if (json) {
                out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(rows));
            }
            out.flush();
        }

        private static String pad(String s, int width) {
            return s.length() >= width ? " " + s : " ".repeat(width - s.length()) + s;
        }

        static JsonObject toJson(Object row) {
            JsonObject o = new JsonObject();
            for (RecordComponent c : row.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(row);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + row, e);
                }
                if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    o.add(c.getName(), JsonNull.INSTANCE);
                } else if (v instanceof Record nested) {
                    o.add(c.getName(), toJson(nested));
                } else if (v instanceof Number num) {
                    o.add(c.getName(), new JsonPrimitive(num));
                } else {
                    o.add(c.getName(), v == null ? JsonNull.INSTANCE : new JsonPrimitive(String.valueOf(v)));
                }
            }
            return o;
        }
    }
}
