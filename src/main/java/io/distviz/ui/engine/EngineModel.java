package io.distviz.ui.engine;

import io.distviz.scenario.ProtocolDriver;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.sim.Simulation;
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
 * <p>Undo rebuilds the run from the seed with every action but the last, each at the exact point between
 * two events where it happened, and stops just before the undone action: the page shows what it showed
 * before that click. It holds properties, never controls, and is tested without a stage.
 */
public final class EngineModel {
    private final SimulationSession session;
    private Scenario settings;
    private ProtocolDriver driver;
    private final List<ScenarioRunner.PerformedAction> actions = new ArrayList<>();
    /** What every run starts with (a page's first ring or clocks); applied at time 0, not undoable. */
    private List<ScenarioAction> setup;
    private final List<ScenarioRunner.PerformedAction> setupPerformed = new ArrayList<>();
    private final ReadOnlyObjectWrapper<ProtocolDriver> driverProperty = new ReadOnlyObjectWrapper<>(this, "driver");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyLongWrapper actionCount = new ReadOnlyLongWrapper(this, "actionCount");
    private final ReadOnlyBooleanWrapper undoable = new ReadOnlyBooleanWrapper(this, "undoable");

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
            ProtocolDriver d = ProtocolDriver.create(this.settings.withSeed(s));
            List<ScenarioRunner.PerformedAction> performed = new ArrayList<>();
            for (ScenarioAction a : this.setup) {
                long before = d.simulation().eventsProcessed();
                long now = d.simulation().nowMicros();
                performed.add(new ScenarioRunner.PerformedAction(now, before, d.apply(a)));
            }
            driver = d;
            actions.clear();
            setupPerformed.clear();
            setupPerformed.addAll(performed);
            return d.simulation();
        }, seed);
        changed();
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

    /** The driver, replaced on reset, new settings and undo (trace listeners must be added again). */
    public ReadOnlyObjectProperty<ProtocolDriver> driverProperty() {
        return driverProperty.getReadOnlyProperty();
    }

    /** Counts changes made from outside the event loop (actions, undo, reset), so views know to refresh. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
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

    /** Every action the person took since the last reset, as applied (the setup is not among them). */
    public List<ScenarioRunner.PerformedAction> actions() {
        return List.copyOf(actions);
    }

    /**
     * Applies {@code action} now. Returns false, with the engine's reason in {@link #errorProperty()}, when
     * the engine refuses it; nothing has changed then.
     */
    public boolean perform(ScenarioAction action) {
        long before = simulation().eventsProcessed();
        long now = simulation().nowMicros();
        ScenarioAction applied;
        try {
            applied = driver.apply(action);
        } catch (IllegalArgumentException | IllegalStateException e) {
            error.set(e.getMessage());
            return false;
        }
        actions.add(new ScenarioRunner.PerformedAction(now, before, applied));
        error.set(null);
        session.publish();
        changed();
        return true;
    }

    public boolean canUndo() {
        return !actions.isEmpty();
    }

    /** Takes back the last action: the run is rebuilt without it, up to the moment it was taken. */
    public void undo() {
        if (!canUndo()) {
            return;
        }
        ScenarioRunner.PerformedAction last = actions.remove(actions.size() - 1);
        List<ScenarioRunner.PerformedAction> kept = new ArrayList<>(setupPerformed);
        kept.addAll(actions);
        ProtocolDriver rebuilt = ProtocolDriver.replay(settings(), kept);
        rebuilt.simulation().runToPoint(last.timeMicros(), last.eventsBefore());
        driver = rebuilt;
        session.replaceSimulation(rebuilt.simulation());
        error.set(null);
        changed();
    }

    /** Starts again from the same seed, with no actions. */
    public void reset() {
        session.reset(session.seedProperty().get());
        error.set(null);
        changed();
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
     * {@link ScenarioRunner#runSteps}), so that undo, a lesson's Back and a saved run replay them.
     */
    public void recordApplied(List<ScenarioRunner.PerformedAction> applied) {
        if (applied.isEmpty()) {
            session.publish();
            return;
        }
        actions.addAll(applied);
        error.set(null);
        session.publish();
        changed();
    }

    /**
     * Rebuilds the run with only the first {@code actionCount} actions and runs it to the exact point where
     * {@code eventsProcessed} events had been processed and the clock read {@code timeMicros}: a lesson's Back,
     * which returns to the state a step started from. Mirrors {@link #undo()}.
     */
    public void restoreTo(int actionCount, long timeMicros, long eventsProcessed) {
        if (actionCount < 0 || actionCount > actions.size()) {
            throw new IllegalArgumentException("there are " + actions.size() + " actions, not " + actionCount);
        }
        List<ScenarioRunner.PerformedAction> kept = new ArrayList<>(setupPerformed);
        kept.addAll(actions.subList(0, actionCount));
        ProtocolDriver rebuilt = ProtocolDriver.replay(settings(), kept);
        rebuilt.simulation().runToPoint(timeMicros, eventsProcessed);
        actions.subList(actionCount, actions.size()).clear();
        driver = rebuilt;
        session.replaceSimulation(rebuilt.simulation());
        error.set(null);
        changed();
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
        changed();
    }

    /**
     * Takes over a run rebuilt elsewhere (a saved trace, replayed): its settings and seed, its actions, its
     * driver at the point it reached. Undo then takes back its actions one by one.
     */
    public void adopt(ScenarioRunner.Result run) {
        begin(run.scenario().withTimeline(List.of()), List.of(), run.scenario().seed());
        actions.addAll(run.actions());
        driver = run.driver();
        session.replaceSimulation(driver.simulation());
        error.set(null);
        changed();
    }

    /** The session as a finished run, for saving a trace. */
    public ScenarioRunner.Result asRun() {
        List<ScenarioRunner.PerformedAction> all = new ArrayList<>(setupPerformed);
        all.addAll(actions);
        return new ScenarioRunner.Result(settings(), driver, List.of(), all, simulation().nowMicros());
    }

    private void changed() {
        driverProperty.set(driver);
        actionCount.set(actions.size());
        undoable.set(canUndo());
        revision.set(revision.get() + 1);
    }
}
