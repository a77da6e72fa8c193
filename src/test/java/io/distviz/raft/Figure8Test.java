package io.distviz.raft;

import io.distviz.sim.Actions;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figure 8 of the paper, played out with partitions and crashes: a leader that commits an entry of an
 * earlier term by counting replicas (the what-if switch) lets a later leader overwrite it, and the safety
 * checker says so; with the real rule the same sequence of failures is harmless.
 */
class Figure8Test {
    private static final NodeId S1 = NodeId.of("s1");
    private static final NodeId S2 = NodeId.of("s2");

    private RaftCluster cluster;
    private RaftSafety safety;

    private boolean until(BooleanSupplier condition, long limitMicros) {
        Simulation sim = cluster.simulation();
        long end = sim.nowMicros() + limitMicros;
        while (sim.nextEventTime().isPresent() && sim.nextEventTime().getAsLong() <= end) {
            sim.step();
            safety.check();
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        sim.runUntil(end);
        return condition.getAsBoolean();
    }

    /** Cuts every link from {@code node} at once (messages already on their way are dropped), then crashes it. */
    private void isolateAndCrash(NodeId node) {
        Simulation sim = cluster.simulation();
        for (NodeId other : sim.nodeIds()) {
            if (!other.equals(node)) {
                sim.perform(new Actions.BlockOneWay(node, other));
            }
        }
        cluster.crash(node);
        // Let what it already sent arrive at the blocked links and be dropped, before anything is healed.
        assertTrue(until(() -> sim.inFlight().stream().noneMatch(m -> m.from().equals(node)), Micros.ofSeconds(1)));
    }

    private List<RaftSafety.Violation> play(boolean whatIf) {
        RaftConfig config = RaftConfig.defaults().withMaxEntriesPerAppend(1).withWhatIfCommitOldTerms(whatIf);
        cluster = new RaftCluster(config, SimConfig.seeded(8), 5);
        safety = new RaftSafety(cluster);
        // (a) s1 leads and everyone has its no-op.
        assertTrue(until(() -> cluster.leader() != null, Micros.ofSeconds(3)));
        if (!S1.equals(cluster.leader())) {
            cluster.forceTimeout(S1);
            assertTrue(until(() -> S1.equals(cluster.leader()), Micros.ofSeconds(3)));
        }
        assertTrue(until(() -> cluster.states().stream().allMatch(s -> s.commitIndex() == cluster.state(S1).lastIndex()),
                Micros.ofSeconds(2)));
        long k = cluster.state(S1).lastIndex();
        NodeId client = cluster.addClient(S1);
        TreeSet<NodeId> left = new TreeSet<>(Set.of(S1, S2, client));
        TreeSet<NodeId> right = new TreeSet<>(cluster.serverIds());
        right.removeAll(left);
        cluster.partition(List.of(left, right));
        cluster.submit(client, KvCommand.put("A", "term-1 entry"));
        assertTrue(until(() -> cluster.state(S2).lastIndex() == k + 1, Micros.ofSeconds(2)), "A reaches s2 only");
        LogEntry a = cluster.state(S1).entry(k + 1);

        // (b) the other side elects x, which takes an entry at index k+1 and crashes before sending it anywhere.
        assertTrue(until(() -> cluster.leader() != null && right.contains(cluster.leader()), Micros.ofSeconds(5)));
        NodeId x = cluster.leader();
        isolateAndCrash(x);
        cluster.crash(client);
        cluster.heal();

        // (c) s1 or s2 (the longer logs) wins the next election and copies A to a third server, then crashes
        // just as A is on a majority, before its own entry is.
        assertTrue(until(() -> cluster.leader() != null && Set.of(S1, S2).contains(cluster.leader())
                && cluster.state(cluster.leader()).currentTerm() > a.term() + 1, Micros.ofSeconds(5)));
        NodeId l3 = cluster.leader();
        NodeId other = l3.equals(S1) ? S2 : S1;
        assertTrue(until(() -> cluster.state(l3).matchIndex().values().stream().filter(m -> m >= k + 1).count() >= 2,
                Micros.ofSeconds(3)), "A is on a majority");
        boolean committedA = cluster.state(l3).commitIndex() >= k + 1;
        assertEquals(whatIf, committedA, "only the what-if rule commits A by counting replicas");
        isolateAndCrash(l3);
        cluster.crash(other);
        cluster.heal();

        // (d) x comes back; its last entry's term beats A's, so the survivors elect it and it overwrites A.
        cluster.restart(x);
        assertTrue(until(() -> x.equals(cluster.leader()), Micros.ofSeconds(10)), "x is elected");
        until(() -> false, Micros.ofSeconds(1));
        for (RaftServerState s : cluster.states()) {
            assertTrue(!a.equals(s.entry(k + 1)), s.id() + " no longer has A at index " + (k + 1));
        }
        return safety.violations();
    }

    @Test
    void committingAnOldTermEntryByCountingRepliasLetsItBeOverwritten() {
        List<RaftSafety.Violation> v = play(true);
        assertTrue(v.stream().anyMatch(x -> x.property() == RaftSafety.Property.LEADER_COMPLETENESS
                || x.property() == RaftSafety.Property.STATE_MACHINE_SAFETY), "the checker catches it: " + v);
    }

    @Test
    void theRealRuleMakesTheSameFailuresHarmless() {
        assertEquals(List.of(), play(false));
    }
}
