package io.distviz.scenario;

import io.distviz.clocks.ClockFigures;
import io.distviz.clocks.ClockKind;
import io.distviz.clocks.ClockNetwork;
import io.distviz.clocks.SyncRole;
import io.distviz.sim.NodeId;
import io.distviz.sim.Simulation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Drives a {@link ClockNetwork}; knows true time, so it can say how far each clock is off. */
public final class ClockDriver extends ProtocolDriver {
    private final ClockNetwork network;

    @Override
    protected java.io.Serializable saveState() {
        return network.saveState();
    }

    @Override
    protected void restoreState(java.io.Serializable state) {
        network.restoreState(state);
    }

    ClockDriver(Scenario.ClockSetup setup, Simulation sim) {
        super(sim);
        this.network = new ClockNetwork(setup.config(), sim);
    }

    public ClockNetwork network() {
        return network;
    }

    static ClockKind kind(String word) {
        return ClockKind.valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @Override
    protected void applyProtocol(ScenarioAction action) {
        if (action instanceof ScenarioAction.ClockAdd a) {
            if (a.skewPpt() != null) {
                network.addNode(new ClockFigures(a.offsetNanos(), a.skewPpt(), 0, 0,
                        ClockKind.TEMPERATURE_PERIOD_MICROS, 0));
            } else {
                network.addNode(kind(a.kind()));
            }
        } else if (action instanceof ScenarioAction.ClockAddReference r) {
            network.addReference(SyncRole.ReferenceKind.valueOf(r.kind().toUpperCase(Locale.ROOT)));
        } else if (action instanceof ScenarioAction.Crash c) {
            network.crash(NodeId.of(c.node()));
        } else if (action instanceof ScenarioAction.Restart r) {
            network.restart(NodeId.of(r.node()));
        } else if (action instanceof ScenarioAction.Remove r) {
            network.remove(NodeId.of(r.node()));
        } else if (action instanceof ScenarioAction.ClockSetKind k) {
            network.setClockKind(NodeId.of(k.node()), kind(k.kind()));
        } else if (action instanceof ScenarioAction.ClockSetSkew s) {
            network.setSkewPpm(NodeId.of(s.node()), s.skewPpt() / (double) ClockKind.PPT_PER_PPM);
        } else if (action instanceof ScenarioAction.ClockSetOffset o) {
            network.setOffsetMillis(NodeId.of(o.node()), o.offsetNanos() / 1e6);
        } else if (action instanceof ScenarioAction.ClockLie l) {
            network.lie(NodeId.of(l.node()), l.offsetNanos() / 1e6);
        } else if (action instanceof ScenarioAction.ClockSync s) {
            network.syncNow(NodeId.of(s.node()));
        } else if (action instanceof ScenarioAction.ClockAlgorithm a) {
            algorithm(a);
        } else {
            throw new IllegalArgumentException("a clock network cannot do \"" + action.verb() + "\"");
        }
    }

    private void algorithm(ScenarioAction.ClockAlgorithm a) {
        switch (a.name()) {
            case "none" -> network.useNoSync();
            case "cristian" -> network.useCristian(NodeId.of(a.server()));
            case "berkeley" -> network.useBerkeley(NodeId.of(a.server()));
            case "ntp" -> {
                if (a.servers() != null) {
                    TreeMap<NodeId, List<NodeId>> map = new TreeMap<>();
                    for (Map.Entry<String, List<String>> e : a.servers().entrySet()) {
                        map.put(NodeId.of(e.getKey()), e.getValue().stream().map(NodeId::of).toList());
                    }
                    network.useNtp(map);
                } else {
                    network.useNtpTiers(NodeId.of(a.server()), a.firstTier());
                }
            }
            default -> throw new IllegalArgumentException("unknown algorithm " + a.name());
        }
    }

    @Override
    protected Verdict evaluateProtocol(Condition condition) {
        if (condition instanceof Condition.MaxOffset m) {
            double worst = 0;
            String who = "no running machine";
            for (NodeId id : network.runningMachines()) {
                double o = network.offsetFromTrueTimeNanos(id);
                if (Math.abs(o) >= Math.abs(worst)) {
                    worst = o;
                    who = id.name();
                }
            }
            return Verdict.of(m.nanos().test(Math.abs(worst)), "the largest offset is " + nanos(Math.abs(worst))
                    + " (" + who + ")");
        }
        if (condition instanceof Condition.MaxSkew s) {
            double skew = network.maxPairwiseSkewNanos();
            return Verdict.of(s.nanos().test(skew), "the clocks are at most " + nanos(skew) + " apart");
        }
        if (condition instanceof Condition.Offset o) {
            NodeId id = NodeId.of(o.node());
            if (!network.runningMachines().contains(id)) {
                return Verdict.of(false, o.node() + " is not running");
            }
            double off = network.offsetFromTrueTimeNanos(id);
            return Verdict.of(o.nanos().test(off), o.node() + " is " + nanos(off) + " off true time");
        }
        throw new IllegalArgumentException("a clock network cannot check: " + condition.describe());
    }

    @Override
    protected List<String> answerProtocol(NodeQuery query) {
        boolean ahead = query instanceof NodeQuery.MostAhead;
        if (!ahead && !(query instanceof NodeQuery.FurthestOff)) {
            throw new IllegalArgumentException("a clock network cannot answer: " + query.describe());
        }
        String best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (NodeId id : network.runningMachines()) {
            double o = network.offsetFromTrueTimeNanos(id);
            double v = ahead ? o : Math.abs(o);
            if (v > bestValue) {
                bestValue = v;
                best = id.name();
            }
        }
        return best == null ? List.of() : List.of(best);
    }

    /** An amount of nanoseconds as a person reads it: {@code 1.234 ms}, {@code 850 ns}. */
    static String nanos(double ns) {
        double a = Math.abs(ns);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.3f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
