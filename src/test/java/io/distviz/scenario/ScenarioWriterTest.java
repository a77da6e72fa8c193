package io.distviz.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run written as a scenario reads back, and runs again to the same actions at the same times. */
class ScenarioWriterTest {

    @Test
    void aRunWrittenAsAScenarioReadsBackAndRunsToTheSameActions() throws Exception {
        Scenario original = ScenarioLoader.load(Path.of("scenarios/raft-leader-crash.json"));
        ScenarioRunner.Result run = ScenarioRunner.run(original, ScenarioRunner.Options.defaults());
        String text = ScenarioWriter.toText(run);
        Scenario written = ScenarioLoader.parse(text, "written.json");
        assertEquals(ScenarioWriter.fromRun(run.scenario(), run.actions(), run.endMicros()), written,
                "what is written is what reads back, step paths included");
        assertEquals(original.title(), written.title());
        assertEquals(run.endMicros(), written.endMicros());
        assertEquals(run.actions().size(), written.timeline().size());
        assertTrue(text.contains("\"node\": \"s"), "\"leader\" is written as the server that led: " + text);

        ScenarioRunner.Result again = ScenarioRunner.run(written, ScenarioRunner.Options.defaults());
        assertEquals(run.actions(), again.actions(), "the same actions at the same points");
        assertEquals(run.simulation().trace().hash(), again.simulation().trace().hash(),
                "no other event was due at the microseconds its actions were taken, so the run is the same");
    }

    @Test
    void actionsOutOfOrderOrPastTheEndAreRefused() throws Exception {
        Scenario s = ScenarioLoader.parse("{\"format\":\"distviz-scenario\",\"version\":1,\"protocol\":\"raft\","
                + "\"timeline\":[]}", "s.json");
        ScenarioRunner.PerformedAction late = new ScenarioRunner.PerformedAction(2_000, 5,
                new ScenarioAction.Crash("s1"));
        ScenarioRunner.PerformedAction early = new ScenarioRunner.PerformedAction(1_000, 9,
                new ScenarioAction.Restart("s1"));
        assertThrows(IllegalArgumentException.class, () -> ScenarioWriter.fromRun(s, List.of(late, early), 3_000));
        assertThrows(IllegalArgumentException.class, () -> ScenarioWriter.fromRun(s, List.of(late), 1_000));
        Scenario empty = ScenarioWriter.fromRun(s, List.of(), 0);
        assertEquals("Raft run saved from DistViz", empty.title());
        assertEquals(0, empty.timeline().size());
    }

    @Test
    void aWatcherSeesTheRunWithoutChangingItAndCanStopIt() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/clocks-ntp-gps.json"));
        ScenarioRunner.Result plain = ScenarioRunner.run(s, ScenarioRunner.Options.defaults());
        List<Long> seen = new ArrayList<>();
        ScenarioRunner.Result watched = ScenarioRunner.run(s, ScenarioRunner.Options.defaults(), seen::add);
        assertEquals(plain.simulation().trace().hash(), watched.simulation().trace().hash());
        assertEquals(plain.steps().size(), watched.steps().size());
        assertTrue(seen.size() > 2, "reported along the way: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "time only goes forward");
        }
        assertEquals(plain.endMicros(), seen.get(seen.size() - 1));

        long halfway = plain.endMicros() / 2;
        assertThrows(CancellationException.class, () -> ScenarioRunner.run(s, ScenarioRunner.Options.defaults(),
                now -> {
                    if (now > halfway) {
                        throw new CancellationException();
                    }
                }));
    }
}
