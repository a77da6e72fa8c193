package io.distviz.chord;

import io.distviz.sim.Actions;
import io.distviz.sim.Node;
import io.distviz.sim.NodeFactory;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The boundary between people (the page, lessons, scenarios, experiments) and a simulated Chord network. It
 * checks every request before it turns it into kernel actions, so bad input gets a clear message and
 * changes nothing; and it is the global oracle (who is alive, who is responsible for a key, do the
 * invariants hold) that the protocol itself never consults.
 */
public final class ChordRing {
    private final ChordConfig config;
    private final IdentifierCircle circle;
    private final Simulation sim;
    private long nextOpId = 1;

    /** What this facade holds outside the nodes, for time-travel checkpoints: the next operation's number. */
    public java.io.Serializable saveState() {
        return nextOpId;
    }

    /** Puts back a state from {@link #saveState()}. */
    public void restoreState(java.io.Serializable state) {
        nextOpId = (Long) state;
    }

    public ChordRing(ChordConfig config, SimConfig simConfig) {
        this(config, new Simulation(simConfig));
    }

    /** Drives Chord nodes in an existing simulation (which should contain only Chord nodes). */
    public ChordRing(ChordConfig config, Simulation sim) {
        this.config = Objects.requireNonNull(config, "config");
        this.circle = config.circle();
        this.sim = Objects.requireNonNull(sim, "simulation");
    }

    public ChordConfig config() {
        return config;
    }

    public IdentifierCircle circle() {
        return circle;
    }

    public Simulation simulation() {
        return sim;
    }

    /** The identifier of a key string: SHA-1 reduced to m bits. */
    public long keyId(String key) {
        return circle.hash(requireKey(key));
    }

    /** The identifier a node at {@code address} gets when none is chosen: SHA-1 of the address, m bits. */
    public long nodeIdFor(String address) {
        return circle.hash(requireAddress(address));
    }

    /** A conventional address for the i-th node of a generated ring: {@code 10.a.b.c:4000}. */
    public static String address(int i) {
        return "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255) + ":4000";
    }

    // ============================================================================================ membership

    /**
     * Adds a node at {@code address} with the hashed id. The first node creates the ring; later ones join
     * through a live member (the one with the lowest id).
     */
    public NodeRef join(String address) {
        return join(address, nodeIdFor(address), null);
    }

    /**
     * Adds a node with an explicit identifier (a click on the circle) that joins through {@code via} (any live
     * member; null: the live member with the lowest id; none: it creates the ring).
     */
    public NodeRef join(String address, long id, String via) {
        requireAddress(address);
        circle.requireId(id, "node id");
        NodeId nid = NodeId.of(address);
        NodeStatus status = sim.status(nid);
        if (status != null && status != NodeStatus.REMOVED) {
            throw new IllegalArgumentException("there is already a node at " + address);
        }
        NodeRef taken = holderOf(id);
        if (taken != null) {
            throw new IllegalArgumentException("identifier " + id + " is already taken by " + taken.address()
                    + "; choose another id or address");
        }
        List<NodeRef> contacts = new ArrayList<>();
        if (via != null) {
            ChordNode bootstrap = liveNode(via);
            if (bootstrap.phase() != ChordNode.Phase.MEMBER) {
                throw new IllegalArgumentException(via + " has not finished joining, so it cannot introduce "
                        + address);
            }
            contacts.add(bootstrap.ref());
        } else {
            List<NodeRef> members = liveMembers();
            if (!members.isEmpty()) {
                contacts.add(members.get(0));
            } else if (!joiningNodes().isEmpty()) {
                throw new IllegalArgumentException("no node has finished joining yet, so there is no ring to join");
            }
        }
        sim.perform(new Actions.AddNode(nid, factory(id, config, contacts, null)));
        return new NodeRef(id, nid);
    }

