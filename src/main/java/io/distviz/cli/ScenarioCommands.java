package io.distviz.cli;

import com.google.gson.JsonElement;
import io.distviz.export.ExportFormat;
import io.distviz.export.Exports;
import io.distviz.scenario.Durations;
import io.distviz.scenario.JsonText;
import io.distviz.scenario.Lesson;
import io.distviz.scenario.LessonCheck;
import io.distviz.scenario.LessonLoader;
import io.distviz.scenario.Problem;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioException;
import io.distviz.scenario.ScenarioLoader;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.scenario.TraceFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The headless commands for scenario and trace files: {@code run}, {@code validate} and {@code export}. */
final class ScenarioCommands {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_INPUT = 2;

    private ScenarioCommands() {
    }

    static void printProblems(PrintWriter err, List<Problem> problems) {
        for (Problem p : problems) {
            err.println("  " + p);
        }
    }

    /** The format for {@code out}: the one named, else the one its extension implies. */
    static ExportFormat format(String formatName, Path out) {
        if (formatName != null) {
            return ExportFormat.parse(formatName);
        }
        ExportFormat f = ExportFormat.fromFileName(out.getFileName().toString());
        if (f == null) {
            throw new IllegalArgumentException("cannot tell the format from the name " + out.getFileName()
                    + "; add --format (" + ExportFormat.names() + ")");
        }
        return f;
    }

    /** Writes the export, or says why not; returns whether it was written. */
    static boolean export(ScenarioRunner.Result run, ExportFormat format, Path out, boolean force, PrintWriter o,
                          PrintWriter err) {
        try {
            Exports.write(format, run, out, force);
            o.println("Wrote " + out + " (" + format.description() + ", " + run.simulation().trace().size()
                    + " events).");
            return true;
        } catch (FileAlreadyExistsException e) {
            err.println("distviz: " + out + " already exists; add --force to replace it");
        } catch (IOException | RuntimeException e) {
            err.println("distviz: cannot write " + out + ": " + e.getMessage());
        }
        return false;
    }

    // ============================================================================================ run

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
            description = {"Run a scenario file without a display and check its expectations.",
                    "Prints each expectation's result. Exit status: 0 when all hold, 1 when one fails (or an",
                    "action is refused, or a wait times out), 2 on bad input."},
            footer = {"", "The scenario format is described in docs/SCENARIOS.md; examples are in scenarios/."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "The scenario file.")
        Path file;

        @Option(names = "--seed", paramLabel = "N", description = "Run with this seed instead of the file's.")
        Long seed;

        @Option(names = "--until", paramLabel = "T",
                description = "Stop at virtual time T (such as 2s or 500ms); later steps do not run.")
        String until;

        @Option(names = "--export", paramLabel = "FILE", description = "Write the trace to FILE.")
        Path export;

        @Option(names = "--format", paramLabel = "FMT",
                description = "Format of --export: json (DistViz trace, replayable), csv, shiviz, chrome "
                        + "(Perfetto), mermaid, edn. Default: from the file's extension.")
        String format;

        @Option(names = "--force", description = "Replace the --export file if it exists.")
        boolean force;

