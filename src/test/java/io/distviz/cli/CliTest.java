package io.distviz.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.bench.BenchmarkReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliTest {

    /** What a command line printed and returned. */
    record Outcome(int status, String out, String err) {
        String describe() {
            return "status " + status + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Outcome(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** The quickest real benchmark: 3 nodes for 1 virtual second, one warm-up run and two counted repeats. */
    private static final String[] TINY_BENCH = {"bench", "kernel", "--nodes", "3", "--seconds", "1", "--warmup", "1",
            "--repeat", "2"};

    @Test
    void helpExitsZeroAndNamesTheCommands() {
        Outcome o = run("--help");
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().startsWith("Usage: distviz"), o.describe());
        assertTrue(o.out().contains("Commands:"), o.describe());
        assertTrue(o.out().matches("(?s).*\\n\\s+bench\\s.*"), o.describe());
        assertTrue(o.out().matches("(?s).*\\n\\s+help\\s.*"), o.describe());
        assertEquals("", o.err());
    }

    @Test
    void helpOfTheBenchCommandNamesTheTargets() {
        Outcome o = run("help", "bench");
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().startsWith("Usage: distviz bench"), o.describe());
        assertTrue(o.out().matches("(?s).*\\n\\s+kernel\\s.*"), o.describe());
        assertTrue(o.out().matches("(?s).*\\n\\s+chord\\s.*"), o.describe());
    }

    @Test
    void versionExitsZeroAndStartsWithTheProductName() {
        Outcome o = run("--version");
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().startsWith("DistViz "), o.describe());
        assertEquals("", o.err());
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatNamesIt() {
        Outcome o = run("frobnicate");
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'frobnicate'"), o.describe());
        assertTrue(o.err().contains("Usage: distviz"), o.describe());
        assertEquals("", o.out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Outcome o = run("--frobnicate");
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'--frobnicate'"), o.describe());
        assertEquals("", o.out());
    }

    @Test
    void benchWithoutATargetIsAUsageError() {
        Outcome o = run("bench");
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("Usage: distviz bench"), o.describe());
    }

    @Test
    void anUnknownBenchTargetIsAUsageErrorThatNamesIt() {
        Outcome o = run("bench", "frobnicate");
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'frobnicate'"), o.describe());
        assertTrue(o.err().contains("Usage: distviz bench"), o.describe());
        assertEquals("", o.out());
    }

    @ParameterizedTest
    @CsvSource({
            "--nodes, -3",
            "--nodes, 1",
            "--nodes, many",
            "--seed, abc",
            "--seconds, 0",
            "--seconds, -1",
            "--repeat, 0",
            "--warmup, -1",
            "--restores, -1"})
    void aBadBenchOptionIsAUsageErrorThatNamesTheOptionAndTheValue(String option, String value) {
        Outcome o = run("bench", "kernel", option, value);
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'" + option + "'"), o.describe());
        assertTrue(o.err().contains(value), o.describe());
        assertTrue(o.err().contains("Usage: distviz bench kernel"), o.describe());
        assertEquals("", o.out(), "nothing should run");
    }

    @Test
    void aTinyBenchmarkRunsAndEveryRepeatHasTheSameTraceHash() {
        Outcome o = run(TINY_BENCH);
        assertEquals(0, o.status(), o.describe());
        // Table rows: repeat number, events, ..., 16 hex digits of the hash last.
        Matcher row = Pattern.compile("(?m)^\\s+(\\d+)\\s+([\\d,]+)\\s.*\\s([0-9a-f]{16})$").matcher(o.out());
        List<String> hashes = new java.util.ArrayList<>();
        while (row.find()) {
            assertEquals(hashes.size() + 1, Integer.parseInt(row.group(1)), o.describe());
            assertTrue(Long.parseLong(row.group(2).replace(",", "")) > 0, "no events ran\n" + o.describe());
            hashes.add(row.group(3));
        }
        assertEquals(2, hashes.size(), o.describe());
        assertEquals(hashes.get(0), hashes.get(1), o.describe());
        assertTrue(Pattern.compile("(?m)^\\s+w1\\s").matcher(o.out()).find(), "no warm-up row\n" + o.describe());
        assertTrue(o.out().contains("deterministic: yes, all 3 runs (warm-ups included) had the same trace hash"),
                o.describe());
        assertTrue(o.out().contains("events per wall second"), o.describe());
        assertTrue(o.out().contains("restoreTo middle (ms)"), o.describe());
    }

    @Test
    void csvHasAHeaderAndOneRowPerRepeatWithEqualHashes() {
        List<List<String>> rows = csv(run(concat(TINY_BENCH, "--csv")));
        assertEquals(2, rows.size());
        List<String> first = rows.get(0);
        List<String> second = rows.get(1);
        assertEquals(List.of("kernel", "1"), first.subList(0, 2));
        assertEquals(List.of("kernel", "2"), second.subList(0, 2));
        int events = BenchmarkReport.CSV_COLUMNS.indexOf("events");
        int checkpoints = BenchmarkReport.CSV_COLUMNS.indexOf("checkpoints");
        int hash = BenchmarkReport.CSV_COLUMNS.indexOf("trace_hash");
        assertTrue(Long.parseLong(first.get(events)) > 0, first.toString());
        assertEquals(first.get(events), second.get(events));
        assertTrue(Integer.parseInt(first.get(checkpoints)) >= 1, first.toString());
        assertTrue(first.get(hash).matches("[0-9a-f]{64}"), first.toString());
        assertEquals(first.get(hash), second.get(hash));
    }

    @Test
    void theSeedDecidesTheTrace() {
        String[] oneRepeat = {"bench", "kernel", "--nodes", "3", "--seconds", "1", "--warmup", "0", "--repeat", "1",
                "--restores", "1", "--csv"};
        int hash = BenchmarkReport.CSV_COLUMNS.indexOf("trace_hash");
        String seed7 = csv(run(concat(oneRepeat, "--seed", "7"))).get(0).get(hash);
        String seed7Again = csv(run(concat(oneRepeat, "--seed", "7"))).get(0).get(hash);
        String seed8 = csv(run(concat(oneRepeat, "--seed", "8"))).get(0).get(hash);
        assertEquals(seed7, seed7Again);
        assertNotEquals(seed7, seed8);
    }

    /** The data rows of a successful {@code --csv} run, after checking its header. */
    private static List<List<String>> csv(Outcome o) {
        assertEquals(0, o.status(), o.describe());
        List<String> lines = o.out().lines().toList();
        assertEquals(String.join(",", BenchmarkReport.CSV_COLUMNS), lines.get(0), o.describe());
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(l -> List.of(l.split(",", -1))).toList();
        for (List<String> r : rows) {
            assertEquals(BenchmarkReport.CSV_COLUMNS.size(), r.size(), r.toString());
        }
        return rows;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
