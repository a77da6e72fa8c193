package io.distviz.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless commands must run on a server or in CI with no display and without JavaFX. A child JVM gets this
 * test's class path with every JavaFX (and TestFX, Monocle) entry taken out and no DISPLAY: if anything on
 * the command path touched a JavaFX class it would fail with NoClassDefFoundError.
 */
class HeadlessLaunchTest {

    private static final List<String> JAVAFX_MARKERS = List.of("javafx", "openjfx", "testfx", "monocle");

    @TempDir
    Path tmp;

    @Test
    void helpRunsWithoutJavaFxAndWithoutADisplay() throws Exception {
        String out = runMain(0, "--help");
        assertTrue(out.startsWith("Usage: distviz"), out);
        assertTrue(out.contains("bench"), out);
    }

    @Test
    void aBenchmarkRunsWithoutJavaFxAndWithoutADisplay() throws Exception {
        String out = runMain(0, "bench", "kernel", "--nodes", "3", "--seconds", "1", "--repeat", "1");
        assertTrue(out.contains("deterministic: yes"), out);
    }

    /** Runs {@code io.distviz.Main args} in a JVM without JavaFX and checks its exit status; returns its output. */
    private String runMain(int expectedStatus, String... args) throws IOException, InterruptedException {
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String lower = entry.toLowerCase(Locale.ROOT);
            (JAVAFX_MARKERS.stream().anyMatch(lower::contains) ? removed : kept).add(entry);
        }
        // Without JavaFX on our own class path, taking it away would prove nothing.
        assertFalse(removed.isEmpty(), "no JavaFX entry on the test class path: " + kept);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(
                List.of(java, "-cp", String.join(File.pathSeparator, kept), "io.distviz.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Path output = tmp.resolve("output.txt");
        pb.redirectErrorStream(true);
        pb.redirectOutput(output.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the child JVM did not finish within 60 s: " + Files.readString(output, UTF_8));
        }
        String text = Files.readString(output, UTF_8);
        assertEquals(expectedStatus, p.exitValue(), text);
        return text;
    }
}
