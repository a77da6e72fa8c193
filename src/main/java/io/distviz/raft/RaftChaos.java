package io.distviz.raft;

import io.distviz.raft.check.KvHistory;
import io.distviz.raft.check.KvOperation;
import io.distviz.raft.check.Linearizability;
import io.distviz.raft.check.LinearizabilityResult;
import io.distviz.sim.Actions;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.SimConfig;
import io.distviz.sim.SimRandom;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import io.distviz.sim.TraceListener;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The randomized fault test in the style of deterministic simulation testing (TigerBeetle's VOPR, the Raft
 * lab suites): one seed derives everything. A safety phase mixes crashes, restarts, symmetric and one-way
 * partitions, loss, duplication, reordering, forced elections, membership changes and snapshots under a
 * client workload, checking the safety properties after every event. A liveness phase then stops the faults;
 * a leader must emerge and every pending client request must finish within a bound.
 */
public final class RaftChaos {

    /** What one seed produced. {@code history} is the clients' operations, for the linearizability check. */
    public record Result(long seed, List<RaftSafety.Violation> safetyViolations, String livenessFailure,
                         long commits, long events, List<HistoryEvent> history,
                         LinearizabilityResult linearizability) {
        public boolean ok() {
            return safetyViolations.isEmpty() && livenessFailure == null && !linearizability.violated();
        }
    }

    /** One client event: an invocation (result null) or a completion, at a virtual time. */
    public record HistoryEvent(long timeMicros, boolean invocation, long clientId, long sequence,
                               KvCommand command, KvResult result) {
    }

    /**
     * @param servers        cluster size (3..9 makes sense)
     * @param safetyMicros   length of the fault phase
     * @param livenessMicros bound for the liveness phase
     */
    public record Settings(int servers, int clients, long safetyMicros, long livenessMicros, boolean membership,
                           boolean snapshots) {
        public static Settings defaults() {
            return new Settings(5, 3, Micros.ofSeconds(10), Micros.ofSeconds(10), true, true);
        }
    }

    private RaftChaos() {
    }