    /**
     * Adds a physical host that runs {@code virtualNodes} Chord nodes (section 6.2 of the paper: virtual nodes
     * spread a host's share of keys). Virtual node j is named {@code host#j} and its id is the hash of that
     * name; each joins like any node. A host of one virtual node is just {@link #join(String)}.
     */
    public List<NodeRef> joinHost(String host, int virtualNodes) {
        requireAddress(host);
        if (host.contains(VIRTUAL_SEPARATOR)) {
            throw new IllegalArgumentException("a host address must not contain '" + VIRTUAL_SEPARATOR + "': " + host);
        }
        if (virtualNodes < 1 || virtualNodes > 64) {
            throw new IllegalArgumentException("a host runs 1 to 64 virtual nodes, not " + virtualNodes);
        }
        if (virtualNodes == 1) {
            return List.of(join(host));
        }
        List<NodeRef> out = new ArrayList<>();
        for (int j = 0; j < virtualNodes; j++) {
            out.add(join(host + VIRTUAL_SEPARATOR + j));
        }
        return out;
    }

    /** Between a host's address and a virtual node's number in the node's name. */
    public static final String VIRTUAL_SEPARATOR = "#";

    /** The physical host a node runs on: its address without the virtual node suffix. */
    public static String hostOf(String address) {
        int i = address.indexOf(VIRTUAL_SEPARATOR);
        return i < 0 ? address : address.substring(0, i);
    }

    /** Crashes a physical host: every running node on it stops at once. */
    public void crashHost(String host) {
        List<String> names = new ArrayList<>();
        for (NodeId id : sim.nodeIds()) {
            if (hostOf(id.name()).equals(host) && sim.status(id) == NodeStatus.UP) {
                names.add(id.name());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no running node on host " + host);
        }
        for (String n : names) {
            crash(n);
        }
    }

    private static NodeFactory factory(long id, ChordConfig config, List<NodeRef> contacts, Placement placement) {
        return (NodeId nid, Serializable durable) -> durable == null
                ? new ChordNode(nid, id, config, contacts, placement)
                : new ChordNode(nid, id, config, knownPeers(durable), null);
    }

    @SuppressWarnings("unchecked")
    private static List<NodeRef> knownPeers(Serializable durable) {
        return (List<NodeRef>) durable;
    }

    /**
     * Places a ring directly, with every pointer exact (predecessor, r successors, all fingers), as if it had
     * been built by joins and had fully stabilized; the nodes then run the ordinary protocol. For experiments
     * and benchmarks that need large rings fast; the page and lessons build rings by joins.
     */
    public List<NodeRef> placeRing(List<String> addresses) {
        List<Long> ids = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            ids.add(nodeIdFor(a));
        }
        return placeRing(addresses, ids);
    }

    public List<NodeRef> placeRing(List<String> addresses, List<Long> ids) {
        if (addresses.size() != ids.size()) {
            throw new IllegalArgumentException(addresses.size() + " addresses but " + ids.size() + " ids");
        }
        if (!sim.nodeIds().isEmpty()) {
            throw new IllegalArgumentException("a ring can only be placed in an empty simulation");
        }
        int n = addresses.size();
        if (n == 0) {
            return List.of();
        }
        NodeRef[] sorted = new NodeRef[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = new NodeRef(circle.requireId(ids.get(i), "node id"),
                    NodeId.of(requireAddress(addresses.get(i))));
        }
        Arrays.sort(sorted, (a, b) -> Long.compare(a.id(), b.id()));
        long[] sortedIds = new long[n];
        for (int i = 0; i < n; i++) {
            sortedIds[i] = sorted[i].id();
            if (i > 0 && sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("identifier " + sortedIds[i] + " is taken twice, by "
                        + sorted[i - 1].address() + " and " + sorted[i].address()
                        + "; use more bits or other addresses");
            }
        }
        int r = config.successorListLength();
        for (int i = 0; i < n; i++) {
            NodeRef self = sorted[i];
            List<NodeRef> succ = new ArrayList<>();
            for (int j = 1; j <= Math.min(r, n - 1); j++) {
                succ.add(sorted[(i + j) % n]);
            }
            if (succ.isEmpty()) {
                succ.add(self);
            }
            List<NodeRef> fingers = new ArrayList<>(config.bits());
            for (int f = 1; f <= config.bits(); f++) {
                fingers.add(sorted[successorIndex(sortedIds, circle.fingerStart(self.id(), f))]);
            }
            NodeRef pred = n == 1 ? null : sorted[(i - 1 + n) % n];
            Placement placement = new Placement(pred, succ, fingers);
            sim.perform(new Actions.AddNode(self.address(),
                    factory(self.id(), config, Collections.emptyList(), placement)));
        }
        return List.of(sorted);
    }

