package io.distviz.scenario;

import io.distviz.sim.Actions;
import io.distviz.sim.CheckpointPart;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies scenario actions to one engine through its facade (which checks them and refuses what makes no sense
 * now) and evaluates conditions against the engine's real state. Scenarios, lessons, the command line and the
 * app's pages all act through a driver, so a run can be recorded as a list of {@link ScenarioAction}s and
 * replayed exactly.
 */
public abstract class ProtocolDriver {
    protected final Simulation sim;

    protected ProtocolDriver(Simulation sim) {
        this.sim = sim;
    }

    /** A driver for {@code scenario}'s protocol and parameters in a new simulation of {@code config}. */
    public static ProtocolDriver create(Scenario scenario, SimConfig config) {
        Simulation sim = new Simulation(config);
        ProtocolDriver d;
        if (scenario.setup() instanceof Scenario.ChordSetup c) {
            d = new ChordDriver(c, sim);
        } else if (scenario.setup() instanceof Scenario.RaftSetup r) {
            d = new RaftDriver(r, sim);
        } else {
            d = new ClockDriver((Scenario.ClockSetup) scenario.setup(), sim);
        }
        // The facade's counters and the driver's memory go back in time with the nodes (the app's timeline).
        sim.addCheckpointPart(new CheckpointPart() {
            @Override
            public Serializable saveState() {
                return d.saveState();
            }

            @Override
            public void restoreState(Serializable state) {
                d.restoreState(state);
            }
        });
        return d;
    }

    /** A driver for {@code scenario} with the kernel's default checkpoints and trace retention. */
    public static ProtocolDriver create(Scenario scenario) {
        return create(scenario, new SimConfig(scenario.seed(), scenario.network(), SimConfig.DEFAULT_CHECKPOINT_EVENTS,
                SimConfig.DEFAULT_CHECKPOINT_MICROS, SimConfig.DEFAULT_MAX_EVENTS_PER_RUN, true));
    }

    /**
     * Rebuilds a run from its recorded actions: a new driver for {@code scenario}, each action applied at the
     * exact point between two events where it was applied before. The clock is then at the last action.
     * Throws IllegalStateException when the actions do not fit this scenario (the run diverges) and
     * IllegalArgumentException when the engine refuses one of them.
     */
    public static ProtocolDriver replay(Scenario scenario, List<ScenarioRunner.PerformedAction> actions) {
        ProtocolDriver d = create(scenario);
        for (ScenarioRunner.PerformedAction a : actions) {
            d.sim.runToPoint(a.timeMicros(), a.eventsBefore());
            d.apply(a.action());
        }
        return d;
    }

    public final Simulation simulation() {
        return sim;
    }

    /**
     * Applies {@code action} now. Throws IllegalArgumentException (or IllegalStateException) with a message for
     * a person when the engine refuses it; then nothing has changed. Returns the action as applied (see
     * {@link #resolve}).
     */
    public final ScenarioAction apply(ScenarioAction action) {
        ScenarioAction concrete = resolve(action);
        applyResolved(concrete);
        return concrete;
    }

    /**
     * The action with any name that stands for a role ({@code "leader"}) replaced by the node that has the role
     * now, so that what is recorded names the node. Throws when no node has the role.
     */
    protected ScenarioAction resolve(ScenarioAction action) {
        return action;
    }

    private void applyResolved(ScenarioAction action) {
        if (action instanceof ScenarioAction.Partition p) {
            List<Set<NodeId>> groups = new ArrayList<>();
            for (List<String> g : p.groups()) {
                Set<NodeId> set = new TreeSet<>();
                g.forEach(n -> set.add(existing(n)));
                groups.add(set);
            }
            sim.perform(new Actions.Partition(groups));
        } else if (action instanceof ScenarioAction.Block b) {
            sim.perform(new Actions.BlockOneWay(existing(b.from()), existing(b.to())));
        } else if (action instanceof ScenarioAction.Heal) {
            sim.perform(new Actions.Heal());
        } else if (action instanceof ScenarioAction.SetNetwork n) {
            if (n.from() == null) {
                sim.perform(new Actions.SetDefaultLink(n.profile()));
            } else {
                sim.perform(new Actions.SetLink(existing(n.from()), existing(n.to()), n.profile()));
            }
        } else if (action instanceof ScenarioAction.Note n) {
            sim.perform(new Actions.Annotate(n.text()));
        } else {
            applyProtocol(action);
        }
    }

    protected abstract void applyProtocol(ScenarioAction action);

    /**
     * What this driver and its facade hold outside the nodes (counters that name the next node, a checker's
     * memory), for the kernel's checkpoints: a run restored to a checkpoint must go on exactly as it did.
     */
    protected abstract Serializable saveState();

    /** Puts back a state from {@link #saveState()}. */
    protected abstract void restoreState(Serializable state);

    /** Whether {@code condition} holds now. */
    public final Verdict evaluate(Condition condition) {
        if (condition instanceof Condition.All all) {
            for (Condition c : all.conditions()) {
                Verdict v = evaluate(c);
                if (!v.holds()) {
                    return v;
                }
            }
            return Verdict.of(true, all.conditions().size() + " conditions hold");
        }
        if (condition instanceof Condition.Any any) {
            List<String> why = new ArrayList<>();
            for (Condition c : any.conditions()) {
                Verdict v = evaluate(c);
                if (v.holds()) {
                    return v;
                }
                why.add(v.detail());
            }
            return Verdict.of(false, "none holds: " + String.join("; ", why));
        }
        if (condition instanceof Condition.Not not) {
            Verdict v = evaluate(not.condition());
            return Verdict.of(!v.holds(), v.detail());
        }
        if (condition instanceof Condition.Status s) {
            NodeStatus st = sim.status(NodeId.of(s.node()));
            String is = st == null ? "removed" : st.name().toLowerCase(Locale.ROOT);
            return Verdict.of(is.equals(s.is()), s.node() + " is " + is);
        }
        return evaluateProtocol(condition);
    }

    protected abstract Verdict evaluateProtocol(Condition condition);

    /**
     * The nodes that answer {@code query} now: the right answers to a lesson's "click the node that..."
     * question, computed from the engine's state, never written into a file. Empty when none does.
     */
    public final List<String> answer(NodeQuery query) {
        return answerProtocol(query);
    }

    protected abstract List<String> answerProtocol(NodeQuery query);

    /**
     * Called between events while a scenario runs, for checks that must watch the whole run (Raft's safety
     * properties). The default does nothing.
     */
    public void betweenEvents() {
    }

    /** Whether {@link #betweenEvents()} does anything, so a runner can skip calling it. */
    public boolean watchesEvents() {
        return false;
    }

    protected final NodeId existing(String name) {
        NodeId id = NodeId.of(name);
        NodeStatus s = sim.status(id);
        if (s == null || s == NodeStatus.REMOVED) {
            throw new IllegalArgumentException("there is no node named " + name);
        }
        return id;
    }
}
