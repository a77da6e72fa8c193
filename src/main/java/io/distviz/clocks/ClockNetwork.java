package io.distviz.clocks;

import io.distviz.clocks.logical.PhysicalTime;
import io.distviz.sim.Actions;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Node;
import io.distviz.sim.NodeFactory;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The boundary between people (the Clocks page, lessons, experiments) and a simulated network of clocks. It
 * checks every request and turns it into kernel actions, so bad input gets a clear message and changes nothing;
 * and it is the oracle that knows true time: each clock's offset from it and the spread between clocks, which
 * no node can know.
 *
 * <p>Machines are named {@code n1, n2, ...} and reference sources {@code ref, ref2, ...}. A new machine runs
 * free; {@code useCristian}, {@code useBerkeley} and {@code useNtp} give every machine its role.
 */
public final class ClockNetwork {
    public static final int MAX_NODES = 64;
    /** The largest offset a clock may be set to: a day. */
    public static final double MAX_OFFSET_MS = 86_400_000.0;

    private ClockConfig config;
    private final Simulation sim;
    private SyncAlgorithm algorithm = SyncAlgorithm.NONE;
    private int nextNumber = 1;
    private int nextReference = 1;

    private record Saved(ClockConfig config, SyncAlgorithm algorithm, int nextNumber, int nextReference)
            implements java.io.Serializable {
    }

    /** What this facade holds outside the nodes (settings, algorithm, next names), for time-travel checkpoints. */
    public java.io.Serializable saveState() {
        return new Saved(config, algorithm, nextNumber, nextReference);
    }

    /** Puts back a state from {@link #saveState()}. */
    public void restoreState(java.io.Serializable state) {
        Saved s = (Saved) state;
        config = s.config();
        algorithm = s.algorithm();
        nextNumber = s.nextNumber();
        nextReference = s.nextReference();
    }

    public ClockNetwork(ClockConfig config, SimConfig simConfig) {
        this(config, new Simulation(simConfig));
    }

    /** Drives clock nodes in an existing simulation (which should contain only clock nodes). */
    public ClockNetwork(ClockConfig config, Simulation sim) {
        this.config = Objects.requireNonNull(config, "config");
        this.sim = Objects.requireNonNull(sim, "simulation");
    }

    public ClockConfig config() {
        return config;
    }

    public Simulation simulation() {
        return sim;
    }

    /** The algorithm chosen last ({@link SyncAlgorithm#NONE} at first). */
    public SyncAlgorithm algorithm() {
        return algorithm;
    }

    // ============================================================================================ membership

    /** Adds a free-running machine whose oscillator is drawn from {@code kind}'s figures; returns its name. */
    public NodeId addNode(ClockKind kind) {
        Objects.requireNonNull(kind, "kind");
        return add(nextMachineName(), kind, null);
    }

    /** Adds a free-running machine with exactly these figures (the custom setting). */
    public NodeId addNode(ClockFigures figures) {
        Objects.requireNonNull(figures, "figures");
        return add(nextMachineName(), ClockKind.CUSTOM, figures);
    }

    /** Adds a reference source at stratum 0 (its clock is true time, up to its jitter); returns its name. */
    public NodeId addReference(SyncRole.ReferenceKind kind) {
        Objects.requireNonNull(kind, "kind");
        NodeId id;
        do {
            id = NodeId.of(nextReference == 1 ? "ref" : "ref" + nextReference);
            nextReference++;
        } while (exists(id));
        requireRoom();
        ClockConfig cfg = config;
        SyncRole role = new SyncRole.Reference(kind);
        sim.perform(new Actions.AddNode(id, (NodeId n, Serializable d) -> new ClockNode(n, cfg, role, ClockKind.CUSTOM,
                null, (ClockNode.Durable) d)));
        return id;
    }

    private NodeId nextMachineName() {
        NodeId id;
        do {
            id = NodeId.of("n" + nextNumber++);
        } while (exists(id));
        return id;
    }

    private NodeId add(NodeId id, ClockKind kind, ClockFigures figures) {
        requireRoom();
        ClockConfig cfg = config;
        NodeFactory factory = (NodeId n, Serializable d) -> new ClockNode(n, cfg, new SyncRole.FreeRunning(), kind,
                figures, (ClockNode.Durable) d);
        sim.perform(new Actions.AddNode(id, factory));
        return id;
    }

