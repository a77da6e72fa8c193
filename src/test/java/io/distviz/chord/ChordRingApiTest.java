package io.distviz.chord;

import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The boundary: bad input is refused with a clear message and changes nothing; runs are reproducible. */
class ChordRingApiTest {

    private static ChordRing ringOf(int nodes, long seed) {
        ChordRing ring = new ChordRing(ChordConfig.defaults().withBits(8), SimConfig.seeded(seed));
        for (int i = 0; i < nodes; i++) {
            ring.join(ChordRing.address(i));
            ring.simulation().runFor(Micros.ofMillis(800));
        }
        return ring;
    }

    private static void assertRefused(ChordRing ring, String expectedText, Executable call) {
        int traceBefore = ring.simulation().trace().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedText), "message '" + e.getMessage() + "' mentions " + expectedText);
        assertEquals(traceBefore, ring.simulation().trace().size(), "a refused request leaves no trace");
    }

    @Test
    void badRequestsAreRefusedWithAMessageThatSaysWhatIsWrong() {
        ChordRing ring = ringOf(3, 1);
        String taken = ChordRing.address(1);
        long takenId = ring.nodeIdFor(taken);
        assertRefused(ring, "already taken by " + taken, () -> ring.join("elsewhere:1", takenId, null));
        assertRefused(ring, "already a node at", () -> ring.join(taken));
        assertRefused(ring, "not on the 8-bit identifier circle", () -> ring.join("x:1", 256, null));
        assertRefused(ring, "key must not be empty", () -> ring.lookup(taken, ""));
        assertRefused(ring, "key must not be empty", () -> ring.store(taken, "", "v"));
        assertRefused(ring, "no Chord node at nowhere:9", () -> ring.lookup("nowhere:9", "k"));
        assertRefused(ring, "no Chord node at nowhere:9", () -> ring.join("y:1", 7, "nowhere:9"));
        assertRefused(ring, "address must not be empty", () -> ring.join(" "));
        ring.crash(taken);
        assertRefused(ring, "is crashed", () -> ring.lookup(taken, "k"));
        assertRefused(ring, "is crashed", () -> ring.crash(taken));
        assertRefused(ring, "only a crashed node can restart", () -> ring.restart(ChordRing.address(0)));
        assertRefused(ring, "1 to 64 virtual nodes", () -> ring.joinHost("h:1", 0));
    }

    @Test
    void configurationOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChordConfig.defaults().withBits(63));
        assertTrue(e.getMessage().contains("between 3 and 62"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChordConfig.defaults().withReplicas(9));
        assertTrue(e.getMessage().contains("replication factor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChordConfig.defaults().withSuccessorListLength(0));
        assertTrue(e.getMessage().contains("successor list length"), e.getMessage());
    }

    @Test
    void aNodeThatIsStillJoiningCannotStartLookups() {
        ChordRing ring = ringOf(2, 2);
        ring.join("late:1");
        assertRefused(ring, "has not finished joining", () -> ring.lookup("late:1", "k"));
    }

    @Test
    void sameSeedSameTraceAndTheRecordingReplaysIt() {
        ChordRing a = ringOf(6, 5);
        ChordRing b = ringOf(6, 5);
        a.store(ChordRing.address(2), "apple", "red");
        b.store(ChordRing.address(2), "apple", "red");
        a.simulation().runFor(Micros.ofSeconds(10));
        b.simulation().runFor(Micros.ofSeconds(10));
        assertEquals(a.simulation().trace().hash(), b.simulation().trace().hash());
        assertNotEquals(a.simulation().trace().hash(), ringOf(6, 6).simulation().trace().hash());

        Simulation replayed = Simulation.replay(a.simulation().recording());
        assertEquals(a.simulation().trace().hash(), replayed.trace().hash());
    }

    @Test
    void timeTravelThroughCheckpointsRestoresChordNodes() {
        ChordRing ring = ringOf(6, 9);
        ring.simulation().runFor(Micros.ofSeconds(30));
        long mid = ring.simulation().nowMicros();
        List<TraceEvent> upToMid = List.copyOf(ring.simulation().trace().events());
        String stateAtMid = ring.states().toString();
        ring.simulation().runFor(Micros.ofSeconds(1));
        ring.crash(ChordRing.address(3));
        ring.simulation().runFor(Micros.ofSeconds(30));
        assertTrue(ring.simulation().checkpoints().size() > 2, "checkpoints were taken");
        ring.simulation().restoreTo(mid);
        assertEquals(stateAtMid, ring.states().toString());
        assertEquals(traceHash(upToMid), ring.simulation().trace().hash());
    }

    private static String traceHash(List<TraceEvent> events) {
        return io.distviz.sim.Trace.hashOf(events);
    }

    @Test
    void virtualNodesOfAHostJoinAndCrashTogether() {
        ChordRing ring = ringOf(3, 11);
        List<NodeRef> v = ring.joinHost("host-a:1", 4);
        assertEquals(4, v.size());
        assertEquals("host-a:1#2", v.get(2).address().name());
        assertEquals(ring.circle().hash("host-a:1#2"), v.get(2).id());
        ring.simulation().runFor(Micros.ofSeconds(30));
        assertTrue(ring.check().ideal(), ring.check().toString());
        assertEquals(7, ring.liveMembers().size());
        ring.crashHost("host-a:1");
        ring.simulation().runFor(Micros.ofSeconds(30));
        assertEquals(3, ring.liveMembers().size());
        assertTrue(ring.check().ideal(), ring.check().toString());
    }
}