    /** Index in {@code sortedIds} of successor(id): the first id ≥ id, wrapping to the first. */
    static int successorIndex(long[] sortedIds, long id) {
        int i = Arrays.binarySearch(sortedIds, id);
        if (i < 0) {
            i = -i - 1;
        }
        return i == sortedIds.length ? 0 : i;
    }

    /** Crashes a node: it stops at once and hands nothing over; messages reaching it while down are lost. */
    public void crash(String address) {
        liveNode(address);
        sim.perform(new Actions.Crash(NodeId.of(address)));
    }

    /** Restarts a crashed node; it rejoins through the peers it remembered. */
    public void restart(String address) {
        NodeId nid = NodeId.of(requireAddress(address));
        NodeStatus s = sim.status(nid);
        if (s == null || s == NodeStatus.REMOVED) {
            throw new IllegalArgumentException("there is no Chord node at " + address);
        }
        if (s != NodeStatus.CRASHED) {
            throw new IllegalArgumentException(address + " is running; only a crashed node can restart");
        }
        sim.perform(new Actions.Restart(nid));
    }

    /** A graceful leave: the node hands its keys to its successor, tells its neighbours, and is removed. */
    public void leave(String address) {
        liveNode(address);
        NodeId nid = NodeId.of(address);
        sim.perform(new Actions.Command(nid, new ChordCommand.Leave()));
        sim.perform(new Actions.Remove(nid));
    }

    // ============================================================================================ operations

    /**
     * Starts a lookup of {@code key} at node {@code from}; the answer arrives as a LookupDone (or LookupFailed)
     * event carrying the returned operation id. When {@code from} already knows the answer (0 hops) that event
     * is in the trace before this method returns, so a listener should not expect to learn the id first.
     */
    public long lookup(String from, String key) {
        return lookup(from, key, false);
    }

    /**
     * Starts a lookup of {@code key} at {@code from}; with {@code successorsOnly} it follows successor pointers
     * only, whatever the ring's routing, for comparing the two on the same ring.
     */
    public long lookup(String from, String key, boolean successorsOnly) {
        return lookupId(from, keyId(key), key, successorsOnly);
    }

    /** Starts a lookup of the successor of identifier {@code target} at node {@code from}. */
    public long lookupId(String from, long target) {
        return lookupId(from, circle.requireId(target, "target id"), null, false);
    }

    private long lookupId(String from, long target, String key, boolean successorsOnly) {
        requireMember(from);
        long op = nextOpId++;
        sim.perform(new Actions.Command(NodeId.of(from), new ChordCommand.Lookup(op, key, target, successorsOnly)));
        return op;
    }

    /** Stores {@code key = value}: a lookup from {@code from}, then a put at the node it finds. */
    public long store(String from, String key, String value) {
        requireKey(key);
        Objects.requireNonNull(value, "value");
        requireMember(from);
        long op = nextOpId++;
        sim.perform(new Actions.Command(NodeId.of(from), new ChordCommand.Store(op, key, value)));
        return op;
    }

