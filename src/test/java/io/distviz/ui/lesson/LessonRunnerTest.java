package io.distviz.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.scenario.ChordDriver;
import io.distviz.scenario.ClockDriver;
import io.distviz.scenario.Lesson;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.scenario.RaftDriver;
import io.distviz.scenario.Scenario;
import io.distviz.sim.RunResult;
import io.distviz.sim.Simulation;
import io.distviz.ui.AppShell;
import io.distviz.ui.DistVizApp;
import io.distviz.ui.Page;
import io.distviz.ui.engine.EngineModel;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.raft.RaftPage;
import io.distviz.ui.theme.Appearance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lesson runner in the app, headless: a student goes through one lesson per protocol with Next, Back
 * returns the simulation to exactly where each step began, and a wrong answer gets feedback.
 */
@ExtendWith(ApplicationExtension.class)
class LessonRunnerTest {
    private AppShell shell;
    private LessonsPage lessons;
    private LessonProgress progress;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        progress = LessonProgress.inMemory();
        List<Page> pages = DistVizApp.defaultPages(appearance, id -> shell.show(id), progress);
        shell = new AppShell(pages, appearance);
        lessons = (LessonsPage) shell.page(LessonsPage.ID);
        shell.install(stage);
        stage.show();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    private static Lesson testLesson(String file) {
        LessonLibrary.Entry e = LessonLibrary.fromDirectory(Path.of("src/test/resources/lessons-test")).stream()
                .filter(x -> x.file().equals(file)).findFirst().orElseThrow();
        assertNull(e.error(), file);
        return e.lesson();
    }

    private Lesson bundled(String id) {
        return lessons.entries().stream().filter(e -> !e.broken() && e.lesson().id().equals(id)).findFirst()
                .orElseThrow().lesson();
    }

    /** What the student sees of the run: the trace, the clock, and every node's state. */
    private record State(String traceHash, long timeMicros, long events, String nodes, int actions) {
    }

    private static State state(EngineModel m) {
        ProtocolDriver d = m.driver();
        Object nodes = d instanceof RaftDriver r ? r.cluster().states()
                : d instanceof ChordDriver c ? c.ring().states() : ((ClockDriver) d).network().states();
        Simulation sim = m.simulation();
        return new State(sim.trace().hash(), sim.nowMicros(), sim.eventsProcessed(), nodes.toString(),
                m.actions().size());
    }