    private void requireRoom() {
        if (nodeIds().size() >= MAX_NODES) {
            throw new IllegalArgumentException("a clock network has at most " + MAX_NODES + " nodes");
        }
    }

    private boolean exists(NodeId id) {
        NodeStatus s = sim.status(id);
        return s != null && s != NodeStatus.REMOVED;
    }

    public void crash(NodeId node) {
        requireRunning(node);
        sim.perform(new Actions.Crash(node));
    }

    /** Restarts a crashed node: its oscillator ran on, its software clock starts again from it. */
    public void restart(NodeId node) {
        if (sim.status(requireKnown(node)) != NodeStatus.CRASHED) {
            throw new IllegalArgumentException(node + " is running; only a crashed node can restart");
        }
        sim.perform(new Actions.Restart(node));
    }

    public void remove(NodeId node) {
        requireKnown(node);
        sim.perform(new Actions.Remove(node));
    }

    // ============================================================================================ clocks

    /** Swaps {@code node}'s oscillator for one of {@code kind}, drawn afresh; its reading does not jump. */
    public void setClockKind(NodeId node, ClockKind kind) {
        Objects.requireNonNull(kind, "kind");
        requireMachine(node);
        if (kind == ClockKind.CUSTOM) {
            throw new IllegalArgumentException("the custom setting takes figures: use setFigures or setSkewPpm");
        }
        command(node, new ClockCommand.SetKind(kind));
    }

    /** Gives {@code node}'s oscillator a frequency error of {@code ppm}, its other figures unchanged. */
    public void setSkewPpm(NodeId node, double ppm) {
        requireMachine(node);
        double max = HardwareClock.MAX_SKEW_PPT / (double) ClockKind.PPT_PER_PPM;
        if (!Double.isFinite(ppm) || Math.abs(ppm) > max) {
            throw new IllegalArgumentException("a skew must be a number of ppm within ±" + (long) max + ", not "
                    + ppm);
        }
        HardwareClock h = clockOf(node).hardware().rebasedAt(sim.nowMicros());
        command(node, new ClockCommand.SetFigures(new ClockFigures(0, Math.round(ppm * ClockKind.PPT_PER_PPM),
                h.agingPptPerDay(), h.temperatureAmplitudePpt(), h.temperaturePeriodMicros(), h.readJitterNanos())));
    }

    /** Gives {@code node}'s oscillator exactly these figures (the offset in them is ignored: no jump). */
    public void setFigures(NodeId node, ClockFigures figures) {
        Objects.requireNonNull(figures, "figures");
        requireMachine(node);
        command(node, new ClockCommand.SetFigures(figures));
    }

    /** Sets {@code node}'s clock by hand to true time plus {@code offsetMs}. */
    public void setOffsetMillis(NodeId node, double offsetMs) {
        requireMachine(node);
        requireOffset("an offset", offsetMs);
        command(node, new ClockCommand.SetOffset(Math.round(offsetMs * 1e6)));
    }

    /** Makes {@code node} serve time {@code offsetMs} off (a falseticker); 0 makes it honest again. */
    public void lie(NodeId node, double offsetMs) {
        requireRunning(node);
        requireOffset("a lie", offsetMs);
        command(node, new ClockCommand.Lie(Math.round(offsetMs * 1e6)));
    }

    /** Has {@code node} read its clock now, so the reading shows in the trace. */
    public void readClock(NodeId node) {
        requireRunning(node);
        command(node, new ClockCommand.ReadClock());
    }

    /** Has {@code node} synchronize now, outside its schedule (a round by hand). */
    public void syncNow(NodeId node) {
        requireRunning(node);
        SyncRole r = node(node).role();
        if (r instanceof SyncRole.FreeRunning || r instanceof SyncRole.Reference
                || r instanceof SyncRole.BerkeleyFollower) {
            throw new IllegalArgumentException(node + " is " + r.label() + " and does not start synchronizations"
                    + (r instanceof SyncRole.BerkeleyFollower f ? "; its master " + f.master() + " does" : ""));
        }
        command(node, new ClockCommand.SyncNow());
    }

    // ============================================================================================ algorithms

    /** Every machine runs free. */
    public void useNoSync() {
        SortedMap<NodeId, SyncRole> roles = new TreeMap<>();
        for (NodeId m : runningMachines()) {
            roles.put(m, new SyncRole.FreeRunning());
        }
        apply(SyncAlgorithm.NONE, roles);
    }

