package io.distviz.scenario;

import io.distviz.sim.RunResult;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs a scenario headless: builds the engine from the scenario's parameters, network and seed, then goes
 * through the timeline, letting virtual time run between steps, performing actions, waiting and checking
 * expectations. The same scenario and seed give the same trace, byte for byte.
 *
 * <p>An action the engine refuses, or a wait whose condition never comes, stops the run there: what follows
 * most likely depends on it. A failed expectation does not stop it.
 */
public final class ScenarioRunner {

    /**
     * @param seed        replaces the scenario's seed when not null
     * @param untilMicros stops the run at this virtual time when not null (later steps do not run)
     * @param config      the simulation's settings other than the seed and the network (checkpoints, retention)
     */
    public record Options(Long seed, Long untilMicros, SimConfig config) {
        public static Options defaults() {
            return new Options(null, null, null);
        }
    }

    /** What one step did. */
    public enum Outcome {
        /** An action was applied or a wait ended as asked. */
        DONE,
        /** An expectation held. */
        HELD,
        /** An expectation did not hold. */
        FAILED,
        /** The engine refused an action, so the run stopped. */
        REFUSED,
        /** A wait's condition did not hold by its timeout, so the run stopped. */
        TIMED_OUT,
        /** The step is at a time the run had already passed (after a wait), so the run stopped. */
        LATE
    }

    /**
     * @param timeMicros virtual time when the step ran (or when it was given up)
     * @param what       the step in a few words: {@code crash s1}, {@code expect the leader is s2}
     * @param detail     what the engine showed, or why it refused
     */
    public record StepResult(Step step, long timeMicros, Outcome outcome, String what, String detail) {
        public boolean failed() {
            return outcome != Outcome.DONE && outcome != Outcome.HELD;
        }

        public boolean isExpectation() {
            return step.instruction() instanceof Step.Expect;
        }
    }

    /** An action as it was applied: enough to replay it exactly between the same two events. */
    public record PerformedAction(long timeMicros, long eventsBefore, ScenarioAction action) {
    }

    public record Result(Scenario scenario, ProtocolDriver driver, List<StepResult> steps,
                         List<PerformedAction> actions, long endMicros) {
        public Result {
            steps = List.copyOf(steps);
            actions = List.copyOf(actions);
        }

        /** Every expectation held and nothing stopped the run. */
        public boolean ok() {
            return steps.stream().noneMatch(StepResult::failed);
        }

        public List<StepResult> expectations() {
            return steps.stream().filter(StepResult::isExpectation).toList();
        }

        public Simulation simulation() {
            return driver.simulation();
        }
    }

    /**
     * Told how far a long run has got, now and then, on the thread that runs it: for a progress bar. It may
     * throw an unchecked exception (a cancellation) to abandon the run; the exception comes out of
     * {@link #run(Scenario, Options, Watcher)}. It sees the run and cannot change it.
     */
    @FunctionalInterface
    public interface Watcher {
        /** Virtual time has reached {@code nowMicros}. */
        void reached(long nowMicros);
    }

    /** How many events run between two reports to a watcher. */
    static final int REPORT_EVERY_EVENTS = 4096;

    private ScenarioRunner() {
    }

    public static Result run(Scenario scenario, Options options) {
        return run(scenario, options, null);
    }

    /** Runs {@code scenario}, telling {@code watcher} (when not null) how far it got. */
    public static Result run(Scenario scenario, Options options, Watcher watcher) {
        Scenario s = options.seed() == null ? scenario : scenario.withSeed(options.seed());
        SimConfig base = options.config() == null ? SimConfig.seeded(s.seed()) : options.config();
        SimConfig config = new SimConfig(s.seed(), s.network(), base.checkpointEveryEvents(),
                base.checkpointEveryMicros(), base.maxEventsPerRun(), base.retainTrace());
        ProtocolDriver driver = ProtocolDriver.create(s, config);
        return new Run(s, driver, options.untilMicros(), watcher).go();
    }

    /**
     * Runs {@code steps} on a driver that is already running, from its current time: a lesson step's actions.
     * Returns what each step did and the actions applied; stops at the first refusal, timeout or late step.
     */
    public static Result runSteps(Scenario scenario, ProtocolDriver driver, List<Step> steps) {
        Run run = new Run(scenario.withTimeline(steps), driver, null, null);
        run.go();
        return new Result(scenario, driver, run.results, run.actions, driver.simulation().nowMicros());
    }

    /** One run's progress. */
    private static final class Run {
        final Scenario scenario;
        final ProtocolDriver driver;
        final Simulation sim;
        final Long until;
        final Watcher watcher;
        final List<StepResult> results = new ArrayList<>();
        final List<PerformedAction> actions = new ArrayList<>();
        long eventsSinceReport;

        Run(Scenario scenario, ProtocolDriver driver, Long until, Watcher watcher) {
            this.scenario = scenario;
            this.driver = driver;
            this.sim = driver.simulation();
            this.until = until;
            this.watcher = watcher;
        }

