package io.distviz.chord;

import io.distviz.chord.ChordConfig.LookupStyle;
import io.distviz.chord.ChordConfig.MaintenanceRules;
import io.distviz.chord.ChordConfig.Routing;
import io.distviz.chord.ChordMessage.FindSuccessor;
import io.distviz.sim.Input;
import io.distviz.sim.Message;
import io.distviz.sim.Node;
import io.distviz.sim.NodeId;
import io.distviz.sim.Payload;
import io.distviz.sim.Timer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * One Chord node (Stoica et al., SIGCOMM 2001; maintenance as corrected by Zave, 2017, when so configured).
 *
 * <p>A message-driven state machine: it knows only what messages taught it. Everything it does starts in
 * {@link #step}: a message, a timer (the periodic stabilize, fix_fingers, check_predecessor and replication,
 * and RPC timeouts), or a command from the user. It never looks at another node's state.
 */
public final class ChordNode extends Node {
    private static final long serialVersionUID = 1L;

    /** A lookup that has gone this many hops is caught in a loop of stale pointers and is abandoned. */
    static final int MAX_HOPS = 100_000;

    public enum Phase {
        /** Looking for its successor; not yet a member of the ring. */
        JOINING,
        /** A member: it has a successor list and runs maintenance. */
        MEMBER,
        /** Left gracefully; silent from now on. */
        LEFT
    }

    /** The periodic tasks of section 4.4 (and replication). */
    enum Tick { STABILIZE, FIX_FINGERS, CHECK_PREDECESSOR, REPLICATE, JOIN_RETRY }

    record RpcTimeout(long rpc) implements Serializable {
    }

    record LookupDeadline(long lookupId) implements Serializable {
    }

    private final ChordConfig config;
    private final IdentifierCircle circle;
    private final NodeRef self;
    /** Nodes known from outside the protocol (the bootstrap, or peers remembered across a crash). */
    private final List<NodeRef> contacts;
    private final Placement placement;

    private Phase phase = Phase.JOINING;
    private NodeRef predecessor;
    /** The predecessor check_predecessor last gave up on, so the next one knows which keys it takes over. */
    private NodeRef formerPredecessor;
    private final ArrayList<NodeRef> successors = new ArrayList<>();
    /** finger[i] for i in 1..m; index 0 unused. */
    private final NodeRef[] fingers;
    private int nextFinger;
    private boolean fixingFinger;
    private boolean stabilizing;
    private int joinAttempts;

    private final TreeMap<String, Stored> store = new TreeMap<>();
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private final TreeMap<Long, LookupState> lookups = new TreeMap<>();
    private long nextRpc = 1;
    private long nextLookupId = 1;

    /**
     * @param contacts  known nodes to join through, tried in turn; empty to create a new ring
     * @param placement exact pointers for a directly placed ring, or null to join by the protocol
     */
    public ChordNode(NodeId address, long id, ChordConfig config, List<NodeRef> contacts, Placement placement) {
        super(address);
        this.config = Objects.requireNonNull(config, "config");
        this.circle = config.circle();
        this.self = new NodeRef(circle.requireId(id, "node id"), address);
        this.contacts = new ArrayList<>(contacts);
        this.placement = placement;
        this.fingers = new NodeRef[config.bits() + 1];
    }

    // =============================================================================================== inputs

    @Override
    protected void step(Input input) {
        if (phase == Phase.LEFT) {
            return;
        }
        if (input instanceof Input.Receive r) {
            receive(r.message());
        } else if (input instanceof Input.TimerFired t) {
            timer(t.timer().tag());
        } else if (input instanceof Input.Command c) {
            command((ChordCommand) c.command());
        } else if (input instanceof Input.Start) {
            start();
        }
    }

    private void start() {
        if (placement != null) {
            predecessor = placement.predecessor();
            successors.addAll(placement.successors());
            for (int i = 1; i < fingers.length; i++) {
                fingers[i] = placement.fingers().get(i - 1);
            }
            becomeMember("placed");
        } else if (contacts.isEmpty()) {
            // create(): predecessor = nil, successor = n (section 4.4, Figure 6)
            successors.add(self);
            for (int i = 1; i < fingers.length; i++) {
                fingers[i] = self;
            }
            becomeMember("created a ring");
        } else {
            beginJoin();
        }
    }

