package io.distviz.raft;

import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** First checks of the Raft engine: an election, replication of client commands, re-election. */
class RaftBasicsTest {

    static <T extends RaftEvent> List<T> events(RaftCluster c, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : c.simulation().trace().events()) {
            if (e instanceof TraceEvent.ProtocolEvent p && type.isInstance(p.detail())) {
                out.add(type.cast(p.detail()));
            }
        }
        return out;
    }

    @Test
    void aLeaderIsElectedAndClientCommandsAreAppliedEverywhere() {
        RaftCluster c = new RaftCluster(RaftConfig.defaults(), SimConfig.seeded(1), 5);
        c.simulation().runFor(Micros.ofSeconds(2));
        NodeId leader = c.leader();
        assertNotNull(leader);
        long term = c.state(leader).currentTerm();
        for (RaftServerState s : c.states()) {
            assertEquals(term, s.currentTerm());
            assertEquals(leader, s.leaderId());
        }
        NodeId client = c.addClient();
        c.submit(client, KvCommand.put("x", "1"));
        c.submit(client, KvCommand.cas("x", "1", "2"));
        c.submit(client, KvCommand.get("x"));
        c.simulation().runFor(Micros.ofSeconds(2));
        List<RaftEvent.ClientCompleted> done = events(c, RaftEvent.ClientCompleted.class);
        assertEquals(3, done.size());
        assertTrue(done.get(1).result().swapped());
        assertEquals("2", done.get(2).result().value());
        for (RaftServerState s : c.states()) {
            assertEquals("2", s.store().data().get("x"), s.id() + " applied everything");
        }
    }

    @Test
    void aNewLeaderTakesOverWhenTheLeaderCrashes() {
        RaftCluster c = new RaftCluster(RaftConfig.defaults(), SimConfig.seeded(2), 3);
        c.simulation().runFor(Micros.ofSeconds(2));
        NodeId first = c.leader();
        NodeId client = c.addClient();
        c.submit(client, KvCommand.put("k", "before"));
        c.simulation().runFor(Micros.ofSeconds(1));
        c.crash(first);
        c.submit(client, KvCommand.put("k", "after"));
        c.submit(client, KvCommand.get("k"));
        c.simulation().runFor(Micros.ofSeconds(5));
        NodeId second = c.leader();
        assertNotNull(second);
        assertNotEquals(first, second);
        List<RaftEvent.ClientCompleted> done = events(c, RaftEvent.ClientCompleted.class);
        assertEquals(3, done.size());
        assertEquals("after", done.get(2).result().value());
        c.restart(first);
        c.simulation().runFor(Micros.ofSeconds(3));
        assertEquals("after", c.state(first).store().data().get("k"), "the restarted server catches up");
    }
}