        Result go() {
            for (Step step : scenario.timeline()) {
                long target = step.timing().absolute() ? step.timing().micros()
                        : sim.nowMicros() + step.timing().micros();
                if (until != null && target > until) {
                    break;
                }
                if (target < sim.nowMicros()) {
                    results.add(new StepResult(step, sim.nowMicros(), Outcome.LATE, what(step), "the step is at "
                            + Durations.seconds(target) + " but the run was already at "
                            + Durations.seconds(sim.nowMicros()) + " after the wait before it"));
                    return finish(false);
                }
                advanceTo(target);
                if (!perform(step)) {
                    return finish(false);
                }
            }
            return finish(true);
        }

        private Result finish(boolean completed) {
            if (until != null) {
                if (until > sim.nowMicros()) {
                    advanceTo(until);
                }
            } else if (completed && scenario.endMicros() != null && scenario.endMicros() > sim.nowMicros()) {
                advanceTo(scenario.endMicros());
            }
            return new Result(scenario, driver, results, actions, sim.nowMicros());
        }

        /** Runs to {@code target}; false if {@code stop} held first (then time is at the event that made it). */
        private boolean advanceTo(long target, BooleanSupplier stop) {
            // A check that never holds runs the same events as runUntil(target): the watcher only looks.
            BooleanSupplier check = driver.watchesEvents() || watcher != null ? () -> {
                if (driver.watchesEvents()) {
                    driver.betweenEvents();
                }
                if (watcher != null && ++eventsSinceReport >= REPORT_EVERY_EVENTS) {
                    eventsSinceReport = 0;
                    watcher.reached(sim.nowMicros());
                }
                return stop != null && stop.getAsBoolean();
            } : stop;
            boolean reached = runTo(target, check);
            if (watcher != null) {
                watcher.reached(sim.nowMicros());
            }
            return reached;
        }

        private boolean runTo(long target, BooleanSupplier check) {
            while (true) {
                RunResult r = check == null ? sim.runUntil(target) : sim.runUntil(check, target);
                switch (r.stop()) {
                    case CONDITION_MET:
                        return false;
                    case EVENT_LIMIT:
                        continue;
                    default:
                        return true;
                }
            }
        }

        private void advanceTo(long target) {
            advanceTo(target, null);
        }

        private boolean perform(Step step) {
            Step.Instruction in = step.instruction();
            if (in instanceof Step.Perform p) {
                long eventsBefore = sim.eventsProcessed();
                ScenarioAction applied;
                try {
                    applied = driver.apply(p.action());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    results.add(new StepResult(step, sim.nowMicros(), Outcome.REFUSED, what(step), e.getMessage()));
                    return false;
                }
                actions.add(new PerformedAction(sim.nowMicros(), eventsBefore, applied));
                results.add(new StepResult(step, sim.nowMicros(), Outcome.DONE, what(step),
                        applied.equals(p.action()) ? "" : "that is " + what(applied)));
                return true;
            }
            if (in instanceof Step.WaitFor w) {
                long target = sim.nowMicros() + w.micros();
                if (until != null && target > until) {
                    return false;
                }
                advanceTo(target);
                results.add(new StepResult(step, sim.nowMicros(), Outcome.DONE, what(step), ""));
                return true;
            }
            if (in instanceof Step.WaitUntil w) {
                long limit = sim.nowMicros() + w.timeoutMicros();
                boolean cut = until != null && limit > until;
                if (cut) {
                    limit = until;
                }
                Verdict[] last = new Verdict[1];
                BooleanSupplier holds = () -> (last[0] = driver.evaluate(w.condition())).holds();
                boolean timedOut = !holds.getAsBoolean() && advanceTo(limit, holds);
                if (!timedOut) {
                    results.add(new StepResult(step, sim.nowMicros(), Outcome.DONE, what(step), last[0].detail()));
                    return true;
                }
                if (!cut) {
                    results.add(new StepResult(step, sim.nowMicros(), Outcome.TIMED_OUT, what(step),
                            "still not after " + Durations.formatMicros(w.timeoutMicros()) + ": "
                                    + last[0].detail()));
                }
                return false;
            }
            Step.Expect x = (Step.Expect) in;
            Verdict v = driver.evaluate(x.condition());
            results.add(new StepResult(step, sim.nowMicros(), v.holds() ? Outcome.HELD : Outcome.FAILED, what(step),
                    v.detail()));
            return true;
        }
    }

    /** A step in a few words, for results. */
    public static String what(Step step) {
        Step.Instruction in = step.instruction();
        if (in instanceof Step.Perform p) {
            return what(p.action());
        }
        if (in instanceof Step.WaitFor w) {
            return "wait " + Durations.formatMicros(w.micros());
        }
        if (in instanceof Step.WaitUntil w) {
            return "wait until " + w.condition().describe();
        }
        return "expect " + ((Step.Expect) in).condition().describe();
    }

    /** An action in a few words: {@code crash node=s1}. */
    public static String what(ScenarioAction action) {
        StringBuilder b = new StringBuilder(action.verb());
        action.toJson().entrySet().forEach(e -> {
            if (!e.getKey().equals("do")) {
                b.append(' ').append(e.getKey()).append('=').append(e.getValue().isJsonPrimitive()
                        ? e.getValue().getAsString() : e.getValue().toString());
            }
        });
        return b.toString();
    }
}
