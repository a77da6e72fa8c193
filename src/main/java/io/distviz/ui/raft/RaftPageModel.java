package io.distviz.ui.raft;

import io.distviz.raft.KvCommand;
import io.distviz.raft.KvResult;
import io.distviz.raft.LogEntry;
import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftEvent;
import io.distviz.raft.RaftMessage;
import io.distviz.raft.RaftSafety;
import io.distviz.raft.RaftServerState;
import io.distviz.scenario.RaftDriver;
import io.distviz.sim.DropReason;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import io.distviz.sim.TraceListener;
import io.distviz.ui.engine.EngineModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the Raft page remembers about the run beyond the servers' current states: messages that were dropped
 * (so they can vanish where they were rather than just disappear), logs a follower cut back because they
 * conflicted with the leader, the clients' requests and how each one ended, and the safety checker's memory.
 *
 * <p>It listens to the kernel's trace, so it only knows what the engine really did. When the run is replaced
 * (reset, undo, new settings) it starts again on the new run, and first reads the new run's trace from the
 * beginning so that the requests made before an undo point are still listed. Holds no controls.
 */
public final class RaftPageModel {
    /** A message the network dropped, where and when, so the view can fade it out at that spot. */
    public record Drop(Message message, MessageKind kind, long atMicros, DropReason reason) {
    }

    /** A follower removed entries from {@code fromIndex} on because they conflicted with the leader's log. */
    public record Conflict(NodeId server, long fromIndex, List<LogEntry> removed, long atMicros) {
    }

    public enum Outcome { PENDING, COMMITTED }

    /**
     * One client request: what was asked, every server it was sent to with why it moved on (a redirect, a
     * timeout), and how it ended.
     */
    public record Request(String client, long sequence, KvCommand command, List<String> path, Outcome outcome,
                          KvResult result, String answeredBy, long invokedAtMicros) {
        /** Whether a follower sent this request on to the leader at least once. */
        public boolean redirected() {
            return path.stream().anyMatch(p -> p.startsWith("redirected"));
        }

        public boolean timedOut() {
            return path.stream().anyMatch(p -> p.startsWith("timed out"));
        }
    }

    /** How long (in virtual time) a drop or conflict is remembered at most; the view fades them sooner. */
    static final long MEMORY_MICROS = 2_000_000;

    private final EngineModel model;
    private RaftDriver driver;
    private final List<Drop> drops = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final Map<String, MutableRequest> requests = new LinkedHashMap<>();
    private final TraceListener listener = new TraceListener() {
        @Override
        public void onEvent(TraceEvent event) {
            RaftPageModel.this.onEvent(event);
        }

        @Override
        public void onTruncated(int size) {
            // The run went back in time: rebuild what we know from what is left of the trace.
            readWholeTrace();
        }
    };

    private static final class MutableRequest {
        final String client;
        final long sequence;
        final KvCommand command;
        final long invokedAtMicros;
        final List<String> path = new ArrayList<>();
        Outcome outcome = Outcome.PENDING;
        KvResult result;
        String answeredBy;

        MutableRequest(String client, long sequence, KvCommand command, long invokedAtMicros) {
            this.client = client;
            this.sequence = sequence;
            this.command = command;
            this.invokedAtMicros = invokedAtMicros;
        }

        Request freeze() {
            return new Request(client, sequence, command, List.copyOf(path), outcome, result, answeredBy,
                    invokedAtMicros);
        }
    }

    public RaftPageModel(EngineModel model) {
        this.model = Objects.requireNonNull(model, "model");
        model.driverProperty().addListener((obs, o, n) -> attach());
        attach();
    }

    private void attach() {
        RaftDriver next = (RaftDriver) model.driver();
        if (next == driver) {
            return;
        }
        if (driver != null) {
            driver.simulation().trace().removeListener(listener);
        }
        driver = next;
        readWholeTrace();
        driver.simulation().trace().addListener(listener);
    }

    private void readWholeTrace() {
        drops.clear();
        conflicts.clear();
        requests.clear();
        for (TraceEvent e : List.copyOf(driver.simulation().trace().events())) {
            onEvent(e);
        }
    }

    public RaftDriver driver() {
        return driver;
    }

    public RaftCluster cluster() {
        return driver.cluster();
    }

    public Simulation simulation() {
        return driver.simulation();
    }

    public EngineModel engine() {
        return model;
    }

    // ============================================================================================ events

