package io.distviz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.distviz.cli.CliTest.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentCommandTest {

    /** Small versions of each experiment, quick enough for the test suite. */
    private static final String[] PATHS = {"experiment", "chord-paths", "--nodes", "16,64", "--lookups", "300"};
    private static final String[] LOAD = {"experiment", "chord-load", "--nodes", "200", "--keys", "5000",
            "--virtual-nodes", "1,8"};
    private static final String[] FAILURES = {"experiment", "chord-failures", "--nodes", "100", "--lookups", "300",
            "--fail-fraction", "0,0.3", "--recovery-seconds", "20"};
    private static final String[] CHURN = {"experiment", "chord-churn", "--nodes", "60", "--rates", "0,0.3",
            "--duration", "60", "--lookups-per-second", "5"};

    private static Outcome run(String... args) {
        return CliTest.run(args);
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theExperimentCommandIsListed() {
        Outcome o = run("--help");
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().matches("(?s).*\\n\\s+experiment\\s.*"), o.describe());
    }

    @Test
    void helpNamesEveryExperiment() {
        Outcome o = run("help", "experiment");
        assertEquals(0, o.status(), o.describe());
        for (String name : List.of("chord-paths", "chord-load", "chord-failures", "chord-churn")) {
            assertTrue(o.out().matches("(?s).*\\n\\s+" + name + "\\s.*"), name + "\n" + o.describe());
        }
    }

    @Test
    void helpOfChordPathsDefinesAHop() {
        Outcome o = run("experiment", "chord-paths", "--help");
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().contains("A hop is a node the lookup visits after its origin"), o.describe());
    }

    @Test
    void experimentWithoutANameIsAUsageError() {
        Outcome o = run("experiment");
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("Usage: distviz experiment"), o.describe());
        assertEquals("", o.out());
    }

    @Test
    void anUnknownExperimentIsAUsageErrorThatNamesIt() {
        Outcome o = run("experiment", "chord-speed");
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'chord-speed'"), o.describe());
        assertTrue(o.err().contains("Usage: distviz experiment"), o.describe());
        assertEquals("", o.out());
    }

    @ParameterizedTest
    @CsvSource({
            "chord-paths, --nodes, abc",
            "chord-paths, --nodes, '64,abc'",
            "chord-paths, --nodes, 1",
            "chord-paths, --lookups, 0",
            "chord-paths, --routing, fingerz",
            "chord-paths, --style, sideways",
            "chord-paths, --bits, 2",
            "chord-paths, --seed, x",
            "chord-load, --nodes, 0",
            "chord-load, --keys, -5",
            "chord-load, --virtual-nodes, 0",
            "chord-failures, --fail-fraction, 2",
            "chord-failures, --fail-fraction, 1",
            "chord-failures, --fail-fraction, -0.1",
            "chord-failures, --nodes, abc",
            "chord-failures, --successors, 33",
            "chord-failures, --recovery-seconds, -1",
            "chord-churn, --rates, '0.1,-1'",
            "chord-churn, --duration, 0",
            "chord-churn, --lookups-per-second, 0",
            "chord-churn, --stabilize-seconds, 0"})
    void aBadOptionIsAUsageErrorThatNamesTheOptionAndTheValue(String experiment, String option, String value) {
        Outcome o = run("experiment", experiment, option, value);
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'" + option + "'"), o.describe());
        String shown = value.contains(",") ? value.substring(value.lastIndexOf(',') + 1) : value;
        assertTrue(o.err().contains(shown), o.describe());
        assertTrue(o.err().contains("Usage: distviz experiment " + experiment), o.describe());
        assertEquals("", o.out(), "nothing should run");
    }

    @Test
    void tooFewBitsForTheRingIsAUsageError() {
        Outcome o = run("experiment", "chord-paths", "--nodes", "1000", "--bits", "8");
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'--bits'") && o.err().contains("at least 12 bits"), o.describe());
    }

    @Test
    void chordPathsPrintsAnExplainedTable() {
        Outcome o = run(PATHS);
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().contains("placed directly"), "says how the ring was built\n" + o.describe());
        assertTrue(o.out().contains("a hop is a node"), o.describe());
        Matcher header = Pattern.compile("(?m)^\\s+nodes\\s+lookups\\s+meanHops\\s+p1Hops\\s+p99Hops\\s+halfLog2N$")
                .matcher(o.out());
        assertTrue(header.find(), o.describe());
        Matcher row = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)$")
                .matcher(o.out());
        List<String> sizes = new ArrayList<>();
        while (row.find()) {
            sizes.add(row.group(1));
            assertEquals("300", row.group(2), o.describe());
        }
        assertEquals(List.of("16", "64"), sizes, o.describe());
    }

    @Test
    void walkingSuccessorsSaysWhenItDoesFewerLookups() {
        Outcome o = run("experiment", "chord-paths", "--routing", "successors", "--nodes", "32", "--lookups",
                "100000000");
        assertEquals(Cli.EXIT_USAGE, o.status(), "more than the maximum is refused\n" + o.describe());
        // A capped row costs about a million hops (seconds), so only the note is checked here.
        String note = ExperimentCommand.ChordPaths.capNote(new io.distviz.chord.experiment.PathsExperiment.Settings(
                List.of(64, 4000), 600, 32, 1, io.distviz.chord.ChordConfig.Routing.SUCCESSORS_ONLY,
                io.distviz.chord.ChordConfig.LookupStyle.ITERATIVE));
        assertEquals("walking successors costs about N/2 hops a lookup, so rows do fewer lookups than the 600 "
                + "asked: 64 nodes: 600; 4000 nodes: 500", note);
        Outcome uncapped = run("experiment", "chord-paths", "--routing", "successors", "--nodes", "40", "--lookups",
                "200", "--json");
        assertEquals(0, uncapped.status(), uncapped.describe());
        assertEquals("", uncapped.err(), uncapped.describe());
        JsonObject row = json(uncapped).get(0).getAsJsonObject();
        assertEquals(200, row.get("lookups").getAsInt(), uncapped.describe());
        assertEquals(20, row.get("meanHops").getAsDouble(), 3, uncapped.describe());
    }

    @Test
    void jsonHasTheFieldNamesOfEachExperiment() {
        assertFields(PATHS, 2, "nodes", "lookups", "meanHops", "p1Hops", "p99Hops", "halfLog2N");
        assertFields(LOAD, 2, "meanKeys", "p1Keys", "p99Keys", "maxKeys", "nodesWithNoKeys", "virtualNodes");
        assertFields(FAILURES, 2, "nodes", "failFraction", "lookups", "meanHops", "failedLookupFraction");
        assertFields(CHURN, 2, "rate", "lookups", "failedLookupFraction", "meanHops", "meanTimeouts");
    }

    private static void assertFields(String[] args, int rows, String... fields) {
        Outcome o = run(with(args, "--json"));
        assertEquals(0, o.status(), o.describe());
        JsonArray array = json(o);
        assertEquals(rows, array.size(), o.describe());
        for (int i = 0; i < array.size(); i++) {
            JsonObject row = array.get(i).getAsJsonObject();
            for (String f : fields) {
                assertTrue(row.has(f) && row.get(f).isJsonPrimitive(), f + " in\n" + o.describe());
            }
        }
    }

    private static JsonArray json(Outcome o) {
        return JsonParser.parseString(o.out()).getAsJsonArray();
    }

    @Test
    void everyExperimentSaysHowItsRingWasBuilt() {
        String load = run(LOAD).out();
        assertTrue(load.contains("placed by hashing") && load.contains("no message is simulated"), load);
        assertTrue(run(FAILURES).out().contains("placed directly"));
        assertTrue(run(CHURN).out().contains("join later do so by the protocol"));
    }

    @Test
    void theSameSeedPrintsTheSameOutput() {
        for (String[] args : List.of(PATHS, LOAD, FAILURES, CHURN)) {
            Outcome a = run(with(args, "--seed", "5"));
            Outcome b = run(with(args, "--seed", "5"));
            assertEquals(0, a.status(), a.describe());
            assertEquals(a.out(), b.out(), String.join(" ", args));
        }
        assertNotEquals(run(with(PATHS, "--seed", "5", "--json")).out(), run(with(PATHS, "--seed", "6", "--json")).out());
    }

    @Test
    void failuresLoseTheKeysOfTheCrashedNodes() {
        JsonArray rows = json(run(with(FAILURES, "--json")));
        JsonObject none = rows.get(0).getAsJsonObject();
        JsonObject some = rows.get(1).getAsJsonObject();
        assertEquals(0.0, none.get("failedLookupFraction").getAsDouble());
        assertEquals(0.3, some.get("failFraction").getAsDouble());
        assertEquals(some.get("keysLostFraction").getAsDouble(), some.get("failedLookupFraction").getAsDouble(), 0.03);
    }
}
