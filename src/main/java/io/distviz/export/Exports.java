package io.distviz.export;

import io.distviz.scenario.ScenarioRunner;
import io.distviz.scenario.TraceFile;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Writes a run in any {@link ExportFormat}, safely (see {@link SafeFiles}), reporting progress if asked. */
public final class Exports {
    /** How many events are read between two progress reports: often enough for a bar, rarely enough to be free. */
    static final int REPORT_EVERY_EVENTS = 1024;

    private Exports() {
    }

    /**
     * Told how far a write has got, on the thread that writes. It may throw an unchecked exception (a
     * {@link java.util.concurrent.CancellationException}) to stop the write; written to a file, nothing is
     * left of it then and an old file stays as it was.
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        /** {@code done} of the run's {@code total} events are written (it ends with done equal to total). */
        void advanced(long done, long total);
    }

    public static void write(ExportFormat format, ScenarioRunner.Result run, Path target, boolean overwrite)
            throws IOException {
        write(format, RunCopy.of(run), target, overwrite, Progress.NONE);
    }

    public static void write(ExportFormat format, ScenarioRunner.Result run, Writer out) throws IOException {
        write(format, RunCopy.of(run), out, Progress.NONE);
    }

    public static void write(ExportFormat format, RunCopy run, Path target, boolean overwrite, Progress progress)
            throws IOException {
        SafeFiles.write(target, out -> write(format, run, out, progress), overwrite);
    }

    public static void write(ExportFormat format, RunCopy run, Writer out, Progress progress) throws IOException {
        int total = run.events().size();
        progress.advanced(0, total);
        List<TraceEvent> events = new Counted(run.events(), passes(format), progress);
        switch (format) {
            case JSON -> TraceFile.write(run.scenario(), run.actions(), run.endMicros(), events, out);
            case CSV -> CsvExport.write(events, out);
            case SHIVIZ -> ShiVizExport.write(events, out);
            case CHROME -> ChromeTraceExport.write(events, out);
            case MERMAID -> MermaidExport.write(events, out, MermaidExport.DEFAULT_MAX_MESSAGES);
            case EDN -> EdnExport.write(events, out);
        }
        progress.advanced(total, total);
    }

    /** How many times the writer of {@code format} reads the whole list of events. */
    static int passes(ExportFormat format) {
        return switch (format) {
            // the hash over every event comes before the events
            case JSON -> 2;
            // the nodes are gathered first, to give each its tracks
            case CHROME -> 2;
            case CSV, SHIVIZ, MERMAID, EDN -> 1;
        };
    }

    /**
     * The events as the writers read them, counting reads to report progress: a writer needs no change to be
     * watched. Reads are spread over the format's passes, so a two-pass writer is half done after its first.
     */
    private static final class Counted extends AbstractList<TraceEvent> implements RandomAccess {
        private final List<TraceEvent> events;
        private final int passes;
        private final Progress progress;
        private long reads;

        Counted(List<TraceEvent> events, int passes, Progress progress) {
            this.events = events;
            this.passes = passes;
            this.progress = progress;
        }

        @Override
        public TraceEvent get(int index) {
            if (++reads % REPORT_EVERY_EVENTS == 0) {
                progress.advanced(Math.min(reads / passes, events.size()), events.size());
            }
            return events.get(index);
        }

        @Override
        public int size() {
            return events.size();
        }
    }
}
