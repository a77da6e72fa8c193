package io.distviz.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a run into a scenario: the run's protocol, parameters, network and seed, then every action it took
 * as a step {@code at} the virtual time it was taken, and the time the run had reached as its {@code end}.
 * {@link ScenarioJson} writes it and {@link ScenarioLoader} reads it back.
 *
 * <p>A scenario says when, not between which two events: {@link ScenarioRunner} runs every event due up to
 * and including a step's time before the step. So the scenario replays the run event for event when each
 * action was taken after everything due at its microsecond, as it is when the run was paused by the
 * toolbar. An action taken by stepping one event at a time, with more events due at that microsecond, comes
 * after them instead. A trace ({@link TraceFile}) keeps the exact point and checks a hash; a scenario is for
 * reading and editing.
 */
public final class ScenarioWriter {
    private ScenarioWriter() {
    }

    /**
     * The scenario of a run of {@code settings} (their timeline is ignored) that took {@code actions} and
     * reached {@code endMicros}. A title says what it is when the settings have none.
     */
    public static Scenario fromRun(Scenario settings, List<ScenarioRunner.PerformedAction> actions,
                                   long endMicros) {
        List<Step> timeline = new ArrayList<>();
        long last = 0;
        for (ScenarioRunner.PerformedAction a : actions) {
            if (a.timeMicros() < last) {
                throw new IllegalArgumentException("the actions go back in time: " + a.timeMicros() + " µs after "
                        + last + " µs");
            }
            last = a.timeMicros();
            // The loader names each step by its place in the file: the same names make the scenario read back equal.
            timeline.add(new Step("$.timeline[" + timeline.size() + "]", Step.Timing.at(a.timeMicros()),
                    new Step.Perform(a.action())));
        }
        if (endMicros < last) {
            throw new IllegalArgumentException("the run ends at " + endMicros + " µs, before its last action at "
                    + last + " µs");
        }
        String title = settings.title() != null ? settings.title()
                : capitalized(settings.protocol().word()) + " run saved from DistViz";
        String description = actions.size() + (actions.size() == 1 ? " action" : " actions")
                + " at the virtual times they were taken, then on to " + Durations.seconds(endMicros) + ".";
        return new Scenario(title, description, settings.protocol(), settings.seed(), settings.network(),
                settings.setup(), timeline, endMicros);
    }

    /** The scenario of {@code run} as a file's text. */
    public static String toText(ScenarioRunner.Result run) {
        return ScenarioJson.toText(fromRun(run.scenario(), run.actions(), run.endMicros()));
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
