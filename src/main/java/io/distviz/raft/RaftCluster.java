package io.distviz.raft;

import io.distviz.sim.Actions;
import io.distviz.sim.Node;
import io.distviz.sim.NodeFactory;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The boundary between people (the page, lessons, scenarios, experiments) and a simulated Raft cluster:
 * it checks requests and turns them into kernel actions, and it is the oracle (who leads, what each server
 * holds) that the protocol never consults. Servers are named {@code s1, s2, ...}, clients {@code c1, ...}.
 */
public final class RaftCluster {
    public static final int MIN_SERVERS = 1;
    public static final int MAX_SERVERS = 9;

    private final RaftConfig config;
    private final Simulation sim;
    private final List<NodeId> initialServers = new ArrayList<>();
    private int nextServerNumber = 1;
    private int nextClientNumber = 1;

    /** What this facade holds outside the nodes, for time-travel checkpoints: the next names it will give. */
    public Serializable saveState() {
        return new int[] {nextServerNumber, nextClientNumber};
    }

    /** Puts back a state from {@link #saveState()}. */
    public void restoreState(Serializable state) {
        int[] next = (int[]) state;
        nextServerNumber = next[0];
        nextClientNumber = next[1];
    }

    public RaftCluster(RaftConfig config, SimConfig simConfig, int servers) {
        this(config, new Simulation(simConfig), servers);
    }

    /** Starts {@code servers} servers in an empty simulation. */
    public RaftCluster(RaftConfig config, Simulation sim, int servers) {
        this.config = Objects.requireNonNull(config, "config");
        this.sim = Objects.requireNonNull(sim, "simulation");
        if (servers < MIN_SERVERS || servers > MAX_SERVERS) {
            throw new IllegalArgumentException("a cluster has " + MIN_SERVERS + " to " + MAX_SERVERS
                    + " servers, not " + servers);
        }
        for (int i = 0; i < servers; i++) {
            initialServers.add(NodeId.of("s" + nextServerNumber++));
        }
        for (NodeId s : initialServers) {
            sim.perform(new Actions.AddNode(s, serverFactory(config, initialServers)));
        }
    }

    private static NodeFactory serverFactory(RaftConfig config, List<NodeId> initial) {
        List<NodeId> servers = new ArrayList<>(initial);
        return (NodeId id, Serializable durable) -> new RaftNode(id, config, servers, (RaftNode.Durable) durable);
    }

    public RaftConfig config() {
        return config;
    }

    public Simulation simulation() {
        return sim;
    }

    // ============================================================================================ actions

    /** Adds a client that talks to every server it knows, starting with the first; returns its name. */
    public NodeId addClient() {
        return addClient(null);
    }

    /**
     * Adds a client whose first request goes to {@code firstServer} (a student's "send to this server"; a
     * follower will redirect it), or to the first server when null.
     */
    public NodeId addClient(NodeId firstServer) {
        if (firstServer != null) {
            requireKnown(firstServer);
        }
        NodeId id = NodeId.of("c" + nextClientNumber);
        long clientId = nextClientNumber++;
        List<NodeId> servers = new ArrayList<>(serverIds());
        if (firstServer != null) {
            servers.remove(firstServer);
            servers.add(0, firstServer);
        }
        RaftConfig cfg = config;
        sim.perform(new Actions.AddNode(id, (NodeId n, Serializable d) -> new RaftClient(n, clientId, cfg, servers)));
        return id;
    }

    /** Queues {@code command} at {@code client}; its answer arrives as a ClientCompleted event. */
    public void submit(NodeId client, KvCommand command) {
        Objects.requireNonNull(command, "command");
        if (!(sim.node(requireRunning(client)) instanceof RaftClient)) {
            throw new IllegalArgumentException(client + " is not a client");
        }
        sim.perform(new Actions.Command(client, new RaftCommand.Submit(command)));
    }

    public void crash(NodeId server) {
        requireRunning(server);
        sim.perform(new Actions.Crash(server));
    }

    public void restart(NodeId server) {
        NodeStatus s = sim.status(requireKnown(server));
        if (s != NodeStatus.CRASHED) {
            throw new IllegalArgumentException(server + " is running; only a crashed server can restart");
        }
        sim.perform(new Actions.Restart(server));
    }

    /** Makes {@code server} start an election now, as if its timer had run out. */
    public void forceTimeout(NodeId server) {
        requireServer(server);
        sim.perform(new Actions.Command(server, new RaftCommand.ForceTimeout()));
    }

    /** Splits the network into groups that cannot reach each other; nodes in no group still reach everyone. */
    public void partition(List<Set<NodeId>> groups) {
        sim.perform(new Actions.Partition(groups));
    }

    public void heal() {
        sim.perform(new Actions.Heal());
    }

