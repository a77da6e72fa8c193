package io.distviz.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.distviz.export.ShiVizExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandsTest {
    private static final String RAFT = "scenarios/raft-leader-crash.json";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, UTF_8);
        return p;
    }

    private static String raft(String... steps) {
        return "{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": \"raft\", \"parameters\": "
                + "{\"servers\": 3}, \"timeline\": [" + String.join(",", steps) + "]}";
    }

    @Test
    void runPrintsEachExpectationAndExitsZeroWhenAllHold() {
        CliTest.Outcome o = CliTest.run("run", RAFT);
        assertEquals(0, o.status(), o.describe());
        long ok = o.out().lines().filter(l -> l.contains(" ok ")).count();
        assertEquals(4, ok, o.describe());
        assertTrue(o.out().contains("4 of 4 expectations held"), o.describe());
    }

    @Test
    void runExitsOneAndSaysWhichExpectationFailedAndWhy() throws IOException {
        Path f = write("fail.json", raft("{\"at\": \"2s\", \"do\": \"expect\", \"that\": {\"leader\": \"none\"}}"));
        CliTest.Outcome o = CliTest.run("run", f.toString());
        assertEquals(1, o.status(), o.describe());
        assertTrue(o.out().contains("FAILED") && o.out().contains("expect there is no leader — the leader is s"),
                o.describe());
        assertTrue(o.out().contains(f + " $.timeline[0]"), o.describe());
    }

    @Test
    void runExitsTwoOnBadInputAndSaysWhatIsWrong() throws IOException {
        Path f = write("bad.json", raft("{\"do\": \"crash\", \"node\": \"s7\"}", "{\"do\": \"dance\"}"));
        CliTest.Outcome o = CliTest.run("run", f.toString());
        assertEquals(2, o.status(), o.describe());
        assertTrue(o.err().contains("$.timeline[0].node: there is no node named \"s7\""), o.describe());
        assertTrue(o.err().contains("$.timeline[1].do: unknown action \"dance\""), o.describe());
        assertEquals(2, CliTest.run("run", dir.resolve("missing.json").toString()).status());
        assertEquals(2, CliTest.run("run", RAFT, "--until", "soon").status());
        assertEquals(2, CliTest.run("run", RAFT, "--export", dir.resolve("x.bin").toString()).status());
    }

    @Test
    void runWithSeedAndUntilChangesTheRun() {
        CliTest.Outcome o = CliTest.run("run", RAFT, "--seed", "123", "--until", "300ms", "-v");
        assertTrue(o.out().contains("seed 123"), o.describe());
        assertTrue(o.out().contains("Ran to 0.300 s"), o.describe());
    }

    @Test
    void runExportsATraceThatExportConvertsAndValidateReplays() throws IOException {
        Path trace = dir.resolve("run.json");
        CliTest.Outcome o = CliTest.run("run", RAFT, "--export", trace.toString());
        assertEquals(0, o.status(), o.describe());
        JsonObject t = JsonParser.parseString(Files.readString(trace)).getAsJsonObject();
        assertEquals("distviz-trace", t.get("format").getAsString());
        assertEquals(t.get("eventCount").getAsInt(), t.getAsJsonArray("events").size());

        CliTest.Outcome v = CliTest.run("validate", trace.toString(), RAFT);
        assertEquals(0, v.status(), v.describe());
        assertTrue(v.out().contains("replays exactly"), v.describe());

        Path log = dir.resolve("run.log");
        CliTest.Outcome e = CliTest.run("export", trace.toString(), "--out", log.toString());
        assertEquals(0, e.status(), e.describe());
        assertTrue(Files.readString(log).startsWith(ShiVizExport.REGEX), "a ShiViz log by its extension");

        for (String fmt : new String[] {"csv", "chrome", "mermaid", "edn", "json"}) {
            Path out = dir.resolve("run-" + fmt + ".out");
            CliTest.Outcome x = CliTest.run("export", trace.toString(), "--format", fmt, "--out", out.toString());
            assertEquals(0, x.status(), fmt + ": " + x.describe());
            assertTrue(Files.size(out) > 0, fmt);
        }
        // The json export of a trace is the same trace.
        assertEquals(Files.readString(trace), Files.readString(dir.resolve("run-json.out")));
    }

    @Test
    void nothingIsOverwrittenWithoutForce() throws IOException {
        Path out = write("mine.csv", "a file the user made\n");
        CliTest.Outcome o = CliTest.run("run", RAFT, "--export", out.toString());
        assertEquals(2, o.status(), o.describe());
        assertTrue(o.err().contains("already exists; add --force"), o.describe());
        assertEquals("a file the user made\n", Files.readString(out));
        CliTest.Outcome forced = CliTest.run("run", RAFT, "--export", out.toString(), "--force");
        assertEquals(0, forced.status(), forced.describe());
        assertTrue(Files.readString(out).startsWith("index,timeMicros,kind"));
    }

    @Test
    void validateListsEveryProblemOfEveryFileAndExitsNonZero() throws IOException {
        Path bad = write("bad.json", raft("{\"at\": \"2s\", \"do\": \"heal\"}", "{\"at\": \"1s\", \"do\": \"heal\"}",
                "{\"do\": \"timeout\", \"node\": \"c1\"}"));
        Path broken = write("broken.json", "{\"format\": \"distviz-scenario\",");
        CliTest.Outcome o = CliTest.run("validate", RAFT, bad.toString(), broken.toString());
        assertEquals(1, o.status(), o.describe());
        assertTrue(o.out().contains("ok      " + RAFT), o.describe());
        assertTrue(o.err().contains(bad + ": $.timeline[1].at: time goes backwards"), o.describe());
        assertTrue(o.err().contains(bad + ": $.timeline[2].node: there is no server named \"c1\""), o.describe());
        assertTrue(o.err().contains(broken + ": $: not valid JSON"), o.describe());
        assertTrue(o.out().contains("1 of 3 files are fine"), o.describe());
    }

    @Test
    void exportRefusesATraceThatDoesNotReplay() throws IOException {
        Path trace = dir.resolve("run.json");
        assertEquals(0, CliTest.run("run", RAFT, "--export", trace.toString()).status());
        String text = Files.readString(trace);
        Path edited = write("edited.json", text.replaceFirst("\"hash\":\"[0-9a-f]{4}", "\"hash\":\"0000"));
        Path out = dir.resolve("out.csv");
        CliTest.Outcome o = CliTest.run("export", edited.toString(), "--out", out.toString());
        assertEquals(2, o.status(), o.describe());
        assertTrue(o.err().contains("$.hash: replaying the trace gives"), o.describe());
        assertFalse(Files.exists(out));
    }
}