    public static Result run(long seed, Settings settings) {
        SimRandom random = new SimRandom(seed).fork("chaos");
        RaftConfig config = RaftConfig.defaults()
                .withSnapshotThreshold(settings.snapshots() ? 8 + random.nextInt(24) : 0)
                .withPreVote(random.chance(0.3))
                .withCheckQuorum(random.chance(0.3))
                .withFastBackup(random.chance(0.7))
                .withMaxEntriesPerAppend(1 + random.nextInt(16));
        Simulation sim = new Simulation(SimConfig.seeded(seed).withoutCheckpoints().withoutTraceRetention());
        List<HistoryEvent> history = new ArrayList<>();
        sim.trace().addListener(new TraceListener() {
            public void onEvent(TraceEvent e) {
                if (e instanceof TraceEvent.ProtocolEvent p) {
                    if (p.detail() instanceof RaftEvent.ClientInvoked i) {
                        history.add(new HistoryEvent(e.timeMicros(), true, i.clientId(), i.sequence(), i.command(),
                                null));
                    } else if (p.detail() instanceof RaftEvent.ClientCompleted c) {
                        history.add(new HistoryEvent(e.timeMicros(), false, c.clientId(), c.sequence(),
                                c.command(), c.result()));
                    }
                }
            }

            public void onTruncated(int size) {
            }
        });
        RaftCluster cluster = new RaftCluster(config, sim, settings.servers());
        RaftSafety safety = new RaftSafety(cluster);
        List<NodeId> clients = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            clients.add(cluster.addClient());
        }
        String[] keys = {"x", "y", "z"};
        long end = settings.safetyMicros();
        long nextFault = Micros.ofMillis(300);
        long nextRequest = Micros.ofMillis(100);
        int value = 0;
        while (sim.nowMicros() < end) {
            long until = Math.min(Math.min(nextFault, nextRequest), end);
            while (sim.nextEventTime().isPresent() && sim.nextEventTime().getAsLong() <= until) {
                sim.step();
                if (!safety.check().isEmpty()) {
                    return result(seed, safety, null, cluster, sim, history);
                }
            }
            sim.runUntil(until);
            if (sim.nowMicros() >= nextRequest) {
                NodeId client = clients.get(random.nextInt(clients.size()));
                String key = keys[random.nextInt(keys.length)];
                KvCommand cmd = switch (random.nextInt(4)) {
                    case 0 -> KvCommand.get(key);
                    case 1 -> KvCommand.cas(key, random.chance(0.5) ? null : "v" + random.nextInt(Math.max(1, value)),
                            "v" + value++);
                    case 2 -> random.chance(0.2) ? KvCommand.delete(key) : KvCommand.put(key, "v" + value++);
                    default -> KvCommand.put(key, "v" + value++);
                };
                cluster.submit(client, cmd);
                nextRequest = sim.nowMicros() + Micros.ofMillis(20 + random.nextLong(200));
            }
            if (sim.nowMicros() >= nextFault) {
                fault(cluster, sim, random, settings);
                nextFault = sim.nowMicros() + Micros.ofMillis(100 + random.nextLong(900));
                if (!safety.check().isEmpty()) {
                    return result(seed, safety, null, cluster, sim, history);
                }
            }
        }
        // Liveness: no more faults. Heal, restore the links, restart everyone; then the cluster must serve.
        sim.perform(new Actions.Heal());
        sim.perform(new Actions.SetDefaultLink(LinkProfile.DEFAULT));
        for (NodeId s : cluster.serverIds()) {
            if (sim.status(s) == NodeStatus.CRASHED) {
                cluster.restart(s);
            }
        }
        long deadline = sim.nowMicros() + settings.livenessMicros();
        String liveness = null;
        while (true) {
            if (sim.nowMicros() >= deadline) {
                liveness = describeStuck(cluster, sim);
                break;
            }
            if (cluster.leader() != null && allClientsIdle(sim, clients)) {
                break;
            }
            long until = Math.min(deadline, sim.nowMicros() + Micros.ofMillis(50));
            while (sim.nextEventTime().isPresent() && sim.nextEventTime().getAsLong() <= until) {
                sim.step();
                if (!safety.check().isEmpty()) {
                    return result(seed, safety, null, cluster, sim, history);
                }
            }
            sim.runUntil(until);
        }
        return result(seed, safety, liveness, cluster, sim, history);
    }

    private static boolean allClientsIdle(Simulation sim, List<NodeId> clients) {
        for (NodeId c : clients) {
            RaftClient client = (RaftClient) sim.node(c);
            if (client.inFlight() != null || client.queued() > 0) {
                return false;
            }
        }
        return true;
    }

    private static String describeStuck(RaftCluster cluster, Simulation sim) {
        StringBuilder sb = new StringBuilder("no progress within the liveness bound: leader ")
                .append(cluster.leader()).append(";");
        for (RaftServerState s : cluster.states()) {
            sb.append(' ').append(s.id()).append('=').append(s.role()).append("/t").append(s.currentTerm())
                    .append("/c").append(s.commitIndex()).append("/").append(s.configuration());
        }
        return sb.toString();
    }

    private static Result result(long seed, RaftSafety safety, String liveness, RaftCluster cluster, Simulation sim,
                                 List<HistoryEvent> history) {
        long commits = 0;
        for (RaftServerState s : cluster.states()) {
            commits = Math.max(commits, s.commitIndex());
        }
        return new Result(seed, safety.violations(), liveness, commits, sim.eventsProcessed(), history,
                Linearizability.check(toKvHistory(history)));
    }

    /** The clients' operations as the linearizability checker reads them; unanswered ones stay pending. */
    public static KvHistory toKvHistory(List<HistoryEvent> events) {
        TreeMap<String, HistoryEvent> open = new TreeMap<>();
        List<KvOperation> ops = new ArrayList<>();
        for (HistoryEvent e : events) {
            String id = e.clientId() + "#" + e.sequence();
            if (e.invocation()) {
                open.put(id, e);
                continue;
            }
            HistoryEvent inv = open.remove(id);
            if (inv == null) {
                continue;
            }
            KvCommand c = inv.command();
            long t0 = inv.timeMicros();
            long t1 = e.timeMicros();
            KvResult r = e.result();
            ops.add(switch (c.kind()) {
                case PUT -> KvOperation.put(e.clientId(), c.key(), c.value(), t0, t1);
                case GET -> KvOperation.get(e.clientId(), c.key(), r.value(), t0, t1);
                case DELETE -> KvOperation.delete(e.clientId(), c.key(), t0, t1);
                case CAS -> KvOperation.cas(e.clientId(), c.key(), c.expected(), c.value(), r.swapped(), t0, t1);
            });
        }
        for (HistoryEvent inv : open.values()) {
            KvCommand c = inv.command();
            long t0 = inv.timeMicros();
            ops.add(switch (c.kind()) {
                case PUT -> KvOperation.pendingPut(inv.clientId(), c.key(), c.value(), t0);
                case GET -> KvOperation.pendingGet(inv.clientId(), c.key(), t0);
                case DELETE -> KvOperation.pendingDelete(inv.clientId(), c.key(), t0);
                case CAS -> KvOperation.pendingCas(inv.clientId(), c.key(), c.expected(), c.value(), t0);
            });
        }
        return KvHistory.of(ops);
    }

    private static void fault(RaftCluster cluster, Simulation sim, SimRandom random, Settings settings) {
        List<NodeId> servers = cluster.serverIds();
        List<NodeId> up = new ArrayList<>();
        List<NodeId> down = new ArrayList<>();
        for (NodeId s : servers) {
            (sim.status(s) == NodeStatus.UP ? up : down).add(s);
        }
        int choice = random.nextInt(10);
        switch (choice) {
            case 0, 1 -> {
                if (up.size() > 1) {
                    cluster.crash(up.get(random.nextInt(up.size())));
                }
            }
            case 2, 3 -> {
                if (!down.isEmpty()) {
                    cluster.restart(down.get(random.nextInt(down.size())));
                }
            }
            case 4 -> {
                TreeSet<NodeId> a = new TreeSet<>();
                TreeSet<NodeId> b = new TreeSet<>();
                for (NodeId s : servers) {
                    (random.chance(0.5) ? a : b).add(s);
                }
                if (!a.isEmpty() && !b.isEmpty()) {
                    cluster.partition(List.of(a, b));
                }
            }
            case 5 -> sim.perform(new Actions.BlockOneWay(servers.get(random.nextInt(servers.size())),
                    servers.get(random.nextInt(servers.size()))));
            case 6 -> cluster.heal();
            case 7 -> sim.perform(new Actions.SetDefaultLink(new LinkProfile(1_000, 5_000 + random.nextLong(20_000),
                    random.nextLong(10_000), random.nextDouble() * 0.2, random.nextDouble() * 0.1,
                    random.nextDouble() * 0.2)));
            case 8 -> {
                if (!up.isEmpty() && sim.node(up.get(0)) instanceof RaftNode) {
                    cluster.forceTimeout(up.get(random.nextInt(up.size())));
                }
            }
            default -> {
                try {
                    changeMembership(cluster, sim, random, settings, servers, up);
                } catch (IllegalArgumentException refused) {
                    // A change already in progress, or a leader that has not committed in its term yet: the
                    // cluster said no, as it would to a person; the run goes on.
                }
            }
        }
    }

    private static void changeMembership(RaftCluster cluster, Simulation sim, SimRandom random, Settings settings,
                                         List<NodeId> servers, List<NodeId> up) {
        if (!settings.membership() || cluster.leader() == null) {
            return;
        }
        List<NodeId> cfg = cluster.state(cluster.leader()).configuration();
        if (cfg.size() > 3 && random.chance(0.5)) {
            cluster.removeServer(cfg.get(random.nextInt(cfg.size())));
        } else if (servers.size() < RaftCluster.MAX_SERVERS) {
            NodeId outside = null;
            for (NodeId s : up) {
                if (!cfg.contains(s)) {
                    outside = s;
                }
            }
            if (outside != null) {
                // A server removed earlier comes back: the leader catches it up and adds it again.
                sim.perform(new Actions.Command(cluster.leader(), new RaftCommand.AddServer(outside)));
            } else if (servers.size() < settings.servers() + 2) {
                cluster.addServer();
            }
        }
    }
}