    private void receive(Message m) {
        ChordMessage p = (ChordMessage) m.payload();
        if (phase != Phase.MEMBER && isRequestToMember(p)) {
            // Not (or no longer) a member, e.g. restarted after a crash and rejoining: it has no ring
            // state to offer, so it stays silent and askers treat it as the failed node it was.
            return;
        }
        if (p instanceof ChordMessage.NextHopRequest q) {
            Step s = nextStep(q.target(), q.excluded(), q.successorsOnly());
            send(m.from(), new ChordMessage.NextHopReply(q.rpc(), q.lookupId(), s.done, s.node, s.route, s.index));
        } else if (p instanceof ChordMessage.NextHopReply r) {
            onNextHopReply(r);
        } else if (p instanceof FindSuccessor f) {
            send(m.from(), new ChordMessage.HopAck(f.rpc()));
            findSuccessor(f);
        } else if (p instanceof ChordMessage.HopAck a) {
            answered(a.rpc());
        } else if (p instanceof ChordMessage.FoundSuccessor f) {
            LookupState ls = lookups.get(f.lookupId());
            if (ls != null) {
                complete(ls, f.successor(), f.hops(), f.timeouts(), f.path());
            }
        } else if (p instanceof ChordMessage.GetNeighbours g) {
            send(m.from(), new ChordMessage.Neighbours(g.rpc(), predecessor, new ArrayList<>(successors)));
        } else if (p instanceof ChordMessage.Neighbours n) {
            onNeighbours(n);
        } else if (p instanceof ChordMessage.Notify n) {
            onNotify(n.candidate());
        } else if (p instanceof ChordMessage.Ping ping) {
            send(m.from(), new ChordMessage.Pong(ping.rpc()));
        } else if (p instanceof ChordMessage.Pong pong) {
            answered(pong.rpc());
        } else if (p instanceof ChordMessage.PredecessorLeaving l) {
            onPredecessorLeaving(l);
        } else if (p instanceof ChordMessage.SuccessorLeaving l) {
            onSuccessorLeaving(l);
        } else if (p instanceof ChordMessage.TransferKeys t) {
            for (KeyItem item : t.keys()) {
                keep(item, t.from(), t.reason(), true);
            }
            send(m.from(), new ChordMessage.TransferAck(t.rpc()));
        } else if (p instanceof ChordMessage.TransferAck a) {
            onTransferAck(a.rpc());
        } else if (p instanceof ChordMessage.Replicate r) {
            for (KeyItem item : r.keys()) {
                keep(item, r.primary(), KeyMoveReason.REPLICATE, false);
            }
        } else if (p instanceof ChordMessage.Put put) {
            keep(put.item(), put.client(), KeyMoveReason.STORE, true);
            send(m.from(), new ChordMessage.PutAck(put.rpc()));
            replicate(List.of(put.item()));
        } else if (p instanceof ChordMessage.PutAck a) {
            Pending pd = answered(a.rpc());
            if (pd != null && pd.what instanceof PutAsk put) {
                emit(new ChordEvent.ClientOpDone(put.opId, Purpose.STORE, put.item.key(), pd.peer, true,
                        put.item.value()));
            }
        } else if (p instanceof ChordMessage.Get g) {
            Stored s = store.get(g.key());
            send(m.from(), new ChordMessage.GetReply(g.rpc(), s == null ? null : s.item));
        } else if (p instanceof ChordMessage.GetReply r) {
            Pending pd = answered(r.rpc());
            if (pd != null && pd.what instanceof GetAsk get) {
                emit(new ChordEvent.ClientOpDone(get.opId, Purpose.GET, get.key, pd.peer, r.item() != null,
                        r.item() == null ? null : r.item().value()));
            }
        }
    }

    private static boolean isRequestToMember(ChordMessage p) {
        return p instanceof ChordMessage.NextHopRequest || p instanceof FindSuccessor
                || p instanceof ChordMessage.GetNeighbours || p instanceof ChordMessage.Notify
                || p instanceof ChordMessage.Ping || p instanceof ChordMessage.PredecessorLeaving
                || p instanceof ChordMessage.SuccessorLeaving || p instanceof ChordMessage.TransferKeys
                || p instanceof ChordMessage.Replicate || p instanceof ChordMessage.Put
                || p instanceof ChordMessage.Get;
    }

    private void timer(Serializable tag) {
        if (tag instanceof RpcTimeout t) {
            Pending p = pending.remove(t.rpc());
            if (p != null) {
                timedOut(p);
            }
        } else if (tag instanceof LookupDeadline d) {
            LookupState ls = lookups.get(d.lookupId());
            if (ls != null) {
                ls.deadline = null;
                fail(ls, "no answer within " + config.lookupTimeoutMicros() / 1000 + " ms");
            }
        } else if (tag instanceof Tick tick) {
            switch (tick) {
                case STABILIZE -> {
                    schedule(Tick.STABILIZE, config.stabilizeMicros());
                    if (phase == Phase.MEMBER && !stabilizing) {
                        stabilize();
                    }
                }
                case FIX_FINGERS -> {
                    schedule(Tick.FIX_FINGERS, config.fixFingersMicros());
                    if (phase == Phase.MEMBER && !fixingFinger) {
                        fixFingers();
                    }
                }
                case CHECK_PREDECESSOR -> {
                    schedule(Tick.CHECK_PREDECESSOR, config.checkPredecessorMicros());
                    checkPredecessor();
                }
                case REPLICATE -> {
                    schedule(Tick.REPLICATE, config.replicateMicros());
                    replicateAll();
                }
                case JOIN_RETRY -> {
                    if (phase == Phase.JOINING) {
                        beginJoin();
                    }
                }
            }
        }
    }

    private void command(ChordCommand c) {
        if (c instanceof ChordCommand.Leave) {
            leave();
            return;
        }
        if (c instanceof ChordCommand.Lookup l) {
            startLookup(Purpose.LOOKUP, l.target(), l.key(), l.opId(), null, 0, null, l.successorsOnly());
        } else if (c instanceof ChordCommand.Store s) {
            startLookup(Purpose.STORE, circle.hash(s.key()), s.key(), s.opId(), s.value(), 0, null, false);
        } else if (c instanceof ChordCommand.Fetch f) {
            startLookup(Purpose.GET, circle.hash(f.key()), f.key(), f.opId(), null, 0, null, false);
        }
    }

    // =============================================================================================== join

    private void beginJoin() {
        phase = Phase.JOINING;
        NodeRef contact = contacts.get(joinAttempts % contacts.size());
        joinAttempts++;
        startLookup(Purpose.JOIN, self.id(), null, 0, null, 0, contact, false);
    }

    private void joinFoundSuccessor(NodeRef s) {
        if (s.address().equals(self.address()) || s.id() == self.id()) {
            // Our own stale entry (after a restart) or an identifier already taken: try again later.
            annotate("join found " + s + " as its own successor; retrying");
            setTimer(config.stabilizeMicros(), Tick.JOIN_RETRY);
            return;
        }
        predecessor = null;
        if (config.rules() == MaintenanceRules.ORIGINAL_2001) {
            // 2001, Figure 6: n.join(n') { predecessor = nil; successor = n'.find_successor(n); }
            setSuccessors(List.of(s));
            becomeMember("joined");
        } else {
            // Zave: a joining node copies its successor's list at once, so one failure cannot cut it off.
            call(s, new JoinAsk(), rpc -> new ChordMessage.GetNeighbours(rpc));
        }
    }

