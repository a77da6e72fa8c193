package io.distviz.bench;

import io.distviz.sim.Micros;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes benchmark figures for a person (a table as repeats finish, then median / min / max) or for a
 * spreadsheet (one CSV row per repeat). Numbers use {@link Locale#ROOT} so that the output does not change
 * with the machine's language.
 */
public final class BenchmarkReport {

    /** The CSV columns, in order; figures keep their units in their names. */
    public static final List<String> CSV_COLUMNS = List.of("target", "repeat", "seed", "virtual_seconds",
            "checkpoints_enabled", "events", "run_ms", "events_per_wall_second", "gc_ms", "checkpoints",
            "checkpoint_mean_bytes", "checkpoint_max_bytes", "restore_median_ms", "trace_events", "hash_ms",
            "trace_hash");

    private final PrintWriter out;
    private final boolean csv;

    public BenchmarkReport(PrintWriter out, boolean csv) {
        this.out = out;
        this.csv = csv;
    }

    /** Before the first run: what is about to run, and the header of the per-repeat table. */
    public void begin(Workload workload, BenchmarkSettings settings, List<Long> restoreTimesMicros) {
        if (csv) {
            out.println(String.join(",", CSV_COLUMNS));
        } else {
            out.printf(Locale.ROOT, "DistViz benchmark '%s': %s%n", workload.name(), workload.describe());
            out.printf(Locale.ROOT, "machine: %s%n", Machine.describe());
            out.printf(Locale.ROOT,
                    "seed %d, %s of virtual time, %d warm-up run%s (w, not counted) and %d repeat%s; %s%n",
                    settings.seed(), Micros.format(settings.virtualMicros()), settings.warmups(),
                    settings.warmups() == 1 ? "" : "s", settings.repeats(), settings.repeats() == 1 ? "" : "s",
                    settings.checkpoints() ? "default checkpoints" : "no checkpoints but the initial one");
            if (!restoreTimesMicros.isEmpty()) {
                out.printf(Locale.ROOT, "restoreTo timed at %s%n", restoreTimesMicros.stream()
                        .map(Micros::format).collect(Collectors.joining(", ")));
            }
            out.println();
            out.printf(Locale.ROOT, "%6s %12s %9s %14s %7s %11s %12s %12s %13s %8s  %s%n", "repeat", "events",
                    "run ms", "events/wall s", "gc ms", "checkpoints", "mean cp KiB", "restore ms", "trace events",
                    "hash ms", "trace hash");
        }
        out.flush();
    }

    /** One row per run as it finishes; in CSV, counted repeats only. */
    public void row(BenchmarkSettings settings, String target, RepeatMeasurement m) {
        if (csv && m.warmup()) {
            return;
        }
        if (csv) {
            out.println(String.join(",", target, Integer.toString(m.repeat()), Long.toString(settings.seed()),
                    decimal(Micros.toSeconds(settings.virtualMicros()), 6), Boolean.toString(settings.checkpoints()),
                    Long.toString(m.events()), decimal(m.runMillis(), 3), decimal(m.eventsPerWallSecond(), 0),
                    Long.toString(m.gcMillis()), Integer.toString(m.checkpoints()),
                    decimal(m.checkpointMeanBytes(), 0), Integer.toString(m.checkpointMaxBytes()),
                    Double.isNaN(m.restoreMedianMillis()) ? "" : decimal(m.restoreMedianMillis(), 3),
                    Integer.toString(m.traceEvents()), decimal(m.hashMillis(), 3), m.traceHash()));
        } else {
            out.printf(Locale.ROOT, "%6s %,12d %,9.0f %,14.0f %,7d %11d %,12.1f %12s %,13d %,8.0f  %s%n",
                    (m.warmup() ? "w" : "") + m.repeat(), m.events(), m.runMillis(), m.eventsPerWallSecond(),
                    m.gcMillis(), m.checkpoints(), m.checkpointMeanBytes() / 1024,
                    restoreText(m.restoreMedianMillis()), m.traceEvents(), m.hashMillis(),
                    m.traceHash().substring(0, 16));
        }
        out.flush();
    }

    /** After the last run: the spread of each figure and whether every run gave the same trace. */
    public void end(BenchmarkResult result) {
        end(result, null);
    }

    /** As {@link #end(BenchmarkResult)}, with the workload's useful work per second when it counts any. */
    public void end(BenchmarkResult result, String workUnit) {
        if (csv) {
            out.flush();
            return;
        }
        int n = result.repeats().size();
        out.println();
        out.printf(Locale.ROOT, "median / min / max over %d repeat%s:%n", n, n == 1 ? "" : "s");
        line("events per wall second", result.spread(RepeatMeasurement::eventsPerWallSecond), "%,.0f");
        if (workUnit != null) {
            line(workUnit + " per wall s", result.spread(RepeatMeasurement::workPerWallSecond), "%,.0f");
            line(workUnit + " per virtual s", result.spread(m -> m.work()
                    / Micros.toSeconds(result.settings().virtualMicros())), "%,.0f");
        }
        line("run time (ms)", result.spread(RepeatMeasurement::runMillis), "%,.0f");
        line("GC during run (ms)", result.spread(RepeatMeasurement::gcMillis), "%,.0f");
        line("events processed", result.spread(RepeatMeasurement::events), "%,.0f");
        line("checkpoints", result.spread(RepeatMeasurement::checkpoints), "%,.0f");
        line("checkpoint mean size (KiB)", result.spread(m -> m.checkpointMeanBytes() / 1024), "%,.1f");
        line("checkpoint max size (KiB)", result.spread(m -> m.checkpointMaxBytes() / 1024.0), "%,.1f");
        if (!result.restoreTimesMicros().isEmpty()) {
            line("restoreTo middle (ms)", result.spread(RepeatMeasurement::restoreMedianMillis), "%,.1f");
        }
        line("trace size (events)", result.spread(RepeatMeasurement::traceEvents), "%,.0f");
        line("trace hash time (ms)", result.spread(RepeatMeasurement::hashMillis), "%,.0f");
        List<String> hashes = result.distinctHashes();
        out.printf(Locale.ROOT, "  %-28s %s%n", "trace hash", hashes.get(0));
        int runs = result.runs();
        String counted = result.warmups().isEmpty() ? "" : " (warm-ups included)";
        if (result.deterministic()) {
            out.printf(Locale.ROOT, "deterministic: yes, all %d runs%s had the same trace hash%n", runs, counted);
        } else {
            out.printf(Locale.ROOT, "deterministic: NO, the %d runs%s had %d different trace hashes: %s%n", runs,
                    counted, hashes.size(), String.join(", ", hashes));
        }
        out.flush();
    }

    private void line(String figure, Spread s, String format) {
        out.printf(Locale.ROOT, "  %-28s " + format + " / " + format + " / " + format + "%n", figure, s.median(),
                s.min(), s.max());
    }

    private static String restoreText(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%,.1f", millis);
    }

    private static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
