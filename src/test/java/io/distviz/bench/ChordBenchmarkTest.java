package io.distviz.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.chord.ChordRing;
import io.distviz.cli.Cli;
import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code distviz bench chord} with tiny rings: every figure is there, consistent with the others and with a
 * run of the same workload made here without the benchmark, and the runs agree with each other.
 */
class ChordBenchmarkTest {

    private static final int NODES = 40;
    private static final int SECONDS = 5;
    private static final String[] TINY = {"bench", "chord", "--nodes", "" + NODES, "--seconds", "" + SECONDS,
            "--warmup", "1", "--repeat", "2"};

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

    @Test
    void csvFiguresArePresentConsistentAndMatchAnIndependentRun() {
        List<Map<String, String>> rows = csv(run(concat(TINY, "--csv")));
        assertEquals(2, rows.size(), "one row per counted repeat");
        Map<String, String> first = rows.get(0);

        // What the same ring does in the same virtual time, counted here without the benchmark.
        ChordWorkload workload = ChordWorkload.of(NODES, ChordWorkload.Build.PLACED, ChordWorkload.DEFAULT_BITS,
                ChordWorkload.DEFAULT_SUCCESSORS, ChordWorkload.DEFAULT_JOIN_EVERY_MICROS);
        ChordRing ring = workload.newRing(SimConfig.seeded(1).withoutCheckpoints().withoutTraceRetention());
        workload.build(ring);
        Simulation sim = ring.simulation();
        long[] delivered = {0};
        sim.trace().addListener(e -> {
            if (e instanceof TraceEvent.MessageDelivered) {
                delivered[0]++;
            }
        });
        sim.runUntil(Micros.ofSeconds(SECONDS));
        assertTrue(ring.check().ideal(), ring.check().toString());

        for (Map<String, String> row : rows) {
            assertEquals("chord", row.get("target"));
            assertEquals("" + NODES, row.get("nodes"));
            assertEquals("placed", row.get("build"));
            assertEquals("false", row.get("checkpoints_enabled"), "chord takes no checkpoints by default");
            assertEquals(sim.eventsProcessed(), number(row, "events"), row.toString());
            assertEquals(delivered[0], number(row, "deliveries"), row.toString());
            // A placed ring is ideal at once: checked after the build and after the steady state.
            assertEquals(0.0, number(row, "ideal_after_virtual_seconds"), row.toString());
            assertEquals(2, number(row, "checks"), row.toString());

            double events = number(row, "events");
            double deliveries = number(row, "deliveries");
            double runMs = number(row, "run_ms");
            assertTrue(runMs > 0, row.toString());
            assertEquals(events * 1000 / runMs, number(row, "events_per_wall_second"), events * 1000 / runMs * 0.01
                    + 1, row.toString());
            assertEquals(deliveries * 1000 / runMs, number(row, "deliveries_per_wall_second"),
                    deliveries * 1000 / runMs * 0.01 + 1, row.toString());
            // Every node stabilizes once a second (three messages), fixes a finger twice a second (a lookup
            // of a few hops, two messages each) and pings its predecessor every two seconds (two messages).
            double perNodeSecond = deliveries / (NODES * SECONDS);
            assertTrue(perNodeSecond > 3 && perNodeSecond < 50, "deliveries per node-second: " + perNodeSecond);
            assertTrue(deliveries < events, "timers fire too: " + row);
            assertTrue(number(row, "sends") >= deliveries, row.toString());
            assertTrue(number(row, "total_ms") >= runMs, row.toString());
            double heapPerNode = number(row, "heap_bytes_per_node");
            assertTrue(heapPerNode > 200 && heapPerNode < 1_000_000, "heap per node: " + heapPerNode);
            assertTrue(row.get("fingerprint").matches("[0-9a-f]{16}"), row.toString());
            assertEquals(first.get("fingerprint"), row.get("fingerprint"), "same seed, same run");
        }
    }

