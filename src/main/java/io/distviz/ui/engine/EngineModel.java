package io.distviz.ui.engine;

import io.distviz.scenario.ProtocolDriver;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.sim.CheckpointInfo;
import io.distviz.sim.RunResult;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import io.distviz.ui.SimulationSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The view model of a protocol page: the engine (through its {@link ProtocolDriver}), its settings, and
 * every action the person took, as {@link ScenarioAction}s. Clicks become actions applied here, exactly as a
 * scenario or a lesson applies them, so a session can be saved as a replayable trace and undone.
 *
 * <p>It also keeps the session's <em>timeline</em>: every action and every event from the start to the
 * furthest moment reached (the horizon). The page can be moved to any moment of it ({@link #seek}): the
 * kernel restores the nearest checkpoint before that moment (the nodes, and the facade's and driver's own
 * memory, see {@link io.distviz.sim.CheckpointPart}) and replays from there, applying the recorded actions at
 * their exact points, so the page shows what it showed then. Playing on from an earlier moment replays the
 * recorded future. Acting there forks a new future: the old one is set aside with the new action, and undoing
 * that action brings it back.
 *
 * <p>Undo takes back the last action of the timeline and stops just before it: the page shows what it
 * showed before that click. It holds properties, never controls, and is tested without a stage.
 */
public final class EngineModel {
    /**
     * Checkpoints every so many events or so much virtual time: the most a seek has to replay. About 30 ms of
     * replay on an ordinary laptop, for a checkpoint of a few hundred kilobytes (docs/PERFORMANCE.md).
     */
    public static final long CHECKPOINT_EVERY_EVENTS = 4_000;
    public static final long CHECKPOINT_EVERY_MICROS = 2_000_000;

    private final SimulationSession session;
    private Scenario settings;
    private ProtocolDriver driver;
    /** Every action of the timeline after the setup, in order; the first {@code applied - setup} have happened. */
    private final List<ScenarioRunner.PerformedAction> actions = new ArrayList<>();
    /** For an action that forked the timeline, the future it replaced (same index as in {@link #actions}). */
    private final List<Fork> forks = new ArrayList<>();
    /** What every run starts with (a page's first ring or clocks); applied at time 0, not undoable. */
    private List<ScenarioAction> setup;
    private final List<ScenarioRunner.PerformedAction> setupPerformed = new ArrayList<>();
    /** How many of setup + actions the simulation has applied at its current point. */
    private int applied;
    private long horizonMicros;
    private long horizonEvents;
    /** Bumped whenever the timeline's events are cut or replaced, not merely extended or moved along. */
    private long timelineVersion;
    private final ReadOnlyObjectWrapper<ProtocolDriver> driverProperty = new ReadOnlyObjectWrapper<>(this, "driver");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyLongWrapper jumps = new ReadOnlyLongWrapper(this, "jumps");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyLongWrapper actionCount = new ReadOnlyLongWrapper(this, "actionCount");
    private final ReadOnlyBooleanWrapper undoable = new ReadOnlyBooleanWrapper(this, "undoable");

    /** A future set aside when an action in the past replaced it. */
    private record Fork(List<ScenarioRunner.PerformedAction> actions, List<Fork> forks, long horizonMicros, long horizonEvents, Simulation.SavedFuture checkpoints) {
    }

    /**
     * @param settings the protocol, its parameters and the network (the timeline is ignored; the seed is the
     *                 session's)
     */
    public EngineModel(Scenario settings, long seed) {
        this(settings, seed, List.of());
    }

    /**
     * @param setup the page's starting set-up (a clock network starts empty, for one), applied at time 0 of
     *              every new run, after a reset and new settings too. It cannot be undone and is not in
     *              {@link #actions()}, but a saved run ({@link #asRun()}) holds it, so it replays.
     */
    public EngineModel(Scenario settings, long seed, List<ScenarioAction> setup) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.setup = List.copyOf(setup);
        this.session = new SimulationSession(s -> {
            Scenario sc = this.settings.withSeed(s);
            ProtocolDriver d = ProtocolDriver.create(sc, new SimConfig(s, sc.network(), CHECKPOINT_EVERY_EVENTS,
                    CHECKPOINT_EVERY_MICROS, SimConfig.DEFAULT_MAX_EVENTS_PER_RUN, true));
            List<ScenarioRunner.PerformedAction> performed = new ArrayList<>();
            for (ScenarioAction a : this.setup) {
                long before = d.simulation().eventsProcessed();
                long now = d.simulation().nowMicros();
                performed.add(new ScenarioRunner.PerformedAction(now, before, d.apply(a)));
            }
            startTimeline(d, performed, List.of());
            // The toolbar's Reset and seed start a new run through the session alone: say so here, so views
            // follow the new driver whoever started it.
            jumps.set(jumps.get() + 1);
            changed();
            return d.simulation();
        }, seed);
        session.setStepper(new SimulationSession.Stepper() {
            @Override
            public RunResult runUntil(Simulation sim, long timeMicros, long maxEvents) {
                applyRecordedUpTo(timeMicros);
                return sim.runUntil(timeMicros, maxEvents);
            }

            @Override
            public boolean step(Simulation sim) {
                applyRecordedBeforeNextEvent();
                return sim.step();
            }
        });
        changed();
    }

    private void startTimeline(ProtocolDriver d, List<ScenarioRunner.PerformedAction> setupDone,
                               List<ScenarioRunner.PerformedAction> done) {
        driver = d;
        timelineVersion++;
        actions.clear();
        actions.addAll(done);
        forks.clear();
        done.forEach(a -> forks.add(null));
        setupPerformed.clear();
        setupPerformed.addAll(setupDone);
        applied = setupPerformed.size() + actions.size();
        horizonMicros = d.simulation().nowMicros();
        horizonEvents = d.simulation().eventsProcessed();
    }

    public SimulationSession session() {
        return session;
    }

    public Scenario settings() {
        return settings.withSeed(session.seedProperty().get());
    }

    public ProtocolDriver driver() {
        return driver;
    }

    public Simulation simulation() {
        return driver.simulation();
    }

    /** The driver, replaced on reset, new settings and a run opened from a file (trace listeners must be added again). */
    public ReadOnlyObjectProperty<ProtocolDriver> driverProperty() {
        return driverProperty.getReadOnlyProperty();
    }

    /** Counts changes made from outside the event loop (actions, undo, reset, seeks), so views know to refresh. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /**
     * Counts the times the simulation jumped to another moment (a seek, undo, a lesson's Back) or was
     * replaced: views that follow the trace as it grows must read it again then.
     */
    public ReadOnlyLongProperty jumpsProperty() {
        return jumps.getReadOnlyProperty();
    }

    /** Why the last action was refused; null after an action that worked. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty actionCountProperty() {
        return actionCount.getReadOnlyProperty();
    }

    /** Whether there is an action to take back (the setup cannot be). */
    public ReadOnlyBooleanProperty undoableProperty() {
        return undoable.getReadOnlyProperty();
    }

    /**
     * Sets what every run starts with and starts again with it. Throws IllegalArgumentException, and keeps
     * the old setup, when the engine refuses it.
     */
    public void setSetup(List<ScenarioAction> newSetup) {
        List<ScenarioAction> old = setup;
        setup = List.copyOf(newSetup);
        try {
            reset();
        } catch (IllegalArgumentException | IllegalStateException e) {
            setup = old;
            reset();
            throw e;
        }
    }

    public List<ScenarioAction> setup() {
        return setup;
    }

    /** Every action the person took since the last reset, as applied (the setup is not among them), up to now. */
    public List<ScenarioRunner.PerformedAction> actions() {
        return List.copyOf(actions.subList(0, applied - setupPerformed.size()));
    }

    // ============================================================================================ timeline

    /** Every action of the timeline, also those after the moment shown (the setup is not among them). */
    public List<ScenarioRunner.PerformedAction> timelineActions() {
        return List.copyOf(actions);
    }

    /**
     * Every event of the timeline, in order, also those after the moment shown: the first
     * {@link Simulation#trace()}{@code .size()} of them have happened at the moment shown. Replaced by a new
     * list when the timeline forks or starts again. Read-only.
     */
    public List<TraceEvent> timelineEvents() {
        return simulation().trace().timeline();
    }

    /** Changes whenever the timeline's events were cut or replaced (not merely extended): views read them again. */
    public long timelineVersion() {
        return timelineVersion;
    }

    /** The furthest virtual time this timeline has reached. */
    public long horizonMicros() {
        captureHorizon();
        return horizonMicros;
    }

    /** Whether the page shows the furthest moment reached (not a moment of the past). */
    public boolean atHorizon() {
        captureHorizon();
        Simulation sim = simulation();
        return sim.eventsProcessed() == horizonEvents && sim.nowMicros() == horizonMicros;
    }

    /** Whether a seek is possible: a page may forbid it (a lesson runs). */
    public boolean canSeek() {
        return seekable;
    }

    private boolean seekable = true;

    /** Allows or forbids {@link #seek} (and the timeline's scrubber): a lesson drives the page by itself. */
    public void setSeekable(boolean allowed) {
        seekable = allowed;
        revision.set(revision.get() + 1);
    }

    /**
     * Moves the page to virtual time {@code timeMicros} of the timeline (clamped to its start and horizon):
     * every event and every recorded action at or before that time has happened, none after. Pauses.
     */
    public void seek(long timeMicros) {
        captureHorizon();
        long t = Math.max(0, Math.min(timeMicros, horizonMicros));
        session.pause();
        Simulation sim = simulation();
        if (t == sim.nowMicros()) {
            return;
        }
        rewindFor(t, Long.MAX_VALUE, t < sim.nowMicros());
        applyRecordedUpTo(t);
        sim.runUntil(t);
        jumped();
    }

    /** Moves the page to the end of the timeline, the furthest moment reached. */
    public void seekToHorizon() {
        captureHorizon();
        session.pause();
        if (atHorizon()) {
            return;
        }
        long t = horizonMicros;
        long events = horizonEvents;
        rewindFor(t, events, false);
        goToPoint(t, events, setupPerformed.size() + actions.size());
        jumped();
    }

    /**
     * Restores the latest checkpoint at or before the point ({@code timeMicros}, {@code events}) when the
     * simulation must go back ({@code mustGoBack}), or when one lies ahead of it, which saves replaying.
     */
    private void rewindFor(long timeMicros, long events, boolean mustGoBack) {
        Simulation sim = simulation();
        List<CheckpointInfo> cps = sim.checkpoints();
        int best = -1;
        for (int i = cps.size() - 1; i >= 0; i--) {
            CheckpointInfo c = cps.get(i);
            if (c.timeMicros() <= timeMicros && c.eventsProcessed() <= events) {
                best = i;
                break;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no checkpoint before " + timeMicros + " µs");
        }
        CheckpointInfo c = cps.get(best);
        if (mustGoBack || c.eventsProcessed() > sim.eventsProcessed()) {
            sim.restoreCheckpoint(best);
            // A checkpoint is taken right after an event, before anything else happens at that point, so it
            // holds exactly the actions logged after fewer events than it had processed.
            int n = 0;
            List<ScenarioRunner.PerformedAction> all = all();
            while (n < all.size() && all.get(n).eventsBefore() < c.eventsProcessed()) {
                n++;
            }
            applied = n;
        }
    }

    /** Applies the recorded actions due at or before {@code timeMicros}, each at its exact point. */
    private void applyRecordedUpTo(long timeMicros) {
        List<ScenarioRunner.PerformedAction> all = all();
        while (applied < all.size() && all.get(applied).timeMicros() <= timeMicros) {
            reapply(all.get(applied));
        }
    }

    /** Applies the recorded actions due before the next event (for a single step). */
    private void applyRecordedBeforeNextEvent() {
        List<ScenarioRunner.PerformedAction> all = all();
        Simulation sim = simulation();
        while (applied < all.size() && all.get(applied).eventsBefore() == sim.eventsProcessed()
                && all.get(applied).timeMicros() <= sim.nextEventTime().orElse(Long.MAX_VALUE)) {
            reapply(all.get(applied));
        }
    }

    private void reapply(ScenarioRunner.PerformedAction a) {
        driver.simulation().runToPoint(a.timeMicros(), a.eventsBefore());
        driver.apply(a.action());
        applied++;
    }

    /** Runs to the exact point ({@code timeMicros}, {@code events}), applying the first {@code limit} actions due. */
    private void goToPoint(long timeMicros, long events, int limit) {
        List<ScenarioRunner.PerformedAction> all = all();
        while (applied < limit && applied < all.size()) {
            ScenarioRunner.PerformedAction a = all.get(applied);
            if (a.eventsBefore() > events || (a.eventsBefore() == events && a.timeMicros() > timeMicros)) {
                break;
            }
            reapply(a);
        }
        simulation().runToPoint(timeMicros, events);
    }

    /** The setup's actions then the person's, as one list, without copying (it is read every frame). */
    private final List<ScenarioRunner.PerformedAction> all = new java.util.AbstractList<>() {
        @Override
        public ScenarioRunner.PerformedAction get(int i) {
            int setupCount = setupPerformed.size();
            return i < setupCount ? setupPerformed.get(i) : actions.get(i - setupCount);
        }

        @Override
        public int size() {
            return setupPerformed.size() + actions.size();
        }
    };

    private List<ScenarioRunner.PerformedAction> all() {
        return all;
    }

    /** Moves the horizon forward to the moment shown, if the run has gone past it. */
    private void captureHorizon() {
        Simulation sim = simulation();
        if (sim.eventsProcessed() > horizonEvents
                || (sim.eventsProcessed() == horizonEvents && sim.nowMicros() > horizonMicros)) {
            horizonEvents = sim.eventsProcessed();
            horizonMicros = sim.nowMicros();
        }
    }

    /**
     * Before an action at a moment of the past: sets the recorded future aside (returned, to be kept with the
     * action) and makes this moment the end of the timeline. Null when the page is at the horizon.
     */
    private Fork fork() {
        captureHorizon();
        Simulation sim = simulation();
        int done = applied - setupPerformed.size();
        if (atHorizon() && done == actions.size()) {
            return null;
        }
        List<ScenarioRunner.PerformedAction> futureActions = new ArrayList<>(actions.subList(done, actions.size()));
        List<Fork> futureForks = new ArrayList<>(forks.subList(done, forks.size()));
        actions.subList(done, actions.size()).clear();
        forks.subList(done, forks.size()).clear();
        Fork f = new Fork(futureActions, futureForks, horizonMicros, horizonEvents, sim.detachFuture());
        timelineVersion++;
        horizonMicros = sim.nowMicros();
        horizonEvents = sim.eventsProcessed();
        return f;
    }

    /**
     * Applies {@code action} now. Returns false, with the engine's reason in {@link #errorProperty()}, when
     * the engine refuses it; nothing has changed then. At a moment of the past it forks the timeline: the
     * recorded future is set aside (undo brings it back).
     */
    public boolean perform(ScenarioAction action) {
        Simulation sim = simulation();
        long before = sim.eventsProcessed();
        long now = sim.nowMicros();
        Fork fork = fork();
        ScenarioAction done;
        try {
            done = driver.apply(action);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (fork != null) {
                unfork(fork);
            }
            error.set(e.getMessage());
            if (fork != null) {
                changed();
            }
            return false;
        }
        actions.add(new ScenarioRunner.PerformedAction(now, before, done));
        forks.add(fork);
        applied++;
        error.set(null);
        session.publish();
        changed();
        return true;
    }

    /** Puts a set-aside future back after the action that replaced it was refused or undone. */
    private void unfork(Fork f) {
        timelineVersion++;
        actions.addAll(f.actions());
        forks.addAll(f.forks());
        horizonMicros = f.horizonMicros();
        horizonEvents = f.horizonEvents();
        simulation().reattachFuture(f.checkpoints());
    }

    public boolean canUndo() {
        return !actions.isEmpty();
    }

    /**
     * Takes back the last action of the timeline: the page goes to the moment just before it was taken, and
     * the timeline ends there, unless the action had replaced a recorded future, which comes back.
     */
    public void undo() {
        if (!canUndo()) {
            return;
        }
        captureHorizon();
        int k = actions.size() - 1;
        ScenarioRunner.PerformedAction last = actions.get(k);
        int index = setupPerformed.size() + k;
        Simulation sim = simulation();
        rewindFor(last.timeMicros(), last.eventsBefore(), applied > index);
        goToPoint(last.timeMicros(), last.eventsBefore(), index);
        actions.remove(k);
        Fork f = forks.remove(k);
        sim.detachFuture();
        timelineVersion++;
        if (f != null) {
            unfork(f);
        } else {
            horizonMicros = sim.nowMicros();
            horizonEvents = sim.eventsProcessed();
        }
        session.pause();
        error.set(null);
        jumped();
    }

    /** Starts again from the same seed, with no actions. */
    public void reset() {
        session.reset(session.seedProperty().get());
        error.set(null);
        jumped();
    }

    /** New parameters or network: starts again with them. */
    public void applySettings(Scenario newSettings) {
        if (newSettings.protocol() != settings.protocol()) {
            throw new IllegalArgumentException("a " + settings.protocol().word() + " page cannot run "
                    + newSettings.protocol().word());
        }
        settings = newSettings;
        reset();
    }

    /**
     * Records actions that were applied straight to {@link #driver()} (a lesson step's actions, run by
     * {@link ScenarioRunner#runSteps}), so that undo, a lesson's Back and a saved run replay them. The page must
     * have been at the end of its timeline ({@link #setSeekable} off keeps it there).
     */
    public void recordApplied(List<ScenarioRunner.PerformedAction> applied) {
        if (applied.isEmpty()) {
            session.publish();
            return;
        }
        actions.addAll(applied);
        applied.forEach(a -> forks.add(null));
        this.applied += applied.size();
        error.set(null);
        session.publish();
        changed();
    }

    /**
     * Goes back to the exact point where {@code eventsProcessed} events had been processed and the clock read
     * {@code timeMicros}, with only the first {@code actionCount} actions, and ends the timeline there: a
     * lesson's Back, which returns to the state a step started from.
     */
    public void restoreTo(int actionCount, long timeMicros, long eventsProcessed) {
        if (actionCount < 0 || actionCount > actions.size()) {
            throw new IllegalArgumentException("there are " + actions.size() + " actions, not " + actionCount);
        }
        captureHorizon();
        Simulation sim = simulation();
        int limit = setupPerformed.size() + actionCount;
        rewindFor(timeMicros, eventsProcessed, true);
        if (applied > limit) {
            throw new IllegalStateException("no checkpoint before action " + actionCount);
        }
        goToPoint(timeMicros, eventsProcessed, limit);
        actions.subList(actionCount, actions.size()).clear();
        forks.subList(actionCount, forks.size()).clear();
        sim.detachFuture();
        timelineVersion++;
        horizonMicros = sim.nowMicros();
        horizonEvents = sim.eventsProcessed();
        session.pause();
        error.set(null);
        jumped();
    }

    /**
     * Starts again with new settings, a new setup and a new seed, in one go: a lesson starting on the page
     * (its own settings and seed, no page setup), and the page's free play coming back when it closes.
     */
    public void begin(Scenario newSettings, List<ScenarioAction> newSetup, long seed) {
        if (newSettings.protocol() != settings.protocol()) {
            throw new IllegalArgumentException("a " + settings.protocol().word() + " page cannot run "
                    + newSettings.protocol().word());
        }
        settings = newSettings;
        setup = List.copyOf(newSetup);
        session.reset(seed);
        error.set(null);
        jumped();
    }

    /**
     * Takes over a run rebuilt elsewhere (a saved trace, replayed): its settings and seed, its actions, its
     * driver at the point it reached. Undo then takes back its actions one by one.
     */
    public void adopt(ScenarioRunner.Result run) {
        begin(run.scenario().withTimeline(List.of()), List.of(), run.scenario().seed());
        startTimeline(run.driver(), List.of(), run.actions());
        session.replaceSimulation(driver.simulation());
        error.set(null);
        jumped();
    }

    /** The session up to the moment shown, as a finished run, for saving a trace. */
    public ScenarioRunner.Result asRun() {
        return new ScenarioRunner.Result(settings(), driver, List.of(), List.copyOf(all().subList(0, applied)),
                simulation().nowMicros());
    }

    private void jumped() {
        jumps.set(jumps.get() + 1);
        session.publish();
        changed();
    }

    private void changed() {
        driverProperty.set(driver);
        actionCount.set(actions.size());
        undoable.set(canUndo());
        revision.set(revision.get() + 1);
    }
}