    /**
     * Starts a new server outside the configuration and asks the leader to catch it up and add it (one
     * server at a time). Returns its name; it counts once the configuration entry reaches the logs.
     */
    public NodeId addServer() {
        NodeId leader = leader();
        if (leader == null) {
            throw new IllegalArgumentException("there is no leader to add a server through; wait for an election");
        }
        if (serverIds().size() >= MAX_SERVERS) {
            throw new IllegalArgumentException("a cluster has at most " + MAX_SERVERS + " servers");
        }
        requireNoChangeInProgress(leader);
        NodeId id = NodeId.of("s" + nextServerNumber++);
        sim.perform(new Actions.AddNode(id, serverFactory(config, List.of())));
        sim.perform(new Actions.Command(leader, new RaftCommand.AddServer(id)));
        return id;
    }

    /** Asks the leader to remove {@code server} from the configuration. */
    public void removeServer(NodeId server) {
        requireKnown(server);
        NodeId leader = leader();
        if (leader == null) {
            throw new IllegalArgumentException("there is no leader to remove a server through; wait for an election");
        }
        RaftServerState l = state(leader);
        if (!l.configuration().contains(server)) {
            throw new IllegalArgumentException(server + " is not in the configuration " + l.configuration());
        }
        if (l.configuration().size() == 1) {
            throw new IllegalArgumentException("the last server of a configuration cannot be removed");
        }
        requireNoChangeInProgress(leader);
        sim.perform(new Actions.Command(leader, new RaftCommand.RemoveServer(server)));
    }

    /** The leader accepts one change at a time, and only once it has committed an entry of its own term. */
    private void requireNoChangeInProgress(NodeId leader) {
        RaftServerState l = state(leader);
        if (!l.learners().isEmpty()) {
            // The leader would drop the request silently: say so instead.
            throw new IllegalArgumentException(l.learners().get(0) + " is still catching up before it joins the "
                    + "configuration; add or remove the next server once it has");
        }
        for (long i = l.commitIndex() + 1; i <= l.lastIndex(); i++) {
            LogEntry e = l.entry(i);
            if (e != null && e.operation() instanceof Operation.Config) {
                throw new IllegalArgumentException("a configuration change is still in progress (entry " + i
                        + " is not committed yet); try again in a moment");
            }
        }
        LogEntry committed = l.entry(l.commitIndex());
        long committedTerm = committed != null ? committed.term() : l.snapshotTerm();
        if (committedTerm != l.currentTerm()) {
            throw new IllegalArgumentException("the new leader " + leader + " has not committed an entry of its "
                    + "term yet; try again in a moment");
        }
    }

    // ============================================================================================ oracle

    /** Every server ever started, in name order (s1, s2, ... s10 sorts by number). */
    public List<NodeId> serverIds() {
        List<NodeId> out = new ArrayList<>();
        for (NodeId id : sim.nodeIds()) {
            if (id.name().startsWith("s") && sim.status(id) != NodeStatus.REMOVED) {
                out.add(id);
            }
        }
        out.sort((a, b) -> Integer.compare(number(a), number(b)));
        return out;
    }

    private static int number(NodeId id) {
        try {
            return Integer.parseInt(id.name().substring(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The state of a running server, or null if it is crashed. */
    public RaftServerState state(NodeId server) {
        Node n = sim.node(requireKnown(server));
        return n instanceof RaftNode r ? r.state() : null;
    }

    /** States of every running server. */
    public List<RaftServerState> states() {
        List<RaftServerState> out = new ArrayList<>();
        for (NodeId id : serverIds()) {
            if (sim.node(id) instanceof RaftNode r) {
                out.add(r.state());
            }
        }
        return out;
    }

    /** The running leader of the highest term, or null when there is none. */
    public NodeId leader() {
        RaftServerState best = null;
        for (RaftServerState s : states()) {
            if (s.role() == RaftNode.Role.LEADER && (best == null || s.currentTerm() > best.currentTerm())) {
                best = s;
            }
        }
        return best == null ? null : best.id();
    }

    // ============================================================================================ checks

    private NodeId requireKnown(NodeId id) {
        Objects.requireNonNull(id, "node");
        NodeStatus s = sim.status(id);
        if (s == null || s == NodeStatus.REMOVED) {
            throw new IllegalArgumentException("there is no node named " + id);
        }
        return id;
    }

    private NodeId requireRunning(NodeId id) {
        if (sim.status(requireKnown(id)) != NodeStatus.UP) {
            throw new IllegalArgumentException(id + " is crashed");
        }
        return id;
    }

    private void requireServer(NodeId id) {
        if (!(sim.node(requireRunning(id)) instanceof RaftNode)) {
            throw new IllegalArgumentException(id + " is not a server");
        }
    }
}