        @Option(names = {"-v", "--verbose"}, description = "Print every step, not only expectations.")
        boolean verbose;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Long untilMicros = null;
            if (until != null) {
                try {
                    untilMicros = until.trim().matches("[0-9]+") ? Long.parseLong(until.trim()) * 1000
                            : Durations.parse(until, 1000);
                } catch (IllegalArgumentException e) {
                    err.println("distviz run: --until: " + e.getMessage());
                    return EXIT_BAD_INPUT;
                }
            }
            ExportFormat fmt = null;
            if (export != null || format != null) {
                if (export == null) {
                    err.println("distviz run: --format needs --export FILE");
                    return EXIT_BAD_INPUT;
                }
                try {
                    fmt = format(format, export);
                } catch (IllegalArgumentException e) {
                    err.println("distviz run: " + e.getMessage());
                    return EXIT_BAD_INPUT;
                }
                if (Files.exists(export) && !force) {
                    err.println("distviz run: " + export + " already exists; add --force to replace it");
                    return EXIT_BAD_INPUT;
                }
            }
            Scenario scenario;
            try {
                scenario = ScenarioLoader.load(file);
            } catch (ScenarioException e) {
                err.println("distviz run: " + file + " is not a usable scenario:");
                printProblems(err, e.problems());
                return EXIT_BAD_INPUT;
            }
            ScenarioRunner.Result result = ScenarioRunner.run(scenario,
                    new ScenarioRunner.Options(seed, untilMicros, null));
            report(result, out);
            if (fmt != null && !export(result, fmt, export, force, out, err)) {
                return EXIT_BAD_INPUT;
            }
            return result.ok() ? EXIT_OK : EXIT_FAILED;
        }

        private void report(ScenarioRunner.Result r, PrintWriter out) {
            Scenario s = r.scenario();
            out.println((s.title() == null ? file.getFileName().toString() : s.title()) + " — " + s.protocol().word()
                    + ", seed " + s.seed());
            int held = 0;
            int failed = 0;
            for (ScenarioRunner.StepResult step : r.steps()) {
                if (step.isExpectation()) {
                    if (step.failed()) {
                        failed++;
                    } else {
                        held++;
                    }
                }
                if (!verbose && !step.isExpectation() && !step.failed()) {
                    continue;
                }
                String tag = switch (step.outcome()) {
                    case HELD -> "ok     ";
                    case DONE -> "       ";
                    case FAILED -> "FAILED ";
                    case REFUSED -> "REFUSED";
                    case TIMED_OUT -> "TIMEOUT";
                    case LATE -> "LATE   ";
                };
                out.printf("%12s  %s  %s%s%n", Durations.seconds(step.timeMicros()), tag, step.what(),
                        step.detail().isEmpty() ? "" : " — " + step.detail());
                if (step.failed()) {
                    out.println("               at " + file + " " + step.step().path());
                }
            }
            ScenarioRunner.StepResult stop = r.steps().stream()
                    .filter(x -> x.failed() && !x.isExpectation()).findFirst().orElse(null);
            out.println();
            out.println(held + " of " + (held + failed) + " expectations held" + (failed > 0 ? "; " + failed
                    + " failed" : "") + (stop != null ? "; the run stopped at " + stop.step().path() : "")
                    + ". Ran to " + Durations.seconds(r.endMicros()) + ", " + r.simulation().eventsProcessed()
                    + " events.");
        }
    }

    // ============================================================================================ validate

    @Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
            description = {"Check scenario, lesson and trace files without running them (a trace is replayed to",
                    "check that it gives the same events). Lists every problem with its file and JSON path.",
                    "Exit status: 0 when every file is fine, 1 when one has a problem."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario, lesson or trace files.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int bad = 0;
            for (Path f : files) {
                try {
                    out.println("ok      " + f + " (" + check(f) + ")");
                } catch (ScenarioException e) {
                    bad++;
                    err.println("PROBLEM " + f + ": " + e.problems().size() + " problem"
                            + (e.problems().size() == 1 ? "" : "s"));
                    printProblems(err, e.problems());
                }
            }
            if (files.size() > 1) {
                out.println((files.size() - bad) + " of " + files.size() + " files are fine.");
            }
            return bad == 0 ? EXIT_OK : EXIT_FAILED;
        }

        /** Checks one file by the format it declares; returns a short description of it. */
        static String check(Path f) throws ScenarioException {
            String name = f.toString();
            if (name.endsWith(".json") && looksLikeTrace(f)) {
                TraceFile.Saved saved = readTrace(f);
                TraceFile.replay(saved, name);
                return saved.scenario().protocol().word() + " trace, " + saved.actions().size() + " actions, "
                        + saved.eventCount() + " events, replays exactly";
            }
            String text = ScenarioLoader.readText(f);
            JsonElement root = JsonText.parse(text, name);
            String format = root.isJsonObject() && root.getAsJsonObject().has("format")
                    && root.getAsJsonObject().get("format").isJsonPrimitive()
                    ? root.getAsJsonObject().get("format").getAsString() : null;
            if (format == null || format.equals(Scenario.FORMAT)) {
                Scenario s = ScenarioLoader.parse(text, name);
                return s.protocol().word() + " scenario, " + s.timeline().size() + " steps";
            }
            if (format.equals(Lesson.FORMAT)) {
                Lesson l = LessonLoader.parse(text, name);
                return l.protocol().word() + " lesson \"" + l.title() + "\", " + l.steps().size() + " steps";
            }
            throw ScenarioException.of(name, "$.format", "unknown format \"" + format + "\"; expected \""
                    + Scenario.FORMAT + "\", \"" + Lesson.FORMAT + "\" or \"" + TraceFile.FORMAT + "\"");
        }

        /** Traces can be large, so their kind is told from the first bytes rather than a full parse. */
        private static boolean looksLikeTrace(Path f) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                char[] head = new char[256];
                int n = r.read(head);
                return n > 0 && new String(head, 0, n).replace(" ", "").contains("\"format\":\"" + TraceFile.FORMAT);
            } catch (IOException e) {
                return false;
            }
        }
    }

    static TraceFile.Saved readTrace(Path f) throws ScenarioException {
        if (!Files.isRegularFile(f)) {
            throw ScenarioException.of(f.toString(), "$", Files.exists(f) ? "not a regular file" : "no such file");
        }
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return TraceFile.read(r, f.toString());
        } catch (IOException e) {
            throw ScenarioException.of(f.toString(), "$", "cannot read the file: " + e.getMessage());
        }
    }

    // ============================================================================================ lesson

    @Command(name = "lesson", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
            description = {"Show a lesson's outline, or with --check play it headless as a student who does what",
                    "each step asks: every action valid, every expectation true, every question answerable,",
                    "every step able to end. Exit status: 0 when all is well, 1 when a lesson fails its check,",
                    "2 when a file cannot be read as a lesson."},
            footer = {"", "The lesson format is described in docs/LESSONS.md; the course is in lessons/."})
    static final class LessonCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Lesson files.")
        List<Path> files;

        @Option(names = "--check", description = "Play each lesson headless and report what fails.")
        boolean check;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int status = EXIT_OK;
            for (Path f : files) {
                Lesson l;
                try {
                    l = LessonLoader.load(f);
                } catch (ScenarioException e) {
                    err.println("distviz lesson: " + f + " is not a usable lesson:");
                    printProblems(err, e.problems());
                    status = EXIT_BAD_INPUT;
                    continue;
                }
                out.println(l.title() + " — " + l.protocol().word() + ", " + l.level().word() + ", " + l.minutes()
                        + " min, " + l.steps().size() + " steps (" + f + ")");
                if (!check) {
                    int i = 1;
                    for (Lesson.LessonStep s : l.steps()) {
                        out.println("  " + i++ + ". " + s.title());
                    }
                    continue;
                }
                List<Problem> problems = LessonCheck.check(l, f.toString());
                if (problems.isEmpty()) {
                    out.println("  ok: every step plays through");
                } else {
                    out.println("  FAILED:");
                    problems.forEach(p -> out.println("    " + p));
                    status = Math.max(status, EXIT_FAILED);
                }
            }
            return status;
        }
    }

    // ============================================================================================ export

    @Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Cli.VersionProvider.class,
            description = {"Convert a saved DistViz trace (json) to another format. The trace is replayed first",
                    "and must give exactly the events it records. Exit status: 0 when written, 2 on bad input."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TRACE.json", description = "A trace saved by DistViz.")
        Path trace;

        @Option(names = "--format", paramLabel = "FMT",
                description = "json, csv, shiviz, chrome (Perfetto), mermaid or edn. Default: from --out's "
                        + "extension.")
        String format;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write.")
        Path out;

        @Option(names = "--force", description = "Replace FILE if it exists.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ExportFormat fmt;
            try {
                fmt = format(format, out);
            } catch (IllegalArgumentException e) {
                err.println("distviz export: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (Files.exists(out) && !force) {
                err.println("distviz export: " + out + " already exists; add --force to replace it");
                return EXIT_BAD_INPUT;
            }
            ScenarioRunner.Result run;
            try {
                run = TraceFile.replay(readTrace(trace), trace.toString());
            } catch (ScenarioException e) {
                err.println("distviz export: " + trace + " cannot be used:");
                printProblems(err, e.problems());
                return EXIT_BAD_INPUT;
            }
            return export(run, fmt, out, force, o, err) ? EXIT_OK : EXIT_BAD_INPUT;
        }
    }
}
