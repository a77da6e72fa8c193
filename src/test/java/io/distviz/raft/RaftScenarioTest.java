package io.distviz.raft;

import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario tests in the spirit of the well-known Raft lab suites, each checking safety after every event.
 * The section of the paper each one exercises is named in its comment.
 */
class RaftScenarioTest {
    private static final NodeId S1 = NodeId.of("s1");
    private static final NodeId S2 = NodeId.of("s2");
    private static final NodeId S3 = NodeId.of("s3");
    private static final NodeId S4 = NodeId.of("s4");
    private static final NodeId S5 = NodeId.of("s5");

    private RaftCluster cluster;
    private RaftSafety safety;

    private void start(RaftConfig config, int servers, long seed) {
        cluster = new RaftCluster(config, SimConfig.seeded(seed), servers);
        safety = new RaftSafety(cluster);
    }

    /** Runs for {@code micros}, checking safety after every event. */
    private void run(long micros) {
        until(() -> false, micros);
    }

    /** Runs until {@code condition} holds (checked after every event) or {@code limitMicros} pass. */
    private boolean until(BooleanSupplier condition, long limitMicros) {
        var sim = cluster.simulation();
        long end = sim.nowMicros() + limitMicros;
        while (sim.nextEventTime().isPresent() && sim.nextEventTime().getAsLong() <= end) {
            sim.step();
            List<RaftSafety.Violation> v = safety.check();
            assertTrue(v.isEmpty(), "safety: " + v);
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        sim.runUntil(end);
        return condition.getAsBoolean();
    }

    private <T extends RaftEvent> List<T> events(Class<T> type) {
        return RaftBasicsTest.events(cluster, type);
    }

    private List<RaftEvent.ClientCompleted> completed() {
        return events(RaftEvent.ClientCompleted.class);
    }

    private void awaitLeader() {
        assertTrue(until(() -> cluster.leader() != null, Micros.ofSeconds(5)), "a leader is elected");
    }

    /** 5.2: one leader, every server agrees on it and on the term; it stays leader with no failures. */
    @Test
    void initialElection() {
        start(RaftConfig.defaults(), 3, 1);
        awaitLeader();
        NodeId leader = cluster.leader();
        long term = cluster.state(leader).currentTerm();
        run(Micros.ofSeconds(5));
        assertEquals(leader, cluster.leader(), "no failure, no new election");
        assertEquals(term, cluster.state(leader).currentTerm());
        assertEquals(1, events(RaftEvent.BecameLeader.class).size());
    }

    /** 5.2: after the leader fails a new one is elected; when the old one returns it follows. */
    @Test
    void reElectionAfterLeaderLoss() {
        start(RaftConfig.defaults(), 3, 2);
        awaitLeader();
        NodeId first = cluster.leader();
        cluster.crash(first);
        awaitLeader();
        NodeId second = cluster.leader();
        assertNotEquals(first, second);
        cluster.restart(first);
        run(Micros.ofSeconds(2));
        assertEquals(second, cluster.leader());
        assertEquals(RaftNode.Role.FOLLOWER, cluster.state(first).role());
    }

    /** 5.2: with no majority reachable nobody can be elected. */
    @Test
    void noLeaderWithoutAQuorum() {
        start(RaftConfig.defaults(), 3, 3);
        awaitLeader();
        NodeId leader = cluster.leader();
        for (NodeId s : cluster.serverIds()) {
            if (!s.equals(leader)) {
                cluster.crash(s);
            }
        }
        cluster.crash(leader);
        cluster.restart(leader);
        run(Micros.ofSeconds(5));
        assertNull(cluster.leader(), "one server of three cannot win");
        assertTrue(cluster.state(leader).currentTerm() > 2, "but it keeps trying");
    }

    /** 5.3: commands are committed and applied in the same order everywhere. */
    @Test
    void basicAgreement() {
        start(RaftConfig.defaults(), 5, 4);
        awaitLeader();
        NodeId c = cluster.addClient();
        for (int i = 0; i < 10; i++) {
            cluster.submit(c, KvCommand.put("k", "v" + i));
        }
        assertTrue(until(() -> completed().size() == 10, Micros.ofSeconds(5)));
        run(Micros.ofMillis(200));
        long commit = cluster.state(cluster.leader()).commitIndex();
        for (RaftServerState s : cluster.states()) {
            assertEquals(commit, s.commitIndex(), s.id().toString());
            assertEquals("v9", s.store().data().get("k"));
        }
    }

    /** 5.3: a failed follower does not stop the majority; it catches up when it returns. */
    @Test
    void agreementDespiteAFailedFollower() {
        start(RaftConfig.defaults(), 3, 5);
        awaitLeader();
        NodeId follower = cluster.serverIds().stream().filter(s -> !s.equals(cluster.leader())).findFirst().orElseThrow();
        cluster.crash(follower);
        NodeId c = cluster.addClient();
        cluster.submit(c, KvCommand.put("a", "1"));
        cluster.submit(c, KvCommand.put("b", "2"));
        assertTrue(until(() -> completed().size() == 2, Micros.ofSeconds(5)));
        cluster.restart(follower);
        assertTrue(until(() -> "2".equals(cluster.state(follower).store().data().get("b")), Micros.ofSeconds(3)));
    }

    /** 5.3: without a majority a leader cannot commit; once the majority is back the command commits. */
    @Test
    void noAgreementWithoutAMajority() {
        start(RaftConfig.defaults(), 5, 6);
        awaitLeader();
        NodeId leader = cluster.leader();
        List<NodeId> others = cluster.serverIds().stream().filter(s -> !s.equals(leader)).toList();
        for (int i = 0; i < 3; i++) {
            cluster.crash(others.get(i));
        }
        long commitBefore = cluster.state(leader).commitIndex();
        NodeId c = cluster.addClient();
        cluster.submit(c, KvCommand.put("x", "1"));
        run(Micros.ofSeconds(2));
        assertEquals(commitBefore, cluster.state(leader).commitIndex(), "two of five cannot commit");
        assertTrue(completed().isEmpty());
        for (int i = 0; i < 3; i++) {
            cluster.restart(others.get(i));
        }
        assertTrue(until(() -> completed().size() == 1, Micros.ofSeconds(5)));
    }

    /** 5.3, 5.4: a partitioned old leader's uncommitted entries are overwritten when it rejoins. */
    @Test
    void oldLeadersUncommittedEntriesAreOverwrittenOnRejoin() {
        start(RaftConfig.defaults(), 5, 7);
        awaitLeader();
        NodeId old = cluster.leader();
        TreeSet<NodeId> minority = new TreeSet<>(Set.of(old));
        TreeSet<NodeId> majority = new TreeSet<>(cluster.serverIds());
        majority.remove(old);
        cluster.partition(List.of(minority, majority));
        // The old leader takes a command it can never commit: submit straight to it from a client it reaches.
        NodeId c = cluster.addClient(old);
        cluster.submit(c, KvCommand.put("lost", "yes"));
        assertTrue(until(() -> cluster.state(old).lastIndex() > cluster.state(old).commitIndex(), Micros.ofSeconds(1)));
        long uncommitted = cluster.state(old).lastIndex();
        assertTrue(until(() -> cluster.leader() != null && !cluster.leader().equals(old)
                && cluster.state(cluster.leader()).currentTerm() > cluster.state(old).currentTerm(), Micros.ofSeconds(5)));
        NodeId c2 = cluster.addClient();
        cluster.submit(c2, KvCommand.put("kept", "yes"));
        cluster.submit(c2, KvCommand.put("kept2", "yes"));
        assertTrue(until(() -> completed().stream().filter(d -> d.command().key().startsWith("kept")).count() >= 2,
                Micros.ofSeconds(5)));
        cluster.heal();
        assertTrue(until(() -> cluster.state(old).role() == RaftNode.Role.FOLLOWER
                && cluster.state(old).commitIndex() >= uncommitted, Micros.ofSeconds(5)));
        assertTrue(events(RaftEvent.Truncated.class).stream().anyMatch(t -> t.fromIndex() <= uncommitted),
                "the old leader cut its conflicting entry");
        assertEquals("yes", cluster.state(old).store().data().get("kept"));
    }

    /**
     * 5.3 (fast back-up): a follower whose log diverges over many entries is repaired in a few round trips
     * when the follower reports the conflicting term, and in one round trip per entry without it.
     */
    @Test
    void fastCatchUpOverLongDivergentLogs() {
        int slow = rejectionsToRepair(false);
        int fast = rejectionsToRepair(true);
        assertTrue(slow >= 30, "one entry at a time: " + slow + " rejections");
        assertTrue(fast <= 5, "a term at a time: " + fast + " rejections");
    }

    private int rejectionsToRepair(boolean fastBackup) {
        start(RaftConfig.defaults().withFastBackup(fastBackup), 3, 8);
        awaitLeader();
        NodeId old = cluster.leader();
        TreeSet<NodeId> rest = new TreeSet<>(cluster.serverIds());
        rest.remove(old);
        // Forty clients that can reach only the isolated old leader, one uncommitted command each.
        TreeSet<NodeId> withOld = new TreeSet<>(Set.of(old));
        List<NodeId> junk = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            junk.add(cluster.addClient(old));
        }
        withOld.addAll(junk);
        cluster.partition(List.of(withOld, rest));
        for (int i = 0; i < 40; i++) {
            cluster.submit(junk.get(i), KvCommand.put("junk" + i, "x"));
        }
        run(Micros.ofSeconds(3));
        assertTrue(cluster.state(old).lastIndex() >= 40, "the old leader holds the uncommitted commands");
        for (NodeId c : junk) {
            cluster.crash(c);
        }
        NodeId c2 = cluster.addClient();
        for (int i = 0; i < 40; i++) {
            cluster.submit(c2, KvCommand.put("good" + i, "y"));
        }
        assertTrue(until(() -> completed().stream().filter(d -> d.command().key().startsWith("good")).count() == 40,
                Micros.ofSeconds(20)));
        // A new election on the majority side, so its leader starts with nextIndex at the end of a long log.
        NodeId current = cluster.leader();
        NodeId other = rest.stream().filter(x -> !x.equals(current)).findFirst().orElseThrow();
        cluster.forceTimeout(other);
        assertTrue(until(() -> other.equals(cluster.leader()), Micros.ofSeconds(3)));
        int before = countRejections();
        cluster.heal();
        assertTrue(until(() -> cluster.state(old).role() == RaftNode.Role.FOLLOWER
                && "y".equals(cluster.state(old).store().data().get("good39")), Micros.ofSeconds(10)));
        return countRejections() - before;
    }

