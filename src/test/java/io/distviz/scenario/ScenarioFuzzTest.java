package io.distviz.scenario;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds thousands of mutated and truncated scenario files (and saved traces) to the readers: each must be
 * accepted or rejected with problems that say what and where; nothing may throw anything else or hang. What is
 * accepted must be written back unchanged by {@link ScenarioJson}, and a sample of it must run; a trace that reads
 * must replay or be rejected. Every mutant comes from its own {@code new Random(seed)}; a failure shows the seed,
 * the mutation and the text, so {@link #scenarioMutant} (or {@link #traceMutant}) rebuilds it exactly.
 */
class ScenarioFuzzTest {
    /**
     * The fixed seed (each mutant's own seed derives from it). A longer hunt:
     * {@code mvn test -Dtest=ScenarioFuzzTest -Dfuzz.seed=7 -Dfuzz.mutants=20000 -Dfuzz.runs=3000 -Dfuzz.traces=4000}.
     */
    private static final long SEED = Long.getLong("fuzz.seed", 0x5CE7A210L);
    /** Mutants per input file: half changed as text, half as a JSON tree. Six inputs. */
    private static final int MUTANTS_PER_INPUT = Integer.getInteger("fuzz.mutants", 1000);
    /** How many of the accepted mutants are run (each to 3 virtual seconds at most). */
    private static final int MAX_RUNS = Integer.getInteger("fuzz.runs", 300);
    private static final long RUN_UNTIL_MICROS = 3_000_000L;
    /**
     * Accepted mutants with more nodes than this are not run: a mutation can, say, multiply a ring's nodes, and
     * a big ring is correct but slow to simulate. None of the inputs come near it; the guard keeps the test's
     * time bounded rather than hiding anything (the loader has already checked the file).
     */
    private static final int MAX_NODES_TO_RUN = 64;
    private static final int TRACE_MUTANTS = Integer.getInteger("fuzz.traces", 400);
    /** Far more than the loops need (a few seconds), so only a hang trips it; grows with a longer hunt. */
    private static final Duration LIMIT = Duration.ofSeconds(60L * Math.max(1, Math.max(MUTANTS_PER_INPUT / 1000,
            Math.max(MAX_RUNS / 300, TRACE_MUTANTS / 400))));

    private static final String JSONISH = "{}[]\":,0123456789-.eE truefalsn\\u";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting()
            .create();
    private static final Gson GSON_COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final Pattern DURATION = Pattern.compile("-?[0-9.]+\\s*(ns|us|µs|ms|s|min|h)");

    // ============================================================================================ inputs

    /** Every action and condition of Chord, every parameter and network field. */
    static final String RICH_CHORD = """
            {"format": "distviz-scenario", "version": 1, "title": "every Chord action", "description": "fuzz input",
             "protocol": "chord", "seed": 5, "comment": "a comment is allowed anywhere",
             "network": {"latency": "10ms", "minLatency": "2ms", "jitter": "1ms", "loss": 0.0, "duplicate": 0.0,
                         "reorder": 0.0},
             "parameters": {"bits": 8, "successors": 3, "replicas": 2, "rules": "corrected", "routing": "fingers",
                            "lookup": "iterative", "stabilize": "200ms", "fixFingers": "100ms",
                            "checkPredecessor": "500ms", "replicate": "1s", "rpcTimeout": "100ms",
                            "lookupTimeout": "2s"},
             "end": "20s",
             "timeline": [
              {"do": "ring", "nodes": ["a", "b", "c", "d"]},
              {"after": "100ms", "do": "add", "node": "e", "id": 77, "via": "a"},
              {"do": "add", "node": "f", "comment": "no id: hashed from the name"},
              {"do": "wait", "until": {"all": [{"members": {"atLeast": 6}}, {"ideal": true}]}, "timeout": "30s"},
              {"do": "store", "from": "a", "key": "k1", "value": "v1"},
              {"do": "lookup", "from": "b", "key": "k1"},
              {"do": "fetch", "from": "c", "key": "k1"},
              {"do": "wait", "for": "1s"},
              {"do": "expect", "that": {"holder": {"key": "k1", "node": "responsible"}}},
              {"do": "expect", "that": {"holder": {"key": "k1", "node": "a"}}},
              {"do": "expect", "that": {"lookup": {"key": "k1", "result": "responsible",
                                                   "hops": {"atLeast": 0, "atMost": 8}}}},
              {"do": "expect", "that": {"lookup": {"key": "k1", "failed": false}}},
              {"do": "expect", "that": {"any": [{"invariants": true}, {"not": {"ideal": false}}]}},
              {"do": "expect", "that": {"status": {"node": "a", "is": "up"}}},
              {"do": "network", "latency": "20ms", "jitter": "2ms"},
              {"do": "network", "from": "a", "to": "b", "latency": "50ms", "loss": 0.1},
              {"do": "block", "from": "c", "to": "d"},
              {"do": "partition", "groups": [["a", "b", "c"], ["d", "e", "f"]]},
              {"after": "500ms", "do": "heal"},
              {"do": "note", "text": "crash and restart"},
              {"do": "crash", "node": "d"},
              {"after": "1s", "do": "restart", "node": "d"},
              {"at": "15s", "do": "remove", "node": "f"},
              {"do": "expect", "that": {"status": {"node": "f", "is": "removed"}}},
              {"do": "expect", "that": {"members": {"equals": 5}}}
             ]}
            """;

    /** Every action and condition of Raft. */
    static final String RICH_RAFT = """
            {"format": "distviz-scenario", "version": 1, "title": "every Raft action", "protocol": "raft", "seed": 9,
             "network": {"latency": "5ms", "jitter": "1ms"},
             "parameters": {"servers": 3, "electionTimeoutMin": "150ms", "electionTimeoutMax": "300ms",
                            "heartbeat": "50ms", "maxEntriesPerAppend": 10, "snapshotThreshold": 0, "preVote": true,
                            "checkQuorum": true, "fastBackup": true, "whatIfCommitOldTerms": false,
                            "clientTimeout": "1s"},
             "end": "12s",
             "timeline": [
              {"do": "wait", "until": {"leader": "any"}, "timeout": "3s"},
              {"do": "client"},
              {"do": "client", "server": "s2"},
              {"do": "put", "key": "x", "value": "1"},
              {"do": "put", "client": "c2", "key": "y", "value": "2"},
              {"do": "get", "key": "x", "server": "s1"},
              {"do": "cas", "key": "x", "expected": "1", "value": "3", "client": "c1"},
              {"do": "cas", "key": "z", "value": "new"},
              {"do": "delete", "key": "y"},
              {"do": "wait", "until": {"committed": {"key": "x", "value": "1", "on": "all"}}, "timeout": "2s"},
              {"after": "1s", "do": "expect", "that": {"committed": {"index": 1, "on": ["s1", "s2"]}}},
              {"do": "expect", "that": {"stored": {"key": "x", "value": "3", "on": "majority"}}},
              {"do": "expect", "that": {"stored": {"key": "y", "absent": true}}},
              {"do": "expect", "that": {"term": {"atLeast": 1}}},
              {"do": "expect", "that": {"role": {"node": "s1", "is": "follower"}}},
              {"do": "expect", "that": {"not": {"leader": "none"}}},
              {"do": "expect", "that": {"any": [{"leader": "s1"}, {"leader": "s2"}, {"leader": "s3"}]}},
              {"do": "add"},
              {"after": "500ms", "do": "timeout", "node": "s4"},
              {"after": "500ms", "do": "crash", "node": "leader"},
              {"do": "wait", "until": {"leader": "any"}, "timeout": "3s"},
              {"do": "partition", "groups": [["s1", "s2"], ["s3", "s4"]]},
              {"do": "block", "from": "s1", "to": "s3"},
              {"do": "network", "latency": "8ms"},
              {"do": "network", "from": "s1", "to": "s2", "jitter": "3ms", "duplicate": 0.1, "reorder": 0.1},
              {"after": "500ms", "do": "heal"},
              {"do": "note", "text": "membership change"},
              {"do": "wait", "until": {"leader": "any"}, "timeout": "3s"},
              {"after": "500ms", "do": "remove", "node": "s4"},
              {"do": "wait", "until": {"not": {"status": {"node": "s4", "is": "crashed"}}}, "timeout": "5s"},
              {"do": "expect", "that": {"invariants": true}},
              {"do": "expect", "that": {"all": [{"term": {"atMost": 100}}, {"status": {"node": "s1", "is": "up"}}]}}
             ]}
            """;

    /** Every action and condition of the clocks. */
    static final String RICH_CLOCKS = """
            {"format": "distviz-scenario", "version": 1, "protocol": "clocks", "seed": 4,
             "network": {"latency": "5ms", "jitter": "1ms", "minLatency": "1ms"},
             "parameters": {"pollInterval": "4s", "adjust": "slew", "stepThreshold": "128ms", "slewRatePpm": 500,
                            "monotonic": true, "whatIfIgnoreRoundTrip": false, "maxRoundTrip": "1s",
                            "assumedMinDelay": "0us", "frequencyTolerancePpm": 100, "berkeleyMaxDeviation": "10ms",
                            "ntpFrequencyDiscipline": true},
             "timeline": [
              {"do": "reference", "kind": "gps"},
              {"do": "reference", "kind": "atomic"},
              {"do": "add", "kind": "quartz"},
              {"do": "add", "kind": "tcxo"},
              {"do": "add", "skew": -25.5, "offset": "3ms"},
              {"do": "add"},
              {"do": "kind", "node": "n4", "kind": "ocxo"},
              {"do": "skew", "node": "n1", "ppm": 12.25},
              {"do": "offset", "node": "n2", "offset": "-2ms"},
              {"do": "algorithm", "name": "cristian", "server": "ref"},
              {"after": "1s", "do": "algorithm", "name": "berkeley", "master": "n1"},
              {"after": "1s", "do": "algorithm", "name": "ntp",
               "servers": {"n1": ["ref", "ref2"], "n2": ["n1"], "n3": ["n1", "n2"], "n4": ["ref"]}},
              {"do": "sync", "node": "n3"},
              {"do": "lie", "node": "ref2", "offset": "1ms"},
              {"do": "wait", "for": "1s"},
              {"do": "expect", "that": {"maxOffset": {"atMost": "1s"}}},
              {"do": "expect", "that": {"maxSkew": {"atLeast": 0, "atMost": "1s"}}},
              {"do": "expect", "that": {"offset": {"node": "n1", "atLeast": "-1s", "atMost": "1s"}}},
              {"do": "expect", "that": {"any": [{"not": {"maxOffset": {"equals": "0ns"}}},
                                                {"status": {"node": "n1", "is": "up"}}]}},
              {"do": "network", "latency": "2ms"},
              {"do": "network", "from": "n1", "to": "ref", "latency": "20ms"},
              {"do": "block", "from": "n2", "to": "n1"},
              {"do": "partition", "groups": [["n1", "ref"], ["n2", "n3", "n4", "ref2"]]},
              {"do": "heal"},
              {"do": "crash", "node": "n2"},
              {"after": "500ms", "do": "restart", "node": "n2"},
              {"do": "remove", "node": "n4"},
              {"do": "note", "text": "done"},
              {"do": "algorithm", "name": "ntp", "reference": "ref", "firstTier": 1},
              {"after": "1min", "do": "algorithm", "name": "none"},
              {"do": "expect", "that": {"status": {"node": "n4", "is": "removed"}}}
             ],
             "end": "3min"}
            """;

    /** The example files and the rich scenarios above, by name. */
    static Map<String, String> inputs() {
        Map<String, String> in = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                in.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(in.size() >= 3, "expected the example scenarios in scenarios/, one per protocol at least");
        in.put("rich-chord", RICH_CHORD);
        in.put("rich-raft", RICH_RAFT);
        in.put("rich-clocks", RICH_CLOCKS);
        return in;
    }

    // ============================================================================================ the tests

    @Test
    void theInputsAreValidScenariosThatRunThrough() throws ScenarioException {
        for (Map.Entry<String, String> in : inputs().entrySet()) {
            Scenario s = ScenarioLoader.parse(in.getValue(), in.getKey());
            ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults());
            // Every step ran (none refused, timed out or late), so mutations reach the runner's every branch.
            assertEquals(s.timeline().size(), r.steps().size(), in.getKey() + " stopped at "
                    + r.steps().get(r.steps().size() - 1));
            for (ScenarioRunner.StepResult step : r.steps()) {
                assertTrue(step.outcome() == ScenarioRunner.Outcome.DONE
                        || step.outcome() == ScenarioRunner.Outcome.HELD
                        || step.outcome() == ScenarioRunner.Outcome.FAILED, in.getKey() + ": " + step);
            }
        }
    }

    @Test
    void everyMutantIsAcceptedOrRejectedWithMessagesAndTheAcceptedOnesRun() {
        Map<String, String> inputs = inputs();
        Stats stats = new Stats();
        List<Accepted> accepted = new ArrayList<>();
        AtomicReference<String> current = new AtomicReference<>("(none yet)");
        long started = System.nanoTime();
        assertTimeoutPreemptively(LIMIT, () -> {
            int inputIndex = 0;
            for (Map.Entry<String, String> in : inputs.entrySet()) {
                for (int i = 0; i < MUTANTS_PER_INPUT; i++) {
                    long seed = SEED + inputIndex * 1_000_003L + i;
                    Mutant m = scenarioMutant(in.getValue(), seed);
                    String file = in.getKey() + "#" + i;
                    current.set(describe(file, seed, m));
                    Scenario s = parseChecked(m, file, seed, stats);
                    if (s != null) {
                        accepted.add(new Accepted(file, seed, m, s));
                    }
                }
                inputIndex++;
            }
        }, () -> "the loader hung (or took over " + LIMIT.toSeconds() + " s in all) on " + current.get());
        long parsedAt = System.nanoTime();

        // Run a spread-out sample of the accepted mutants.
        List<Accepted> sample = new ArrayList<>();
        int step = Math.max(1, accepted.size() / MAX_RUNS);
        for (int i = 0; i < accepted.size() && sample.size() < MAX_RUNS; i += step) {
            sample.add(accepted.get(i));
        }
        int[] ran = new int[1];
        int[] skipped = new int[1];
        assertTimeoutPreemptively(LIMIT, () -> {
            for (Accepted a : sample) {
                if (nodes(a.scenario()) > MAX_NODES_TO_RUN) {
                    skipped[0]++;
                    continue;
                }
                current.set(describe(a.file(), a.seed(), a.mutant()));
                try {
                    ScenarioRunner.Result r = ScenarioRunner.run(a.scenario(),
                            new ScenarioRunner.Options(null, RUN_UNTIL_MICROS, null));
                    assertNotNull(r);
                    for (ScenarioRunner.StepResult sr : r.steps()) {
                        stats.outcomes.merge(sr.outcome().name(), 1, Integer::sum);
                    }
                } catch (AssertionError e) {
                    throw e;
                } catch (Throwable t) {
                    fail("running an accepted mutant threw " + t + "\n" + describe(a.file(), a.seed(), a.mutant()),
                            t);
                }
                ran[0]++;
            }
        }, () -> "running an accepted mutant hung (or the runs took over " + LIMIT.toSeconds() + " s in all): "
                + current.get());
        long ranAt = System.nanoTime();

        System.out.printf("ScenarioFuzzTest: %d mutants, %d accepted, %d rejected, %d run (%d skipped as too big); "
                        + "parse %.1f s, run %.1f s%n  %d kinds of problem: %s%n  step outcomes: %s%n"
                        + "  by mutation: %s%n",
                stats.total, stats.accepted, stats.rejected, ran[0], skipped[0], (parsedAt - started) / 1e9,
                (ranAt - parsedAt) / 1e9, stats.kinds.size(), stats.kinds.keySet(), stats.outcomes, stats.byMutation);

        // The test must be able to fail: the mutations reach past the JSON syntax into the checks.
        assertEquals(inputs.size() * MUTANTS_PER_INPUT, stats.total);
        assertTrue(stats.accepted >= stats.total / 12, "too few mutants accepted: " + stats.accepted);
        assertTrue(stats.rejected >= stats.total / 2, "too few mutants rejected: " + stats.rejected);
        assertTrue(stats.kinds.size() >= 45, "too few kinds of problem: " + stats.kinds.keySet());
        assertTrue(ran[0] >= Math.min(MAX_RUNS, stats.accepted) * 9 / 10, "too few accepted mutants ran: " + ran[0]);
        assertTrue(stats.outcomes.getOrDefault("REFUSED", 0) + stats.outcomes.getOrDefault("TIMED_OUT", 0) > 0
                && stats.outcomes.getOrDefault("HELD", 0) > 0 && stats.outcomes.getOrDefault("FAILED", 0) > 0,
                "some runs should stop early (refused, timed out), and expectations both hold and fail: "
                + stats.outcomes);
    }

    @Test
    void everyMutatedTraceIsReadOrRejectedAndReplaysOrIsRejected() throws Exception {
        List<String> traces = new ArrayList<>();
        for (Map.Entry<String, String> in : inputs().entrySet()) {
            Scenario s = ScenarioLoader.parse(in.getValue(), in.getKey());
            StringWriter w = new StringWriter();
            TraceFile.write(ScenarioRunner.run(s, new ScenarioRunner.Options(null, 2_000_000L, null)), w);
            traces.add(w.toString());
            // The unmutated trace reads and replays.
            TraceFile.replay(TraceFile.read(new StringReader(w.toString()), in.getKey()), in.getKey());
        }
        Stats stats = new Stats();
        int[] replayed = new int[2];
        AtomicReference<String> current = new AtomicReference<>("(none yet)");
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < TRACE_MUTANTS; i++) {
                long seed = SEED * 7 + i;
                String base = traces.get(i % traces.size());
                Mutant m = traceMutant(base, seed);
                String file = "trace#" + i;
                current.set(describe(file, seed, m));
                TraceFile.Saved saved;
                try {
                    saved = TraceFile.read(new StringReader(m.text()), file);
                    stats.accepted++;
                } catch (ScenarioException e) {
                    stats.rejected++;
                    stats.byMutation.merge(kindOfMutation(m) + " rejected", 1, Integer::sum);
                    checkProblems(e, m, file, seed, stats);
                    continue;
                } catch (Throwable t) {
                    fail("TraceFile.read threw " + t + "\n" + describe(file, seed, m), t);
                    continue;
                } finally {
                    stats.total++;
                }
                try {
                    TraceFile.replay(saved, file);
                    replayed[0]++;
                    stats.byMutation.merge(kindOfMutation(m) + " replayed", 1, Integer::sum);
                } catch (ScenarioException e) {
                    replayed[1]++;
                    stats.byMutation.merge(kindOfMutation(m) + " replay rejected", 1, Integer::sum);
                    checkProblems(e, m, file, seed, stats);
                } catch (Throwable t) {
                    fail("TraceFile.replay threw " + t + "\n" + describe(file, seed, m), t);
                }
            }
        }, () -> "reading or replaying a trace hung (or took over " + LIMIT.toSeconds() + " s in all): "
                + current.get());
        System.out.printf("ScenarioFuzzTest traces: %d mutants, %d read, %d rejected; %d replayed, %d replays "
                        + "rejected; %d kinds of problem: %s%n  by mutation: %s%n", stats.total, stats.accepted,
                stats.rejected,
                replayed[0], replayed[1], stats.kinds.size(), stats.kinds.keySet(), stats.byMutation);
        assertTrue(stats.accepted >= TRACE_MUTANTS / 10, "too few traces read: " + stats.accepted);
        assertTrue(stats.rejected >= TRACE_MUTANTS / 2, "too few traces rejected: " + stats.rejected);
        assertTrue(replayed[0] > 0 && replayed[1] > 0, "replays should both succeed and be rejected: "
                + replayed[0] + ", " + replayed[1]);
    }

    // ============================================================================================ regressions
    // Bugs the fuzzer found, each with the smallest input that shows it.

    private static String scenario(String protocol, String network, String... steps) {
        return "{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": \"" + protocol + "\", "
                + "\"network\": " + network + ", \"timeline\": [" + String.join(", ", steps) + "]}";
    }

    /** The problem at {@code path}, checked to come quickly and to be short. */
    private static Problem problemAt(String text, String path) {
        ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(text, "t.json")));
        Problem p = e.problems().stream().filter(x -> x.path().equals(path)).findFirst()
                .orElseGet(() -> fail("no problem at " + path + ": " + e.problems()));
        assertTrue(p.message().length() < 200, p.message());
        return p;
    }

    @Test
    void aNumberWithAHugeExponentIsShownShort() {
        // Written out in full, 1e999999999 made a message of a gigabyte (and took most of a minute).
        assertEquals("1E+999999999 ms is too large", problemAt(scenario("raft", "{}",
                "{\"after\": 1e999999999, \"do\": \"heal\"}"), "$.timeline[0].after").message());
        assertTrue(problemAt(scenario("raft", "{}", "{\"after\": 1e-999999999, \"do\": \"heal\"}"),
                "$.timeline[0].after").message().startsWith("1E-999999999 ms is finer than a microsecond"));
        assertTrue(problemAt(scenario("raft", "{}").replace("\"version\": 1", "\"version\": 1, \"seed\": 1E999999999"),
                "$.seed").message().startsWith("1E+999999999 is not a whole number"));
        assertTrue(problemAt(scenario("raft", "{\"loss\": 1E999999999}"), "$.network.loss").message()
                .startsWith("1E+999999999 is out of range"));
        assertTrue(problemAt(scenario("clocks", "{}", "{\"do\": \"add\", \"skew\": 1e-999999999}"),
                "$.timeline[0].skew").message().startsWith("1E-999999999 ppm is finer than a part per trillion"));
    }

    @Test
    void aDurationBeyondBigDecimalsScaleIsTooLarge() {
        // Threw ArithmeticException ("Overflow") out of the loader.
        assertEquals("1E+2147483647 ms is too large", problemAt(scenario("raft", "{}",
                "{\"after\": 1e2147483647, \"do\": \"heal\"}"), "$.timeline[0].after").message());
    }

    @Test
    void aNegativeProbabilityIsOutOfRangeEvenWhenItRoundsToZero() {
        // Was accepted as the double -0.0, and written back as 0.0.
        assertEquals("-1E-400 is out of range; expected 0.0 to 1.0",
                problemAt(scenario("raft", "{\"loss\": -1e-400}"), "$.network.loss").message());
    }

    @Test
    void anUnknownFieldOfTheNetworkIsReported() {
        // The scenario's network was never finished, so a typo there went unseen.
        assertTrue(problemAt(scenario("raft", "{\"latency\": \"10ms\", \"jiter\": \"2ms\"}"), "$.network.jiter")
                .message().startsWith("unknown field \"jiter\""));
    }

    @Test
    void aTraceEditedToRunOnIsRejectedAtOnce() throws Exception {
        // An action's eventsBefore or the end moved far ahead made the replay run (and hold its trace) for hours.
        StringWriter w = new StringWriter();
        TraceFile.write(ScenarioRunner.run(ScenarioLoader.parse(RICH_RAFT, "r"),
                new ScenarioRunner.Options(null, 2_000_000L, null)), w);
        JsonObject far = JsonParser.parseString(w.toString()).getAsJsonObject();
        JsonArray actions = far.getAsJsonArray("actions");
        actions.get(actions.size() - 1).getAsJsonObject().addProperty("eventsBefore", 1_000_000_000_000L);
        JsonObject late = JsonParser.parseString(w.toString()).getAsJsonObject();
        late.addProperty("endMicros", ScenarioLoader.MAX_TIME_MICROS);
        long events = late.get("eventCount").getAsLong();
        for (JsonObject edited : List.of(far, late)) {
            TraceFile.Saved saved = TraceFile.read(new StringReader(edited.toString()), "t.trace");
            ScenarioException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(ScenarioException.class, () -> TraceFile.replay(saved, "t.trace")));
            Problem p = e.problems().get(0);
            if (edited == far) {
                assertEquals("$.actions[" + (actions.size() - 1) + "]", p.path());
                assertTrue(p.message().startsWith("the replay cannot reach this action: it passes the " + events
                        + " events of the file first"), p.message());
            } else {
                assertEquals("$.hash", p.path());
                assertTrue(p.message().startsWith("replaying the trace gives more than " + events + " events"),
                        p.message());
            }
        }
    }

    // ============================================================================================ checking

    private static final class Stats {
        int total;
        int accepted;
        int rejected;
        final Map<String, Integer> kinds = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<String, Integer> byMutation = new TreeMap<>();
    }

    private record Mutant(String mutation, String text) {
    }

    private record Accepted(String file, long seed, Mutant mutant, Scenario scenario) {
    }

    private static Scenario parseChecked(Mutant m, String file, long seed, Stats stats) {
        stats.total++;
        try {
            Scenario s = ScenarioLoader.parse(m.text(), file);
            assertNotNull(s, () -> "parse returned null\n" + describe(file, seed, m));
            stats.accepted++;
            stats.byMutation.merge(kindOfMutation(m) + " accepted", 1, Integer::sum);
            // What was accepted is written back as it was read (ScenarioJson spells out every parameter).
            String written = ScenarioJson.toText(s);
            try {
                assertEquals(s, ScenarioLoader.parse(written, file), () -> "written back differently: " + written
                        + "\n" + describe(file, seed, m));
            } catch (ScenarioException e) {
                fail("an accepted mutant written back is rejected: " + e.getMessage() + "\n" + written + "\n"
                        + describe(file, seed, m));
            }
            return s;
        } catch (ScenarioException e) {
            stats.rejected++;
            stats.byMutation.merge(kindOfMutation(m) + " rejected", 1, Integer::sum);
            checkProblems(e, m, file, seed, stats);
            return null;
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            fail("ScenarioLoader.parse threw " + t + "\n" + describe(file, seed, m), t);
            return null;
        }
    }

    private static void checkProblems(ScenarioException e, Mutant m, String file, long seed, Stats stats) {
        assertFalse(e.problems().isEmpty(), () -> "no problems\n" + describe(file, seed, m));
        for (Problem p : e.problems()) {
            assertEquals(file, p.file(), () -> "problem names another file: " + p + "\n" + describe(file, seed, m));
            assertTrue(p.path() != null && p.path().startsWith("$"),
                    () -> "problem without a JSON path: " + p + "\n" + describe(file, seed, m));
            assertTrue(p.message() != null && !p.message().isBlank(),
                    () -> "problem without a message: " + p + "\n" + describe(file, seed, m));
            // A message may quote the file, but it must not blow up: 1e999999999 is a short number.
            assertTrue(p.message().length() <= 2_000 + m.text().length(), () -> "a message of "
                    + p.message().length() + " characters: " + p.message().substring(0, 200) + "…\n"
                    + describe(file, seed, m));
            stats.kinds.merge(kindOfMessage(p.message()), 1, Integer::sum);
        }
    }

    /** The mutation's first word ("truncate", "flip"), with its target for tree mutations ("tree actions"). */
    private static String kindOfMutation(Mutant m) {
        String[] w = m.mutation().split("[ :]+");
        return w[0].equals("tree") && w.length > 1 ? w[0] + " " + (w[1].startsWith("$") ? w[1].split("[.\\[]")[1]
                : w[1]) : w[0];
    }

    /** The first three words of a message, its quoted and numeric parts taken out. */
    static String kindOfMessage(String message) {
        String s = message.replaceAll("\"[^\"]*\"|'[^']*'", "Q").replaceAll("-?[0-9][0-9.]*\\S*", "N");
        String[] words = s.trim().split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(3, words.length)));
    }

    private static String describe(String file, long seed, Mutant m) {
        String t = m.text();
        String shown = t.length() <= 6000 ? t : t.substring(0, 3000) + "\n…(" + (t.length() - 6000)
                + " characters left out)…\n" + t.substring(t.length() - 3000);
        return file + ", seed " + seed + "L, mutation: " + m.mutation() + ", text (" + t.length() + " chars):\n"
                + shown;
    }

    /** Nodes a scenario adds (a Raft cluster's servers included). */
    private static int nodes(Scenario s) {
        int n = s.setup() instanceof Scenario.RaftSetup r ? r.servers() : 0;
        for (Step step : s.timeline()) {
            if (step.instruction() instanceof Step.Perform p) {
                n += p.action() instanceof ScenarioAction.ChordRing ring ? ring.nodes().size() : 1;
            }
        }
        return n;
    }

    // ============================================================================================ mutating

    /** The mutant of scenario {@code text} that {@code seed} makes: a text mutation or a JSON tree one. */
    static Mutant scenarioMutant(String text, long seed) {
        Random r = new Random(seed);
        if (r.nextBoolean()) {
            return textMutation(text, r);
        }
        JsonElement root = JsonParser.parseString(text);
        List<String> done = new ArrayList<>();
        int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        for (int k = 0; k < n; k++) {
            done.add(treeMutation(root, r, null));
        }
        return new Mutant("tree " + String.join("; ", done), (r.nextBoolean() ? GSON : GSON_COMPACT).toJson(root));
    }

    /** The mutant of trace {@code text}: text mutations, or tree ones aimed at the header, actions and counts. */
    static Mutant traceMutant(String text, long seed) {
        Random r = new Random(seed);
        if (r.nextInt(3) == 0) {
            return textMutation(text, r);
        }
        JsonObject root = JsonParser.parseString(text).getAsJsonObject();
        String[] targets = {"scenario", "actions", "hash", "eventCount", "endMicros", "events", "format", "version"};
        String target = targets[r.nextInt(r.nextInt(4) == 0 ? targets.length : 4)];
        String done;
        if (root.get(target) == null) {
            done = "no " + target;
        } else if (target.equals("actions") && r.nextBoolean() && !root.getAsJsonArray("actions").isEmpty()) {
            // Nudge a recorded point: time or events before an action.
            JsonArray actions = root.getAsJsonArray("actions");
            JsonObject a = actions.get(r.nextInt(actions.size())).getAsJsonObject();
            String key = r.nextBoolean() ? "timeMicros" : "eventsBefore";
            long v = a.get(key).getAsLong();
            long[] choices = {v + 1, v - 1, v + 1000, v * 2, 0, Long.MAX_VALUE, 1_000_000_000_000L};
            long nv = choices[r.nextInt(choices.length)];
            a.addProperty(key, nv);
            done = "actions " + key + " " + v + " -> " + nv;
        } else if ((target.equals("endMicros") || target.equals("eventCount")) && r.nextBoolean()) {
            long v = root.get(target).getAsLong();
            long[] choices = {v + 1, v - 1, v * 2, 0, ScenarioLoader.MAX_TIME_MICROS, Long.MAX_VALUE};
            long nv = choices[r.nextInt(choices.length)];
            root.addProperty(target, nv);
            done = target + " " + v + " -> " + nv;
        } else if (target.equals("hash") && r.nextBoolean()) {
            String h = root.get("hash").getAsString();
            int at = r.nextInt(h.length());
            String nh = h.substring(0, at) + (h.charAt(at) == '0' ? '1' : '0') + h.substring(at + 1);
            root.addProperty("hash", r.nextInt(4) == 0 ? nh.substring(0, r.nextInt(nh.length())) : nh);
            done = "hash changed at " + at;
        } else if (root.get(target).isJsonPrimitive()) {
            JsonElement v = randomValue(r, root.get(target));
            root.add(target, v);
            done = target + " replaced by " + shorten(GSON_COMPACT.toJson(v));
        } else {
            done = target + ": " + treeMutation(root, r, target);
        }
        return new Mutant("tree " + done, GSON_COMPACT.toJson(root));
    }

    // -------------------------------------------------------------------------------------------- text

    private static Mutant textMutation(String text, Random r) {
        int len = text.length();
        int a = r.nextInt(len + 1);
        int b = Math.min(len, a + 1 + r.nextInt(r.nextBoolean() ? 8 : 80));
        switch (r.nextInt(13)) {
            case 0:
                return new Mutant("truncate at " + a, text.substring(0, a));
            case 1:
                return new Mutant("delete " + a + ".." + b, text.substring(0, a) + text.substring(b));
            case 2: {
                StringBuilder ins = new StringBuilder();
                for (int k = 1 + r.nextInt(6); k > 0; k--) {
                    ins.append(JSONISH.charAt(r.nextInt(JSONISH.length())));
                }
                return new Mutant("insert " + quote(ins) + " at " + a, insert(text, a, ins));
            }
            case 3: {
                int at = r.nextInt(len + 1);
                return new Mutant("duplicate " + a + ".." + b + " at " + at, insert(text, at, text.substring(a, b)));
            }
            case 4: {
                if (b >= len) {
                    return new Mutant("truncate at " + a, text.substring(0, a));
                }
                int c = b + r.nextInt(len - b);
                int d = Math.min(len, c + 1 + r.nextInt(40));
                return new Mutant("swap " + a + ".." + b + " with " + c + ".." + d,
                        text.substring(0, a) + text.substring(c, d) + text.substring(b, c) + text.substring(a, b)
                                + text.substring(d));
            }
            case 5: {
                if (len == 0) {
                    return new Mutant("empty", "");
                }
                int at = Math.min(a, len - 1);
                char c = r.nextBoolean() ? JSONISH.charAt(r.nextInt(JSONISH.length())) : (char) r.nextInt(0x3000);
                return new Mutant("flip " + at + " to " + quote(String.valueOf(c)),
                        text.substring(0, at) + c + text.substring(at + 1));
            }
            case 6: {
                String[] huge = {"1" + "0".repeat(400), "1e400", "-1e400", "1e-400", "1E999999999", "-1e-999999999",
                        "9223372036854775808", "-9223372036854775809", "123456789".repeat(200), "0." + "0".repeat(500)
                        + "1", "1e2147483647", "1e-2147483648", "4.9e-324"};
                return replaceToken(text, NUMBER, huge[r.nextInt(huge.length)], r, "huge number");
            }
            case 7: {
                int depth = new int[] {63, 64, 65, 200, 10_000}[r.nextInt(5)];
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String nested = open.repeat(depth) + (r.nextBoolean() ? close.repeat(depth) : "");
                return replaceToken(text, NUMBER, nested, r, "nesting " + depth + " of " + open);
            }
            case 8: {
                String s = new String[] {"x".repeat(100_000), "é".repeat(5000), "\\u0041".repeat(5000),
                        "\\\\".repeat(5000)}[r.nextInt(4)];
                return insertInString(text, s, r, "long string");
            }
            case 9: {
                String[] escapes = {"\\u0000", "\\uD800", "\\uDC00\\uD800", "\\u00e9", "\\u", "\\uZZZZ", "\\u12",
                        "\\x41", "\\", "\\'", "\\/", "\\b\\f\\n\\r\\t", "\\uFEFF", "\\u2028", "\\uD83D\\uDE00"};
                return insertInString(text, escapes[r.nextInt(escapes.length)], r, "escape");
            }
            case 10: {
                String c = String.valueOf((char) new int[] {0, 1, 8, 9, 10, 13, 27, 31, 127, 0xFEFF, 0x2028, 0xD800,
                        0xFFFF}[r.nextInt(13)]);
                return r.nextBoolean() ? insertInString(text, c, r, "control char")
                        : new Mutant("control char " + (int) c.charAt(0) + " at " + a, insert(text, a, c));
            }
            case 11: {
                String[] odd = {"01", "1.", ".5", "+1", "NaN", "Infinity", "-Infinity", "0x10", "1e", "1e+", "--1",
                        "1_000", "true", "null", "\"1\"", "[]", "{}"};
                return replaceToken(text, NUMBER, odd[r.nextInt(odd.length)], r, "odd number");
            }
            default: {
                Pattern literal = Pattern.compile("true|false|null");
                String[] odd = {"True", "FALSE", "nul", "tru", "1", "0", "\"true\"", "null", "truefalse", "[true]"};
                return replaceToken(text, literal, odd[r.nextInt(odd.length)], r, "odd literal");
            }
        }
    }

    private static String insert(String text, int at, CharSequence s) {
        return text.substring(0, at) + s + text.substring(at);
    }

    /** Replaces a random match of {@code p} with {@code by} (or inserts it at random if there is none). */
    private static Mutant replaceToken(String text, Pattern p, String by, Random r, String what) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            int at = r.nextInt(text.length() + 1);
            return new Mutant(what + " inserted at " + at, insert(text, at, by));
        }
        int[] s = spans.get(r.nextInt(spans.size()));
        return new Mutant(what + " at " + s[0] + ": " + shorten(by), text.substring(0, s[0]) + by
                + text.substring(s[1]));
    }

    /** Inserts {@code s} right after a random quote (most often inside a string). */
    private static Mutant insertInString(String text, String s, Random r, String what) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quotes.add(i + 1);
            }
        }
        int at = quotes.isEmpty() ? r.nextInt(text.length() + 1) : quotes.get(r.nextInt(quotes.size()));
        return new Mutant(what + " at " + at + ": " + shorten(s), insert(text, at, s));
    }

    private static String shorten(String s) {
        return quote(s.length() <= 40 ? s : s.substring(0, 40) + "…(" + s.length() + " chars)");
    }

    private static String quote(CharSequence s) {
        StringBuilder b = new StringBuilder("'");
        s.chars().forEach(c -> b.append(c < 32 || c == 127 || (c >= 0xD800 && c <= 0xDFFF)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.append('\'').toString();
    }

    // -------------------------------------------------------------------------------------------- tree

    /** A place in a JSON tree: a member of an object or an element of an array. */
    private record Slot(JsonElement parent, String key, int index, String path) {
        JsonElement get() {
            return parent.isJsonObject() ? parent.getAsJsonObject().get(key) : parent.getAsJsonArray().get(index);
        }

        void set(JsonElement v) {
            if (parent.isJsonObject()) {
                parent.getAsJsonObject().add(key, v);
            } else {
                parent.getAsJsonArray().set(index, v);
            }
        }

        String name() {
            return key;
        }
    }

    private static void slots(JsonElement e, String path, List<Slot> out) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                String p = path + "." + m.getKey();
                out.add(new Slot(e, m.getKey(), -1, p));
                slots(m.getValue(), p, out);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                String p = path + "[" + i + "]";
                // The element's key is its array's: a name in "nodes" is a name like one in "node".
                out.add(new Slot(e, null, i, p));
                slots(a.get(i), p, out);
            }
        }
    }

    private static final String[] NAME_KEYS = {"node", "from", "to", "via", "server", "master", "reference",
            "client", "result", "on", "groups", "nodes", "servers", "n1", "n2", "n3", "n4"};
    private static final String[] NAMES = {"zulu", "s0", "s1", "s4", "s9", "s10", "c1", "c2", "c9", "n0", "n1", "n5",
            "n99", "ref", "ref2", "ref3", "a", "f", "alpha", "delta", "leader", "responsible", "any", "none", "all",
            "majority", "", " ", "S1", "s1 ", "x".repeat(300), "\u00e9t\u00e9", "\ud800"};
    private static final String[] DURATIONS = {"-1s", "1.5us", "9999999h", "ms", "1e3s", "0.0000001s", "", " 5 ms ",
            "1min", "2h", "1.0001ns", "5µs", "0s", "0", "1", "s", "1 s", "1S", "1sec", "1.s", ".5s", "1e400h",
            "99999999999999999999s", "-0ms", "720h", "721h", "1000000000000000000000000000000000000000ns",
            "0.5ns", "1.0000000000000000000000001ms", "1" + "0".repeat(400) + "ms"};
    private static final String[] KEYS = {"format", "version", "protocol", "seed", "network", "parameters",
            "timeline", "end", "do", "at", "after", "for", "until", "timeout", "that", "node", "from", "to", "key",
            "value", "id", "via", "nodes", "groups", "text", "kind", "skew", "offset", "ppm", "name", "server",
            "servers", "master", "reference", "firstTier", "client", "expected", "index", "on", "absent", "hops",
            "result", "failed", "atLeast", "atMost", "equals", "is", "latency", "jitter", "loss", "comment", "all",
            "any", "not", "status", "invariants", "ideal", "holder", "lookup", "members", "leader", "term", "role",
            "committed", "stored", "maxOffset", "maxSkew", "bits", "servers", "pollInterval", "minLatency",
            "duplicate", "reorder", "title", "description"};
    private static final String[] VERBS = {"crash", "restart", "remove", "partition", "block", "heal", "network",
            "note", "wait", "expect", "add", "ring", "lookup", "store", "fetch", "client", "put", "get", "delete",
            "cas", "timeout", "reference", "kind", "skew", "offset", "lie", "sync", "algorithm", "explode", "",
            "CRASH", "Wait"};

    /**
     * Applies one random mutation to the tree under {@code root} (within {@code root.under} when that is not
     * null); returns what it did.
     */
    private static String treeMutation(JsonElement root, Random r, String under) {
        List<Slot> all = new ArrayList<>();
        slots(root, "$", all);
        if (under != null) {
            all.removeIf(s -> !s.path().equals("$." + under) && !s.path().startsWith("$." + under + ".")
                    && !s.path().startsWith("$." + under + "["));
        }
        if (all.isEmpty()) {
            return "nothing to mutate";
        }
        Slot s = all.get(r.nextInt(all.size()));
        switch (r.nextInt(15)) {
            case 0:
            case 1: {
                JsonElement v = randomValue(r, s.get());
                s.set(v);
                return "replace " + s.path() + " by " + shorten(GSON_COMPACT.toJson(v));
            }
            case 2: {
                Slot k = pick(all, r, x -> x.parent().isJsonObject());
                if (k == null) {
                    return "no key to delete";
                }
                k.parent().getAsJsonObject().remove(k.key());
                return "delete " + k.path();
            }
            case 3: {
                Slot k = pick(all, r, x -> x.parent().isJsonObject());
                if (k == null) {
                    return "no key to rename";
                }
                String to = switch (r.nextInt(5)) {
                    case 0 -> k.key().isEmpty() ? "x" : k.key().substring(1);
                    case 1 -> k.key().toUpperCase(Locale.ROOT);
                    case 2 -> "";
                    case 3 -> "we\"ird \\ key\u0001";
                    default -> KEYS[r.nextInt(KEYS.length)];
                };
                JsonObject o = k.parent().getAsJsonObject();
                JsonElement v = o.remove(k.key());
                o.add(to, v);
                return "rename " + k.path() + " to " + shorten(to);
            }
            case 4: {
                Slot e = pick(all, r, x -> x.parent().isJsonArray());
                if (e == null) {
                    return "no array element to duplicate";
                }
                JsonArray a = e.parent().getAsJsonArray();
                JsonArray copy = new JsonArray();
                for (int i = 0; i < a.size(); i++) {
                    copy.add(a.get(i));
                    if (i == e.index()) {
                        copy.add(a.get(i).deepCopy());
                    }
                }
                while (!a.isEmpty()) {
                    a.remove(0);
                }
                a.addAll(copy);
                return "duplicate " + e.path();
            }
            case 5:
            case 6: {
                Slot n = pick(all, r, x -> x.get().isJsonPrimitive() && x.get().getAsJsonPrimitive().isString()
                        && List.of(NAME_KEYS).stream().anyMatch(k -> x.path().matches(".*\\." + k + "(\\[.*)?")));
                if (n == null) {
                    return "no node name";
                }
                String to = NAMES[r.nextInt(NAMES.length)];
                n.set(new JsonPrimitive(to));
                return "rename node " + n.path() + " to " + shorten(to);
            }
            case 7:
            case 8: {
                Slot d = pick(all, r, x -> x.get().isJsonPrimitive() && x.get().getAsJsonPrimitive().isString()
                        && DURATION.matcher(x.get().getAsString()).matches());
                if (d == null) {
                    return "no duration";
                }
                JsonElement to = r.nextInt(4) == 0 ? randomNumber(r) : new JsonPrimitive(DURATIONS[r.nextInt(
                        DURATIONS.length)]);
                d.set(to);
                return "duration " + d.path() + " to " + shorten(GSON_COMPACT.toJson(to));
            }
            case 9: {
                Slot v = pick(all, r, x -> "do".equals(x.name()) || (x.parent().isJsonObject()
                        && x.parent().getAsJsonObject().size() == 1 && x.path().matches(".*\\.(that|until|not)\\..*")));
                if (v == null) {
                    return "no verb or condition";
                }
                if ("do".equals(v.name())) {
                    String to = VERBS[r.nextInt(VERBS.length)];
                    v.set(new JsonPrimitive(to));
                    return "verb " + v.path() + " to " + to;
                }
                // A condition: same value under another condition's name.
                JsonObject o = v.parent().getAsJsonObject();
                JsonElement value = o.remove(v.key());
                String to = KEYS[r.nextInt(KEYS.length)];
                o.add(to, value);
                return "condition " + v.path() + " to " + to;
            }
            case 10: {
                Slot o = pick(all, r, x -> x.get().isJsonObject());
                if (o == null) {
                    return "no object";
                }
                String key = KEYS[r.nextInt(KEYS.length)];
                JsonElement v = randomValue(r, JsonNull.INSTANCE);
                o.get().getAsJsonObject().add(key, v);
                return "set " + o.path() + "." + key + " to " + shorten(GSON_COMPACT.toJson(v));
            }
            case 11: {
                Slot e = pick(all, r, x -> x.parent().isJsonArray());
                if (e == null) {
                    return "no array element to drop";
                }
                e.parent().getAsJsonArray().remove(e.index());
                return "drop " + e.path();
            }
            case 12: {
                Slot e = pick(all, r, x -> x.parent().isJsonArray() && x.parent().getAsJsonArray().size() > 1);
                if (e == null) {
                    return "no array elements to swap";
                }
                JsonArray a = e.parent().getAsJsonArray();
                int j = r.nextInt(a.size());
                JsonElement t = a.get(j);
                a.set(j, a.get(e.index()));
                a.set(e.index(), t);
                return "swap " + e.path() + " with [" + j + "]";
            }
            case 13: {
                Slot n = pick(all, r, x -> x.get().isJsonPrimitive() && x.get().getAsJsonPrimitive().isNumber());
                if (n == null) {
                    return "no number";
                }
                BigDecimal v;
                try {
                    v = new BigDecimal(n.get().getAsString());
                } catch (NumberFormatException e) {
                    v = BigDecimal.ONE; // beyond BigDecimal, such as 1e-2147483648
                }
                if (Math.abs(v.scale()) > 100 || v.precision() > 100) {
                    v = BigDecimal.ONE; // 1e999999999 + 1 has a billion digits
                }
                BigDecimal[] near = {v.add(BigDecimal.ONE), v.subtract(BigDecimal.ONE),
                        v.negate(), v.multiply(BigDecimal.TEN), BigDecimal.ZERO,
                        v.divide(BigDecimal.valueOf(2)), v.add(new BigDecimal("0.001"))};
                BigDecimal to = near[r.nextInt(near.length)];
                n.set(new JsonPrimitive(to));
                return "nudge " + n.path() + " from " + v + " to " + to;
            }
            default: {
                int depth = new int[] {2, 30, 62, 63, 64, 65, 100}[r.nextInt(7)];
                JsonElement v = s.get();
                boolean condition = r.nextBoolean();
                for (int i = 0; i < depth; i++) {
                    JsonElement w;
                    if (condition) {
                        JsonObject o = new JsonObject();
                        o.add(r.nextBoolean() ? "not" : "comment", v);
                        w = o;
                    } else {
                        JsonArray a = new JsonArray();
                        a.add(v);
                        w = a;
                    }
                    v = w;
                }
                s.set(v);
                return "wrap " + s.path() + " in " + depth + (condition ? " objects" : " arrays");
            }
        }
    }

    private static Slot pick(List<Slot> all, Random r, Predicate<Slot> p) {
        List<Slot> some = all.stream().filter(p).toList();
        return some.isEmpty() ? null : some.get(r.nextInt(some.size()));
    }

    private static final String[] NUMBERS = {"-1", "0", "1", "2", "-0", "0.5", "1.5", "-2.75", "1e3", "1E-3",
            "1e400", "-1e400", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "2147483647", "2147483648", "4294967296", "123456789012345678901234567890",
            "0.000001", "0.0000001", "1e18", "1e19", "2592000000", "2592000001", "100.000", "1e2147483647",
            "1E999999999", "1e-999999999"};

    private static JsonElement randomNumber(Random r) {
        if (r.nextBoolean()) {
            return new JsonPrimitive(r.nextInt(2001) - 1000);
        }
        return new JsonPrimitive(new LazilyParsedNumber(NUMBERS[r.nextInt(NUMBERS.length)]));
    }

    /** A random JSON value, most often of a different type than {@code was}. */
    private static JsonElement randomValue(Random r, JsonElement was) {
        for (int attempt = 0; ; attempt++) {
            JsonElement v = switch (r.nextInt(13)) {
                case 0 -> new JsonPrimitive(NAMES[r.nextInt(NAMES.length)]);
                case 1, 2 -> randomNumber(r);
                case 3 -> new JsonPrimitive(r.nextBoolean());
                case 4 -> JsonNull.INSTANCE;
                case 5 -> new JsonObject();
                case 6 -> {
                    JsonObject o = new JsonObject();
                    o.add(KEYS[r.nextInt(KEYS.length)], r.nextBoolean() ? randomNumber(r)
                            : new JsonPrimitive(NAMES[r.nextInt(NAMES.length)]));
                    yield o;
                }
                case 7 -> new JsonArray();
                case 8 -> {
                    JsonArray a = new JsonArray();
                    for (int k = r.nextInt(4); k > 0; k--) {
                        a.add(r.nextBoolean() ? randomNumber(r) : new JsonPrimitive(NAMES[r.nextInt(NAMES.length)]));
                    }
                    yield a;
                }
                case 9 -> new JsonPrimitive("");
                case 10 -> new JsonPrimitive(DURATIONS[r.nextInt(DURATIONS.length)]);
                case 11 -> new JsonPrimitive(VERBS[r.nextInt(VERBS.length)]);
                default -> new JsonPrimitive("x".repeat(r.nextBoolean() ? 41 : 20_000));
            };
            if (attempt > 3 || was == null || !sameType(v, was)) {
                return v;
            }
        }
    }

    private static boolean sameType(JsonElement a, JsonElement b) {
        if (a.isJsonPrimitive() && b.isJsonPrimitive()) {
            JsonPrimitive p = a.getAsJsonPrimitive();
            JsonPrimitive q = b.getAsJsonPrimitive();
            return p.isString() == q.isString() && p.isNumber() == q.isNumber() && p.isBoolean() == q.isBoolean();
        }
        return a.isJsonObject() == b.isJsonObject() && a.isJsonArray() == b.isJsonArray()
                && a.isJsonNull() == b.isJsonNull();
    }
}
