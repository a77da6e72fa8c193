package io.distviz.ui.experiments;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.experiment.ChurnExperiment;
import io.distviz.chord.experiment.FailuresExperiment;
import io.distviz.chord.experiment.LoadExperiment;
import io.distviz.chord.experiment.PathsExperiment;
import io.distviz.clocks.ClockKind;
import io.distviz.clocks.SyncAlgorithm;
import io.distviz.clocks.experiment.SyncExperiment;
import io.distviz.raft.experiment.ElectionExperiment;
import io.distviz.sim.Micros;
import io.distviz.ui.theme.Appearance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The experiments of the engine issues, as cards. Each builds exactly the settings the headless
 * {@code experiment} command builds from the same values, so the same seed gives the same numbers on screen
 * and on the command line.
 */
final class Cards {
    private Cards() {
    }

    // ============================================================================================ parsing

    static long whole(Map<String, String> v, String name, String label, long min, long max) {
        String t = v.get(name);
        try {
            long n = Long.parseLong(t);
            if (n < min || n > max) {
                throw new IllegalArgumentException(label + ": " + n + " is out of range; it must be from " + min
                        + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + ": '" + t + "' is not a whole number");
        }
    }

    static List<Integer> wholes(Map<String, String> v, String name, String label, int min, int max) {
        List<Integer> out = new ArrayList<>();
        for (String part : v.get(name).split(",")) {
            Map<String, String> one = Map.of("x", part.trim());
            out.add((int) whole(one, "x", label, min, max));
        }
        return out;
    }

    static List<Double> fractions(Map<String, String> v, String name, String label) {
        List<Double> out = new ArrayList<>();
        for (String part : v.get(name).split(",")) {
            try {
                double d = Double.parseDouble(part.trim());
                if (!(d >= 0 && d < 1)) {
                    throw new IllegalArgumentException(label + ": " + part.trim() + " must be at least 0 and below 1");
                }
                out.add(d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(label + ": '" + part.trim() + "' is not a number");
            }
        }
        return out;
    }

    /** Runs a settings constructor, turning its refusal into the card's message. */
    static <T> T settings(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("These settings do not fit together: " + e.getMessage());
        }
    }

    private static String f(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    // ============================================================================================ Chord

    /** Mean hops against log2 N, with the paper's ½·log2 N line (Stoica et al. 2001, section 6.3). */
    static final class Paths extends ExperimentCard {
        final List<PathsExperiment.Row> rows = new ArrayList<>();

        Paths(Appearance a) {
            super("chord-paths", "Chord: lookup path length",
                    "How many hops a lookup takes as the ring grows. With fingers the mean grows like ½·log2 N, "
                            + "the paper's result; walking by successors it grows like N/2. The ring is placed "
                            + "directly (every pointer right) and only lookups run. Same as "
                            + "'experiment chord-paths'.", a);
            chart.axes("nodes N (log scale)", "hops per lookup", true, x -> ChartView.number(x));
        }

        @Override
        protected List<String[]> parameters() {
            return List.of(new String[] {"nodes", "64,256,1024,4096", "nodes", "ring sizes, comma-separated"},
                    new String[] {"lookups", "10000", "lookups", "lookups per ring size"},
                    new String[] {"routing", "fingers", "routing", "fingers or successors"},
                    new String[] {"bits", "32", "bits m", "identifier bits"},
                    new String[] {"seed", "1", "seed", "the seed of every random choice"});
        }

        @Override
        protected Job prepare(Map<String, String> v) {
            List<Integer> nodes = wholes(v, "nodes", "nodes", PathsExperiment.MIN_NODES, PathsExperiment.MAX_NODES);
            int lookups = (int) whole(v, "lookups", "lookups", 1, PathsExperiment.MAX_LOOKUPS);
            int bits = (int) whole(v, "bits", "bits m", 8, 62);
            long seed = whole(v, "seed", "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            String r = v.get("routing").toLowerCase(Locale.ROOT);
            if (!r.equals("fingers") && !r.equals("successors")) {
                throw new IllegalArgumentException("routing: '" + v.get("routing") + "' is not fingers or successors");
            }
            PathsExperiment.Settings s = settings(() -> new PathsExperiment.Settings(nodes, lookups, bits, seed,
                    r.equals("fingers") ? ChordConfig.Routing.FINGERS : ChordConfig.Routing.SUCCESSORS_ONLY,
                    ChordConfig.LookupStyle.ITERATIVE));
            return p -> {
                int[] done = {0};
                new PathsExperiment(s).run(row -> p.row(row, ++done[0], nodes.size()), p::check);
            };
        }

        @Override
        protected void accept(Object row) {
            rows.add((PathsExperiment.Row) row);
            List<double[]> mean = new ArrayList<>();
            List<double[]> spread = new ArrayList<>();
            List<double[]> half = new ArrayList<>();
            for (PathsExperiment.Row r : rows) {
                mean.add(new double[] {r.nodes(), r.meanHops()});
                spread.add(new double[] {r.p1Hops(), r.p99Hops()});
                half.add(new double[] {r.nodes(), r.halfLog2N()});
            }
            chart.set(List.of(new ChartView.Series("mean hops (bars: 1st to 99th percentile)", ChartView.Style.LINE,
                    mean, spread), new ChartView.Series("½·log2 N", ChartView.Style.DASHED, half, null)));
        }

        @Override
        protected void reset() {
            rows.clear();
        }

        @Override
        protected String csv() {
            StringBuilder b = new StringBuilder("nodes,lookups,meanHops,p1Hops,p99Hops,halfLog2N\r\n");
            rows.forEach(r -> b.append(r.nodes()).append(',').append(r.lookups()).append(',')
                    .append(f(r.meanHops(), 3)).append(',').append(r.p1Hops()).append(',').append(r.p99Hops())
                    .append(',').append(f(r.halfLog2N(), 2)).append("\r\n"));
            return b.toString();
        }
    }

    /** Keys per node, with and without virtual nodes (section 6.2). */
    static final class Load extends ExperimentCard {
        final List<LoadExperiment.Row> rows = new ArrayList<>();

        Load(Appearance a) {
            super("chord-load", "Chord: keys per node",
                    "Consistent hashing spreads keys unevenly: some nodes get many times the mean. Giving each "
                            + "host several virtual nodes evens the load out (section 6.2 of the paper). The bars "
                            + "run from the 1st to the 99th percentile. Same as 'experiment chord-load'.", a);
            chart.axes("virtual nodes per host (log scale)", "keys per host", true, x -> ChartView.number(x));
        }

        @Override
        protected List<String[]> parameters() {
            return List.of(new String[] {"nodes", "1000", "hosts", "physical hosts"},
                    new String[] {"keys", "100000", "keys", "keys stored"},
                    new String[] {"virtual", "1,2,5,10,20", "virtual nodes", "virtual nodes per host, comma-separated"},
                    new String[] {"bits", "32", "bits m", "identifier bits"},
                    new String[] {"seed", "1", "seed", "the seed of every random choice"});
        }

        @Override
        protected Job prepare(Map<String, String> v) {
            int nodes = (int) whole(v, "nodes", "hosts", LoadExperiment.MIN_NODES, LoadExperiment.MAX_NODES);
            int keys = (int) whole(v, "keys", "keys", 1, LoadExperiment.MAX_KEYS);
            List<Integer> virtual = wholes(v, "virtual", "virtual nodes", 1, LoadExperiment.MAX_VIRTUAL_NODES);
            int bits = (int) whole(v, "bits", "bits m", 8, 62);
            long seed = whole(v, "seed", "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            LoadExperiment.Settings s = settings(() -> new LoadExperiment.Settings(nodes, keys, virtual, bits, seed));
            return p -> {
                int[] done = {0};
                new LoadExperiment(s).run(row -> p.row(row, ++done[0], virtual.size()));
            };
        }

        @Override
        protected void accept(Object row) {
            rows.add((LoadExperiment.Row) row);
            List<double[]> mean = new ArrayList<>();
            List<double[]> spread = new ArrayList<>();
            List<double[]> max = new ArrayList<>();
            for (LoadExperiment.Row r : rows) {
                mean.add(new double[] {r.virtualNodes(), r.meanKeys()});
                spread.add(new double[] {r.p1Keys(), r.p99Keys()});
                max.add(new double[] {r.virtualNodes(), r.maxKeys()});
            }
            chart.set(List.of(new ChartView.Series("mean (bars: 1st to 99th percentile)", ChartView.Style.LINE, mean,
                    spread), new ChartView.Series("most on one host", ChartView.Style.DASHED, max, null)));
        }

        @Override
        protected void reset() {
            rows.clear();
        }

        @Override
        protected String csv() {
            StringBuilder b = new StringBuilder("nodes,keys,virtualNodes,meanKeys,p1Keys,p99Keys,maxKeys,nodesWithNoKeys\r\n");
            rows.forEach(r -> b.append(r.nodes()).append(',').append(r.keys()).append(',').append(r.virtualNodes())
                    .append(',').append(f(r.meanKeys(), 2)).append(',').append(r.p1Keys()).append(',')
                    .append(r.p99Keys()).append(',').append(r.maxKeys()).append(',').append(r.nodesWithNoKeys())
                    .append("\r\n"));
            return b.toString();
        }
    }

    /** Failed lookups against the fraction of nodes that crashed at once (section 6.4). */
    static final class Failures extends ExperimentCard {
        final List<FailuresExperiment.Row> rows = new ArrayList<>();

        Failures(Appearance a) {
            super("chord-failures", "Chord: lookups after mass failure",
                    "A fraction of the nodes crash at once; stabilization runs for a while; then lookups of "
                            + "stored keys. Without replication a lookup fails exactly when its key's node died, "
                            + "so the failed fraction follows the crashed fraction (section 6.4). Same as "
                            + "'experiment chord-failures'.", a);
            chart.axes("fraction of nodes crashed (%)", "% of lookups failed", false, x -> ChartView.number(x));
        }

        @Override
        protected List<String[]> parameters() {
            return List.of(new String[] {"nodes", "1000", "nodes", "ring size"},
                    new String[] {"keys", "10000", "keys", "keys stored before the crashes"},
                    new String[] {"fractions", "0.1,0.2,0.3,0.4,0.5", "crashed", "fractions crashed, comma-separated"},
                    new String[] {"lookups", "2000", "lookups", "lookups after each crash"},
                    new String[] {"bits", "32", "bits m", "identifier bits"},
                    new String[] {"seed", "1", "seed", "the seed of every random choice"});
        }

        @Override
        protected Job prepare(Map<String, String> v) {
            int nodes = (int) whole(v, "nodes", "nodes", FailuresExperiment.MIN_NODES, FailuresExperiment.MAX_NODES);
            long keys = whole(v, "keys", "keys", 1, 50_000_000);
            List<Double> fr = fractions(v, "fractions", "crashed");
            int lookups = (int) whole(v, "lookups", "lookups", 1, FailuresExperiment.MAX_LOOKUPS);
            int bits = (int) whole(v, "bits", "bits m", 8, 62);
            long seed = whole(v, "seed", "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            FailuresExperiment.Settings s = settings(() -> new FailuresExperiment.Settings(nodes, keys, fr, lookups,
                    bits, 0, FailuresExperiment.DEFAULT_RECOVERY_MICROS, seed));
            return p -> {
                int[] done = {0};
                new FailuresExperiment(s).run(row -> p.row(row, ++done[0], fr.size()));
            };
        }

        @Override
        protected void accept(Object row) {
            rows.add((FailuresExperiment.Row) row);
            List<double[]> failed = new ArrayList<>();
            List<double[]> lost = new ArrayList<>();
            for (FailuresExperiment.Row r : rows) {
                failed.add(new double[] {r.failFraction() * 100, r.failedLookupFraction() * 100});
                lost.add(new double[] {r.failFraction() * 100, r.keysLostFraction() * 100});
            }
            chart.set(List.of(new ChartView.Series("lookups failed", ChartView.Style.LINE, failed, null),
                    new ChartView.Series("keys whose node crashed", ChartView.Style.DASHED, lost, null)));
        }

        @Override
        protected void reset() {
            rows.clear();
        }

        @Override
        protected String csv() {
            StringBuilder b = new StringBuilder("nodes,failFraction,lookups,meanHops,failedLookupFraction,"
                    + "keysLostFraction,meanTimeouts\r\n");
            rows.forEach(r -> b.append(r.nodes()).append(',').append(r.failFraction()).append(',')
                    .append(r.lookups()).append(',').append(f(r.meanHops(), 3)).append(',')
                    .append(f(r.failedLookupFraction(), 4)).append(',').append(f(r.keysLostFraction(), 4)).append(',')
                    .append(f(r.meanTimeouts(), 3)).append("\r\n"));
            return b.toString();
        }
    }

    /** Lookups while nodes join and fail at a rate (section 6.5). */
    static final class Churn extends ExperimentCard {
        final List<ChurnExperiment.Row> rows = new ArrayList<>();

        Churn(Appearance a) {
            super("chord-churn", "Chord: lookups while nodes come and go",
                    "Nodes join and fail at random at a given rate while lookups go on and stabilization "
                            + "repairs the ring every 30 s. The faster the churn, the more lookups meet a dead "
                            + "node or a stale pointer (section 6.5). Same as 'experiment chord-churn'.", a);
            chart.axes("joins and failures per second", "% of lookups failed", false, x -> ChartView.number(x));
        }

        @Override
        protected List<String[]> parameters() {
            return List.of(new String[] {"nodes", "500", "nodes", "ring size at the start"},
                    new String[] {"rates", "0.05,0.1,0.2,0.4", "rates", "joins and failures per second, comma-separated"},
                    new String[] {"duration", "600", "seconds", "virtual time per rate"},
                    new String[] {"lookups", "10", "lookups/s", "lookups per second"},
                    new String[] {"bits", "32", "bits m", "identifier bits"},
                    new String[] {"seed", "1", "seed", "the seed of every random choice"});
        }

        @Override
        protected Job prepare(Map<String, String> v) {
            int nodes = (int) whole(v, "nodes", "nodes", ChurnExperiment.MIN_NODES, ChurnExperiment.MAX_NODES);
            List<Double> rates = new ArrayList<>();
            for (String part : v.get("rates").split(",")) {
                try {
                    double r = Double.parseDouble(part.trim());
                    if (!(r >= 0 && r <= ChurnExperiment.MAX_RATE)) {
                        throw new IllegalArgumentException("rates: " + part.trim() + " must be from 0 to "
                                + (int) ChurnExperiment.MAX_RATE);
                    }
                    rates.add(r);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("rates: '" + part.trim() + "' is not a number");
                }
            }
            long duration = whole(v, "duration", "seconds", 1, 86_400);
            long lookups = whole(v, "lookups", "lookups/s", 1, (long) ChurnExperiment.MAX_LOOKUPS_PER_SECOND);
            int bits = (int) whole(v, "bits", "bits m", 8, 62);
            long seed = whole(v, "seed", "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            ChurnExperiment.Settings s = settings(() -> new ChurnExperiment.Settings(nodes, rates,
                    Micros.ofSeconds(duration), lookups, Micros.ofSeconds(30), bits, seed));
            return p -> {
                int[] done = {0};
                new ChurnExperiment(s).run(row -> p.row(row, ++done[0], rates.size()));
            };
        }

        @Override
        protected void accept(Object row) {
            rows.add((ChurnExperiment.Row) row);
            List<double[]> failed = new ArrayList<>();
            for (ChurnExperiment.Row r : rows) {
                failed.add(new double[] {r.rate(), r.failedLookupFraction() * 100});
            }
            chart.set(List.of(new ChartView.Series("lookups failed", ChartView.Style.LINE, failed, null)));
        }

        @Override
        protected void reset() {
            rows.clear();
        }

        @Override
        protected String csv() {
            StringBuilder b = new StringBuilder("rate,lookups,failedLookupFraction,meanHops,meanTimeouts,joins,failures\r\n");
            rows.forEach(r -> b.append(r.rate()).append(',').append(r.lookups()).append(',')
                    .append(f(r.failedLookupFraction(), 4)).append(',').append(f(r.meanHops(), 3)).append(',')
                    .append(f(r.meanTimeouts(), 3)).append(',').append(r.joins()).append(',').append(r.failures())
                    .append("\r\n"));
            return b.toString();
        }
    }

    // ============================================================================================ Raft

    /** Time without a leader after a crash, per timeout range, cumulative (Raft paper, Figure 16). */
    static final class Election extends ExperimentCard {
        record Row(String range, ElectionExperiment.Result result) {
        }

        final List<Row> rows = new ArrayList<>();

        Election(Appearance a) {
            super("raft-election", "Raft: time to elect a new leader",
                    "The leader crashes; how long until another leads? With equal timeouts, split votes drag "
                            + "on; a little randomness ends them fast. Each curve is the share of trials with a new "
                            + "leader within that time, as in Figure 16 of the Raft paper. Same as "
                            + "'experiment raft-election'.", a);
            chart.axes("time without a leader (ms)", "% of trials with a new leader", false, x -> ChartView.number(x));
        }

        @Override
        protected List<String[]> parameters() {
            return List.of(new String[] {"ranges", "150-150,150-151,150-155,150-175,150-200,150-300", "timeouts (ms)",
                            "election timeout ranges min-max, comma-separated"},
                    new String[] {"trials", "200", "trials", "crashes per range"},
                    new String[] {"servers", "5", "servers", "cluster size"},
                    new String[] {"latency", "15", "latency (ms)", "mean one-way delay"},
                    new String[] {"seed", "1", "seed", "the seed of every random choice"});
        }

        @Override
        protected Job prepare(Map<String, String> v) {
            List<long[]> ranges = new ArrayList<>();
            for (String r : v.get("ranges").split(",")) {
                String[] mm = r.trim().split("-");
                if (mm.length != 2) {
                    throw new IllegalArgumentException("timeouts: '" + r.trim() + "' is not a range such as 150-300");
                }
                Map<String, String> m = Map.of("a", mm[0].trim(), "b", mm[1].trim());
                ranges.add(new long[] {whole(m, "a", "timeouts", 1, 60_000), whole(m, "b", "timeouts", 1, 60_000)});
            }
            int trials = (int) whole(v, "trials", "trials", 1, 100_000);
            int servers = (int) whole(v, "servers", "servers", 3, 9);
            long latency = whole(v, "latency", "latency (ms)", 0, 1000);
            long seed = whole(v, "seed", "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            List<ElectionExperiment.Settings> all = new ArrayList<>();
            for (long[] r : ranges) {
                all.add(settings(() -> new ElectionExperiment.Settings(servers, Micros.ofMillis(r[0]),
                        Micros.ofMillis(r[1]), trials, Micros.ofMillis(latency), seed)));
            }
            return p -> {
                for (int i = 0; i < all.size(); i++) {
                    p.check();
                    ElectionExperiment.Settings s = all.get(i);
                    ElectionExperiment.Result res = ElectionExperiment.run(s, p::check);
                    p.row(new Row(s.timeoutMinMicros() / 1000 + "-" + s.timeoutMaxMicros() / 1000, res), i + 1,
                            all.size());
                }
            };
        }

        @Override
        protected void accept(Object row) {
            rows.add((Row) row);
            List<ChartView.Series> s = new ArrayList<>();
            for (Row r : rows) {
                List<double[]> cdf = new ArrayList<>();
                List<Double> d = r.result().downtimesMs();
                cdf.add(new double[] {0, 0});
                for (int i = 0; i < d.size(); i++) {
                    cdf.add(new double[] {d.get(i), (i + 1) * 100.0 / d.size()});
                }
                s.add(new ChartView.Series(r.range() + " ms", ChartView.Style.STEPS, cdf, null));
            }
            chart.set(s);
        }

        @Override
        protected void reset() {
            rows.clear();
        }

        @Override
        protected String csv() {
            StringBuilder b = new StringBuilder("timeoutMs,trials,medianMs,meanMs,p99Ms,maxMs,withoutLeader\r\n");
            rows.forEach(r -> b.append(r.range()).append(',').append(r.result().downtimesMs().size()).append(',')
                    .append(f(r.result().medianMs(), 1)).append(',').append(f(r.result().meanMs(), 1)).append(',')
                    .append(f(r.result().p99Ms(), 1)).append(',').append(f(r.result().maxMs(), 1)).append(',')
                    .append(r.result().trialsWithoutLeader()).append("\r\n"));
            return b.toString();
        }
    }

    // ============================================================================================ clocks

    /** How far clocks stray under each synchronization algorithm. */
    static final class Sync extends ExperimentCard {
        record Row(SyncAlgorithm algorithm, SyncExperiment.Result result) {
        }

        final List<Row> rows = new ArrayList<>();

        Sync(Appearance a) {
            super("clock-sync", "Clocks: synchronization compared",
                    "Quartz machines run for an hour of virtual time under each algorithm. Each line follows the "
                            + "clock furthest from true time. Free-running clocks walk away; Cristian and NTP hold "
                            + "them to a GPS reference; Berkeley keeps them together but, with no reference, not on "
                            + "true time. The CSV has the figures after a warm-up. Same as "
                            + "'experiment clock-sync'.", a);
            chart.axes("virtual minutes", "worst clock, ms from true time", false, null);
        }

        @Override
        protected List<String[]> parameters() {
            return List.of(new String[] {"algorithms", "none,cristian,berkeley,ntp", "algorithms", "comma-separated"},
                    new String[] {"nodes", "8", "machines", "how many machines"},
                    new String[] {"duration", "3600", "seconds", "virtual time to run"},
                    new String[] {"latency", "20", "latency (ms)", "mean one-way delay"},
                    new String[] {"poll", "64", "poll (s)", "poll interval"},
                    new String[] {"seed", "1", "seed", "the seed of every random choice"});
        }

        @Override
        protected Job prepare(Map<String, String> v) {
            List<SyncAlgorithm> algorithms = new ArrayList<>();
            for (String s : v.get("algorithms").split(",")) {
                algorithms.add(SyncAlgorithm.parse(s));
            }
            int nodes = (int) whole(v, "nodes", "machines", SyncExperiment.MIN_NODES, SyncExperiment.MAX_NODES);
            long duration = whole(v, "duration", "seconds", 1, 7 * 24 * 3600);
            long latency = whole(v, "latency", "latency (ms)", 0, 1000);
            long poll = whole(v, "poll", "poll (s)", 1, 36 * 3600);
            long seed = whole(v, "seed", "seed", Long.MIN_VALUE, Long.MAX_VALUE);
            long warmup = Math.min(600, duration / 6);
            List<SyncExperiment.Settings> all = new ArrayList<>();
            for (SyncAlgorithm a : algorithms) {
                all.add(settings(() -> new SyncExperiment.Settings(a, nodes, Micros.ofSeconds(duration),
                        Micros.ofSeconds(warmup), ClockKind.QUARTZ, Micros.ofMillis(latency), Micros.ofSeconds(poll),
                        false, seed)));
            }
            return p -> {
                for (int i = 0; i < all.size(); i++) {
                    p.check();
                    p.row(new Row(all.get(i).algorithm(), SyncExperiment.run(all.get(i), p::check)), i + 1,
                            all.size());
                }
            };
        }

        @Override
        protected void accept(Object row) {
            rows.add((Row) row);
            // One line per algorithm: how far the worst clock is from true time as the hour goes on.
            List<ChartView.Series> lines = new ArrayList<>();
            for (Row r : rows) {
                List<double[]> pts = new ArrayList<>();
                for (SyncExperiment.Sample x : r.result().overTime()) {
                    pts.add(new double[] {x.seconds() / 60.0, x.maxAbsOffsetMs()});
                }
                lines.add(new ChartView.Series(r.algorithm().label(), ChartView.Style.LINE, pts, null));
            }
            chart.set(lines);
        }

        @Override
        protected void reset() {
            rows.clear();
        }

        @Override
        protected String csv() {
            StringBuilder b = new StringBuilder("algorithm,maxAbsOffsetMs,meanAbsOffsetMs,maxPairwiseSkewMs,adjustments,"
                    + "messages\r\n");
            rows.forEach(r -> b.append(r.algorithm().label()).append(',').append(f(r.result().maxAbsOffsetMs(), 3))
                    .append(',').append(f(r.result().meanAbsOffsetMs(), 3)).append(',')
                    .append(f(r.result().maxPairwiseSkewMs(), 3)).append(',').append(r.result().adjustments())
                    .append(',').append(r.result().messages()).append("\r\n"));
            return b.toString();
        }
    }
}
