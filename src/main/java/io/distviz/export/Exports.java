package io.distviz.export;

import io.distviz.scenario.ScenarioRunner;
import io.distviz.scenario.TraceFile;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/** Writes a run in any {@link ExportFormat}, safely (see {@link SafeFiles}). */
public final class Exports {
    private Exports() {
    }

    public static void write(ExportFormat format, ScenarioRunner.Result run, Path target, boolean overwrite)
            throws IOException {
        SafeFiles.write(target, out -> write(format, run, out), overwrite);
    }

    public static void write(ExportFormat format, ScenarioRunner.Result run, Writer out) throws IOException {
        List<TraceEvent> events = run.simulation().trace().events();
        switch (format) {
            case JSON -> TraceFile.write(run, out);
            case CSV -> CsvExport.write(events, out);
            case SHIVIZ -> ShiVizExport.write(events, out);
            case CHROME -> ChromeTraceExport.write(events, out);
            case MERMAID -> MermaidExport.write(events, out, MermaidExport.DEFAULT_MAX_MESSAGES);
            case EDN -> EdnExport.write(events, out);
        }
    }
}