    /** Fetches {@code key}: a lookup from {@code from}, then a get at the node it finds. */
    public long fetch(String from, String key) {
        requireKey(key);
        requireMember(from);
        long op = nextOpId++;
        sim.perform(new Actions.Command(NodeId.of(from), new ChordCommand.Fetch(op, key)));
        return op;
    }

    // ============================================================================================ oracle

    /** The state of the node at {@code address}, or null when it is crashed or removed. */
    public ChordNodeState state(String address) {
        Node n = sim.node(NodeId.of(requireAddress(address)));
        return n instanceof ChordNode c ? c.state() : null;
    }

    /** The states of all running nodes (joining, member or left), in name order. */
    public List<ChordNodeState> states() {
        List<ChordNodeState> out = new ArrayList<>();
        for (NodeId id : sim.nodeIds()) {
            if (sim.status(id) == NodeStatus.UP && sim.node(id) instanceof ChordNode c) {
                out.add(c.state());
            }
        }
        return out;
    }

    /** Running members, in identifier order. */
    public List<NodeRef> liveMembers() {
        List<NodeRef> out = new ArrayList<>();
        for (NodeId id : sim.nodeIds()) {
            if (sim.status(id) == NodeStatus.UP && sim.node(id) instanceof ChordNode c
                    && c.phase() == ChordNode.Phase.MEMBER) {
                out.add(c.ref());
            }
        }
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    private List<NodeRef> joiningNodes() {
        List<NodeRef> out = new ArrayList<>();
        for (NodeId id : sim.nodeIds()) {
            if (sim.status(id) == NodeStatus.UP && sim.node(id) instanceof ChordNode c
                    && c.phase() == ChordNode.Phase.JOINING) {
                out.add(c.ref());
            }
        }
        return out;
    }

    /** The live member responsible for identifier {@code id} (its successor), or null with no members. */
    public NodeRef responsibleFor(long id) {
        return successorAmong(liveMembers(), id);
    }

    /** successor(id) among {@code sortedMembers} (identifier order). */
    public static NodeRef successorAmong(List<NodeRef> sortedMembers, long id) {
        if (sortedMembers.isEmpty()) {
            return null;
        }
        int lo = 0;
        int hi = sortedMembers.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedMembers.get(mid).id() < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sortedMembers.get(lo == sortedMembers.size() ? 0 : lo);
    }

    /** Checks the ring invariants now (see {@link RingCheck}). */
    public RingCheck check() {
        return RingCheck.of(this);
    }

    // ============================================================================================ checks

    private NodeRef holderOf(long id) {
        for (NodeId nid : sim.nodeIds()) {
            NodeStatus s = sim.status(nid);
            if (s == NodeStatus.UP && sim.node(nid) instanceof ChordNode c && c.phase() != ChordNode.Phase.LEFT
                    && c.ref().id() == id) {
                return c.ref();
            }
        }
        return null;
    }

    private ChordNode liveNode(String address) {
        NodeId nid = NodeId.of(requireAddress(address));
        NodeStatus s = sim.status(nid);
        if (s == null || s == NodeStatus.REMOVED) {
            throw new IllegalArgumentException("there is no Chord node at " + address);
        }
        if (s != NodeStatus.UP) {
            throw new IllegalArgumentException(address + " is crashed");
        }
        if (!(sim.node(nid) instanceof ChordNode c)) {
            throw new IllegalArgumentException(address + " is not a Chord node");
        }
        if (c.phase() == ChordNode.Phase.LEFT) {
            throw new IllegalArgumentException(address + " has left the ring");
        }
        return c;
    }

    private void requireMember(String address) {
        ChordNode c = liveNode(address);
        if (c.phase() != ChordNode.Phase.MEMBER) {
            throw new IllegalArgumentException(address + " has not finished joining the ring yet");
        }
    }

    private static String requireAddress(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a node address must not be empty");
        }
        return address;
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        return key;
    }
}