    private void onEvent(TraceEvent e) {
        if (e instanceof TraceEvent.MessageDropped d) {
            MessageKind kind = MessageKind.of(d.message().payload());
            if (kind != null) {
                drops.add(new Drop(d.message(), kind, d.timeMicros(), d.reason()));
            }
        } else if (e instanceof TraceEvent.MessageSent s && s.message().payload() instanceof RaftMessage.ClientRequest r) {
            MutableRequest req = requests.get(key(s.message().from().name(), r.sequence()));
            if (req != null) {
                req.path.add("sent to " + s.message().to().name());
            }
        } else if (e instanceof TraceEvent.ProtocolEvent p && p.detail() instanceof RaftEvent ev) {
            onRaftEvent(p.node(), ev, p.timeMicros());
        }
        forgetOld(e.timeMicros());
    }

    private void onRaftEvent(NodeId node, RaftEvent ev, long timeMicros) {
        if (ev instanceof RaftEvent.Truncated t) {
            conflicts.add(new Conflict(node, t.fromIndex(), t.removed(), timeMicros));
        } else if (ev instanceof RaftEvent.ClientInvoked i) {
            requests.put(key(node.name(), i.sequence()), new MutableRequest(node.name(), i.sequence(), i.command(),
                    timeMicros));
        } else if (ev instanceof RaftEvent.ClientRetry r) {
            MutableRequest req = requests.get(key(node.name(), r.sequence()));
            if (req != null) {
                req.path.add(r.reason() + (r.reason().equals("redirected") ? " to " : ", trying ") + r.next().name());
            }
        } else if (ev instanceof RaftEvent.ClientCompleted c) {
            MutableRequest req = requests.get(key(node.name(), c.sequence()));
            if (req != null) {
                req.outcome = Outcome.COMMITTED;
                req.result = c.result();
                req.answeredBy = c.server().name();
            }
        }
    }

    private static String key(String client, long sequence) {
        return client + "#" + sequence;
    }

    private void forgetOld(long nowMicros) {
        drops.removeIf(d -> nowMicros - d.atMicros() > MEMORY_MICROS);
        conflicts.removeIf(c -> nowMicros - c.atMicros() > MEMORY_MICROS);
    }

    // ============================================================================================ reading

    private Map<NodeId, RaftServerState> snapshot;
    private RaftDriver snapshotDriver;
    private long snapshotEvents = -1;
    private int snapshotTraceSize = -1;

    /**
     * Every server's state now, in name order (null for a crashed server). Taken once per change of the run
     * and shared by the drawing and the side panel: a state is a copy of the whole log, and a frame would
     * otherwise take several per server.
     */
    public Map<NodeId, RaftServerState> states() {
        Simulation sim = simulation();
        // Every change, an event or a person's action, adds to the trace (the page's runs keep it).
        if (snapshot == null || snapshotDriver != driver || snapshotEvents != sim.eventsProcessed()
                || snapshotTraceSize != sim.trace().size()) {
            Map<NodeId, RaftServerState> m = new java.util.LinkedHashMap<>();
            for (NodeId id : cluster().serverIds()) {
                m.put(id, sim.status(id) == io.distviz.sim.NodeStatus.UP ? cluster().state(id) : null);
            }
            snapshot = Collections.unmodifiableMap(m);
            snapshotDriver = driver;
            snapshotEvents = sim.eventsProcessed();
            snapshotTraceSize = sim.trace().size();
        }
        return snapshot;
    }

    /** Messages dropped in the last {@code windowMicros} of virtual time, oldest first. */
    public List<Drop> recentDrops(long windowMicros) {
        long now = simulation().nowMicros();
        List<Drop> out = new ArrayList<>();
        for (Drop d : drops) {
            if (now - d.atMicros() <= windowMicros && d.atMicros() <= now) {
                out.add(d);
            }
        }
        return out;
    }

    /** The latest log conflict of each server within the last {@code windowMicros}, by server. */
    public Map<NodeId, Conflict> recentConflicts(long windowMicros) {
        long now = simulation().nowMicros();
        Map<NodeId, Conflict> out = new TreeMap<>();
        for (Conflict c : conflicts) {
            if (now - c.atMicros() <= windowMicros && c.atMicros() <= now) {
                out.put(c.server(), c);
            }
        }
        return out;
    }

    /** Every client request of the run, in the order they were made. */
    public List<Request> requests() {
        List<Request> out = new ArrayList<>();
        requests.values().forEach(r -> out.add(r.freeze()));
        return Collections.unmodifiableList(out);
    }

    /**
     * Every violation of the five safety properties of Figure 3 seen so far on this run. The driver checks them
     * after every event (not once a frame), so one broken and repaired between two frames still shows, and a
     * rebuilt run (undo, a lesson's Back) checks its replayed events too.
     */
    public List<RaftSafety.Violation> checkSafety() {
        return driver.safetyViolations();
    }

    public List<RaftSafety.Violation> violations() {
        return driver.safetyViolations();
    }
}
