package io.distviz.scenario;

import io.distviz.raft.KvCommand;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioLoaderTest {

    /** A Raft scenario with {@code steps} as its timeline (each a JSON object). */
    static String raft(String... steps) {
        return "{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": \"raft\", \"seed\": 5,\n"
                + " \"parameters\": {\"servers\": 3},\n \"timeline\": [\n" + String.join(",\n", steps) + "\n]}";
    }

    static List<Problem> problems(String text) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(text, "t.json"));
        return e.problems();
    }

    static Problem only(String text) {
        List<Problem> p = problems(text);
        assertEquals(1, p.size(), () -> "expected one problem, got " + p);
        return p.get(0);
    }

    @Test
    void readsEveryPartOfAScenario() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(raft(
                "{\"do\": \"wait\", \"until\": {\"leader\": \"any\"}, \"timeout\": \"2s\"}",
                "{\"at\": \"3s\", \"do\": \"put\", \"key\": \"x\", \"value\": \"1\", \"server\": \"s2\"}",
                "{\"after\": 250, \"do\": \"crash\", \"node\": \"s3\"}",
                "{\"do\": \"get\", \"client\": \"c1\", \"key\": \"x\"}",
                "{\"do\": \"expect\", \"that\": {\"committed\": {\"index\": 2, \"on\": [\"s1\", \"s2\"]}}}"),
                "t.json");
        assertEquals(Scenario.Protocol.RAFT, s.protocol());
        assertEquals(5, s.seed());
        assertEquals(3, ((Scenario.RaftSetup) s.setup()).servers());
        assertEquals(5, s.timeline().size());
        Step put = s.timeline().get(1);
        assertEquals(Step.Timing.at(3_000_000), put.timing());
        assertEquals(new ScenarioAction.RaftRequest(null, "s2", KvCommand.put("x", "1")),
                ((Step.Perform) put.instruction()).action());
        assertEquals("$.timeline[1]", put.path());
        // A bare number is milliseconds.
        assertEquals(Step.Timing.after(250_000), s.timeline().get(2).timing());
        // The put's new client is c1, so the get through c1 is known.
        assertEquals(new ScenarioAction.RaftRequest("c1", null, KvCommand.get("x")),
                ((Step.Perform) s.timeline().get(3).instruction()).action());
        Condition c = ((Step.Expect) s.timeline().get(4).instruction()).condition();
        assertEquals(new Condition.Committed(2L, null, null,
                new Condition.Scope(Condition.Scope.Kind.LISTED, List.of("s1", "s2"))), c);
    }

    @Test
    void anUnknownActionIsNamedWithTheActionsThereAre() {
        Problem p = only(raft("{\"do\": \"explode\", \"node\": \"s1\"}"));
        assertEquals("$.timeline[0].do", p.path());
        assertTrue(p.message().contains("unknown action \"explode\""), p.message());
        assertTrue(p.message().contains("crash") && p.message().contains("timeout"), p.message());
    }

    @Test
    void aWrongTypeSaysWhatWasExpectedAndWhatWasFound() {
        Problem p = only(raft("{\"do\": \"crash\", \"node\": 3}"));
        assertEquals("$.timeline[0].node", p.path());
        assertTrue(p.message().contains("expected a string") && p.message().contains("the number 3"), p.message());
    }

    @Test
    void aValueOutOfRangeGivesTheRange() {
        String text = raft().replace("\"servers\": 3", "\"servers\": 12");
        Problem p = only(text);
        assertEquals("$.parameters.servers", p.path());
        assertTrue(p.message().contains("12 is out of range; expected 1 to 9"), p.message());
    }

    @Test
    void aNodeThatDoesNotExistYetIsCaughtBeforeAnythingRuns() {
        Problem p = only(raft("{\"do\": \"crash\", \"node\": \"s4\"}", "{\"do\": \"add\"}",
                "{\"do\": \"crash\", \"node\": \"s4\"}"));
        assertEquals("$.timeline[0].node", p.path());
        assertTrue(p.message().contains("no node named \"s4\"") && p.message().contains("s1, s2, s3"), p.message());
    }

    @Test
    void timeGoingBackwardsIsAProblem() {
        Problem p = only(raft("{\"at\": \"2s\", \"do\": \"heal\"}", "{\"at\": \"1s\", \"do\": \"heal\"}"));
        assertEquals("$.timeline[1].at", p.path());
        assertTrue(p.message().contains("time goes backwards") && p.message().contains("$.timeline[0]"),
                p.message());
    }

    @Test
    void aWaitUntilLeavesTheClockUncertainSoOnlyTheEarliestTimeBinds() throws ScenarioException {
        // The wait may end anywhere in [0, 5 s]: "at 1s" after it is legal (the runner reports it if late)...
        ScenarioLoader.parse(raft("{\"do\": \"wait\", \"until\": {\"leader\": \"any\"}, \"timeout\": \"5s\"}",
                "{\"at\": \"1s\", \"do\": \"heal\"}"), "t.json");
        // ...but a fixed wait of 2 s is certain.
        Problem p = only(raft("{\"do\": \"wait\", \"for\": \"2s\"}", "{\"at\": \"1s\", \"do\": \"heal\"}"));
        assertEquals("$.timeline[1].at", p.path());
    }

    @Test
    void unknownFieldsAreNotIgnored() {
        Problem p = only(raft("{\"do\": \"crash\", \"nod\": \"s1\", \"node\": \"s1\"}"));
        assertEquals("$.timeline[0].nod", p.path());
        assertTrue(p.message().contains("unknown field \"nod\""), p.message());
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        List<Problem> p = problems(raft(
                "{\"do\": \"crash\", \"node\": \"zz\"}",
                "{\"do\": \"put\", \"key\": \"x\"}",
                "{\"at\": \"-1s\", \"do\": \"heal\"}",
                "{\"do\": \"expect\", \"that\": {\"leader\": \"s9\"}}",
                "{\"do\": \"expect\", \"that\": {\"maxOffset\": {\"atMost\": \"1ms\"}}}"));
        String paths = p.stream().map(Problem::path).collect(Collectors.joining(" "));
        assertEquals("$.timeline[0].node $.timeline[1].value $.timeline[2].at $.timeline[3].that.leader "
                + "$.timeline[4].that.maxOffset", paths);
        assertTrue(p.get(4).message().contains("unknown condition \"maxOffset\" in a raft scenario"));
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        Problem p = only("{\"format\": \"distviz-scenario\",\n \"version\": 1,\n \"protocol\": raft}");
        assertTrue(p.message().startsWith("not valid JSON") && p.message().contains("line 3"), p.message());
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        Problem p = only(raft("{\"do\": \"crash\", \"node\": \"s1\", \"node\": \"s2\"}"));
        assertTrue(p.message().contains("\"node\" appears twice"), p.message());
    }

    @Test
    void truncatedAndEmptyFilesAreRefused() {
        String full = raft("{\"do\": \"heal\"}");
        assertTrue(only(full.substring(0, full.length() / 2)).message().startsWith("not valid JSON"));
        assertTrue(only(full.substring(0, full.length() - 2)).message().contains("ends in the middle"));
        assertTrue(only("").message().contains("empty"));
        assertTrue(only("[1, 2]").message().contains("expected a JSON object"));
    }

    @Test
    void theFormatAndVersionAreChecked() {
        assertTrue(only(raft().replace("distviz-scenario", "distviz-lesson")).message()
                .contains("\"distviz-lesson\" file, not a scenario"));
        assertTrue(only(raft().replace("\"version\": 1", "\"version\": 2")).message().contains("newer DistViz"));
    }

    @Test
    void parametersThatDoNotFitTogetherAreReportedWithTheEnginesReason() {
        Problem p = only(raft().replace("\"servers\": 3", "\"servers\": 3, \"heartbeat\": \"400ms\""));
        assertEquals("$.parameters", p.path());
        assertTrue(p.message().contains("heartbeat"), p.message());
    }

    @Test
    void chordNamesAreWhateverTheAuthorChoosesButMustBeAddedFirst() throws ScenarioException {
        String base = "{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": \"chord\", \"timeline\": [%s]}";
        Scenario s = ScenarioLoader.parse(String.format(base, "{\"do\": \"add\", \"node\": \"a\", \"id\": 7},"
                + "{\"do\": \"lookup\", \"from\": \"a\", \"key\": \"k\"}"), "c.json");
        assertEquals(new ScenarioAction.ChordAdd("a", 7L, null),
                ((Step.Perform) s.timeline().get(0).instruction()).action());
        Problem p = only(String.format(base, "{\"do\": \"lookup\", \"from\": \"a\", \"key\": \"k\"}"));
        assertTrue(p.message().contains("there is none yet"), p.message());
        Problem ring = only(String.format(base, "{\"do\": \"add\", \"node\": \"a\"},{\"do\": \"ring\", \"nodes\": [\"b\"]}"));
        assertTrue(ring.message().contains("before any node is added"), ring.message());
    }

    @Test
    void clockActionsReadExactFigures() throws ScenarioException {
        Scenario s = ScenarioLoader.parse("{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": "
                + "\"clocks\", \"timeline\": [{\"do\": \"add\", \"skew\": 12.5, \"offset\": \"-3ms\"},"
                + "{\"do\": \"reference\", \"kind\": \"atomic\"}, {\"do\": \"skew\", \"node\": \"n1\", \"ppm\": -0.000001},"
                + "{\"do\": \"algorithm\", \"name\": \"ntp\", \"servers\": {\"n1\": [\"ref\"]}}]}", "k.json");
        assertEquals(new ScenarioAction.ClockAdd(null, 12_500_000L, -3_000_000L), action(s, 0));
        assertEquals(new ScenarioAction.ClockAddReference("atomic"), action(s, 1));
        assertEquals(new ScenarioAction.ClockSetSkew("n1", -1L), action(s, 2));
        assertInstanceOf(ScenarioAction.ClockAlgorithm.class, action(s, 3));
        Problem p = only("{\"format\": \"distviz-scenario\", \"version\": 1, \"protocol\": \"clocks\", \"timeline\": "
                + "[{\"do\": \"add\"}, {\"do\": \"skew\", \"node\": \"n1\", \"ppm\": 0.0000001}]}");
        assertTrue(p.message().contains("finer than a part per trillion"), p.message());
    }

    @Test
    void leaderStandsForTheCurrentLeaderOnlyInARaftCrash() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(raft("{\"do\": \"crash\", \"node\": \"leader\"}"), "t.json");
        assertEquals(new ScenarioAction.Crash("leader"), action(s, 0));
        assertEquals("$.timeline[0].node", only(raft("{\"do\": \"restart\", \"node\": \"leader\"}")).path());
    }

    @Test
    void theEndIsOptional() throws ScenarioException {
        assertNull(ScenarioLoader.parse(raft(), "t.json").endMicros());
        assertEquals(90_000_000L, ScenarioLoader.parse(raft().replace("\"seed\": 5", "\"seed\": 5, \"end\": \"90s\""),
                "t.json").endMicros());
    }

    private static ScenarioAction action(Scenario s, int i) {
        return ((Step.Perform) s.timeline().get(i).instruction()).action();
    }
}
