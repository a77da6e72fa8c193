package io.distviz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code distviz.jar} the way a person or a CI job would ({@code java -jar}), with no
 * display. Failsafe runs it after {@code package} and passes the jar's path as {@code distviz.jar}.
 */
class JarIT {

    @TempDir
    Path tmp;

    record Outcome(int status, String out, String err) {
        String describe() {
            return "status " + status + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    @Test
    void helpExitsZeroAndShowsUsage() throws Exception {
        Outcome o = runJar("--help");
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().startsWith("Usage: distviz"), o.describe());
        assertTrue(o.out().contains("bench"), o.describe());
    }

    @Test
    void versionExitsZeroAndNamesTheBuiltVersion() throws Exception {
        Outcome o = runJar("--version");
        assertEquals(0, o.status(), o.describe());
        String first = o.out().lines().findFirst().orElse("");
        assertTrue(first.startsWith("DistViz "), o.describe());
        // The build stamps the version into the jar; an unfiltered or missing stamp shows here.
        assertFalse(first.contains("${") || first.contains("unknown"), o.describe());
    }

    @Test
    void anUnknownCommandExitsWithStatusTwo() throws Exception {
        Outcome o = runJar("no-such-command");
        assertEquals(2, o.status(), o.describe());
        // picocli names the argument, then shows either the usage or, for a name close to a real command
        // (as this one is to "bench"), a "Did you mean" suggestion instead.
        assertTrue(o.err().contains("'no-such-command'"), o.describe());
        assertEquals("", o.out(), o.describe());
    }

    @Test
    void theKernelBenchmarkRunsFromTheJar() throws Exception {
        Outcome o = runJar("bench", "kernel", "--nodes", "3", "--seconds", "1", "--repeat", "2", "--csv");
        assertEquals(0, o.status(), o.describe());
        List<String> lines = o.out().lines().toList();
        assertEquals(3, lines.size(), o.describe());
        String hash1 = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
        String hash2 = lines.get(2).substring(lines.get(2).lastIndexOf(',') + 1);
        assertTrue(hash1.matches("[0-9a-f]{64}"), o.describe());
        assertEquals(hash1, hash2, o.describe());
    }

    private Outcome runJar(String... args) throws IOException, InterruptedException {
        String jarProperty = System.getProperty("distviz.jar");
        assertNotNull(jarProperty, "system property distviz.jar is not set (failsafe sets it in pom.xml)");
        Path jar = Path.of(jarProperty);
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + "; run mvn verify, which packages it first");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("java -jar " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Outcome(p.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }
}
