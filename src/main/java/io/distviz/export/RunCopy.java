package io.distviz.export;

import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.sim.TraceEvent;

import java.util.List;

/**
 * A run as it stood at one moment: the scenario's header, the actions as applied, the time reached and the
 * events. The app's simulation keeps running while a large trace is written on another thread, so the
 * writer gets this copy rather than the live trace. Events are immutable, so copying the list is enough.
 */
public record RunCopy(Scenario scenario, List<ScenarioRunner.PerformedAction> actions, long endMicros,
                      List<TraceEvent> events) {
    public RunCopy {
        actions = List.copyOf(actions);
        events = List.copyOf(events);
    }

    /** Copies {@code run}; call it on the thread that runs the simulation. */
    public static RunCopy of(ScenarioRunner.Result run) {
        return new RunCopy(run.scenario(), run.actions(), run.endMicros(), run.simulation().trace().events());
    }
}