    @Test
    void textReportShowsEveryFigureAndTheRunsAgree() {
        Outcome o = run(concat(TINY, "--no-heap"));
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().startsWith("DistViz benchmark 'chord': Chord ring of 40 nodes placed"), o.describe());
        for (String figure : List.of("build (ms)", "ideal after (virtual s)", "one check of the ring (ms)",
                "events processed", "messages delivered", "events per wall second", "deliveries per wall second",
                "build to checked ring (ms)")) {
            assertTrue(o.out().contains("  " + figure + " "), figure + "\n" + o.describe());
        }
        assertTrue(o.out().contains("deterministic: yes, all 3 runs (warm-ups included) processed the same events"),
                o.describe());
        // Rows: the warm-up and two repeats, each ending with the same fingerprint.
        Matcher row = Pattern.compile("(?m)^\\s+(w?\\d+)\\s.*\\s([0-9a-f]{16})$").matcher(o.out());
        List<String> runs = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        while (row.find()) {
            runs.add(row.group(1));
            fingerprints.add(row.group(2));
        }
        assertEquals(List.of("w1", "1", "2"), runs, o.describe());
        assertEquals(1, fingerprints.stream().distinct().count(), o.describe());
        Matcher rate = Pattern.compile("deliveries per wall second\\s+([\\d,]+) / ").matcher(o.out());
        assertTrue(rate.find(), o.describe());
        assertTrue(Long.parseLong(rate.group(1).replace(",", "")) > 0, o.describe());
    }

    @Test
    void aJoinedRingIsBuiltByTheProtocolAndBecomesIdeal() {
        List<Map<String, String>> rows = csv(run("bench", "chord", "--build", "joined", "--nodes", "6",
                "--join-every", "300", "--seconds", "2", "--warmup", "0", "--repeat", "1", "--no-heap", "--csv"));
        Map<String, String> row = rows.get(0);
        assertEquals("joined", row.get("build"));
        // Joins take time to settle: the first check after the last join cannot already see an ideal ring
        // of successor lists that long.
        assertTrue(number(row, "ideal_after_virtual_seconds") > 0, row.toString());
        assertTrue(number(row, "checks") > 2, row.toString());
        assertTrue(number(row, "build_ms") > 0, row.toString());
        assertEquals("", row.get("heap_bytes_per_node"), "--no-heap");
    }

    @Test
    void withCheckpointsRestoresAreTimedAndChecked() {
        List<Map<String, String>> rows = csv(run("bench", "chord", "--nodes", "30", "--seconds", "20", "--warmup",
                "0", "--repeat", "1", "--checkpoints", "--restores", "2", "--no-heap", "--csv"));
        Map<String, String> row = rows.get(0);
        assertEquals("true", row.get("checkpoints_enabled"));
        assertTrue(number(row, "checkpoints") > 1, row.toString());
        assertTrue(number(row, "checkpoint_mean_bytes") > 30 * 100, row.toString());
        assertTrue(number(row, "restore_median_ms") > 0, row.toString());
    }

    @Test
    void checkingOnlyAtTheEndSkipsTheWaitForAnIdealRing() {
        List<Map<String, String>> rows = csv(run("bench", "chord", "--nodes", "20", "--seconds", "1", "--warmup",
                "0", "--repeat", "1", "--check", "end", "--no-heap", "--csv"));
        Map<String, String> row = rows.get(0);
        assertEquals("", row.get("ideal_after_virtual_seconds"));
        assertEquals(1, number(row, "checks"), row.toString());
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        String[] one = {"bench", "chord", "--nodes", "20", "--seconds", "2", "--warmup", "0", "--repeat", "1",
                "--no-heap", "--csv"};
        String seed1 = csv(run(concat(one, "--seed", "1"))).get(0).get("fingerprint");
        String seed2 = csv(run(concat(one, "--seed", "2"))).get(0).get("fingerprint");
        assertNotEquals(seed1, seed2);
    }

    @Test
    void badChordOptionsAreUsageErrors() {
        Outcome build = run("bench", "chord", "--build", "sideways");
        assertEquals(Cli.EXIT_USAGE, build.status(), build.describe());
        assertTrue(build.err().contains("--build"), build.describe());
        Outcome checkpoints = run("bench", "chord", "--nodes", "20000", "--checkpoints");
        assertEquals(Cli.EXIT_USAGE, checkpoints.status(), checkpoints.describe());
        assertTrue(checkpoints.err().contains("--checkpoints"), checkpoints.describe());
        Outcome bits = run("bench", "chord", "--bits", "70");
        assertEquals(Cli.EXIT_USAGE, bits.status(), bits.describe());
        assertEquals("", bits.out(), "nothing should run");
    }

    /** The data rows of a successful {@code --csv} run, by column name, after checking the header. */
    private static List<Map<String, String>> csv(Outcome o) {
        assertEquals(0, o.status(), o.describe());
        List<String> lines = o.out().lines().toList();
        assertEquals(String.join(",", ChordBenchmarkReport.CSV_COLUMNS), lines.get(0), o.describe());
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(ChordBenchmarkReport.CSV_COLUMNS.size(), cells.length, line);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(ChordBenchmarkReport.CSV_COLUMNS.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
