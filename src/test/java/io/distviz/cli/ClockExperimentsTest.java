package io.distviz.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.distviz.cli.CliTest.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockExperimentsTest {

    /** Half an hour of six machines: quick enough for the suite. */
    private static final String[] SMALL = {"experiment", "clock-sync", "--nodes", "6", "--duration-s", "1800"};

    private static String[] with(String... more) {
        String[] all = new String[SMALL.length + more.length];
        System.arraycopy(SMALL, 0, all, 0, SMALL.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        return all;
    }

    @Test
    void helpNamesTheExperiment() {
        Outcome o = CliTest.run("help", "experiment");
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().matches("(?s).*\\n\\s+clock-sync\\s.*"), o.describe());
        Outcome h = CliTest.run("experiment", "clock-sync", "--help");
        assertEquals(0, h.status(), h.describe());
        assertTrue(h.out().contains("boundViolations"), h.describe());
    }

    @Test
    void theTableComparesEveryAlgorithmByDefault() {
        Outcome o = CliTest.run(SMALL);
        assertEquals(0, o.status(), o.describe());
        assertTrue(o.out().contains("topology:") && o.out().contains("warm-up of 300 s"), o.describe());
        assertTrue(Pattern.compile("(?m)^\\s+algorithm\\s+maxAbsOffsetMs\\s+meanAbsOffsetMs\\s+maxPairwiseSkewMs"
                + "\\s+boundViolations\\s+boundChecks\\s+adjustments\\s+messages$").matcher(o.out()).find(),
                o.describe());
        Matcher row = Pattern.compile("(?m)^\\s+(none|cristian|berkeley|ntp)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)"
                + "\\s+(-|\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$").matcher(o.out());
        StringBuilder names = new StringBuilder();
        while (row.find()) {
            names.append(row.group(1)).append(' ');
            boolean states = row.group(1).equals("cristian") || row.group(1).equals("ntp");
            assertEquals(states ? "0" : "-", row.group(5), row.group());
        }
        assertEquals("none cristian berkeley ntp ", names.toString(), o.describe());
    }

    @Test
    void jsonHasTheIssuesFieldNames() {
        Outcome o = CliTest.run(with("--algorithm", "ntp,berkeley", "--json", "--seed", "3"));
        assertEquals(0, o.status(), o.describe());
        JsonArray rows = JsonParser.parseString(o.out()).getAsJsonArray();
        assertEquals(2, rows.size());
        for (int i = 0; i < 2; i++) {
            JsonObject r = rows.get(i).getAsJsonObject();
            for (String f : new String[] {"algorithm", "nodes", "clockKind", "latencyMs", "maxAbsOffsetMs",
                    "meanAbsOffsetMs", "maxPairwiseSkewMs", "boundViolations", "boundChecks", "adjustments",
                    "messages"}) {
                assertTrue(r.has(f), f + " in " + r);
            }
        }
        JsonObject ntp = rows.get(0).getAsJsonObject();
        assertEquals("ntp", ntp.get("algorithm").getAsString());
        assertEquals(0, ntp.get("boundViolations").getAsInt());
        assertTrue(ntp.get("maxAbsOffsetMs").getAsDouble() < 10);
        assertTrue(rows.get(1).getAsJsonObject().get("boundViolations").isJsonNull(), "Berkeley states no bound");
        assertEquals(o.out(), CliTest.run(with("--algorithm", "ntp,berkeley", "--json", "--seed", "3")).out(),
                "same seed, same output");
    }

    @ParameterizedTest
    @CsvSource({
            "--algorithm, sundial",
            "--algorithm, 'ntp,lamport'",
            "--nodes, 1",
            "--nodes, 61",
            "--nodes, many",
            "--duration-s, 0",
            "--warmup-s, 3600",
            "--warmup-s, -1",
            "--clock-kind, sundial",
            "--clock-kind, custom",
            "--latency-ms, 1001",
            "--poll-s, 0",
            "--seed, x"})
    void aBadOptionIsAUsageErrorThatNamesIt(String option, String value) {
        Outcome o = CliTest.run("experiment", "clock-sync", option, value);
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'" + option + "'"), o.describe());
        String shown = value.contains(",") ? value.substring(value.lastIndexOf(',') + 1) : value;
        assertTrue(o.err().contains(shown), o.describe());
        assertTrue(o.err().contains("Usage: distviz experiment clock-sync"), o.describe());
        assertEquals("", o.out(), "nothing should run");
    }

    @Test
    void aPollShorterThanTheRoundTripLimitIsRefusedByName() {
        Outcome o = CliTest.run(with("--latency-ms", "500", "--poll-s", "5"));
        assertEquals(Cli.EXIT_USAGE, o.status(), o.describe());
        assertTrue(o.err().contains("'--poll-s'") && o.err().contains("ten times the latency"), o.describe());
    }
}
