package io.distviz.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonLoaderTest {

    static String lesson(String protocol, String steps) {
        return "{\"format\": \"distviz-lesson\", \"version\": 1, \"id\": \"t-lesson\", \"title\": \"T\", "
                + "\"protocol\": \"" + protocol + "\", \"level\": \"beginner\", \"minutes\": 5, \"learn\": [\"x\"], "
                + (protocol.equals("raft") ? "\"parameters\": {\"servers\": 3}, "
                : protocol.equals("chord") ? "\"parameters\": {\"bits\": 16}, " : "")
                + "\"steps\": [" + steps + "]}";
    }

    static List<Problem> problems(String text) {
        return assertThrows(ScenarioException.class, () -> LessonLoader.parse(text, "l.json")).problems();
    }

    @Test
    void readsStepsWithActionsAdvancesAndQuestions() throws ScenarioException {
        Lesson l = LessonLoader.parse(lesson("raft", "{\"title\": \"a\", \"text\": \"hello **there**\", "
                + "\"actions\": [{\"do\": \"timeout\", \"node\": \"s2\"}], \"advance\": {\"when\": {\"leader\": \"s2\"}, "
                + "\"timeout\": \"2s\"}, \"question\": {\"prompt\": \"who?\", \"click\": {\"firstTimeout\": \"now\"}}},"
                + "{\"title\": \"b\", \"text\": [\"p1\", \"- item\"], \"advance\": {\"student\": {\"do\": \"crash\", "
                + "\"node\": \"leader\"}}, \"highlight\": [{\"node\": \"s1\"}, {\"message\": \"RequestVote\"}]}"), "l.json");
        assertEquals(2, l.steps().size());
        assertInstanceOf(Lesson.When.class, l.steps().get(0).advance());
        assertEquals(new NodeQuery.FirstTimeout(), ((Lesson.ClickNode) l.steps().get(0).question()).answer());
        assertEquals(new Lesson.StudentDoes(new ScenarioAction.Crash("leader")), l.steps().get(1).advance());
        assertEquals(List.of("p1", "- item"), l.steps().get(1).text());
        assertEquals(new Lesson.OnNext(), LessonLoader.parse(lesson("raft", "{\"title\": \"a\", \"text\": \"x\"}"),
                "l.json").steps().get(0).advance());
    }

    @Test
    void problemsComeWithTheirPaths() {
        List<Problem> p = problems(lesson("raft", "{\"title\": \"a\", \"text\": \"x\", \"actions\": [{\"do\": "
                + "\"crash\", \"node\": \"s9\"}], \"question\": {\"prompt\": \"?\", \"options\": [\"only one\"], "
                + "\"answer\": 3}, \"highlight\": [{\"glow\": \"s1\"}]}"));
        String all = p.toString();
        assertTrue(all.contains("$.steps[0].actions[0].node: there is no node named \"s9\""), all);
        assertTrue(all.contains("$.steps[0].question.options: a multiple-choice question needs at least two"), all);
        assertTrue(all.contains("$.steps[0].highlight[0].glow: unknown highlight"), all);
    }

    @Test
    void aClickQuestionMustAskWhatTheProtocolCanAnswer() {
        Problem p = problems(lesson("chord", "{\"title\": \"a\", \"text\": \"x\", \"question\": {\"prompt\": \"?\", "
                + "\"click\": {\"leader\": \"now\"}}}")).get(0);
        assertEquals("$.steps[0].question.click", p.path());
        assertTrue(p.message().contains("responsible"), p.message());
    }

    @Test
    void theCheckCatchesAStepThatCannotEndAndAQuestionWithNoAnswer() throws ScenarioException {
        Lesson never = LessonLoader.parse(lesson("raft", "{\"title\": \"a\", \"text\": \"x\", \"advance\": {\"when\": "
                + "{\"term\": {\"atLeast\": 50}}, \"timeout\": \"1s\"}}"), "l.json");
        List<Problem> p = LessonCheck.check(never, "l.json");
        assertEquals(1, p.size());
        assertEquals("$.steps[0].advance", p.get(0).path());
        Lesson empty = LessonLoader.parse(lesson("chord", "{\"title\": \"a\", \"text\": \"x\", \"question\": "
                + "{\"prompt\": \"?\", \"click\": {\"responsible\": \"apple\"}}}"), "l.json");
        Problem q = LessonCheck.check(empty, "l.json").get(0);
        assertTrue(q.message().contains("no node is the node responsible for apple"), q.message());
    }

    @Test
    void theComputedAnswerIsTheEnginesAtThatMoment() throws ScenarioException {
        Lesson l = LessonLoader.parse(lesson("chord", "{\"title\": \"a\", \"text\": \"x\", \"actions\": "
                + "[{\"do\": \"ring\", \"nodes\": [\"a\", \"b\", \"c\", \"d\"]}], \"question\": {\"prompt\": \"?\", "
                + "\"click\": {\"responsible\": \"apple\"}}}"), "l.json");
        assertTrue(LessonCheck.check(l, "l.json").isEmpty());
        ProtocolDriver d = ProtocolDriver.create(l.settings());
        assertEquals(16, ((ChordDriver) d).ring().circle().bits());
        d.apply(new ScenarioAction.ChordRing(List.of("a", "b", "c", "d")));
        ChordDriver c = (ChordDriver) d;
        assertEquals(List.of(c.ring().responsibleFor(c.ring().keyId("apple")).address().name()),
                d.answer(new NodeQuery.Responsible("apple")));
    }

    @Test
    void theExampleInLessonsMdPlaysThrough() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "LESSONS.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("## A short, complete lesson\\n\\n```json\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(doc);
        assertTrue(m.find(), "LESSONS.md has its example");
        Lesson l = LessonLoader.parse(m.group(1), "LESSONS.md");
        assertEquals(List.of(), LessonCheck.check(l, "LESSONS.md"));
    }
}