    /** Goes through the whole lesson with Next, then back to the start with Back, checking every state. */
    private void playThrough(FxRobot robot, Lesson lesson) throws TimeoutException {
        LessonRun[] holder = new LessonRun[1];
        robot.interact(() -> holder[0] = lessons.dock().start(lesson));
        LessonRun run = holder[0];
        EnginePage page = lessons.dock().page(lesson.protocol());
        assertEquals(lesson.protocol().word(), shell.currentPageProperty().get().id(), "the lesson's page shows");
        assertTrue(robot.lookup("#lesson-panel").tryQuery().isPresent());
        assertEquals(LessonProgress.Status.IN_PROGRESS, progress.status(lesson.id()));
        List<State> atStart = new ArrayList<>();
        int n = lesson.steps().size();
        for (int i = 0; i < n; i++) {
            assertEquals(i, run.stepIndexProperty().get());
            assertEquals("Step " + (i + 1) + " of " + n, robot.lookup("#lesson-progress").queryAs(Label.class)
                    .getText().split("  ·")[0]);
            assertNull(run.problemProperty().get(), "the lesson's own actions worked");
            atStart.add(state(run.model()));
            LessonStudent.answer(robot, run);
            robot.interact(() -> LessonStudent.satisfy(run));
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled(), "step " + i + " may end");
            robot.clickOn("#lesson-next");
        }
        assertTrue(run.finishedProperty().get());
        assertEquals(LessonProgress.Status.DONE, progress.status(lesson.id()));
        robot.clickOn("#lesson-back"); // from "well done" back to the last step, as it is
        for (int i = n - 1; i > 0; i--) {
            robot.clickOn("#lesson-back");
            assertEquals(i - 1, run.stepIndexProperty().get());
            assertEquals(atStart.get(i - 1), state(run.model()), "Back to step " + i + " restores its start");
        }
        assertTrue(robot.lookup("#lesson-back").queryAs(Button.class).isDisabled());
        // Going on again after Back reaches the same state as the first time: the run is deterministic.
        LessonStudent.answer(robot, run);
        robot.interact(() -> LessonStudent.satisfy(run));
        robot.clickOn("#lesson-next");
        assertEquals(atStart.get(1), state(run.model()));
        robot.clickOn("#lesson-close");
        assertTrue(robot.lookup("#lesson-panel").tryQuery().isEmpty(), "closing takes the panel away");
        assertEquals(LessonProgress.Status.DONE, progress.status(lesson.id()), "done stays done");
    }

    @Test
    void aStudentGoesThroughTheRaftLessonAndBack(FxRobot robot) throws TimeoutException {
        Scenario freePlay = ((RaftPage) shell.page("raft")).model().settings();
        playThrough(robot, bundled("raft-leader-election"));
        assertEquals(freePlay, ((RaftPage) shell.page("raft")).model().settings(),
                "closing the lesson gives the page its own settings and seed back");
    }

    @Test
    void aStudentGoesThroughAChordLessonAndBack(FxRobot robot) throws TimeoutException {
        playThrough(robot, bundled("chord-identifier-circle"));
    }

    @Test
    void aStudentGoesThroughAClocksLessonAndBack(FxRobot robot) throws TimeoutException {
        playThrough(robot, bundled("clocks-why-clocks-drift"));
    }

    @Test
    void aWrongClickGetsFeedbackAndTheRightOneIsComputedByTheEngine(FxRobot robot) throws TimeoutException {
        Lesson lesson = bundled("raft-leader-election");
        robot.clickOn("#nav-lessons");
        // With the whole course bundled, its card may be scrolled out of view: press the picker's own button.
        javafx.scene.control.Button start = robot.lookup("#lesson-start-" + lesson.id())
                .queryAs(javafx.scene.control.Button.class);
        robot.interact(start::fire);
        LessonRun run = lessons.dock().run();
        assertNotNull(run);
        RaftPage page = (RaftPage) shell.page("raft");
        waitUntil(() -> page.drawing() != null && page.drawing().servers().size() == 5);
        List<String> right = run.model().driver().answer(((Lesson.ClickNode) run.step().question()).answer());
        String wrong = page.drawing().servers().stream().map(s -> s.name()).filter(s -> !right.contains(s))
                .findFirst().orElseThrow();
        clickServer(robot, page, wrong);
        assertEquals(LessonRun.Feedback.WRONG, run.feedbackProperty().get());
        assertTrue(robot.lookup("#lesson-feedback").queryAs(Label.class).getText().startsWith("Not " + wrong));
        assertTrue(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled(), "a wrong answer does not go on");
        assertTrue(robot.lookup(".context-menu").tryQuery().isEmpty(), "the click answered, no server menu opened");
        clickServer(robot, page, right.get(0));
        assertEquals(LessonRun.Feedback.RIGHT, run.feedbackProperty().get());
        assertFalse(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled());
        assertEquals(1, run.wrongAnswers());
    }

    @Test
    void aWrongChoiceGetsFeedbackAndTheAnswerCanBeShown(FxRobot robot) {
        Lesson lesson = testLesson("clocks-test-drift.json");
        robot.interact(() -> lessons.dock().start(lesson));
        robot.clickOn("#lesson-next");
        robot.clickOn("#lesson-option-0");
        LessonRun run = lessons.dock().run();
        assertEquals(LessonRun.Feedback.WRONG, run.feedbackProperty().get());
        assertTrue(robot.lookup("#lesson-feedback").queryAs(Label.class).getText().startsWith("Not quite"));
        assertTrue(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled());
        robot.clickOn("#lesson-show-answer");
        assertEquals(LessonRun.Feedback.SHOWN, run.feedbackProperty().get());
        assertTrue(run.feedbackTextProperty().get().contains("Quartz clocks drift"));
        assertFalse(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled());
    }

    @Test
    void theStudentsActionEndsTheStepOnlyWhenItIsTheOneAskedFor(FxRobot robot) {
        Lesson lesson = bundled("raft-leader-election");
        robot.interact(() -> lessons.dock().start(lesson));
        LessonRun run = lessons.dock().run();
        for (int i = 0; i < 3; i++) {
            LessonStudent.answer(robot, run);
            robot.interact(() -> {
                LessonStudent.satisfy(run);
                run.next();
            });
        }
        assertTrue(run.step().advance() instanceof Lesson.StudentDoes);
        String leader = run.model().driver().answer(new io.distviz.scenario.NodeQuery.Leader()).get(0);
        String follower = List.of("s1", "s2", "s3", "s4", "s5").stream().filter(s -> !s.equals(leader))
                .findFirst().orElseThrow();
        robot.interact(() -> run.model().perform(new io.distviz.scenario.ScenarioAction.Crash(follower)));
        assertFalse(run.advanceMetProperty().get(), "crashing a follower is not what was asked");
        robot.interact(() -> run.model().perform(new io.distviz.scenario.ScenarioAction.Crash(leader)));
        assertTrue(run.advanceMetProperty().get(), "crashing the leader is");
    }

    @Test
    void thePickerShowsStatusAndABrokenFileWithItsError(FxRobot robot) {
        robot.clickOn("#nav-lessons");
        assertTrue(robot.lookup("#lesson-card-raft-leader-election").tryQuery().isPresent());
        assertEquals("Not started", robot.lookup("#lesson-status-raft-leader-election").queryAs(Label.class)
                .getText());
        robot.interact(() -> progress.reached("raft-leader-election", 2));
        assertEquals("In progress", robot.lookup("#lesson-status-raft-leader-election").queryAs(Label.class)
                .getText());

        List<LessonLibrary.Entry> entries = new ArrayList<>(LessonLibrary.fromDirectory(
                Path.of("src/test/resources/lessons-test")));
        LessonsPage page = new LessonsPage(entries, lessons.dock());
        assertTrue(entries.stream().anyMatch(e -> e.broken() && e.error().contains("level")));
        assertEquals(2, entries.stream().filter(e -> !e.broken()).count(), "the others still load");
        assertNotNull(((javafx.scene.control.ScrollPane) page.view()).getContent().lookup("#lessons-broken"),
                "the broken file has its own card");
    }

    private static void clickServer(FxRobot robot, RaftPage page, String name) {
        var s = page.drawing().server(name).orElseThrow();
        Point2D p = page.canvasPane().localToScreen(s.x(), s.y());
        robot.clickOn(p);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aLessonInProgressContinuesWhereTheStudentLeftItInTheSameState(FxRobot robot) {
        Lesson lesson = bundled("raft-leader-election");
        // Through the steps with Next, remembering the state at the start of step 4.
        robot.interact(() -> lessons.dock().start(lesson));
        LessonRun run = lessons.dock().run();
        for (int i = 0; i < 3; i++) {
            LessonStudent.answer(robot, run);
            robot.interact(() -> {
                LessonStudent.satisfy(run);
                run.next();
            });
        }
        assertEquals(3, run.stepIndexProperty().get());
        State stepFour = state(run.model());
        assertEquals(3, progress.stepReached(lesson.id()));
        robot.interact(() -> {
            lessons.dock().close();
            shell.show(LessonsPage.ID);
        });
        // The picker offers to continue there, and continuing gives the same run.
        javafx.scene.control.Button cont = robot.lookup("#lesson-start-" + lesson.id())
                .queryAs(javafx.scene.control.Button.class);
        assertEquals("Continue at step 4", cont.getText());
        robot.interact(cont::fire);
        LessonRun resumed = lessons.dock().run();
        assertEquals(3, resumed.stepIndexProperty().get());
        assertNull(resumed.problemProperty().get());
        assertEquals(stepFour, state(resumed.model()));
        // Back still goes to step 3's start.
        robot.interact(resumed::back);
        assertEquals(2, resumed.stepIndexProperty().get());
    }
}
