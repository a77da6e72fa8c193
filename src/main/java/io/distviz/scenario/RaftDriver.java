package io.distviz.scenario;

import java.io.Serializable;
import io.distviz.raft.LogEntry;
import io.distviz.raft.Operation;
import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftNode;
import io.distviz.raft.RaftSafety;
import io.distviz.raft.RaftServerState;
import io.distviz.sim.NodeId;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Drives a {@link RaftCluster}; watches the safety properties over the whole run. */
public final class RaftDriver extends ProtocolDriver {
    private final RaftCluster cluster;
    private final RaftSafety safety;
    /** Set when something a safety property depends on changed since the last check. */
    private boolean dirty = true;

    RaftDriver(Scenario.RaftSetup setup, Simulation sim) {
        super(sim);
        this.cluster = new RaftCluster(setup.config(), sim, setup.servers());
        this.safety = new RaftSafety(cluster);
        sim.trace().addListener(e -> {
            if (e instanceof TraceEvent.NodeStateChanged || e instanceof TraceEvent.ProtocolEvent
                    || e instanceof TraceEvent.NodeLifecycle) {
                dirty = true;
            }
        });
        // Checked after every event, whoever drives the run (a scenario, a lesson, the app's frames, a replay),
        // so a property broken and repaired between two frames is still caught.
        sim.addEventObserver(this::betweenEvents);
    }

    public RaftCluster cluster() {
        return cluster;
    }

    private record Saved(Serializable cluster, Serializable safety, boolean dirty) implements Serializable {
    }

    @Override
    protected Serializable saveState() {
        return new Saved(cluster.saveState(), safety.saveState(), dirty);
    }

    @Override
    protected void restoreState(Serializable state) {
        Saved s = (Saved) state;
        cluster.restoreState(s.cluster());
        safety.restoreState(s.safety());
        dirty = s.dirty();
    }

    @Override
    protected ScenarioAction resolve(ScenarioAction action) {
        if (action instanceof ScenarioAction.Crash c && c.node().equals("leader")) {
            NodeId leader = cluster.leader();
            if (leader == null) {
                throw new IllegalArgumentException("there is no leader to crash now");
            }
            return new ScenarioAction.Crash(leader.name());
        }
        return action;
    }

    @Override
    protected void applyProtocol(ScenarioAction action) {
        if (action instanceof ScenarioAction.Crash c) {
            cluster.crash(NodeId.of(c.node()));
        } else if (action instanceof ScenarioAction.Restart r) {
            cluster.restart(NodeId.of(r.node()));
        } else if (action instanceof ScenarioAction.Remove r) {
            cluster.removeServer(NodeId.of(r.node()));
        } else if (action instanceof ScenarioAction.RaftTimeout t) {
            cluster.forceTimeout(NodeId.of(t.node()));
        } else if (action instanceof ScenarioAction.RaftAddServer) {
            cluster.addServer();
        } else if (action instanceof ScenarioAction.RaftAddClient c) {
            cluster.addClient(c.server() == null ? null : NodeId.of(c.server()));
        } else if (action instanceof ScenarioAction.RaftRequest r) {
            if (r.server() != null) {
                // Checked first so that a refused request adds no client either.
                existing(r.server());
                NodeId client = cluster.addClient(NodeId.of(r.server()));
                cluster.submit(client, r.command());
            } else {
                cluster.submit(NodeId.of(r.client()), r.command());
            }
        } else {
            throw new IllegalArgumentException("a Raft cluster cannot do \"" + action.verb() + "\"");
        }
    }

    /** Every violation of the safety properties seen so far in this run, oldest first. */
    public List<RaftSafety.Violation> safetyViolations() {
        betweenEvents();
        return safety.violations();
    }

    @Override
    public void betweenEvents() {
        if (dirty) {
            dirty = false;
            safety.check();
        }
    }