    private int countRejections() {
        int n = 0;
        for (TraceEvent e : cluster.simulation().trace().events()) {
            if (e instanceof TraceEvent.MessageDelivered d && d.message().payload() instanceof RaftMessage.AppendEntriesReply r
                    && !r.success() && r.matchIndex() == 0 && r.conflictIndex() > 0) {
                n++;
            }
        }
        return n;
    }

    /** 5.1, Figure 2: term, vote and log survive crashes of every server at once. */
    @Test
    void persistenceAcrossCrashesOfEveryServer() {
        start(RaftConfig.defaults(), 3, 9);
        awaitLeader();
        NodeId c = cluster.addClient();
        cluster.submit(c, KvCommand.put("durable", "1"));
        assertTrue(until(() -> completed().size() == 1, Micros.ofSeconds(5)));
        List<Long> terms = new ArrayList<>();
        for (NodeId s : cluster.serverIds()) {
            terms.add(cluster.state(s).currentTerm());
            cluster.crash(s);
        }
        for (NodeId s : cluster.serverIds()) {
            cluster.restart(s);
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(cluster.state(cluster.serverIds().get(i)).currentTerm() >= terms.get(i), "term kept");
            assertTrue(cluster.state(cluster.serverIds().get(i)).lastIndex() >= 2, "log kept");
        }
        awaitLeader();
        cluster.submit(c, KvCommand.get("durable"));
        assertTrue(until(() -> completed().size() == 2, Micros.ofSeconds(5)));
        assertEquals("1", completed().get(1).result().value());
    }

