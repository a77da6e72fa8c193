package io.distviz.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.distviz.cli.CliTest.Outcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaftExperimentsTest {

    @Test
    void raftElectionPrintsTheDowntimeDistributionAsJson() {
        Outcome o = CliTest.run("experiment", "raft-election", "--timeout", "150-300,150-200", "--trials", "20",
                "--json");
        assertEquals(0, o.status(), o.describe());
        JsonArray rows = JsonParser.parseString(o.out()).getAsJsonArray();
        assertEquals(2, rows.size());
        JsonObject first = rows.get(0).getAsJsonObject();
        assertEquals("150-300", first.get("timeoutMs").getAsString());
        JsonObject d = first.getAsJsonObject("downtimeMs");
        double median = d.get("median").getAsDouble();
        assertTrue(median >= 100 && median <= d.get("p99").getAsDouble() && d.get("p99").getAsDouble()
                <= d.get("max").getAsDouble(), d.toString());
        assertTrue(d.has("mean"));
        assertEquals(o.out(), CliTest.run("experiment", "raft-election", "--timeout", "150-300,150-200", "--trials",
                "20", "--json").out(), "same seed, same output");
    }

    @Test
    void badTimeoutRangesAreUsageErrors() {
        for (String bad : new String[] {"300-150", "abc", "150", "5-9", "150-300-400"}) {
            Outcome o = CliTest.run("experiment", "raft-election", "--timeout", bad);
            assertEquals(2, o.status(), bad + "\n" + o.describe());
            assertTrue(o.err().contains("--timeout") && o.err().contains(bad), o.describe());
        }
        Outcome o = CliTest.run("experiment", "raft-election", "--servers", "12");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("--servers"), o.describe());
    }

    @Test
    void raftChaosReportsEveryCountAndTheFirstFailingSeed() {
        Outcome o = CliTest.run("experiment", "raft-chaos", "--seeds", "3", "--json");
        assertEquals(0, o.status(), o.describe());
        JsonObject row = JsonParser.parseString(o.out()).getAsJsonArray().get(0).getAsJsonObject();
        for (String field : new String[] {"seeds", "safetyViolations", "linearizabilityViolations",
                "livenessFailures", "commits", "firstFailingSeed"}) {
            assertTrue(row.has(field), field + " in " + row);
        }
        assertEquals(3, row.get("seeds").getAsInt());
        assertEquals(0, row.get("safetyViolations").getAsInt());
        assertTrue(row.get("commits").getAsLong() > 30);
        assertTrue(row.get("firstFailingSeed").isJsonNull());
    }
}
