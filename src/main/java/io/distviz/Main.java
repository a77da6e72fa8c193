package io.distviz;

import io.distviz.cli.Cli;

/**
 * Entry point of {@code distviz.jar} and of {@code mvn javafx:run}. With no arguments it opens the app;
 * with arguments it runs a headless command and never touches JavaFX, so it works without a display.
 *
 * <p>This class is deliberately not a JavaFX {@code Application}: a jar whose main class extends
 * {@code Application} refuses to start when JavaFX is on the class path rather than the module path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            try {
                io.distviz.ui.DistVizApp.launchApp(args);
            } catch (RuntimeException | LinkageError e) {
                System.err.println("distviz: the window could not open: " + e.getMessage());
                System.err.println("The app needs a graphical display (on Linux: an X or Wayland session and GTK 3,"
                        + " e.g. apt install libgtk-3-0).");
                System.err.println("Headless commands work without one: java -jar distviz.jar --help");
                System.exit(1);
            }
            return;
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