    private void becomeMember(String how) {
        phase = Phase.MEMBER;
        recordState("phase", phase);
        if (!successors.isEmpty()) {
            fingers[1] = successors.get(0);
            recordState("successor", successors.get(0));
        }
        recordState("predecessor", predecessor);
        emit(new ChordEvent.Joined(self, successors.isEmpty() ? null : successors.get(0), how));
        // Random phases, so that thousands of nodes do not stabilize in lockstep.
        setTimer(random().nextLong(config.stabilizeMicros()) + 1, Tick.STABILIZE);
        if (config.fixFingersMicros() > 0) {
            setTimer(random().nextLong(config.fixFingersMicros()) + 1, Tick.FIX_FINGERS);
        }
        setTimer(random().nextLong(config.checkPredecessorMicros()) + 1, Tick.CHECK_PREDECESSOR);
        if (config.replicas() > 1) {
            setTimer(random().nextLong(config.replicateMicros()) + 1, Tick.REPLICATE);
        }
    }

    /** Periods are drawn uniformly from [0.5, 1.5] × the mean, as in the paper's simulator. */
    private void schedule(Tick tick, long periodMicros) {
        long half = Math.max(1, periodMicros / 2);
        setTimer(half + random().nextLong(periodMicros + 1), tick);
    }

    // =============================================================================================== lookups

    /** The local decision of find_successor at this node. */
    private record Step(boolean done, NodeRef node, Hop.Route route, int index) {
    }

    /**
     * If {@code target ∈ (n, successor]} the successor is the answer; otherwise the closest preceding node
     * this node knows (section 4.3, Figure 5, with successor-list entries as candidates too, section 5.2).
     */
    private Step nextStep(long target, List<Long> excluded, boolean successorsOnly) {
        NodeRef succ = firstSuccessorNotIn(excluded);
        if (succ == null) {
            return new Step(true, self, Hop.Route.SUCCESSOR, 0);
        }
        if (circle.inOpenClosed(target, self.id(), succ.id())) {
            return new Step(true, succ, Hop.Route.SUCCESSOR, 1);
        }
        if (successorsOnly || config.routing() == Routing.SUCCESSORS_ONLY) {
            return new Step(false, succ, Hop.Route.SUCCESSOR, 1);
        }
        NodeRef best = null;
        Hop.Route route = null;
        int index = 0;
        long bestDistance = 0;
        NodeRef previous = null;
        for (int i = fingers.length - 1; i >= 1; i--) {
            NodeRef f = fingers[i];
            if (f == previous) {
                // Neighbouring fingers often hold the same node (most of them, in a large identifier
                // space); it was weighed a moment ago and cannot do better now.
                continue;
            }
            previous = f;
            if (f != null && isCandidate(f, target, excluded)) {
                long d = circle.distance(self.id(), f.id());
                if (d > bestDistance) {
                    best = f;
                    bestDistance = d;
                    route = Hop.Route.FINGER;
                    index = i;
                }
            }
        }
        for (int j = 0; j < successors.size(); j++) {
            NodeRef s = successors.get(j);
            if (isCandidate(s, target, excluded)) {
                long d = circle.distance(self.id(), s.id());
                if (d > bestDistance) {
                    best = s;
                    bestDistance = d;
                    route = j == 0 ? Hop.Route.SUCCESSOR : Hop.Route.SUCCESSOR_LIST;
                    index = j + 1;
                }
            }
        }
        if (best == null) {
            // Nothing known lies between us and the target: our successor is the best answer we have.
            return new Step(true, succ, Hop.Route.SUCCESSOR, 1);
        }
        return new Step(false, best, route, index);
    }

    private boolean isCandidate(NodeRef n, long target, List<Long> excluded) {
        // The interval test first: it is arithmetic, and rules out most nodes before their names are compared.
        return circle.inOpen(n.id(), self.id(), target) && !n.address().equals(self.address())
                && (excluded.isEmpty() || !excluded.contains(n.id()));
    }

    private NodeRef firstSuccessorNotIn(List<Long> excluded) {
        if (excluded.isEmpty()) {
            return successors.isEmpty() ? null : successors.get(0);
        }
        for (NodeRef s : successors) {
            if (!excluded.contains(s.id())) {
                return s;
            }
        }
        return null;
    }