    /** Every other running machine asks {@code server} (a machine or a reference), which itself runs free. */
    public void useCristian(NodeId server) {
        requireRunning(server);
        SortedMap<NodeId, SyncRole> roles = new TreeMap<>();
        for (NodeId m : runningMachines()) {
            roles.put(m, m.equals(server) ? new SyncRole.FreeRunning() : new SyncRole.CristianClient(server));
        }
        apply(SyncAlgorithm.CRISTIAN, roles);
    }

    /** {@code master} polls every other running machine and averages (references take no part). */
    public void useBerkeley(NodeId master) {
        requireMachine(master);
        List<NodeId> followers = new ArrayList<>(runningMachines());
        followers.remove(master);
        SortedMap<NodeId, SyncRole> roles = new TreeMap<>();
        roles.put(master, new SyncRole.BerkeleyMaster(followers));
        for (NodeId f : followers) {
            roles.put(f, new SyncRole.BerkeleyFollower(master));
        }
        apply(SyncAlgorithm.BERKELEY, roles);
    }

    /**
     * Makes each machine in {@code serversOf} an NTP client of the servers listed for it (machines or
     * references); machines not in the map run free. Strata follow from who polls whom.
     */
    public void useNtp(Map<NodeId, List<NodeId>> serversOf) {
        SortedMap<NodeId, SyncRole> roles = new TreeMap<>();
        for (NodeId m : runningMachines()) {
            roles.put(m, new SyncRole.FreeRunning());
        }
        for (Map.Entry<NodeId, List<NodeId>> e : new TreeMap<>(serversOf).entrySet()) {
            NodeId client = e.getKey();
            requireMachine(client);
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException(client + " needs at least one NTP server");
            }
            List<NodeId> seen = new ArrayList<>();
            for (NodeId s : e.getValue()) {
                requireKnown(s);
                if (s.equals(client)) {
                    throw new IllegalArgumentException(client + " cannot be its own NTP server");
                }
                if (seen.contains(s)) {
                    throw new IllegalArgumentException(s + " is listed twice as a server of " + client);
                }
                seen.add(s);
            }
            roles.put(client, new SyncRole.NtpClient(seen));
        }
        apply(SyncAlgorithm.NTP, roles);
    }

    /**
     * A two-tier NTP hierarchy: the first {@code firstTier} running machines poll {@code reference} (and become
     * stratum 1), every other machine polls all of the first tier (stratum 2).
     */
    public void useNtpTiers(NodeId reference, int firstTier) {
        requireRunning(reference);
        if (!(node(reference).role() instanceof SyncRole.Reference)) {
            throw new IllegalArgumentException(reference + " is not a reference source");
        }
        List<NodeId> machines = runningMachines();
        if (firstTier < 1 || firstTier > machines.size()) {
            throw new IllegalArgumentException("the first tier has 1 to " + machines.size() + " machines, not "
                    + firstTier);
        }
        List<NodeId> tier = machines.subList(0, firstTier);
        TreeMap<NodeId, List<NodeId>> map = new TreeMap<>();
        for (NodeId m : machines) {
            map.put(m, tier.contains(m) ? List.of(reference) : List.copyOf(tier));
        }
        useNtp(map);
    }

    /** Changes the configuration of every running node, each keeping its role. */
    public void setConfig(ClockConfig newConfig) {
        Objects.requireNonNull(newConfig, "config");
        config = newConfig;
        for (NodeId id : nodeIds()) {
            if (sim.status(id) == NodeStatus.UP) {
                command(id, new ClockCommand.Configure(node(id).role(), newConfig));
            }
        }
    }

    private void apply(SyncAlgorithm chosen, SortedMap<NodeId, SyncRole> roles) {
        algorithm = chosen;
        for (Map.Entry<NodeId, SyncRole> e : roles.entrySet()) {
            command(e.getKey(), new ClockCommand.Configure(e.getValue(), config));
        }
    }

    // ============================================================================================ network

    /** Sets one direction of a link (a different profile each way makes the path asymmetric). */
    public void setLink(NodeId from, NodeId to, LinkProfile profile) {
        requireKnown(from);
        requireKnown(to);
        if (from.equals(to)) {
            throw new IllegalArgumentException("a link joins two different nodes, not " + from + " to itself");
        }
        sim.perform(new Actions.SetLink(from, to, profile));
    }

    public void setDefaultLink(LinkProfile profile) {
        sim.perform(new Actions.SetDefaultLink(profile));
    }

    /** Cuts one direction only: {@code from} can no longer reach {@code to}. */
    public void blockOneWay(NodeId from, NodeId to) {
        requireKnown(from);
        requireKnown(to);
        sim.perform(new Actions.BlockOneWay(from, to));
    }

    public void heal() {
        sim.perform(new Actions.Heal());
    }

    // ============================================================================================ oracle

    /** Every node not removed: references first, then machines by number. */
    public List<NodeId> nodeIds() {
        List<NodeId> out = new ArrayList<>();
        for (NodeId id : sim.nodeIds()) {
            if (exists(id)) {
                out.add(id);
            }
        }
        out.sort((a, b) -> {
            int c = Integer.compare(rank(a), rank(b));
            return c != 0 ? c : a.compareTo(b);
        });
        return out;
    }

    private static int rank(NodeId id) {
        String n = id.name();
        String digits = n.replaceFirst("^[^0-9]*", "");
        int prefix = n.startsWith("ref") ? 0 : 1_000_000;
        try {
            return prefix + (digits.isEmpty() ? 0 : Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Running nodes that are not reference sources, in {@link #nodeIds} order. */
    public List<NodeId> runningMachines() {
        List<NodeId> out = new ArrayList<>();
        for (NodeId id : nodeIds()) {
            if (sim.node(id) instanceof ClockNode n && !(n.role() instanceof SyncRole.Reference)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The node now, or null if it is crashed. */
    public ClockNodeState state(NodeId node) {
        Node n = sim.node(requireKnown(node));
        return n instanceof ClockNode c ? c.state(sim.nowMicros()) : null;
    }

    /** Every running node now, references included. */
    public List<ClockNodeState> states() {
        List<ClockNodeState> out = new ArrayList<>();
        for (NodeId id : nodeIds()) {
            if (sim.node(id) instanceof ClockNode c) {
                out.add(c.state(sim.nowMicros()));
            }
        }
        return out;
    }

    /** {@code node}'s clock minus true time now, in nanoseconds (no read jitter). */
    public double offsetFromTrueTimeNanos(NodeId node) {
        return clockOf(node).readingNanos(sim.nowMicros()) - sim.nowMicros() * 1000.0;
    }

    /** The largest difference between two running machines' clocks now, in nanoseconds (0 with fewer than two). */
    public double maxPairwiseSkewNanos() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (NodeId id : runningMachines()) {
            double o = offsetFromTrueTimeNanos(id);
            min = Math.min(min, o);
            max = Math.max(max, o);
        }
        return max > min ? max - min : 0;
    }

    /**
     * The correction {@code client} would need now to agree with {@code server}'s clock as served (its lie
     * included), or with true time when {@code server} is null: what an estimated offset is compared with.
     */
    public double trueCorrectionNanos(NodeId client, NodeId server) {
        double target = server == null ? sim.nowMicros() * 1000.0
                : clockOf(server).readingNanos(sim.nowMicros()) + node(server).lieNanos();
        return target - clockOf(client).readingNanos(sim.nowMicros());
    }

    /**
     * Physical time for hybrid logical clocks over this network's trace: each node's own clock (without read
     * jitter) as it was at each event, rebuilt from the clock functions the trace carries.
     */
    public static PhysicalTime physicalTime() {
        return new ClockTracePhysicalTime();
    }

    // ============================================================================================ checks

    private ClockNode node(NodeId id) {
        Node n = sim.node(requireKnown(id));
        if (!(n instanceof ClockNode c)) {
            throw new IllegalArgumentException(id + " is crashed");
        }
        return c;
    }

    private SoftwareClock clockOf(NodeId id) {
        return node(id).clock();
    }

    private void command(NodeId id, ClockCommand c) {
        sim.perform(new Actions.Command(id, c));
    }

    private NodeId requireKnown(NodeId id) {
        Objects.requireNonNull(id, "node");
        if (!exists(id)) {
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

    /** A running node that is not a reference source (whose clock is true time and cannot be changed). */
    private void requireMachine(NodeId id) {
        if (node(requireRunning(id)).role() instanceof SyncRole.Reference) {
            throw new IllegalArgumentException(id + " is a reference source: its clock is true time");
        }
    }

    private static void requireOffset(String what, double ms) {
        if (!Double.isFinite(ms) || Math.abs(ms) > MAX_OFFSET_MS) {
            throw new IllegalArgumentException(what + " must be a number of milliseconds within a day, not " + ms);
        }
    }
}
