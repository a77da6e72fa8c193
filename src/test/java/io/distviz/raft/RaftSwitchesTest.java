package io.distviz.raft;

import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional switches, each shown doing what it is for (the lessons build on these). */
class RaftSwitchesTest {

    private static RaftCluster started(RaftConfig config, long seed) {
        RaftCluster c = new RaftCluster(config, SimConfig.seeded(seed), 3);
        c.simulation().runUntil(() -> c.leader() != null, Micros.ofSeconds(5));
        c.simulation().runFor(Micros.ofMillis(300));
        assertNotNull(c.leader());
        return c;
    }

    /** Isolates one follower for two seconds, heals, and reports how many times a leader stepped down. */
    private static int disruptionsByARejoiningFollower(boolean preVote) {
        RaftCluster c = started(RaftConfig.defaults().withPreVote(preVote), 5);
        NodeId leader = c.leader();
        NodeId follower = c.serverIds().stream().filter(s -> !s.equals(leader)).findFirst().orElseThrow();
        TreeSet<NodeId> rest = new TreeSet<>(c.serverIds());
        rest.remove(follower);
        c.partition(List.of(new TreeSet<>(Set.of(follower)), rest));
        c.simulation().runFor(Micros.ofSeconds(2));
        long isolatedTerm = c.state(follower).currentTerm();
        long leaderTerm = c.state(leader).currentTerm();
        assertEquals(preVote, isolatedTerm == leaderTerm,
                "without PreVote the isolated server keeps raising its term: " + isolatedTerm + " vs " + leaderTerm);
        c.heal();
        c.simulation().runFor(Micros.ofSeconds(2));
        return RaftBasicsTest.events(c, RaftEvent.SteppedDown.class).size();
    }

    @Test
    void withoutPreVoteARejoiningServerDisruptsTheLeaderAndWithItItDoesNot() {
        assertTrue(disruptionsByARejoiningFollower(false) >= 1);
        assertEquals(0, disruptionsByARejoiningFollower(true));
    }

    /** A leader cut off in a minority keeps believing it leads unless CheckQuorum makes it step down. */
    @Test
    void checkQuorumMakesAnIsolatedLeaderStepDown() {
        for (boolean checkQuorum : new boolean[] {false, true}) {
            RaftCluster c = started(RaftConfig.defaults().withCheckQuorum(checkQuorum), 6);
            NodeId leader = c.leader();
            TreeSet<NodeId> rest = new TreeSet<>(c.serverIds());
            rest.remove(leader);
            c.partition(List.of(new TreeSet<>(Set.of(leader)), rest));
            c.simulation().runFor(Micros.ofSeconds(2));
            assertEquals(!checkQuorum, c.state(leader).role() == RaftNode.Role.LEADER, "checkQuorum=" + checkQuorum);
        }
    }

    /** With equal timeouts and no randomization, candidates keep splitting the vote. */
    @Test
    void withoutRandomizedTimeoutsVotesSplit() {
        int randomized = electionsUntilALeader(RaftConfig.defaults());
        int fixed = electionsUntilALeader(RaftConfig.defaults().withElectionTimeout(Micros.ofMillis(150),
                Micros.ofMillis(150)));
        assertTrue(randomized <= 3, "randomized: " + randomized + " elections");
        assertTrue(fixed > 3 * randomized, "fixed: " + fixed + " elections");
    }

    private static int electionsUntilALeader(RaftConfig config) {
        RaftCluster c = new RaftCluster(config, SimConfig.seeded(3), 5);
        c.simulation().runUntil(() -> c.leader() != null, Micros.ofSeconds(5));
        return (int) RaftBasicsTest.events(c, RaftEvent.ElectionStarted.class).stream()
                .map(RaftEvent.ElectionStarted::term).distinct().count();
    }
}
