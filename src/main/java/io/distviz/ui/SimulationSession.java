package io.distviz.ui;

import io.distviz.sim.RunResult;
import io.distviz.sim.Simulation;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The view model between the toolbar and one page's simulation: play, pause, step, speed, seed and reset.
 * It holds properties, never controls, and is tested without a stage.
 *
 * <p>{@link #advance(long)} is called once per frame by the {@link FrameDriver}. It turns elapsed wall time
 * times the speed into virtual time and runs the simulation there in fixed steps of {@link #STEP_MICROS},
 * checking after each step that the frame's budget of wall time and events is not spent. When it is, the
 * rest of the frame's virtual time is dropped (not owed), so a heavy simulation slows down instead of
 * freezing the window, and {@link #behindProperty()} says so.
 */
public final class SimulationSession {
    public static final double MIN_SPEED = 0.01;
    public static final double MAX_SPEED = 100.0;
    /** Virtual time is advanced in steps of this size, so the frame budget is checked often. */
    public static final long STEP_MICROS = 1_000;
    /** Wall time the engine may use per frame; the rest of a 60 Hz frame is for drawing. */
    public static final long FRAME_BUDGET_NANOS = 8_000_000;
    /** Events the engine may run per frame, whatever the wall time. */
    public static final long FRAME_EVENT_CAP = 200_000;
    /** A frame longer than this (window hidden, machine asleep) counts as this long. */
    public static final long MAX_FRAME_NANOS = 100_000_000;

    private final LongFunction<Simulation> factory;
    private final LongSupplier nanoClock;
    private Simulation simulation;
    private double owedMicros;
    private Stepper stepper = Stepper.DIRECT;

    /**
     * How the session moves its simulation forward. A page whose timeline holds recorded actions ahead of the
     * moment shown (it was moved back in time) applies them on the way, at their exact points.
     */
    public interface Stepper {
        Stepper DIRECT = new Stepper() {
        };

        default RunResult runUntil(Simulation sim, long timeMicros, long maxEvents) {
            return sim.runUntil(timeMicros, maxEvents);
        }

        default boolean step(Simulation sim) {
            return sim.step();
        }
    }

    private final ReadOnlyObjectWrapper<Simulation> simulationProperty = new ReadOnlyObjectWrapper<>(this, "simulation");
    private final ReadOnlyLongWrapper virtualTimeMicros = new ReadOnlyLongWrapper(this, "virtualTimeMicros");
    private final ReadOnlyLongWrapper eventsProcessed = new ReadOnlyLongWrapper(this, "eventsProcessed");
    private final ReadOnlyLongWrapper seed = new ReadOnlyLongWrapper(this, "seed");
    private final ReadOnlyBooleanWrapper behind = new ReadOnlyBooleanWrapper(this, "behind");
    private final ReadOnlyDoubleWrapper achievedSpeed = new ReadOnlyDoubleWrapper(this, "achievedSpeed");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);

    /**
     * @param factory   builds the page's starting simulation from a seed (called again on reset)
     * @param seed      the first seed
     * @param nanoClock wall clock for the frame budget ({@code System::nanoTime} in the app)
     */
    public SimulationSession(LongFunction<Simulation> factory, long seed, LongSupplier nanoClock) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        speed.addListener((obs, o, n) -> {
            double clamped = clampSpeed(n.doubleValue());
            if (clamped != n.doubleValue()) {
                speed.set(clamped);
            }
        });
        reset(seed);
    }

    public SimulationSession(LongFunction<Simulation> factory, long seed) {
        this(factory, seed, System::nanoTime);
    }

    public static double clampSpeed(double s) {
        if (Double.isNaN(s)) {
            return 1.0;
        }
        return Math.max(MIN_SPEED, Math.min(MAX_SPEED, s));
    }

    // ------------------------------------------------------------------------------------------ commands

    public void play() {
        running.set(true);
    }

    public void pause() {
        running.set(false);
    }

    public void togglePlay() {
        running.set(!running.get());
    }

    public void setStepper(Stepper stepper) {
        this.stepper = Objects.requireNonNull(stepper, "stepper");
    }

    /** Pauses and runs exactly one event. Returns false if there was none to run. */
    public boolean stepOnce() {
        pause();
        boolean ran = stepper.step(simulation);
        publish();
        return ran;
    }

    /** Throws away the simulation and starts again from {@code newSeed}, paused. */
    public void reset(long newSeed) {
        pause();
        simulation = Objects.requireNonNull(factory.apply(newSeed), "the factory made no simulation");
        owedMicros = 0;
        seed.set(newSeed);
        simulationProperty.set(simulation);
        behind.set(false);
        publish();
    }

    /**
     * Puts {@code replacement} in place of the simulation, paused, keeping the seed: for undo, which rebuilds
     * the run without its last action.
     */
    public void replaceSimulation(Simulation replacement) {
        pause();
        simulation = Objects.requireNonNull(replacement, "replacement");
        owedMicros = 0;
        simulationProperty.set(simulation);
        behind.set(false);
        publish();
    }

    /**
     * One frame: if playing, advances virtual time by {@code elapsedWallNanos × speed}, within the frame's
     * budget. Called by the {@link FrameDriver} on the FX thread.
     */
    public void advance(long elapsedWallNanos) {
        if (!running.get() || elapsedWallNanos <= 0) {
            return;
        }
        long elapsed = Math.min(elapsedWallNanos, MAX_FRAME_NANOS);
        owedMicros += elapsed / 1_000.0 * speed.get();
        long wanted = (long) owedMicros;
        owedMicros -= wanted;

        long start = nanoClock.getAsLong();
        long target = simulation.nowMicros() + wanted;
        long events = 0;
        boolean cut = false;
        while (simulation.nowMicros() < target) {
            long stepTo = Math.min(target, simulation.nowMicros() + STEP_MICROS);
            RunResult r = stepper.runUntil(simulation, stepTo, FRAME_EVENT_CAP - events);
            events += r.eventsRun();
            if (r.stop() == RunResult.Stop.EVENT_LIMIT || events >= FRAME_EVENT_CAP
                    || nanoClock.getAsLong() - start > FRAME_BUDGET_NANOS) {
                cut = simulation.nowMicros() < target;
                break;
            }
        }
        if (cut) {
            owedMicros = 0; // dropped, not owed: catching up later would freeze the window
        }
        behind.set(cut);
        double requestedMicros = elapsed / 1_000.0;
        achievedSpeed.set(cut ? (simulation.nowMicros() - (target - wanted)) / requestedMicros : speed.get());
        publish();
    }

    /** Copies the simulation's figures into the properties (after any change made behind our back, too). */
    public void publish() {
        virtualTimeMicros.set(simulation.nowMicros());
        eventsProcessed.set(simulation.eventsProcessed());
    }

    // ------------------------------------------------------------------------------------------ properties

    public Simulation simulation() {
        return simulation;
    }

    public ReadOnlyObjectProperty<Simulation> simulationProperty() {
        return simulationProperty.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty virtualTimeMicrosProperty() {
        return virtualTimeMicros.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty eventsProcessedProperty() {
        return eventsProcessed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty seedProperty() {
        return seed.getReadOnlyProperty();
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    /** True when the last frame could not run as much virtual time as the speed asked for. */
    public ReadOnlyBooleanProperty behindProperty() {
        return behind.getReadOnlyProperty();
    }

    /** The speed the last playing frame actually achieved. */
    public ReadOnlyDoubleProperty achievedSpeedProperty() {
        return achievedSpeed.getReadOnlyProperty();
    }
}
