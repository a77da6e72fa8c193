package io.distviz.scenario;

import io.distviz.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceFileTest {

    static String write(ScenarioRunner.Result r) throws IOException {
        StringWriter w = new StringWriter();
        TraceFile.write(r, w);
        return w.toString();
    }

    /** Run → file → read → replay gives the same events, and writing the replay gives the same file. */
    @Test
    void aTraceRoundTripsExactlyForEveryProtocol() throws Exception {
        for (String name : new String[] {"raft-leader-crash.json", "chord-join-and-lookup.json", "clocks-ntp-gps.json"}) {
            ScenarioRunner.Result run = ScenarioRunner.run(ScenarioLoader.load(Path.of("scenarios", name)),
                    ScenarioRunner.Options.defaults());
            String text = write(run);
            TraceFile.Saved saved = TraceFile.read(new StringReader(text), name);
            assertEquals(run.actions(), saved.actions(), name);
            assertEquals(run.simulation().trace().size(), saved.eventCount(), name);
            ScenarioRunner.Result replay = TraceFile.replay(saved, name);
            assertEquals(run.simulation().trace().hash(), replay.simulation().trace().hash(), name);
            assertEquals(text, write(replay), name);
        }
    }

    @Test
    void theTraceDoesNotDependOnCheckpointsOrRetentionSettings() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios", "raft-leader-crash.json"));
        ScenarioRunner.Result plain = ScenarioRunner.run(s, ScenarioRunner.Options.defaults());
        ScenarioRunner.Result noCheckpoints = ScenarioRunner.run(s,
                new ScenarioRunner.Options(null, null, SimConfig.seeded(0).withoutCheckpoints()));
        assertEquals(plain.simulation().trace().hash(), noCheckpoints.simulation().trace().hash());
        // So a trace saved from either replays (the replay takes checkpoints).
        TraceFile.replay(TraceFile.read(new StringReader(write(noCheckpoints)), "t"), "t");
    }

    @Test
    void anEditedTraceIsCaughtByItsReplay() throws Exception {
        ScenarioRunner.Result run = ScenarioRunner.run(ScenarioLoader.load(Path.of("scenarios", "raft-leader-crash.json")),
                ScenarioRunner.Options.defaults());
        String text = write(run);
        // Another seed: the same actions now land elsewhere, or the events differ.
        String reseeded = text.replaceFirst("\"seed\":7", "\"seed\":8");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> TraceFile.replay(TraceFile.read(new StringReader(reseeded), "t.json"), "t.json"));
        assertTrue(e.problems().get(0).message().contains("replay"), e.getMessage());
        // An event count that does not match the events.
        String miscounted = text.replaceFirst("\"eventCount\":[0-9]+", "\"eventCount\":3");
        ScenarioException c = assertThrows(ScenarioException.class,
                () -> TraceFile.read(new StringReader(miscounted), "t.json"));
        assertEquals("$.eventCount", c.problems().get(0).path());
    }

    @Test
    void aScenarioFileIsNotATrace() throws Exception {
        String scenario = ScenarioLoader.readText(Path.of("scenarios", "raft-leader-crash.json"));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> TraceFile.read(new StringReader(scenario), "s.json"));
        assertTrue(e.getMessage().contains("not a trace"), e.getMessage());
    }

    @Test
    void aKeyGivenTwiceInATraceIsRefusedAsInAScenario() throws Exception {
        ScenarioRunner.Result run = ScenarioRunner.run(ScenarioLoader.load(Path.of("scenarios", "raft-leader-crash.json")),
                ScenarioRunner.Options.defaults());
        String twice = write(run).replaceFirst("\"seed\":7", "\"seed\":7,\"seed\":8");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> TraceFile.read(new StringReader(twice), "t.json"));
        assertTrue(e.getMessage().contains("\"seed\" appears twice"), e.getMessage());
    }
}
