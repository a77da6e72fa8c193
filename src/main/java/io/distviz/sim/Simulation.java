package io.distviz.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * One deterministic simulation: virtual time, the event queue, the network, the nodes and the trace.
 *
 * <p>Events are ordered by (virtual time, insertion sequence), so two events at the same microsecond run in
 * the order they were scheduled. Every random draw comes from a stream forked from the seed by name. The
 * only other input is the list of {@link UserAction}s passed to {@link #perform}. Hence the same seed and
 * the same actions give the same trace, byte for byte, and {@link #restoreTo(long)} can rebuild any earlier
 * moment from the nearest checkpoint by replaying.
 *
 * <p>A simulation is not thread-safe and starts no threads: whoever owns it (the app's animation timer, a
 * test, the command line) drives it by calling {@link #step()} or one of the {@code run} methods.
 */
public final class Simulation {

    private final SimConfig config;
    private final Trace trace;
    private final List<LoggedAction> actions = new ArrayList<>();
    /**
     * Actions logged once and not yet performed again since a {@link #restoreCheckpoint} went back before them:
     * the recorded future of a timeline, which a forward restore must find in the log.
     */
    private final List<LoggedAction> future = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final Control control = new Control();
    private final List<Runnable> observers = new ArrayList<>();
    private final List<CheckpointPart> parts = new ArrayList<>();
    private World world;

    public Simulation(long seed) {
        this(SimConfig.seeded(seed));
    }

    public Simulation(SimConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.trace = new Trace(config);
        SimRandom root = new SimRandom(config.seed());
        this.world = new World(root, new Network(root.fork("network"), config.defaultLink()));
        takeCheckpoint();
    }

    /** Rebuilds a run from its recording: same configuration, same actions at the same moments. */
    public static Simulation replay(Recording recording) {
        Simulation sim = new Simulation(recording.config());
        for (LoggedAction a : recording.actions()) {
            sim.replayAction(a);
        }
        sim.runUntil(recording.endMicros());
        return sim;
    }

    // ------------------------------------------------------------------------------------------ reading

    public SimConfig config() {
        return config;
    }

    public long seed() {
        return config.seed();
    }

    public long nowMicros() {
        return world.nowMicros;
    }

    /** How many events (deliveries, drops, timer firings) have been processed since the start. */
    public long eventsProcessed() {
        return world.eventsProcessed;
    }

    public Trace trace() {
        return trace;
    }

    public Network network() {
        return world.network;
    }

    /** The user actions so far, in order. */
    public List<LoggedAction> actions() {
        return Collections.unmodifiableList(actions);
    }

    /** What reproduces this run up to now. */
    public Recording recording() {
        return new Recording(config, actions, world.nowMicros);
    }

    public List<CheckpointInfo> checkpoints() {
        return checkpoints.stream().map(Checkpoint::info).toList();
    }

    /** Node names in order, whatever their status. */
    public List<NodeId> nodeIds() {
        return List.copyOf(world.slots.keySet());
    }

    /** A node's status, or {@code null} if no node of that name was ever added. */
    public NodeStatus status(NodeId id) {
        Slot s = world.slot(id);
        return s == null ? null : s.status;
    }

    /**
     * The live node object, for views that read an engine's snapshot and for tests' global oracle. Not for
     * protocol code: a node learns about others only from messages.
     */
    public Node node(NodeId id) {
        Slot s = world.slot(id);
        return s == null ? null : s.node;
    }

    /** The time of the next event that will run, if any. */
    public OptionalLong nextEventTime() {
        Scheduled next = peekLive();
        return next == null ? OptionalLong.empty() : OptionalLong.of(next.timeMicros);
    }

    /** Messages sent but not yet delivered or dropped, in the order they were sent. */
    public List<Message> inFlight() {
        // Read from the queue rather than kept in a map of their own, which every send and delivery would
        // have to update: views ask for this once a frame, the kernel sends millions of messages.
        List<Message> messages = new ArrayList<>();
        world.queue.forEach(s -> {
            if (s instanceof Delivery d) {
                messages.add(d.message);
            }
        });
        messages.sort(Comparator.comparingLong(Message::id).thenComparingInt(Message::copy));
        return Collections.unmodifiableList(messages);
    }

    public SimSnapshot snapshot() {
        TreeMap<NodeId, NodeStatus> nodes = new TreeMap<>();
        world.slots.forEach((id, s) -> nodes.put(id, s.status));
        return new SimSnapshot(world.nowMicros, world.eventsProcessed, Collections.unmodifiableSortedMap(nodes),
                inFlight(), Collections.unmodifiableSortedSet(new TreeSet<>(world.network.blockedLinks())));
    }

    // ------------------------------------------------------------------------------------------ running

    /** Processes the next event. Returns false if there is none. */
    public boolean step() {
        Scheduled next = peekLive();
        if (next == null) {
            return false;
        }
        process(world.queue.poll());
        return true;
    }

    /** Runs every event up to and including {@code timeMicros}, then sets the clock there. */
    public RunResult runUntil(long timeMicros) {
        return runUntil(timeMicros, config.maxEventsPerRun());
    }

    /**
     * Runs events up to {@code timeMicros} but at most {@code maxEvents} of them; if the limit stops it, time
     * stays at the last event run.
     */
    public RunResult runUntil(long timeMicros, long maxEvents) {
        if (timeMicros < world.nowMicros) {
            throw new IllegalArgumentException("cannot run backwards from " + world.nowMicros + " to "
                    + timeMicros + " µs; use restoreTo");
        }
        long n = 0;
        while (true) {
            Scheduled next = peekLive();
            if (next == null || next.timeMicros > timeMicros) {
                break;
            }
            if (n >= maxEvents) {
                return new RunResult(RunResult.Stop.EVENT_LIMIT, n, world.nowMicros);
            }
            process(world.queue.poll());
            n++;
        }
        world.nowMicros = timeMicros;
        return new RunResult(RunResult.Stop.REACHED_TIME, n, timeMicros);
    }

    public RunResult runFor(long durationMicros) {
        if (durationMicros < 0) {
            throw new IllegalArgumentException("duration must not be negative: " + durationMicros);
        }
        return runUntil(Math.addExact(world.nowMicros, durationMicros));
    }

    /**
     * Runs event by event until {@code condition} holds (checked before the first event and after each) or
     * the clock would pass {@code limitMicros}.
     */
    public RunResult runUntil(BooleanSupplier condition, long limitMicros) {
        if (limitMicros < world.nowMicros) {
            throw new IllegalArgumentException("limit " + limitMicros + " µs is already past (now "
                    + world.nowMicros + " µs)");
        }
        long n = 0;
        if (condition.getAsBoolean()) {
            return new RunResult(RunResult.Stop.CONDITION_MET, 0, world.nowMicros);
        }
        while (true) {
            Scheduled next = peekLive();
            if (next == null || next.timeMicros > limitMicros) {
                world.nowMicros = limitMicros;
                return new RunResult(RunResult.Stop.TIME_LIMIT, n, limitMicros);
            }
            if (n >= config.maxEventsPerRun()) {
                return new RunResult(RunResult.Stop.EVENT_LIMIT, n, world.nowMicros);
            }
            process(world.queue.poll());
            n++;
            if (condition.getAsBoolean()) {
                return new RunResult(RunResult.Stop.CONDITION_MET, n, world.nowMicros);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ acting

    /**
     * Applies a user action now and logs it for replay. If the action refuses (it throws), nothing is
     * logged and the simulation is unchanged.
     */
    public void perform(UserAction action) {
        Objects.requireNonNull(action, "action");
        int mark = trace.size();
        long eventsBefore = world.eventsProcessed;
        trace.append(new TraceEvent.UserActionPerformed(world.nowMicros, action));
        try {
            action.apply(control);
        } catch (RuntimeException e) {
            trace.truncate(mark);
            throw e;
        }
        if (!future.isEmpty()) {
            LoggedAction next = future.get(0);
            if (next.timeMicros() == world.nowMicros && next.eventsBefore() == eventsBefore) {
                future.remove(0); // the recorded future, happening again
            } else {
                future.clear(); // a different future
            }
        }
        actions.add(new LoggedAction(world.nowMicros, eventsBefore, action));
    }

    // ------------------------------------------------------------------------------------------ time travel

    /**
     * Puts the simulation back to virtual time {@code timeMicros} (every event at or before it processed,
     * every user action at or before it applied): the nearest checkpoint at or before that time is restored,
     * then the run is replayed deterministically. The actions after that time are cut off so that acting now
     * forks a new future; they are returned so a caller can offer to redo them.
     */
    public List<LoggedAction> restoreTo(long timeMicros) {
        if (timeMicros < 0 || timeMicros > world.nowMicros) {
            throw new IllegalArgumentException("can only restore to a time between 0 and now ("
                    + world.nowMicros + " µs), not " + timeMicros);
        }
        int cpIndex = checkpoints.size() - 1;
        while (checkpoints.get(cpIndex).info.timeMicros() > timeMicros) {
            cpIndex--;
        }
        Checkpoint cp = checkpoints.get(cpIndex);
        List<LoggedAction> toReplay = new ArrayList<>();
        List<LoggedAction> discarded = new ArrayList<>();
        actions.addAll(future);
        future.clear();
        for (LoggedAction a : actions.subList(cp.actionCount, actions.size())) {
            (a.timeMicros() <= timeMicros ? toReplay : discarded).add(a);
        }
        restore(cp);
        future.clear();
        trace.dropFuture();
        checkpoints.subList(cpIndex + 1, checkpoints.size()).clear();
        for (LoggedAction a : toReplay) {
            replayAction(a);
        }
        runUntil(timeMicros);
        return discarded;
    }

    /**
     * Keeps {@code part}'s state (an engine facade's counters, a checker's memory: whatever lives outside the
     * nodes but must travel in time with them) in every checkpoint from now on, and gives it back on each
     * restore. Checkpoints taken before cannot restore the part, so they are forgotten and one is taken now:
     * the simulation cannot go back before this point. Register parts before the run starts.
     */
    public void addCheckpointPart(CheckpointPart part) {
        parts.add(Objects.requireNonNull(part, "part"));
        checkpoints.clear();
        takeCheckpoint();
    }

    /**
     * Goes back to checkpoint {@code index} of {@link #checkpoints()}: the world and every part as they were
     * then, the trace and the action log cut to what had happened. Unlike {@link #restoreTo(long)}, the later
     * checkpoints are kept, because the caller (the app's timeline) replays the same actions and so reaches
     * the same states again; if it acts differently, it calls {@link #detachFuture()}.
     */
    public CheckpointInfo restoreCheckpoint(int index) {
        Checkpoint cp = checkpoints.get(index);
        restore(cp);
        return cp.info;
    }

    /**
     * Takes away the checkpoints saved after this point, which a different future would make wrong, and
     * returns them so that an undo of that different future can put them back ({@link #reattachFuture}).
     */
    public SavedFuture detachFuture() {
        List<LoggedAction> laterActions = new ArrayList<>(future);
        future.clear();
        List<TraceEvent> laterEvents = trace.dropFuture();
        List<Checkpoint> later = new ArrayList<>();
        for (int i = checkpoints.size() - 1; i >= 0 && checkpoints.get(i).info.eventsProcessed() > world.eventsProcessed; i--) {
            later.add(0, checkpoints.remove(i));
        }
        return new SavedFuture(later, laterActions, laterEvents);
    }

    /**
     * Puts back checkpoints detached earlier, once this run is again on the way to the future they saved (an
     * undo took back what had replaced it). Checkpoints after this point are dropped first.
     */
    public void reattachFuture(SavedFuture future) {
        detachFuture();
        this.future.addAll(future.actions);
        trace.restoreFuture(future.events);
        for (Checkpoint cp : future.checkpoints) {
            if (cp.info.eventsProcessed() > world.eventsProcessed) {
                checkpoints.add(cp);
            }
        }
    }

    /** Checkpoints of a future that was replaced, kept by whoever may bring it back. Opaque. */
    public static final class SavedFuture {
        private final List<Checkpoint> checkpoints;
        private final List<LoggedAction> actions;
        private final List<TraceEvent> events;

        private SavedFuture(List<Checkpoint> checkpoints, List<LoggedAction> actions, List<TraceEvent> events) {
            this.checkpoints = List.copyOf(checkpoints);
            this.actions = List.copyOf(actions);
            this.events = events;
        }

        public int size() {
            return checkpoints.size();
        }
    }

    private void restore(Checkpoint cp) {
        Serializable[] states = cp.restore(this);
        for (int i = 0; i < parts.size() && i < states.length; i++) {
            parts.get(i).restoreState(states[i]);
        }
        trace.moveTo(cp.info.traceSize());
        // The log of the whole timeline is actions then future; the checkpoint splits it at its own count.
        List<LoggedAction> all = new ArrayList<>(actions);
        all.addAll(future);
        actions.clear();
        actions.addAll(all.subList(0, cp.actionCount));
        future.clear();
        future.addAll(all.subList(cp.actionCount, all.size()));
    }

    private void replayAction(LoggedAction a) {
        runToPoint(a.timeMicros(), a.eventsBefore(), a.action().describe());
        perform(a.action());
    }

    /**
     * Runs to the exact point where a recorded action happened: {@code eventsBefore} events processed and the
     * clock at {@code timeMicros}, even when more events are due at that same microsecond (they came after the
     * action). Replaying a recording made elsewhere (a saved trace) goes through here. Throws
     * IllegalStateException when this run cannot reach that point: the recording came from a different run.
     */
    public void runToPoint(long timeMicros, long eventsBefore) {
        runToPoint(timeMicros, eventsBefore, "recorded action");
    }

    private void runToPoint(long timeMicros, long eventsBefore, String what) {
        if (world.eventsProcessed > eventsBefore) {
            throw new IllegalStateException("replay diverged: " + world.eventsProcessed
                    + " events already processed, past the " + what + " logged after " + eventsBefore);
        }
        while (world.eventsProcessed < eventsBefore) {
            if (!step()) {
                throw new IllegalStateException("replay diverged: the queue ran dry after "
                        + world.eventsProcessed + " events, before the " + what + " logged after " + eventsBefore);
            }
        }
        if (world.nowMicros > timeMicros) {
            throw new IllegalStateException("replay diverged: at " + world.nowMicros
                    + " µs, past the " + what + " at " + timeMicros + " µs");
        }
        Scheduled next = peekLive();
        if (next != null && next.timeMicros < timeMicros) {
            throw new IllegalStateException("replay diverged: an event is due at " + next.timeMicros
                    + " µs, before the " + what + " at " + timeMicros + " µs");
        }
        world.nowMicros = timeMicros;
    }

    private void maybeCheckpoint() {
        Checkpoint last = checkpoints.get(checkpoints.size() - 1);
        long events = world.eventsProcessed - last.info.eventsProcessed();
        long micros = world.nowMicros - last.info.timeMicros();
        boolean byEvents = config.checkpointEveryEvents() > 0 && events >= config.checkpointEveryEvents();
        boolean byTime = config.checkpointEveryMicros() > 0 && events > 0 && micros >= config.checkpointEveryMicros();
        if (byEvents || byTime) {
            takeCheckpoint();
        }
    }

    private void takeCheckpoint() {
        world.network.forgetPast(world.nowMicros);
        Serializable[] states = new Serializable[parts.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = parts.get(i).saveState();
        }
        byte[] bytes = serialize(world, states);
        checkpoints.add(new Checkpoint(
                new CheckpointInfo(world.nowMicros, world.eventsProcessed, trace.size(), bytes.length),
                actions.size(), bytes));
    }

    private static byte[] serialize(World w, Serializable[] partStates) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            // One stream, so a part's state may share objects with the world and gets them back shared.
            out.writeObject(w);
            out.writeObject(partStates);
        } catch (NotSerializableException e) {
            throw new IllegalStateException("cannot checkpoint the simulation: " + e.getMessage()
                    + " is not Serializable (node state must be)", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot checkpoint the simulation", e);
        }
        return bytes.toByteArray();
    }

    private record Checkpoint(CheckpointInfo info, int actionCount, byte[] world) {
        /** Puts the saved world into {@code sim} and returns the parts' saved states. */
        Serializable[] restore(Simulation sim) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(world))) {
                sim.world = (World) in.readObject();
                return (Serializable[]) in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("cannot restore checkpoint at " + info.timeMicros() + " µs", e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the machine

    private Scheduled peekLive() {
        Scheduled s = world.queue.peek();
        while (s instanceof TimerFire t && t.cancelled) {
            world.queue.poll();
            world.cancelledInQueue--;
            s = world.queue.peek();
        }
        return s;
    }

    private void process(Scheduled e) {
        world.nowMicros = e.timeMicros;
        world.eventsProcessed++;
        if (e instanceof Delivery d) {
            deliver(d);
        } else if (e instanceof TimerFire t) {
            fire(t);
        }
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).run();
        }
        // Right after an event and before anything else can happen at this point, so a checkpoint taken after
        // N events comes before every user action logged after N events: whoever replays actions from it
        // knows which ones it already holds by their position alone.
        maybeCheckpoint();
    }

    /**
     * Runs {@code observer} after every event, once the event's node has finished its step: for checkers that
     * must see every state the run passes through (Raft's safety properties), which a trace listener, called in
     * the middle of a step, could catch half-changed. An observer must not change the simulation. Observers are
     * not part of checkpoints; replays and restores call them as the events run again.
     */
    public void addEventObserver(Runnable observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    public void removeEventObserver(Runnable observer) {
        observers.remove(observer);
    }

    private void deliver(Delivery d) {
        Message m = d.message;
        DropReason reason = d.drop;
        Slot to = world.slot(m.to());
        if (reason == null) {
            if (to == null) {
                reason = DropReason.NO_SUCH_NODE;
            } else if (to.status != NodeStatus.UP
                    || (d.targetIncarnation >= 0 && d.targetIncarnation != to.incarnation)) {
                reason = DropReason.NODE_DOWN;
            } else if (world.network.isBlocked(m.from(), m.to())) {
                reason = DropReason.PARTITION;
            }
        }
        if (reason != null) {
            if (trace.active()) {
                trace.append(new TraceEvent.MessageDropped(world.nowMicros, m, reason));
            }
            return;
        }
        if (trace.active()) {
            trace.append(new TraceEvent.MessageDelivered(world.nowMicros, m));
        }
        to.node.handle(contextOf(to), new Input.Receive(m));
    }

    private void fire(TimerFire f) {
        Slot slot = world.slot(f.timer.node());
        slot.timers.remove(f.timer.id());
        if (trace.active()) {
            trace.append(new TraceEvent.TimerFired(world.nowMicros, f.timer));
        }
        slot.node.handle(contextOf(slot), new Input.TimerFired(f.timer));
    }

    private void schedule(Scheduled s) {
        s.seq = world.nextSeq++;
        world.queue.add(s.timeMicros, s.seq, s);
    }

    private void cancelAllTimers(Slot slot) {
        for (int i = 0; i < slot.timers.size(); i++) {
            TimerFire f = slot.timers.get(i);
            f.cancelled = true;
            if (trace.active()) {
                trace.append(new TraceEvent.TimerCancelled(world.nowMicros, f.timer));
            }
        }
        world.cancelledInQueue += slot.timers.size();
        slot.timers.clear();
        purgeCancelledIfMostlyDead();
    }

    /**
     * A cancelled timer stays in the queue until its time comes (peekLive skips it). Engines cancel most of
     * their timers (every answered RPC cancels its timeout; Chord's 10 s lookup deadlines), so in a large
     * run the dead entries would outnumber the live ones and make every queue operation slower. Once they
     * are more than half the queue, they are removed in one pass. The queue's order is the total order
     * (time, sequence), so this changes no run.
     */
    private void purgeCancelledIfMostlyDead() {
        if (world.cancelledInQueue > 1_024 && world.cancelledInQueue > world.queue.size() / 2) {
            world.queue.removeIf(s -> s instanceof TimerFire t && t.cancelled);
            world.cancelledInQueue = 0;
        }
    }

    private Slot requireSlot(NodeId id) {
        Slot s = world.slot(Objects.requireNonNull(id, "node"));
        if (s == null) {
            throw new IllegalArgumentException("there is no node named " + id);
        }
        return s;
    }

    /**
     * The kernel's side of a node, made once per slot rather than once per input: it holds nothing but the
     * slot, and deliveries and timers are millions.
     */
    private Context contextOf(Slot slot) {
        Context c = slot.context;
        if (c == null) {
            c = new Context(slot);
            slot.context = c;
        }
        return c;
    }

    /** The kernel's side of one node while it handles an input. */
    private final class Context implements NodeContext {
        private final Slot slot;

        Context(Slot slot) {
            this.slot = slot;
        }

        public long nowMicros() {
            return world.nowMicros;
        }

        public void send(NodeId to, Payload payload) {
            long id = world.nextMessageId++;
            Slot target = world.slot(to);
            long targetIncarnation = target == null ? -1 : target.incarnation;
            int toNumber = target == null ? world.network.number(to) : target.networkNumber;
            List<Network.Fate> fates = world.network.route(slot.networkNumber, slot.id, toNumber, to,
                    world.nowMicros);
            for (int copy = 0; copy < fates.size(); copy++) {
                Network.Fate fate = fates.get(copy);
                Message m = new Message(id, copy, slot.id, to, payload, world.nowMicros, fate.deliverAtMicros());
                Delivery d = new Delivery(m, fate.dropReason(), targetIncarnation);
                schedule(d);
                if (trace.active()) {
                    trace.append(new TraceEvent.MessageSent(world.nowMicros, m));
                }
            }
        }

        public Timer setTimer(long delayMicros, Serializable tag) {
            Timer t = new Timer(world.nextTimerId++, slot.id, tag, world.nowMicros,
                    Math.addExact(world.nowMicros, delayMicros));
            TimerFire f = new TimerFire(t);
            slot.timers.add(f);
            schedule(f);
            if (trace.active()) {
                trace.append(new TraceEvent.TimerSet(world.nowMicros, t));
            }
            return t;
        }

        public void cancelTimer(Timer timer) {
            TimerFire f = slot.timers.remove(timer.id());
            if (f != null) {
                f.cancelled = true;
                world.cancelledInQueue++;
                purgeCancelledIfMostlyDead();
                if (trace.active()) {
                    trace.append(new TraceEvent.TimerCancelled(world.nowMicros, f.timer));
                }
            }
        }

        public SimRandom random() {
            return slot.random;
        }

        public void recordState(String field, Object value) {
            if (trace.active()) {
                trace.append(new TraceEvent.NodeStateChanged(world.nowMicros, slot.id, field, String.valueOf(value)));
            }
        }

        public void annotate(String text) {
            if (trace.active()) {
                trace.append(new TraceEvent.Annotation(world.nowMicros, slot.id, text));
            }
        }

        public void emit(Payload detail) {
            if (trace.active()) {
                trace.append(new TraceEvent.ProtocolEvent(world.nowMicros, slot.id, detail));
            }
        }
    }

    /** The levers of user actions; every method checks before it changes anything. */
    private final class Control implements SimControl {
        public long nowMicros() {
            return world.nowMicros;
        }

        public void addNode(NodeId id, NodeFactory factory) {
            Objects.requireNonNull(factory, "factory");
            Slot old = world.slot(Objects.requireNonNull(id, "node"));
            if (old != null && old.status != NodeStatus.REMOVED) {
                throw new IllegalStateException("a node named " + id + " already exists");
            }
            int generation = old == null ? 0 : old.generation + 1;
            Slot slot = new Slot(id, factory, generation, old == null ? 0 : old.incarnation + 1,
                    world.root.fork("node/" + id.name() + (generation == 0 ? "" : "#" + generation)),
                    world.network.number(id));
            Node node = factory.create(id, null);
            checkCreated(id, node);
            slot.node = node;
            world.putSlot(id, slot);
            if (trace.active()) {
                trace.append(new TraceEvent.NodeLifecycle(world.nowMicros, id, TraceEvent.NodeLifecycle.Change.ADDED));
            }
            node.handle(contextOf(slot), new Input.Start(false));
        }

        public void crash(NodeId id) {
            Slot slot = requireSlot(id);
            if (slot.status != NodeStatus.UP) {
                throw new IllegalStateException("node " + id + " is " + describe(slot.status) + ", not running");
            }
            cancelAllTimers(slot);
            slot.durable = slot.node.durableState();
            slot.node = null;
            slot.status = NodeStatus.CRASHED;
            slot.incarnation++;
            if (trace.active()) {
                trace.append(new TraceEvent.NodeLifecycle(world.nowMicros, id, TraceEvent.NodeLifecycle.Change.CRASHED));
            }
        }

        public void restart(NodeId id) {
            Slot slot = requireSlot(id);
            if (slot.status != NodeStatus.CRASHED) {
                throw new IllegalStateException("node " + id + " is " + describe(slot.status)
                        + "; only a crashed node can restart");
            }
            Node node = slot.factory.create(id, slot.durable);
            checkCreated(id, node);
            slot.node = node;
            slot.durable = null;
            slot.status = NodeStatus.UP;
            if (trace.active()) {
                trace.append(new TraceEvent.NodeLifecycle(world.nowMicros, id,
                        TraceEvent.NodeLifecycle.Change.RESTARTED));
            }
            node.handle(contextOf(slot), new Input.Start(true));
        }

        public void remove(NodeId id) {
            Slot slot = requireSlot(id);
            if (slot.status == NodeStatus.REMOVED) {
                throw new IllegalStateException("node " + id + " was already removed");
            }
            cancelAllTimers(slot);
            slot.node = null;
            slot.durable = null;
            slot.status = NodeStatus.REMOVED;
            slot.incarnation++;
            if (trace.active()) {
                trace.append(new TraceEvent.NodeLifecycle(world.nowMicros, id, TraceEvent.NodeLifecycle.Change.REMOVED));
            }
        }

        public void command(NodeId id, Serializable command) {
            Slot slot = requireSlot(id);
            if (slot.status != NodeStatus.UP) {
                throw new IllegalStateException("node " + id + " is " + describe(slot.status)
                        + " and cannot take a command");
            }
            slot.node.handle(contextOf(slot), new Input.Command(command));
        }

        public NodeStatus status(NodeId id) {
            return Simulation.this.status(id);
        }

        public void setDefaultLink(LinkProfile profile) {
            world.network.setDefaultProfile(Objects.requireNonNull(profile, "profile"));
        }

        public void setLink(NodeId from, NodeId to, LinkProfile profile) {
            requireSlot(from);
            requireSlot(to);
            world.network.setProfile(from, to, profile);
        }

        public void block(NodeId from, NodeId to) {
            requireSlot(from);
            requireSlot(to);
            world.network.block(from, to);
        }

        public void unblock(NodeId from, NodeId to) {
            requireSlot(from);
            requireSlot(to);
            world.network.unblock(from, to);
        }

        public void partition(Collection<? extends Set<NodeId>> groups) {
            for (Set<NodeId> g : groups) {
                g.forEach(Simulation.this::requireSlot);
            }
            world.network.partition(groups);
        }

        public void heal() {
            world.network.heal();
        }

        public void annotate(String text) {
            if (trace.active()) {
                trace.append(new TraceEvent.Annotation(world.nowMicros, null, text));
            }
        }

        private void checkCreated(NodeId id, Node node) {
            if (node == null || !node.id().equals(id)) {
                throw new IllegalStateException("the factory for " + id + " made "
                        + (node == null ? "nothing" : "a node named " + node.id()));
            }
        }

        private String describe(NodeStatus s) {
            return s.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    // ------------------------------------------------------------------------------------------ state

    /** Everything a checkpoint saves. Serializable all the way down; the trace and the action log are not in it. */
    private static final class World implements Serializable {
        private static final long serialVersionUID = 1L;
        final SimRandom root;
        final Network network;
        final EventQueue<Scheduled> queue = new EventQueue<>();
        final TreeMap<NodeId, Slot> slots = new TreeMap<>();
        /**
         * The same slots by name, for the lookup in every send, delivery and timer: a tree lookup compares
         * names character by character, which costs more as the node count grows. Not saved in checkpoints;
         * rebuilt on first use after a restore.
         */
        private transient HashMap<NodeId, Slot> slotIndex;
        /** Cancelled timers still in the queue (see purgeCancelledIfMostlyDead). */
        int cancelledInQueue;
        long nowMicros;
        long nextSeq;
        long eventsProcessed;
        long nextMessageId = 1;
        long nextTimerId = 1;

        World(SimRandom root, Network network) {
            this.root = root;
            this.network = network;
        }

        Slot slot(NodeId id) {
            if (slotIndex == null) {
                slotIndex = new HashMap<>(slots);
            }
            return slotIndex.get(id);
        }

        void putSlot(NodeId id, Slot slot) {
            slots.put(id, slot);
            if (slotIndex != null) {
                slotIndex.put(id, slot);
            }
        }
    }

    private static final class Slot implements Serializable {
        private static final long serialVersionUID = 1L;
        final NodeId id;
        final NodeFactory factory;
        final int generation;
        final SimRandom random;
        /** The network's number for this node's name (see Network#number). */
        final int networkNumber;
        final SlotTimers timers = new SlotTimers();
        NodeStatus status = NodeStatus.UP;
        /** Bumped by each crash or removal: a message addressed to an older incarnation is lost. */
        long incarnation;
        Node node;
        Serializable durable;
        /** See contextOf; not saved in checkpoints (it belongs to this simulation object). */
        transient Context context;

        Slot(NodeId id, NodeFactory factory, int generation, long incarnation, SimRandom random, int networkNumber) {
            this.id = id;
            this.factory = factory;
            this.generation = generation;
            this.incarnation = incarnation;
            this.random = random;
            this.networkNumber = networkNumber;
        }
    }

    /**
     * A node's pending timers in the order they were set, which is the order of their ids (ids only grow):
     * an array searched by id when one fires or is cancelled, rather than a map that boxes every id.
     */
    private static final class SlotTimers implements Serializable {
        private static final long serialVersionUID = 1L;
        private transient long[] ids = new long[8];
        private transient TimerFire[] fires = new TimerFire[8];
        private transient int size;

        int size() {
            return size;
        }

        TimerFire get(int index) {
            return fires[index];
        }

        /** Adds a timer set just now: its id is above every id in the list. */
        void add(TimerFire f) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                fires = Arrays.copyOf(fires, size * 2);
            }
            ids[size] = f.timer.id();
            fires[size] = f;
            size++;
        }

        /** Removes and returns the timer with this id, or null if it is not pending. */
        TimerFire remove(long id) {
            int i = Arrays.binarySearch(ids, 0, size, id);
            if (i < 0) {
                return null;
            }
            TimerFire f = fires[i];
            System.arraycopy(ids, i + 1, ids, i, size - i - 1);
            System.arraycopy(fires, i + 1, fires, i, size - i - 1);
            size--;
            fires[size] = null;
            return f;
        }

        void clear() {
            Arrays.fill(fires, 0, size, null);
            size = 0;
        }

        /** Checkpoints hold the pending timers only, not the spare room. */
        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeInt(size);
            for (int i = 0; i < size; i++) {
                out.writeObject(fires[i]);
            }
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            int n = in.readInt();
            ids = new long[Math.max(8, n)];
            fires = new TimerFire[Math.max(8, n)];
            size = 0;
            for (int i = 0; i < n; i++) {
                add((TimerFire) in.readObject());
            }
        }
    }

    /** An entry of the event queue, which orders them by (time, insertion sequence). */
    private abstract static class Scheduled implements Serializable {
        private static final long serialVersionUID = 1L;
        final long timeMicros;
        long seq;

        Scheduled(long timeMicros) {
            this.timeMicros = timeMicros;
        }
    }

    private static final class Delivery extends Scheduled {
        private static final long serialVersionUID = 1L;
        final Message message;
        final DropReason drop;
        final long targetIncarnation;

        Delivery(Message message, DropReason drop, long targetIncarnation) {
            super(message.deliverAtMicros());
            this.message = message;
            this.drop = drop;
            this.targetIncarnation = targetIncarnation;
        }
    }

    private static final class TimerFire extends Scheduled {
        private static final long serialVersionUID = 1L;
        final Timer timer;
        boolean cancelled;

        TimerFire(Timer timer) {
            super(timer.fireAtMicros());
            this.timer = timer;
        }
    }
}
