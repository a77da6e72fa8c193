package io.distviz.cli;

import io.distviz.Version;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The headless commands of {@code distviz.jar}. Nothing here may load JavaFX: these commands must run on a
 * server or in CI with no display (ArchitectureTest checks the package's dependencies).
 */
@Command(name = "distviz",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.VersionProvider.class,
        description = {
                "DistViz runs real Chord, Raft and clock-synchronization engines on one deterministic",
                "simulation kernel and shows what they do.",
                "",
                "Run with no arguments to open the app. Run with a command to work headless."},
        subcommands = {ScenarioCommands.Run.class, ScenarioCommands.Validate.class, ScenarioCommands.Export.class,
                ScenarioCommands.LessonCmd.class,
                BenchCommand.class, ExperimentCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 on success, 1 when a command fails, 2 on a usage error."})
public final class Cli implements Callable<Integer> {

    /** Exit status for a usage error (unknown command, bad option), as picocli and most Unix tools use. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Reached only with arguments that name no command (Main opens the app when there are none).
        spec.commandLine().getErr().println("distviz: no command given");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /** Runs the command line and returns the exit status; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(100);
        // Every usage error prints what was wrong, any "did you mean", and the usage of the command it was for.
        cl.setParameterExceptionHandler((ex, badArgs) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter e = failed.getErr();
            e.println("distviz: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println();
            failed.usage(e);
            return EXIT_USAGE;
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"DistViz " + Version.current(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
