package io.distviz.bench;

import io.distviz.sim.Micros;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the Chord benchmark's figures for a person (a row per run as it finishes, then median / min / max)
 * or for a spreadsheet (one CSV row per counted repeat), in the manner of {@link BenchmarkReport}. Numbers
 * use {@link Locale#ROOT}.
 */
public final class ChordBenchmarkReport {

    /** The CSV columns, in order; figures keep their units in their names. */
    public static final List<String> CSV_COLUMNS = List.of("target", "repeat", "seed", "nodes", "build", "bits",
            "successors", "virtual_seconds", "checkpoints_enabled", "build_ms", "ideal_after_virtual_seconds",
            "stabilize_ms", "checks", "check_ms", "last_check_ms", "events", "deliveries", "sends", "run_ms",
            "events_per_wall_second", "deliveries_per_wall_second", "gc_ms", "total_ms", "heap_bytes",
            "heap_bytes_per_node", "checkpoints", "checkpoint_mean_bytes", "restore_median_ms", "fingerprint");

    private final PrintWriter out;
    private final boolean csv;

    public ChordBenchmarkReport(PrintWriter out, boolean csv) {
        this.out = out;
        this.csv = csv;
    }

    /** Before the first run: what is about to run, and the header of the per-run table. */
    public void begin(BenchmarkChord benchmark) {
        if (csv) {
            out.println(String.join(",", CSV_COLUMNS));
            out.flush();
            return;
        }
        ChordWorkload w = benchmark.workload();
        BenchmarkSettings s = benchmark.settings();
        BenchmarkChord.Checks c = benchmark.checks();
        out.printf(Locale.ROOT, "DistViz benchmark '%s': %s%n", w.name(), w.describe());
        out.printf(Locale.ROOT, "machine: %s%n", Machine.describe());
        out.printf(Locale.ROOT, "seed %d, %d warm-up run%s (w, not counted) and %d repeat%s; trace not kept "
                        + "(a listener counts); %s%n", s.seed(), s.warmups(), s.warmups() == 1 ? "" : "s",
                s.repeats(), s.repeats() == 1 ? "" : "s",
                s.checkpoints() ? "default checkpoints" : "no checkpoints but the initial one");
        if (c.untilIdeal()) {
            out.printf(Locale.ROOT, "each run: build the ring, check it and every %s of virtual time until it is "
                            + "ideal (at most %s), run %s of steady-state maintenance, check it again%n",
                    seconds(c.everyMicros()), seconds(c.idealLimitMicros()), seconds(s.virtualMicros()));
        } else {
            out.printf(Locale.ROOT, "each run: build the ring, run %s of maintenance, then check it (only "
                    + "then)%n", seconds(s.virtualMicros()));
        }
        out.printf(Locale.ROOT, "%s%s%n",
                benchmark.measuresHeap() ? "heap measured after full collections with the ring alive; " : "",
                benchmark.timesRestores() ? "restoreTo timed around the middle of the steady state"
                        : "restoreTo not timed (it is, with checkpoints)");
        out.println();
        out.printf(Locale.ROOT, "%6s %9s %11s %9s %6s %9s %11s %8s %13s %13s %6s %9s %11s", "repeat", "build ms",
                "ideal after", "stab ms", "checks", "check ms", "events", "run ms", "events/wall s",
                "deliv/wall s", "gc ms", "total ms", "heap B/node");
        if (benchmark.timesRestores()) {
            out.printf(Locale.ROOT, " %11s %11s %10s", "checkpoints", "mean cp KiB", "restore ms");
        }
        out.printf(Locale.ROOT, "  %s%n", "fingerprint");
        out.flush();
    }

    /** One row per run as it finishes; in CSV, counted repeats only. */
    public void row(BenchmarkChord benchmark, ChordRepeat m) {
        ChordWorkload w = benchmark.workload();
        BenchmarkSettings s = benchmark.settings();
        if (csv) {
            if (!m.warmup()) {
                out.println(String.join(",", w.name(), Integer.toString(m.repeat()), Long.toString(s.seed()),
                        Integer.toString(w.nodes()), w.build().word(), Integer.toString(w.chord().bits()),
                        Integer.toString(w.chord().successorListLength()), decimal(Micros.toSeconds(s.virtualMicros()), 6),
                        Boolean.toString(s.checkpoints()), decimal(m.buildMillis(), 3),
                        m.idealAtMicros() < 0 ? "" : decimal(Micros.toSeconds(m.idealAtMicros()), 6),
                        decimal(m.stabilizeMillis(), 3), Integer.toString(m.checks()), decimal(m.checkMillis(), 3),
                        decimal(m.lastCheckMillis(), 3), Long.toString(m.steadyEvents()),
                        Long.toString(m.steadyDeliveries()), Long.toString(m.steadySends()),
                        decimal(m.steadyMillis(), 3), decimal(m.eventsPerWallSecond(), 0),
                        decimal(m.deliveriesPerWallSecond(), 0), Long.toString(m.steadyGcMillis()),
                        decimal(m.totalMillis(), 3), m.heapBytes() < 0 ? "" : Long.toString(m.heapBytes()),
                        m.heapBytes() < 0 ? "" : decimal(m.heapBytesPerNode(w.nodes()), 0),
                        Integer.toString(m.checkpoints()), decimal(m.checkpointMeanBytes(), 0),
                        Double.isNaN(m.restoreMedianMillis()) ? "" : decimal(m.restoreMedianMillis(), 3),
                        m.fingerprint()));
            }
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "%6s %,9.0f %11s %,9.0f %6d %,9.0f %,11d %,8.0f %,13.0f %,13.0f %,6d %,9.0f %11s",
                (m.warmup() ? "w" : "") + m.repeat(), m.buildMillis(),
                m.idealAtMicros() < 0 ? "-" : seconds(m.idealAtMicros()),
                m.stabilizeMillis(), m.checks(), m.checkMillis(), m.steadyEvents(), m.steadyMillis(),
                m.eventsPerWallSecond(), m.deliveriesPerWallSecond(), m.steadyGcMillis(), m.totalMillis(),
                m.heapBytes() < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", m.heapBytesPerNode(w.nodes())));
        if (benchmark.timesRestores()) {
            out.printf(Locale.ROOT, " %11d %,11.1f %10.1f", m.checkpoints(), m.checkpointMeanBytes() / 1024,
                    m.restoreMedianMillis());
        }
        out.printf(Locale.ROOT, "  %s%n", m.fingerprint());
        out.flush();
    }

    /** After the last run: the spread of each figure and whether every run did the same. */
    public void end(BenchmarkChord benchmark, ChordBenchmarkResult result) {
        if (csv) {
            out.flush();
            return;
        }
        int nodes = benchmark.workload().nodes();
        int n = result.repeats().size();
        out.println();
        out.printf(Locale.ROOT, "median / min / max over %d repeat%s:%n", n, n == 1 ? "" : "s");
        line("build (ms)", result.spread(ChordRepeat::buildMillis), "%,.0f");
        if (benchmark.checks().untilIdeal()) {
            line("ideal after (virtual s)", result.spread(m -> Micros.toSeconds(m.idealAtMicros())), "%,.0f");
            line("stabilize to ideal (ms)", result.spread(ChordRepeat::stabilizeMillis), "%,.0f");
        }
        line("ring checks", result.spread(ChordRepeat::checks), "%,.0f");
        line("all checks (ms)", result.spread(ChordRepeat::checkMillis), "%,.0f");
        line("one check of the ring (ms)", result.spread(ChordRepeat::lastCheckMillis), "%,.0f");
        line("steady state (ms)", result.spread(ChordRepeat::steadyMillis), "%,.0f");
        line("events processed", result.spread(ChordRepeat::steadyEvents), "%,.0f");
        line("messages delivered", result.spread(ChordRepeat::steadyDeliveries), "%,.0f");
        line("events per wall second", result.spread(ChordRepeat::eventsPerWallSecond), "%,.0f");
        line("deliveries per wall second", result.spread(ChordRepeat::deliveriesPerWallSecond), "%,.0f");
        line("GC in steady state (ms)", result.spread(ChordRepeat::steadyGcMillis), "%,.0f");
        line("build to checked ring (ms)", result.spread(ChordRepeat::totalMillis), "%,.0f");
        if (benchmark.measuresHeap()) {
            line("heap (MiB)", result.spread(m -> m.heapBytes() / (1024.0 * 1024.0)), "%,.1f");
            line("heap per node (bytes)", result.spread(m -> m.heapBytesPerNode(nodes)), "%,.0f");
        }
        if (benchmark.timesRestores()) {
            line("checkpoints", result.spread(ChordRepeat::checkpoints), "%,.0f");
            line("checkpoint mean size (KiB)", result.spread(m -> m.checkpointMeanBytes() / 1024), "%,.1f");
            line("restoreTo middle (ms)", result.spread(ChordRepeat::restoreMedianMillis), "%,.1f");
        }
        List<String> outcomes = result.distinctOutcomes();
        out.printf(Locale.ROOT, "  %-28s %s%n", "fingerprint", result.repeats().get(0).fingerprint());
        String counted = result.warmups().isEmpty() ? "" : " (warm-ups included)";
        if (result.deterministic()) {
            out.printf(Locale.ROOT, "deterministic: yes, all %d runs%s processed the same events%n", result.runs(),
                    counted);
        } else {
            out.printf(Locale.ROOT, "deterministic: NO, the %d runs%s had %d different outcomes: %s%n",
                    result.runs(), counted, outcomes.size(), String.join(", ", outcomes));
        }
        out.flush();
    }

    private void line(String figure, Spread s, String format) {
        out.printf(Locale.ROOT, "  %-28s " + format + " / " + format + " / " + format + "%n", figure, s.median(),
                s.min(), s.max());
    }

    /** Virtual time in seconds for a person: {@code 60 s}, {@code 0.5 s}, {@code 3,600 s}. */
    static String seconds(long micros) {
        String s = String.format(Locale.ROOT, "%,.6f", Micros.toSeconds(micros));
        s = s.replaceAll("0+$", "");
        return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + " s";
    }

    private static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
