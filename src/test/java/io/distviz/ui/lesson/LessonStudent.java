package io.distviz.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.scenario.Lesson;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.sim.RunResult;
import io.distviz.ui.engine.EngineModel;
import java.util.function.BooleanSupplier;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A student who does what each lesson step asks, for the runner's tests. */
final class LessonStudent {
    private LessonStudent() {
    }

    /** Does what the step waits for, as a student pressing Play (or acting) would. */
    static void satisfy(LessonRun run) {
        EngineModel m = run.model();
        Lesson.Advance a = run.step().advance();
        if (a instanceof Lesson.StudentDoes d) {
            assertTrue(m.perform(d.action()), "the student's action: " + m.errorProperty().get());
            return;
        }
        long limit;
        BooleanSupplier stop;
        if (a instanceof Lesson.After after) {
            limit = run.checkpoints().get(run.checkpoints().size() - 1).timeMicros() + after.micros();
            stop = () -> false;
        } else if (a instanceof Lesson.When w) {
            limit = m.simulation().nowMicros() + w.timeoutMicros();
            stop = () -> m.driver().evaluate(w.condition()).holds();
        } else {
            return;
        }
        ProtocolDriver d = m.driver();
        while (true) {
            RunResult r = m.simulation().runUntil(() -> {
                if (d.watchesEvents()) {
                    d.betweenEvents();
                }
                return stop.getAsBoolean();
            }, limit);
            if (r.stop() != RunResult.Stop.EVENT_LIMIT) {
                break;
            }
        }
        m.session().publish();
        run.check();
    }

    /** Answers the step's question rightly, through the panel or the page as a student would. */
    static void answer(FxRobot robot, LessonRun run) {
        Lesson.Question q = run.step().question();
        if (q instanceof Lesson.Choice c) {
            // A long step can scroll its options below the panel's fold: press the option itself.
            javafx.scene.control.ButtonBase option = robot.lookup("#lesson-option-" + c.answer())
                    .queryAs(javafx.scene.control.ButtonBase.class);
            robot.interact(option::fire);
        } else if (q instanceof Lesson.ClickNode c) {
            String right = run.model().driver().answer(c.answer()).get(0);
            robot.interact(() -> assertTrue(run.pickNode(right)));
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(run.answeredProperty().get(), "answered: " + run.feedbackTextProperty().get());
    }

}