    /** Section 7: a follower that was down while the log was compacted is brought back by InstallSnapshot. */
    @Test
    void snapshotInstallationAfterACrash() {
        start(RaftConfig.defaults().withSnapshotThreshold(10), 3, 10);
        awaitLeader();
        NodeId follower = cluster.serverIds().stream().filter(s -> !s.equals(cluster.leader())).findFirst().orElseThrow();
        cluster.crash(follower);
        NodeId c = cluster.addClient();
        for (int i = 0; i < 30; i++) {
            cluster.submit(c, KvCommand.put("k" + (i % 7), "v" + i));
        }
        assertTrue(until(() -> completed().size() == 30, Micros.ofSeconds(10)));
        assertTrue(cluster.state(cluster.leader()).snapshotIndex() >= 20, "the leader compacted its log");
        cluster.restart(follower);
        assertTrue(until(() -> cluster.state(follower).lastApplied() >= 31, Micros.ofSeconds(5)));
        assertTrue(events(RaftEvent.SnapshotInstalled.class).size() >= 1);
        assertEquals(cluster.state(cluster.leader()).store().data(), cluster.state(follower).store().data());
    }

    /** Dissertation 4.1: servers join one at a time after catching up; a removed leader steps down. */
    @Test
    void membershipChangesOneServerAtATime() {
        start(RaftConfig.defaults(), 3, 11);
        awaitLeader();
        NodeId c = cluster.addClient();
        cluster.submit(c, KvCommand.put("before", "1"));
        assertTrue(until(() -> completed().size() == 1, Micros.ofSeconds(5)));
        NodeId added = cluster.addServer();
        // While it catches up, a second change would be dropped by the leader: the cluster says so instead.
        IllegalArgumentException busy = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> cluster.addServer());
        assertTrue(busy.getMessage().contains(added + " is still catching up"), busy.getMessage());
        assertTrue(until(() -> cluster.state(cluster.leader()).configuration().contains(added)
                && cluster.state(cluster.leader()).commitIndex() == cluster.state(cluster.leader()).lastIndex()
                && cluster.state(added).commitIndex() >= cluster.state(cluster.leader()).commitIndex(), Micros.ofSeconds(5)));
        assertEquals("1", cluster.state(added).store().data().get("before"));
        NodeId leader = cluster.leader();
        cluster.removeServer(leader);
        assertTrue(until(() -> cluster.leader() != null && !cluster.leader().equals(leader), Micros.ofSeconds(5)));
        assertFalse(cluster.state(cluster.leader()).configuration().contains(leader));
        assertEquals(3, cluster.state(cluster.leader()).configuration().size());
        cluster.submit(c, KvCommand.put("after", "2"));
        assertTrue(until(() -> completed().size() == 2, Micros.ofSeconds(5)));
    }

    /** Dissertation 6.3: a retried command (lost reply) is applied once. */
    @Test
    void clientRetriesAreAppliedOnce() {
        start(RaftConfig.defaults(), 3, 12);
        awaitLeader();
        NodeId c = cluster.addClient();
        cluster.submit(c, KvCommand.put("n", "0"));
        assertTrue(until(() -> completed().size() == 1, Micros.ofSeconds(5)));
        // Lose every reply to the client for a while: it times out and resends the same sequence number.
        for (NodeId s : cluster.serverIds()) {
            cluster.simulation().perform(new io.distviz.sim.Actions.BlockOneWay(s, c));
        }
        cluster.submit(c, KvCommand.cas("n", "0", "1"));
        run(Micros.ofSeconds(2));
        cluster.heal();
        assertTrue(until(() -> completed().size() == 2, Micros.ofSeconds(5)));
        assertTrue(completed().get(1).attempts() > 1, "it was retried");
        assertTrue(completed().get(1).result().swapped(), "the first application's answer, not a failed second cas");
        long applications = events(RaftEvent.Applied.class).stream()
                .filter(a -> a.entry().operation() instanceof Operation.Kv kv && kv.sequence() == 2)
                .map(a -> a.entry().index()).distinct().count();
        assertEquals(1, applications, "one log entry for the command");
    }

    @Test
    void badRequestsAreRefused() {
        start(RaftConfig.defaults(), 3, 13);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> cluster.crash(NodeId.of("s9")));
        assertTrue(e.getMessage().contains("no node named s9"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RaftCluster(RaftConfig.defaults(), SimConfig.seeded(1), 12));
        assertTrue(e.getMessage().contains("1 to 9 servers"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RaftConfig.defaults().withElectionTimeout(300_000, 150_000));
        assertTrue(e.getMessage().contains("backwards"));
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> cluster.addServer());
        assertTrue(e.getMessage().contains("no leader"));
        assertNotNull(cluster.simulation());
    }
}