    private void startLookup(Purpose purpose, long target, String key, long opId, String value, int finger,
                             NodeRef firstContact, boolean successorsOnly) {
        LookupState ls = new LookupState(nextLookupId++, purpose, target, key, opId, value, finger, nowMicros(),
                successorsOnly);
        if (purpose != Purpose.JOIN && phase != Phase.MEMBER) {
            emit(new ChordEvent.LookupStarted(self, ls.id, purpose, key, target, opId));
            lookups.put(ls.id, ls);
            fail(ls, "this node is not a member of a ring (" + phase.name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
            return;
        }
        lookups.put(ls.id, ls);
        ls.deadline = setTimer(config.lookupTimeoutMicros(), new LookupDeadline(ls.id));
        emit(new ChordEvent.LookupStarted(self, ls.id, purpose, key, target, opId));
        if (config.lookupStyle() == LookupStyle.ITERATIVE) {
            if (firstContact != null) {
                ask(ls, firstContact, new Hop(firstContact, Hop.Route.BOOTSTRAP, 0), true);
            } else {
                iterate(ls);
            }
        } else {
            FindSuccessor f = new FindSuccessor(0, ls.id, self, target, purpose, 0, 0, List.of(), List.of(),
                    successorsOnly);
            if (firstContact != null) {
                forward(f, new Hop(firstContact, Hop.Route.BOOTSTRAP, 0));
            } else {
                findSuccessor(f);
            }
        }
    }

    /** Iterative: take the next step from the origin's own tables (the first step, or after a timeout). */
    private void iterate(LookupState ls) {
        if (!ls.path.isEmpty()) {
            NodeRef last = ls.path.get(ls.path.size() - 1).node();
            ask(ls, last, null, false);
            return;
        }
        if (ls.purpose == Purpose.JOIN) {
            fail(ls, "the node it joined through did not answer");
            return;
        }
        Step s = nextStep(ls.target, ls.excluded, ls.successorsOnly);
        if (s.done) {
            complete(ls, s.node, ls.hops, ls.timeouts, ls.path);
        } else {
            ask(ls, s.node, new Hop(s.node, s.route, s.index), true);
        }
    }

    /** Iterative: ask {@code node} for the next step; {@code hop} is null when re-asking a visited node. */
    private void ask(LookupState ls, NodeRef node, Hop hop, boolean newHop) {
        if (newHop) {
            if (ls.hops >= MAX_HOPS) {
                fail(ls, "more than " + MAX_HOPS + " hops: the pointers form a loop");
                return;
            }
            ls.hops++;
            ls.path.add(hop);
        }
        List<Long> excluded = new ArrayList<>(ls.excluded);
        long lookupId = ls.id;
        long target = ls.target;
        boolean successorsOnly = ls.successorsOnly;
        call(node, new LookupAsk(lookupId),
                rpc -> new ChordMessage.NextHopRequest(rpc, lookupId, target, excluded, successorsOnly));
    }

    private void onNextHopReply(ChordMessage.NextHopReply r) {
        Pending p = answered(r.rpc());
        if (p == null) {
            return;
        }
        LookupState ls = lookups.get(r.lookupId());
        if (ls == null) {
            return;
        }
        if (r.done()) {
            complete(ls, r.node(), ls.hops, ls.timeouts, ls.path);
        } else {
            ask(ls, r.node(), new Hop(r.node(), r.route(), r.index()), true);
        }
    }

    private void lookupAskTimedOut(Pending p, LookupAsk what) {
        LookupState ls = lookups.get(what.lookupId);
        if (ls == null) {
            return;
        }
        ls.timeouts++;
        ls.excluded.add(p.peer.id());
        forget(p.peer);
        // Drop the dead node from the path and ask the last node that answered for another way round it.
        if (!ls.path.isEmpty() && ls.path.get(ls.path.size() - 1).node().equals(p.peer)) {
            ls.path.remove(ls.path.size() - 1);
            ls.hops--;
        }
        iterate(ls);
    }

    /** Recursive: this node's part of find_successor; answers the origin or forwards to a closer node. */
    private void findSuccessor(FindSuccessor f) {
        Step s = nextStep(f.target(), f.excluded(), f.successorsOnly());
        if (s.done) {
            if (f.origin().address().equals(self.address())) {
                LookupState ls = lookups.get(f.lookupId());
                if (ls != null) {
                    complete(ls, s.node, f.hops(), f.timeouts(), f.path());
                }
            } else {
                send(f.origin().address(),
                        new ChordMessage.FoundSuccessor(f.lookupId(), s.node, f.hops(), f.timeouts(), f.path()));
            }
            return;
        }
        forward(f, new Hop(s.node, s.route, s.index));
    }

    private void forward(FindSuccessor f, Hop hop) {
        if (f.hops() >= MAX_HOPS) {
            return; // a pointer loop; the origin's deadline reports the failure
        }
        List<Hop> path = new ArrayList<>(f.path());
        path.add(hop);
        FindSuccessor next = new FindSuccessor(0, f.lookupId(), f.origin(), f.target(), f.purpose(), f.hops() + 1,
                f.timeouts(), path, f.excluded(), f.successorsOnly());
        call(hop.node(), new ForwardAsk(next), rpc -> withRpc(next, rpc));
    }

    private static FindSuccessor withRpc(FindSuccessor f, long rpc) {
        return new FindSuccessor(rpc, f.lookupId(), f.origin(), f.target(), f.purpose(), f.hops(), f.timeouts(),
                f.path(), f.excluded(), f.successorsOnly());
    }

    private void forwardTimedOut(Pending p, ForwardAsk what) {
        FindSuccessor sent = what.message;
        forget(p.peer);
        List<Long> excluded = new ArrayList<>(sent.excluded());
        excluded.add(p.peer.id());
        List<Hop> path = new ArrayList<>(sent.path());
        path.remove(path.size() - 1);
        FindSuccessor retry = new FindSuccessor(0, sent.lookupId(), sent.origin(), sent.target(), sent.purpose(),
                sent.hops() - 1, sent.timeouts() + 1, path, excluded, sent.successorsOnly());
        if (sent.purpose() == Purpose.JOIN && path.isEmpty() && sent.origin().address().equals(self.address())) {
            LookupState ls = lookups.get(sent.lookupId());
            if (ls != null) {
                ls.timeouts = retry.timeouts();
                fail(ls, "the node it joined through did not answer");
            }
            return;
        }
        findSuccessor(retry);
    }

    private void complete(LookupState ls, NodeRef result, int hops, int timeouts, List<Hop> path) {
        lookups.remove(ls.id);
        cancelTimer(ls.deadline);
        emit(new ChordEvent.LookupDone(self, ls.id, ls.purpose, ls.key, ls.target, result, hops, timeouts,
                new ArrayList<>(path), nowMicros() - ls.startedMicros, ls.opId));
        switch (ls.purpose) {
            case JOIN -> joinFoundSuccessor(result);
            case FIX_FINGER -> fingerFound(ls.finger, result);
            case STORE -> {
                KeyItem item = new KeyItem(ls.key, ls.target, ls.value);
                call(result, new PutAsk(ls.opId, item), rpc -> new ChordMessage.Put(rpc, self, item));
            }
            case GET -> {
                String key = ls.key;
                call(result, new GetAsk(ls.opId, key), rpc -> new ChordMessage.Get(rpc, key));
            }
            case LOOKUP -> {
            }
        }
    }

    private void fail(LookupState ls, String reason) {
        lookups.remove(ls.id);
        cancelTimer(ls.deadline);
        emit(new ChordEvent.LookupFailed(self, ls.id, ls.purpose, ls.key, ls.target, reason, ls.hops, ls.timeouts,
                ls.opId));
        switch (ls.purpose) {
            case JOIN -> setTimer(config.stabilizeMicros(), Tick.JOIN_RETRY);
            case FIX_FINGER -> fixingFinger = false;
            case STORE, GET -> emit(new ChordEvent.ClientOpDone(ls.opId, ls.purpose, ls.key, null, false, null));
            case LOOKUP -> {
            }
        }
    }

    // =============================================================================================== stabilize

    /**
     * stabilize (section 4.4, Figure 6; successor lists, section 5.2): ask the successor for its predecessor
     * and successor list, adopt a closer successor, and notify the successor of us.
     */
    private void stabilize() {
        if (successors.isEmpty()) {
            return;
        }
        NodeRef s = successors.get(0);
        if (s.address().equals(self.address())) {
            afterNeighbours(self, predecessor, List.of()); // alone: our successor's predecessor is ours
            return;
        }
        stabilizing = true;
        call(s, new StabilizeAsk(), rpc -> new ChordMessage.GetNeighbours(rpc));
    }

    private void onNeighbours(ChordMessage.Neighbours n) {
        Pending p = answered(n.rpc());
        if (p == null) {
            return;
        }
        if (p.what instanceof StabilizeAsk) {
            stabilizing = false;
            afterNeighbours(p.peer, n.predecessor(), n.successors());
        } else if (p.what instanceof AdoptAsk) {
            // Zave: the candidate answered, so it is alive: adopt it with its list.
            stabilizing = false;
            setSuccessors(reconcile(p.peer, n.successors()));
            notifySuccessor();
        } else if (p.what instanceof JoinAsk && phase == Phase.JOINING) {
            setSuccessors(reconcile(p.peer, n.successors()));
            becomeMember("joined");
        }
    }

    private void afterNeighbours(NodeRef s, NodeRef x, List<NodeRef> sList) {
        List<NodeRef> base = reconcile(s, sList);
        if (x != null && !x.address().equals(self.address()) && circle.inOpen(x.id(), self.id(), s.id())) {
            if (config.rules() == MaintenanceRules.ORIGINAL_2001) {
                // 2001: if x ∈ (n, successor) then successor = x — taken on trust, alive or not.
                List<NodeRef> adopted = new ArrayList<>();
                adopted.add(x);
                for (NodeRef e : base) {
                    if (adopted.size() < config.successorListLength() && !e.address().equals(x.address())) {
                        adopted.add(e);
                    }
                }
                setSuccessors(adopted);
                notifySuccessor();
            } else {
                stabilizing = true;
                call(x, new AdoptAsk(base), rpc -> new ChordMessage.GetNeighbours(rpc));
            }
            return;
        }
        setSuccessors(base);
        notifySuccessor();
    }

    /** "Copy the successor's list, remove its last entry, and prepend the successor" (section 5.2). */
    private List<NodeRef> reconcile(NodeRef s, List<NodeRef> sList) {
        List<NodeRef> list = new ArrayList<>();
        list.add(s);
        if (s.address().equals(self.address())) {
            return list;
        }
        long last = circle.distance(self.id(), s.id());
        for (NodeRef e : sList) {
            long d = circle.distance(self.id(), e.id());
            if (list.size() >= config.successorListLength() || e.address().equals(self.address()) || d <= last) {
                break; // a ring shorter than the list wraps back past us: stop there
            }
            list.add(e);
            last = d;
        }
        return list;
    }

    private static boolean containsAddress(List<NodeRef> list, NodeRef n) {
        for (NodeRef e : list) {
            if (e.address().equals(n.address())) {
                return true;
            }
        }
        return false;
    }

    private void notifySuccessor() {
        NodeRef s = successors.isEmpty() ? null : successors.get(0);
        if (s != null && !s.address().equals(self.address())) {
            send(s.address(), new ChordMessage.Notify(self));
        }
    }

    private void stabilizeTimedOut(Pending p) {
        stabilizing = false;
        // The successor did not answer: it is dead to us; the next live entry takes its place (section 5.2).
        successors.removeIf(e -> e.address().equals(p.peer.address()));
        forget(p.peer);
        if (successors.isEmpty()) {
            emit(new ChordEvent.SuccessorsExhausted(self));
            NodeRef fallback = config.rules() == MaintenanceRules.CORRECTED ? nearestFinger() : null;
            // 2001: the node is cut off and stands alone. Corrected rules (our addition; Zave assumes fewer
            // than r adjacent failures): restart from the nearest finger still believed alive, so stabilize
            // walks back to the true successor instead of the whole ring walking round to us.
            successors.add(fallback != null ? fallback : self);
        }
        recordState("successors", successors);
        recordState("successor", successors.get(0));
        fingers[1] = successors.get(0);
        if (!successors.get(0).address().equals(self.address())) {
            stabilize();
        }
    }

    /** notify (Zave: rectify): a node that believes it is our predecessor tells us so. */
    private void onNotify(NodeRef candidate) {
        if (phase != Phase.MEMBER || candidate.address().equals(self.address())) {
            return;
        }
        if (predecessor == null || circle.inOpen(candidate.id(), predecessor.id(), self.id())) {
            setPredecessor(candidate);
        } else if (config.rules() == MaintenanceRules.CORRECTED && !candidate.equals(predecessor)) {
            // Zave: replace a predecessor that no longer answers, without waiting for check_predecessor.
            call(predecessor, new RectifyPing(candidate), rpc -> new ChordMessage.Ping(rpc));
        }
    }

    private void checkPredecessor() {
        if (phase == Phase.MEMBER && predecessor != null && !predecessor.address().equals(self.address())) {
            call(predecessor, new PredecessorPing(), rpc -> new ChordMessage.Ping(rpc));
        }
    }

    private void predecessorFailed(NodeRef dead, NodeRef replacement) {
        if (predecessor == null || !predecessor.equals(dead)) {
            return; // it changed meanwhile
        }
        forget(dead);
        if (replacement == null) {
            formerPredecessor = dead;
            predecessor = null;
            recordState("predecessor", null);
        } else {
            setPredecessor(replacement);
        }
    }

    /**
     * Moves the predecessor pointer and with it the range of keys this node is responsible for,
     * {@code (predecessor, n]}: a new node in front of us takes the keys it now owns; a predecessor further
     * back means we take over its keys, from the replicas we already hold.
     */
    private void setPredecessor(NodeRef p) {
        NodeRef old = predecessor != null ? predecessor : formerPredecessor;
        predecessor = p;
        formerPredecessor = null;
        recordState("predecessor", p);
        if (p == null || p.address().equals(self.address())) {
            return;
        }
        List<KeyItem> handOver = new ArrayList<>();
        if (old == null || old.address().equals(self.address())) {
            for (Stored s : store.values()) {
                if (!circle.inOpenClosed(s.item.id(), p.id(), self.id())) {
                    handOver.add(s.item);
                }
            }
        } else if (circle.inOpen(p.id(), old.id(), self.id())) {
            for (Stored s : store.values()) {
                if (circle.inOpenClosed(s.item.id(), old.id(), p.id())) {
                    handOver.add(s.item);
                }
            }
        } else if (!p.address().equals(old.address())) {
            for (Stored s : store.values()) {
                if (circle.inOpenClosed(s.item.id(), p.id(), old.id())) {
                    emit(new ChordEvent.KeyMoved(s.item.key(), s.item.id(), old, self, KeyMoveReason.TAKEOVER));
                }
            }
        }
        if (!handOver.isEmpty()) {
            transfer(p, handOver, 1);
        }
    }

    private void transfer(NodeRef to, List<KeyItem> items, int attempt) {
        List<KeyItem> copy = new ArrayList<>(items);
        call(to, new TransferAsk(copy, attempt),
                rpc -> new ChordMessage.TransferKeys(rpc, self, copy, KeyMoveReason.JOIN));
    }

    private void onTransferAck(long rpc) {
        Pending p = answered(rpc);
        if (p == null || !(p.what instanceof TransferAsk t)) {
            return;
        }
        if (config.replicas() == 1) {
            // Without replication the old owner keeps no copy.
            for (KeyItem item : t.items) {
                Stored s = store.get(item.key());
                if (s != null && !isResponsibleFor(item.id())) {
                    store.remove(item.key());
                    emit(new ChordEvent.KeyDropped(item.key(), item.id(), self, "handed over to " + p.peer));
                }
            }
        }
    }

    // =============================================================================================== fingers

    /**
     * fix_fingers (section 4.4): refresh one finger per period. Fingers whose start lies in (n, successor]
     * are the successor, found without a message; after a lookup, the fingers whose starts lie between the
     * refreshed start and the answer share that answer, so they are set at once.
     */
    private void fixFingers() {
        int m = config.bits();
        NodeRef succ = successors.isEmpty() ? self : successors.get(0);
        for (int tries = 0; tries < m; tries++) {
            nextFinger = nextFinger % m + 1;
            long start = circle.fingerStart(self.id(), nextFinger);
            if (circle.inOpenClosed(start, self.id(), succ.id())) {
                setFinger(nextFinger, succ);
                if (nextFinger == m) {
                    return;
                }
                continue;
            }
            fixingFinger = true;
            startLookup(Purpose.FIX_FINGER, start, null, 0, null, nextFinger, null, false);
            return;
        }
    }

    private void fingerFound(int i, NodeRef result) {
        fixingFinger = false;
        setFinger(i, result);
        long start = circle.fingerStart(self.id(), i);
        long span = circle.distance(start, result.id());
        int j = i + 1;
        while (j <= config.bits() && span > 0
                && circle.distance(start, circle.fingerStart(self.id(), j)) <= span) {
            setFinger(j, result);
            nextFinger = j;
            j++;
        }
    }

    private void setFinger(int i, NodeRef n) {
        if (!Objects.equals(fingers[i], n)) {
            fingers[i] = n;
            recordState("finger[" + i + "]", n);
        }
    }

    /** The finger closest after this node, other than itself, or null. */
    private NodeRef nearestFinger() {
        NodeRef best = null;
        for (int i = 1; i < fingers.length; i++) {
            NodeRef f = fingers[i];
            if (f != null && !f.address().equals(self.address())
                    && (best == null || circle.distance(self.id(), f.id()) < circle.distance(self.id(), best.id()))) {
                best = f;
            }
        }
        return best;
    }

    /** A peer stopped answering: stop routing through it. The successor list is left to stabilize. */
    private void forget(NodeRef dead) {
        for (int i = 1; i < fingers.length; i++) {
            if (fingers[i] != null && fingers[i].address().equals(dead.address())) {
                fingers[i] = null;
                recordState("finger[" + i + "]", null);
            }
        }
    }

    private void setSuccessors(List<NodeRef> list) {
        if (list.equals(successors)) {
            return;
        }
        NodeRef oldFirst = successors.isEmpty() ? null : successors.get(0);
        successors.clear();
        successors.addAll(list);
        recordState("successors", successors);
        if (!list.isEmpty() && !list.get(0).equals(oldFirst)) {
            recordState("successor", list.get(0));
        }
        if (!list.isEmpty()) {
            fingers[1] = list.get(0);
        }
    }

    // =============================================================================================== keys

    private boolean isResponsibleFor(long keyId) {
        return predecessor == null || circle.inOpenClosed(keyId, predecessor.id(), self.id());
    }

    /** Stores or refreshes a key; a key new to this node is a movement the trace records. */
    private void keep(KeyItem item, NodeRef from, KeyMoveReason reason, boolean alwaysReport) {
        Stored s = store.get(item.key());
        if (s == null) {
            store.put(item.key(), new Stored(item, nowMicros()));
            emit(new ChordEvent.KeyMoved(item.key(), item.id(), from, self, reason));
        } else {
            s.item = item;
            s.refreshedMicros = nowMicros();
            if (alwaysReport) {
                emit(new ChordEvent.KeyMoved(item.key(), item.id(), from, self, reason));
            }
        }
    }

    /** Push the keys this node is responsible for to its next k − 1 successors; expire stale replicas. */
    private void replicateAll() {
        if (phase != Phase.MEMBER) {
            return;
        }
        List<KeyItem> mine = new ArrayList<>();
        for (Stored s : store.values()) {
            if (isResponsibleFor(s.item.id())) {
                mine.add(s.item);
            }
        }
        replicate(mine);
        long expiry = 3 * config.replicateMicros() + config.rpcTimeoutMicros();
        Iterator<Map.Entry<String, Stored>> it = store.entrySet().iterator();
        while (it.hasNext()) {
            Stored s = it.next().getValue();
            if (!isResponsibleFor(s.item.id()) && nowMicros() - s.refreshedMicros > expiry) {
                it.remove();
                emit(new ChordEvent.KeyDropped(s.item.key(), s.item.id(), self, "replica expired"));
            }
        }
    }

    private void replicate(List<KeyItem> items) {
        if (config.replicas() <= 1 || items.isEmpty()) {
            return;
        }
        int sent = 0;
        for (NodeRef s : successors) {
            if (sent >= config.replicas() - 1 || s.address().equals(self.address())) {
                break;
            }
            send(s.address(), new ChordMessage.Replicate(self, new ArrayList<>(items)));
            sent++;
        }
    }

    // =============================================================================================== leave

    /** Graceful leave (section 4.4 remarks): keys to the successor, and each neighbour told of the other. */
    private void leave() {
        if (phase != Phase.MEMBER) {
            phase = Phase.LEFT;
            recordState("phase", phase);
            return;
        }
        NodeRef succ = successors.isEmpty() ? self : successors.get(0);
        int handed = 0;
        if (!succ.address().equals(self.address())) {
            List<KeyItem> mine = new ArrayList<>();
            for (Stored s : store.values()) {
                if (isResponsibleFor(s.item.id())) {
                    mine.add(s.item);
                }
            }
            handed = mine.size();
            send(succ.address(), new ChordMessage.PredecessorLeaving(self, predecessor, mine));
            if (predecessor != null && !predecessor.address().equals(self.address())) {
                send(predecessor.address(), new ChordMessage.SuccessorLeaving(self, new ArrayList<>(successors)));
            }
        }
        emit(new ChordEvent.Left(self, succ, handed));
        phase = Phase.LEFT;
        recordState("phase", phase);
        for (Pending p : pending.values()) {
            cancelTimer(p.timer);
        }
        pending.clear();
        for (LookupState ls : lookups.values()) {
            cancelTimer(ls.deadline);
        }
        lookups.clear();
    }

    private void onPredecessorLeaving(ChordMessage.PredecessorLeaving l) {
        forget(l.leaving());
        if (predecessor == null || predecessor.address().equals(l.leaving().address())) {
            NodeRef np = l.newPredecessor();
            predecessor = np == null || np.address().equals(self.address()) ? null : np;
            formerPredecessor = null;
            recordState("predecessor", predecessor);
        }
        for (KeyItem item : l.keys()) {
            keep(item, l.leaving(), KeyMoveReason.LEAVE, true);
        }
        if (successors.removeIf(e -> e.address().equals(l.leaving().address()))) {
            if (successors.isEmpty()) {
                successors.add(self);
            }
            recordState("successors", successors);
            fingers[1] = successors.get(0);
        }
    }

    private void onSuccessorLeaving(ChordMessage.SuccessorLeaving l) {
        forget(l.leaving());
        if (!successors.isEmpty() && successors.get(0).address().equals(l.leaving().address())) {
            List<NodeRef> list = new ArrayList<>();
            for (NodeRef e : l.successors()) {
                if (e.address().equals(self.address()) || list.size() >= config.successorListLength()) {
                    break;
                }
                if (!e.address().equals(l.leaving().address()) && !containsAddress(list, e)) {
                    list.add(e);
                }
            }
            if (list.isEmpty()) {
                list.add(self);
            }
            setSuccessors(list);
        } else if (successors.removeIf(e -> e.address().equals(l.leaving().address()))) {
            recordState("successors", successors);
        }
    }

    // =============================================================================================== RPCs

    private void call(NodeRef to, Serializable what, LongFunction<Payload> request) {
        long rpc = nextRpc++;
        Timer t = setTimer(config.rpcTimeoutMicros(), new RpcTimeout(rpc));
        pending.put(rpc, new Pending(to, t, what));
        send(to.address(), request.apply(rpc));
    }

    /** The reply to {@code rpc} arrived: the pending call, or null if it already timed out. */
    private Pending answered(long rpc) {
        Pending p = pending.remove(rpc);
        if (p != null) {
            cancelTimer(p.timer);
        }
        return p;
    }

    private void timedOut(Pending p) {
        Serializable what = p.what;
        if (what instanceof LookupAsk l) {
            lookupAskTimedOut(p, l);
        } else if (what instanceof ForwardAsk f) {
            forwardTimedOut(p, f);
        } else if (what instanceof StabilizeAsk) {
            stabilizeTimedOut(p);
        } else if (what instanceof AdoptAsk a) {
            // Zave: a candidate that does not answer is not adopted; keep the list we had confirmed.
            stabilizing = false;
            forget(p.peer);
            setSuccessors(a.base);
            notifySuccessor();
        } else if (what instanceof JoinAsk) {
            setTimer(config.stabilizeMicros(), Tick.JOIN_RETRY);
        } else if (what instanceof PredecessorPing) {
            predecessorFailed(p.peer, null);
        } else if (what instanceof RectifyPing r) {
            predecessorFailed(p.peer, r.candidate);
        } else if (what instanceof TransferAsk t) {
            if (t.attempt < 3 && predecessor != null && predecessor.equals(p.peer)) {
                transfer(p.peer, t.items, t.attempt + 1);
            }
        } else if (what instanceof PutAsk put) {
            emit(new ChordEvent.ClientOpDone(put.opId, Purpose.STORE, put.item.key(), p.peer, false, null));
        } else if (what instanceof GetAsk get) {
            emit(new ChordEvent.ClientOpDone(get.opId, Purpose.GET, get.key, p.peer, false, null));
        }
    }

    private record Pending(NodeRef peer, Timer timer, Serializable what) implements Serializable {
    }

    private record LookupAsk(long lookupId) implements Serializable {
    }

    private record ForwardAsk(FindSuccessor message) implements Serializable {
    }

    private record StabilizeAsk() implements Serializable {
    }

    private record AdoptAsk(List<NodeRef> base) implements Serializable {
    }

    private record JoinAsk() implements Serializable {
    }

    private record PredecessorPing() implements Serializable {
    }

    private record RectifyPing(NodeRef candidate) implements Serializable {
    }

    private record TransferAsk(List<KeyItem> items, int attempt) implements Serializable {
    }

    private record PutAsk(long opId, KeyItem item) implements Serializable {
    }

    private record GetAsk(long opId, String key) implements Serializable {
    }

    private static final class Stored implements Serializable {
        private static final long serialVersionUID = 1L;
        KeyItem item;
        long refreshedMicros;

        Stored(KeyItem item, long refreshedMicros) {
            this.item = item;
            this.refreshedMicros = refreshedMicros;
        }
    }

    private static final class LookupState implements Serializable {
        private static final long serialVersionUID = 1L;
        final long id;
        final Purpose purpose;
        final long target;
        final String key;
        final long opId;
        final String value;
        final int finger;
        final long startedMicros;
        final boolean successorsOnly;
        final List<Hop> path = new ArrayList<>();
        final List<Long> excluded = new ArrayList<>();
        int hops;
        int timeouts;
        Timer deadline;

        LookupState(long id, Purpose purpose, long target, String key, long opId, String value, int finger,
                    long startedMicros, boolean successorsOnly) {
            this.successorsOnly = successorsOnly;
            this.id = id;
            this.purpose = purpose;
            this.target = target;
            this.key = key;
            this.opId = opId;
            this.value = value;
            this.finger = finger;
            this.startedMicros = startedMicros;
        }
    }

    // =============================================================================================== views

    /** Peers to rejoin through after a crash: what a real node would keep on disk. */
    @Override
    protected Serializable durableState() {
        ArrayList<NodeRef> known = new ArrayList<>();
        for (NodeRef s : successors) {
            if (!s.address().equals(self.address()) && !containsAddress(known, s)) {
                known.add(s);
            }
        }
        for (int i = 1; i < fingers.length; i++) {
            NodeRef f = fingers[i];
            if (f != null && !f.address().equals(self.address()) && !containsAddress(known, f)) {
                known.add(f);
            }
        }
        if (predecessor != null && !predecessor.address().equals(self.address())
                && !containsAddress(known, predecessor)) {
            known.add(predecessor);
        }
        for (NodeRef c : contacts) {
            if (!containsAddress(known, c)) {
                known.add(c);
            }
        }
        return known;
    }

    /** An immutable picture of this node for views, the invariant checker and tests. */
    public ChordNodeState state() {
        List<ChordNodeState.Finger> fs = new ArrayList<>();
        for (int i = 1; i < fingers.length; i++) {
            fs.add(new ChordNodeState.Finger(i, circle.fingerStart(self.id(), i),
                    circle.fingerIntervalEnd(self.id(), i), fingers[i]));
        }
        List<ChordNodeState.StoredKey> keys = new ArrayList<>();
        for (Stored s : store.values()) {
            keys.add(new ChordNodeState.StoredKey(s.item, isResponsibleFor(s.item.id())));
        }
        return new ChordNodeState(self, phase, predecessor, Collections.unmodifiableList(new ArrayList<>(successors)),
                Collections.unmodifiableList(fs), Collections.unmodifiableList(keys), lookups.size());
    }

    public NodeRef ref() {
        return self;
    }

    public Phase phase() {
        return phase;
    }
}
