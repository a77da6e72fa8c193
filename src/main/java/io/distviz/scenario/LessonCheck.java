package io.distviz.scenario;

import io.distviz.sim.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays a lesson headless, as a student who does what each step asks: runs every step's actions, checks that
 * every expectation holds, that every "click the node" question has a right answer at that moment, and that
 * every step can end (its condition comes, the student's action is accepted). {@code lesson FILE --check} and
 * the build run it over every lesson file.
 */
public final class LessonCheck {
    private LessonCheck() {
    }

    /** What went wrong, each with the step's path; empty when the lesson plays through. */
    public static List<Problem> check(Lesson lesson, String file) {
        List<Problem> problems = new ArrayList<>();
        ProtocolDriver driver = ProtocolDriver.create(lesson.settings());
        for (Lesson.LessonStep step : lesson.steps()) {
            ScenarioRunner.Result r = ScenarioRunner.runSteps(lesson.settings(), driver, step.actions());
            for (ScenarioRunner.StepResult s : r.steps()) {
                if (s.failed()) {
                    problems.add(new Problem(file, s.step().path(), s.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + " at " + Durations.seconds(s.timeMicros()) + ": " + s.what()
                            + (s.detail().isEmpty() ? "" : " — " + s.detail())));
                }
            }
            if (r.steps().size() < step.actions().size()
                    || r.steps().stream().anyMatch(x -> x.failed() && !x.isExpectation())) {
                return problems; // the step's actions stopped: what follows would only repeat the failure
            }
            if (step.question() instanceof Lesson.ClickNode c) {
                List<String> answers = driver.answer(c.answer());
                if (answers.isEmpty()) {
                    problems.add(new Problem(file, step.path() + ".question", "no node is " + c.answer().describe()
                            + " at this moment (" + Durations.seconds(driver.simulation().nowMicros()) + ")"));
                }
            }
            String failure = advance(step.advance(), driver);
            if (failure != null) {
                problems.add(new Problem(file, step.path() + ".advance", failure));
                return problems;
            }
        }
        return problems;
    }

    /**
     * Ends a step as the student would (time passes, a condition comes, the student's action is applied
     * straight to the driver); returns why it cannot end, or null.
     */
    public static String advance(Lesson.Advance advance, ProtocolDriver driver) {
        var sim = driver.simulation();
        if (advance instanceof Lesson.After a) {
            run(driver, sim.nowMicros() + a.micros(), null);
        } else if (advance instanceof Lesson.When w) {
            Verdict[] last = new Verdict[1];
            java.util.function.BooleanSupplier holds = () -> (last[0] = driver.evaluate(w.condition())).holds();
            if (!holds.getAsBoolean() && !run(driver, sim.nowMicros() + w.timeoutMicros(), holds)) {
                return "the step waits until " + w.condition().describe() + ", which still does not hold after "
                        + Durations.formatMicros(w.timeoutMicros()) + ": " + last[0].detail();
            }
        } else if (advance instanceof Lesson.StudentDoes d) {
            try {
                driver.apply(d.action());
            } catch (IllegalArgumentException | IllegalStateException e) {
                return "the step asks the student to " + ScenarioRunner.what(d.action())
                        + ", which the engine would refuse: " + e.getMessage();
            }
        }
        return null;
    }

    /** Runs to {@code target}, or until {@code stop} holds; true when {@code stop} held. */
    private static boolean run(ProtocolDriver driver, long target, java.util.function.BooleanSupplier stop) {
        var sim = driver.simulation();
        java.util.function.BooleanSupplier check = () -> {
            if (driver.watchesEvents()) {
                driver.betweenEvents();
            }
            return stop != null && stop.getAsBoolean();
        };
        while (true) {
            RunResult r = sim.runUntil(check, target);
            if (r.stop() == RunResult.Stop.CONDITION_MET) {
                return true;
            }
            if (r.stop() != RunResult.Stop.EVENT_LIMIT) {
                return false;
            }
        }
    }
}
