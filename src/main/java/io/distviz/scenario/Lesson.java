package io.distviz.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A guided lesson (format {@value #FORMAT}, docs/LESSONS.md): a scenario's header (protocol, parameters,
 * network, seed) and metadata, then steps. A step narrates, runs actions on the engine when it starts, points
 * at things on screen, says when the student may go on, and may ask a question whose right answer the engine's
 * state gives at that moment.
 *
 * @param settings the engine's protocol, parameters, network and seed (the timeline is empty)
 */
public record Lesson(String id, String title, Scenario.Protocol protocol, Level level, int minutes,
                     List<String> learn, Scenario settings, List<LessonStep> steps) {

    public static final String FORMAT = "distviz-lesson";
    public static final int VERSION = 1;

    public Lesson {
        Objects.requireNonNull(id, "id");
        learn = List.copyOf(learn);
        steps = List.copyOf(steps);
    }

    public enum Level {
        BEGINNER, INTERMEDIATE, ADVANCED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One step.
     *
     * @param text       paragraphs; {@code **bold**} and {@code `code`} inside, a paragraph starting "- " is a
     *                   list item
     * @param actions    timeline entries run when the step starts (waits and expectations allowed)
     * @param highlights what the page should point at
     * @param free       "try it yourself": the page's controls are free during this step
     */
    public record LessonStep(String path, String title, List<String> text, List<Step> actions,
                             List<Highlight> highlights, Advance advance, Question question, String hint,
                             boolean free) {
        public LessonStep {
            text = List.copyOf(text);
            actions = List.copyOf(actions);
            highlights = List.copyOf(highlights);
            Objects.requireNonNull(advance, "advance");
        }
    }

    /** Something on screen to point at: a node, a message kind, a finger row, a key, a chart or panel. */
    public record Highlight(String kind, String target) {
    }

    /** When the student may go on from a step. */
    public sealed interface Advance permits OnNext, After, When, StudentDoes {
    }

    /** When they press Next. */
    public record OnNext() implements Advance {
    }

    /** After this much virtual time (Next is offered then). */
    public record After(long micros) implements Advance {
    }

    /** When the condition holds in the engine (checked as it runs); the timeout is for checking headless. */
    public record When(Condition condition, long timeoutMicros) implements Advance {
    }

    /**
     * When the student does this: "kill the leader" is {@code crash} of {@code leader}. The action's other
     * fields, when given, must match too. Headless, the checker does it for the student.
     */
    public record StudentDoes(ScenarioAction action) implements Advance {
    }

    /** A question to answer before going on; feedback explains. */
    public sealed interface Question permits Choice, ClickNode {
        String prompt();

        String explain();
    }

    /** Multiple choice; {@code answer} is the index of the right option. */
    public record Choice(String prompt, List<String> options, int answer, String explain) implements Question {
        public Choice {
            options = List.copyOf(options);
        }
    }

    /** "Click the node that...": the right node is whatever the engine says at that moment. */
    public record ClickNode(String prompt, NodeQuery answer, String explain) implements Question {
    }
}
