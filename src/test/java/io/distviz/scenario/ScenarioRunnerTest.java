package io.distviz.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioRunnerTest {

    static Stream<Path> exampleScenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertFalse(list.isEmpty(), "scenarios/ has no examples");
            return list.stream();
        }
    }

    /** Every example scenario shipped with the app loads, runs, and every expectation in it holds. */
    @ParameterizedTest
    @MethodSource("exampleScenarios")
    void everyExampleScenarioHoldsItsExpectations(Path file) throws ScenarioException {
        Scenario s = ScenarioLoader.load(file);
        ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults());
        assertTrue(r.ok(), () -> file + ": " + r.steps().stream().filter(ScenarioRunner.StepResult::failed).toList());
        assertFalse(r.expectations().isEmpty(), file + " checks nothing");
        assertEquals(s.timeline().size(), r.steps().size(), "every step ran");
    }

    static ScenarioRunner.Result run(String text, Long until) throws ScenarioException {
        return ScenarioRunner.run(ScenarioLoader.parse(text, "t.json"), new ScenarioRunner.Options(null, until, null));
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameTraceAndAnotherSeedAnother() throws ScenarioException {
        String text = ScenarioLoaderTest.raft("{\"do\": \"wait\", \"until\": {\"leader\": \"any\"}, \"timeout\": \"2s\"}",
                "{\"do\": \"put\", \"key\": \"k\", \"value\": \"v\"}", "{\"do\": \"crash\", \"node\": \"leader\"}",
                "{\"after\": \"2s\", \"do\": \"expect\", \"that\": {\"leader\": \"any\"}}");
        Scenario s = ScenarioLoader.parse(text, "t.json");
        String a = ScenarioRunner.run(s, ScenarioRunner.Options.defaults()).simulation().trace().hash();
        String b = ScenarioRunner.run(s, ScenarioRunner.Options.defaults()).simulation().trace().hash();
        String c = ScenarioRunner.run(s, new ScenarioRunner.Options(99L, null, null)).simulation().trace().hash();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void aFailedExpectationSaysWhatTheEngineShowedAndTheRunGoesOn() throws ScenarioException {
        ScenarioRunner.Result r = run(ScenarioLoaderTest.raft(
                "{\"at\": \"2s\", \"do\": \"expect\", \"that\": {\"term\": {\"atLeast\": 50}}}",
                "{\"do\": \"expect\", \"that\": {\"leader\": \"any\"}}"), null);
        assertFalse(r.ok());
        ScenarioRunner.StepResult failed = r.steps().get(0);
        assertEquals(ScenarioRunner.Outcome.FAILED, failed.outcome());
        assertTrue(failed.detail().startsWith("the highest term is "), failed.detail());
        assertEquals(ScenarioRunner.Outcome.HELD, r.steps().get(1).outcome());
    }

    @Test
    void aRefusedActionStopsTheRunThereWithTheEnginesReason() throws ScenarioException {
        // At time 0 nobody leads yet, so there is no leader to add a server through.
        ScenarioRunner.Result r = run(ScenarioLoaderTest.raft("{\"do\": \"add\"}",
                "{\"after\": \"1s\", \"do\": \"expect\", \"that\": {\"leader\": \"any\"}}"), null);
        assertEquals(1, r.steps().size());
        assertEquals(ScenarioRunner.Outcome.REFUSED, r.steps().get(0).outcome());
        assertTrue(r.steps().get(0).detail().contains("no leader"), r.steps().get(0).detail());
        assertTrue(r.actions().isEmpty(), "a refused action is not recorded");
    }

    @Test
    void aWaitThatNeverEndsTimesOut() throws ScenarioException {
        ScenarioRunner.Result r = run(ScenarioLoaderTest.raft(
                "{\"do\": \"wait\", \"until\": {\"leader\": \"none\"}, \"timeout\": \"1s\"}"), null);
        // Someone leads from about 0.2 s on, so "no leader" first holds at time 0: the wait ends at once...
        assertEquals(ScenarioRunner.Outcome.DONE, r.steps().get(0).outcome());
        assertEquals(0, r.endMicros());
        r = run(ScenarioLoaderTest.raft("{\"do\": \"wait\", \"until\": {\"term\": {\"atLeast\": 40}}, \"timeout\": \"1s\"}",
                "{\"do\": \"heal\"}"), null);
        // ...while term 40 never comes: the run stops at the timeout.
        assertEquals(ScenarioRunner.Outcome.TIMED_OUT, r.steps().get(0).outcome());
        assertEquals(1_000_000, r.endMicros());
        assertEquals(1, r.steps().size());
    }

    @Test
    void aStepAtATimeTheRunHasPassedIsReportedLate() throws ScenarioException {
        ScenarioRunner.Result r = run(ScenarioLoaderTest.raft(
                "{\"do\": \"wait\", \"until\": {\"leader\": \"any\"}, \"timeout\": \"2s\"}",
                "{\"at\": \"1ms\", \"do\": \"heal\"}"), null);
        assertEquals(ScenarioRunner.Outcome.LATE, r.steps().get(1).outcome());
    }

    @Test
    void untilStopsTheRunAndSkipsLaterSteps() throws ScenarioException {
        String text = ScenarioLoaderTest.raft("{\"at\": \"1s\", \"do\": \"crash\", \"node\": \"s1\"}",
                "{\"at\": \"3s\", \"do\": \"restart\", \"node\": \"s1\"}");
        ScenarioRunner.Result r = run(text, 2_000_000L);
        assertEquals(1, r.steps().size());
        assertEquals(2_000_000, r.endMicros());
        assertEquals(2_000_000, r.simulation().nowMicros());
        assertEquals(3_000_000, run(text, null).endMicros());
        assertEquals(7_000_000, run(text.replace("\"seed\": 5", "\"seed\": 5, \"end\": \"7s\""), null).endMicros());
    }

    @Test
    void crashingTheLeaderRecordsWhichServerItWas() throws ScenarioException {
        ScenarioRunner.Result r = run(ScenarioLoaderTest.raft(
                "{\"do\": \"wait\", \"until\": {\"leader\": \"any\"}, \"timeout\": \"2s\"}",
                "{\"do\": \"crash\", \"node\": \"leader\"}", "{\"do\": \"expect\", \"that\": {\"leader\": \"none\"}}"),
                null);
        String leader = r.steps().get(0).detail().replaceAll("the leader is (s[0-9]+).*", "$1");
        assertEquals(new ScenarioAction.Crash(leader), r.actions().get(r.actions().size() - 1).action());
        assertTrue(r.ok());
    }

    @Test
    void conditionsReadTheEnginesRealState() throws ScenarioException {
        // Chord: a placed ring is ideal at once; a stored key sits at its successor.
        ScenarioRunner.Result chord = run("{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": \"chord\","
                + "\"parameters\": {\"bits\": 8}, \"timeline\": ["
                + "{\"do\": \"ring\", \"nodes\": [\"a\", \"b\", \"c\", \"d\"]},"
                + "{\"do\": \"expect\", \"that\": {\"ideal\": true}},"
                + "{\"do\": \"store\", \"from\": \"a\", \"key\": \"pear\", \"value\": \"green\"},"
                + "{\"after\": \"1s\", \"do\": \"expect\", \"that\": {\"holder\": {\"key\": \"pear\", \"node\": \"responsible\"}}},"
                + "{\"do\": \"expect\", \"that\": {\"not\": {\"holder\": {\"key\": \"pear\", \"node\": \"a\"}}}},"
                + "{\"do\": \"expect\", \"that\": {\"lookup\": {\"key\": \"pear\", \"hops\": {\"atMost\": 2}}}}]}", null);
        ChordDriver d = (ChordDriver) chord.driver();
        String responsible = d.ring().responsibleFor(d.ring().keyId("pear")).address().name();
        boolean aHolds = responsible.equals("a");
        assertEquals(ScenarioRunner.Outcome.HELD, chord.steps().get(3).outcome());
        assertEquals(aHolds ? ScenarioRunner.Outcome.FAILED : ScenarioRunner.Outcome.HELD,
                chord.steps().get(4).outcome());
        assertEquals(ScenarioRunner.Outcome.HELD, chord.steps().get(5).outcome());

        // Clocks: a clock set 40 ms ahead is that far off, and Cristian brings it back.
        ScenarioRunner.Result clocks = run("{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": \"clocks\","
                + "\"parameters\": {\"pollInterval\": \"10s\"}, \"timeline\": ["
                + "{\"do\": \"reference\"}, {\"do\": \"add\", \"skew\": 0, \"offset\": \"40ms\"},"
                + "{\"do\": \"expect\", \"that\": {\"offset\": {\"node\": \"n1\", \"equals\": \"40ms\"}}},"
                + "{\"do\": \"algorithm\", \"name\": \"cristian\", \"server\": \"ref\"},"
                + "{\"after\": \"30s\", \"do\": \"expect\", \"that\": {\"maxOffset\": {\"atMost\": \"1ms\"}}}]}", null);
        assertTrue(clocks.ok(), () -> clocks.steps().toString());
    }
}