    @Override
    protected Verdict evaluateProtocol(Condition condition) {
        if (condition instanceof Condition.Leader l) {
            NodeId leader = cluster.leader();
            String shown = leader == null ? "there is no leader" : "the leader is " + leader + " (term "
                    + cluster.state(leader).currentTerm() + ")";
            boolean holds = switch (l.who()) {
                case "any" -> leader != null;
                case "none" -> leader == null;
                default -> leader != null && leader.name().equals(l.who());
            };
            return Verdict.of(holds, shown);
        }
        if (condition instanceof Condition.Term t) {
            long term = 0;
            for (RaftServerState s : cluster.states()) {
                term = Math.max(term, s.currentTerm());
            }
            return Verdict.of(t.compare().test(term), "the highest term is " + term);
        }
        if (condition instanceof Condition.Role r) {
            RaftServerState s = cluster.state(NodeId.of(r.node()));
            String role = s == null ? "crashed" : s.role().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return Verdict.of(role.equals(r.is()), r.node() + " is " + role);
        }
        if (condition instanceof Condition.Committed c) {
            return committed(c);
        }
        if (condition instanceof Condition.Stored s) {
            return stored(s);
        }
        if (condition instanceof Condition.Invariants inv) {
            betweenEvents();
            safety.check();
            List<RaftSafety.Violation> v = safety.violations();
            String shown = v.isEmpty() ? "every safety property has held so far" : v.get(0).toString()
                    + (v.size() > 1 ? " (and " + (v.size() - 1) + " more)" : "");
            return Verdict.of(v.isEmpty() == inv.hold(), shown);
        }
        throw new IllegalArgumentException("a Raft cluster cannot check: " + condition.describe());
    }

    @Override
    protected List<String> answerProtocol(NodeQuery query) {
        if (query instanceof NodeQuery.Leader) {
            NodeId l = cluster.leader();
            return l == null ? List.of() : List.of(l.name());
        }
        if (query instanceof NodeQuery.FirstTimeout) {
            RaftServerState first = null;
            for (RaftServerState s : cluster.states()) {
                if (s.role() != RaftNode.Role.LEADER && s.electionDeadlineMicros() > 0
                        && (first == null || s.electionDeadlineMicros() < first.electionDeadlineMicros())) {
                    first = s;
                }
            }
            return first == null ? List.of() : List.of(first.id().name());
        }
        throw new IllegalArgumentException("a Raft cluster cannot answer: " + query.describe());
    }

    private Verdict committed(Condition.Committed c) {
        LogEntry entry = null;
        if (c.index() != null) {
            entry = entryAt(c.index());
            if (entry == null) {
                return Verdict.of(false, "no running server has entry " + c.index());
            }
        } else {
            for (RaftServerState s : cluster.states()) {
                for (LogEntry e : s.log()) {
                    if (e.operation() instanceof Operation.Kv kv && kv.command().key().equals(c.key())
                            && c.value().equals(kv.command().value())
                            && (entry == null || e.index() > entry.index())) {
                        entry = e;
                    }
                }
            }
            if (entry == null) {
                return Verdict.of(false, "no running server has an entry writing " + c.key() + "=" + c.value());
            }
        }
        List<String> have = new ArrayList<>();
        for (RaftServerState s : cluster.states()) {
            boolean committedHere = s.commitIndex() >= entry.index()
                    && (entry.index() <= s.snapshotIndex() || entry.equals(s.entry(entry.index())));
            if (committedHere) {
                have.add(s.id().name());
            }
        }
        return scoped(c.on(), have, "entry " + entry.index() + " (" + entry.operation() + ", term " + entry.term()
                + ") is committed on");
    }

    private LogEntry entryAt(long index) {
        for (RaftServerState s : cluster.states()) {
            LogEntry e = s.entry(index);
            if (e != null && s.commitIndex() >= index) {
                return e;
            }
        }
        for (RaftServerState s : cluster.states()) {
            LogEntry e = s.entry(index);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private Verdict stored(Condition.Stored st) {
        List<String> have = new ArrayList<>();
        for (RaftServerState s : cluster.states()) {
            String v = s.store().data().get(st.key());
            if (st.value() == null ? v == null : st.value().equals(v)) {
                have.add(s.id().name());
            }
        }
        return scoped(st.on(), have, (st.value() == null ? st.key() + " is absent" : st.key() + " = " + st.value())
                + " on");
    }

    /** Whether the servers in {@code have} cover {@code on}; a crashed server has nothing. */
    private Verdict scoped(Condition.Scope on, List<String> have, String what) {
        List<NodeId> servers = cluster.serverIds();
        String shown = what + " " + (have.isEmpty() ? "no server" : String.join(", ", have)) + " of "
                + servers.size();
        boolean holds = switch (on.kind()) {
            case ALL -> have.size() == servers.size();
            case MAJORITY -> have.size() > servers.size() / 2;
            case LISTED -> have.containsAll(on.nodes());
        };
        return Verdict.of(holds, shown);
    }
}
