package io.distviz.chord;

import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.distviz.chord.ChordTesting.events;
import static io.distviz.chord.ChordTesting.keyWithId;
import static io.distviz.chord.ChordTesting.primaryHolders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The small ring of the Chord paper (Stoica et al., SIGCOMM 2001): a 3-bit circle with nodes 0, 1 and 3 and
 * keys 1, 2 and 6 (Figure 3), then node 6 joining and node 3 leaving (Figure 5). The rings here are built by
 * protocol joins and leaves, and every figure is compared with the paper's tables worked out by hand.
 */
class PaperExampleTest {
    private final ChordRing ring = new ChordRing(ChordConfig.defaults().withBits(3), SimConfig.seeded(2001));
    private final String key1 = keyWithId(ring.circle(), 1);
    private final String key2 = keyWithId(ring.circle(), 2);
    private final String key6 = keyWithId(ring.circle(), 6);

    private void buildFigure3() {
        ring.join("n0", 0, null);
        ring.join("n1", 1, null);
        ring.simulation().runFor(Micros.ofSeconds(2));
        ring.join("n3", 3, null);
        settle();
        ring.store("n0", key1, "one");
        ring.store("n0", key2, "two");
        ring.store("n0", key6, "six");
        settle();
    }

    private void settle() {
        ring.simulation().runUntil(() -> ring.check().ideal(), ring.simulation().nowMicros() + Micros.ofSeconds(60));
        ring.simulation().runFor(Micros.ofSeconds(5)); // and let transfers finish
        assertTrue(ring.check().ideal(), ring.check().toString());
    }

    /** Finger i of {@code node}: start, interval end and successor, as in Table 1 of the paper. */
    private void assertFinger(String node, int i, long start, long end, String successor) {
        ChordNodeState.Finger f = ring.state(node).finger(i);
        assertEquals(start, f.start(), node + " finger " + i + " start");
        assertEquals(end, f.intervalEnd(), node + " finger " + i + " interval end");
        assertEquals(successor, f.node().address().name(), node + " finger " + i + " node");
    }

    @Test
    void figure3FingerTablesAndKeyLocations() {
        buildFigure3();
        assertFinger("n0", 1, 1, 2, "n1");
        assertFinger("n0", 2, 2, 4, "n3");
        assertFinger("n0", 3, 4, 0, "n0");
        assertFinger("n1", 1, 2, 3, "n3");
        assertFinger("n1", 2, 3, 5, "n3");
        assertFinger("n1", 3, 5, 1, "n0");
        assertFinger("n3", 1, 4, 5, "n0");
        assertFinger("n3", 2, 5, 7, "n0");
        assertFinger("n3", 3, 7, 3, "n0");
        assertEquals(List.of("n1"), primaryHolders(ring, key1));
        assertEquals(List.of("n3"), primaryHolders(ring, key2));
        assertEquals(List.of("n0"), primaryHolders(ring, key6));
    }

    @Test
    void figure5aNode6JoinsAndTakesKey6FromNode0() {
        buildFigure3();
        ring.join("n6", 6, "n1");
        settle();
        assertFinger("n6", 1, 7, 0, "n0");
        assertFinger("n6", 2, 0, 2, "n0");
        assertFinger("n6", 3, 2, 6, "n3");
        assertFinger("n3", 1, 4, 5, "n6");
        assertFinger("n3", 2, 5, 7, "n6");
        assertFinger("n3", 3, 7, 3, "n0");
        assertFinger("n0", 3, 4, 0, "n6");
        assertFinger("n1", 3, 5, 1, "n6");
        assertEquals(List.of("n6"), ChordTesting.holders(ring, key6), "without replication the old owner keeps no copy");
        assertEquals(List.of("n1"), primaryHolders(ring, key1));
        assertEquals(List.of("n3"), primaryHolders(ring, key2));
        List<ChordEvent.KeyMoved> moved = events(ring, ChordEvent.KeyMoved.class).stream()
                .filter(m -> m.reason() == KeyMoveReason.JOIN).toList();
        assertEquals(1, moved.size(), moved.toString());
        assertEquals(key6, moved.get(0).key());
        assertEquals("n0", moved.get(0).from().address().name());
        assertEquals("n6", moved.get(0).to().address().name());
    }

    @Test
    void figure5bNode3LeavesAndHandsKey2ToNode6() {
        buildFigure3();
        ring.join("n6", 6, "n1");
        settle();
        ring.leave("n3");
        settle();
        assertFinger("n0", 1, 1, 2, "n1");
        assertFinger("n0", 2, 2, 4, "n6");
        assertFinger("n0", 3, 4, 0, "n6");
        assertFinger("n1", 1, 2, 3, "n6");
        assertFinger("n1", 2, 3, 5, "n6");
        assertFinger("n1", 3, 5, 1, "n6");
        assertFinger("n6", 1, 7, 0, "n0");
        assertFinger("n6", 2, 0, 2, "n0");
        assertFinger("n6", 3, 2, 6, "n6");
        assertEquals(List.of("n6"), primaryHolders(ring, key2));
        List<ChordEvent.KeyMoved> moved = events(ring, ChordEvent.KeyMoved.class).stream()
                .filter(m -> m.reason() == KeyMoveReason.LEAVE).toList();
        assertEquals(1, moved.size(), moved.toString());
        assertEquals(key2, moved.get(0).key());
        assertEquals("n3", moved.get(0).from().address().name());
        assertEquals("n6", moved.get(0).to().address().name());
    }

    @Test
    void lookupsOnThePaperRingFollowTheFingers() {
        buildFigure3();
        // From node 3, the successor of identifier 1: 1 ∉ (3, 0], the closest preceding finger of 1 is node 0
        // (finger 3, start 7), and node 0 knows 1 ∈ (0, 1]: one hop, answer node 1.
        ring.lookupId("n3", 1);
        ring.simulation().runFor(Micros.ofSeconds(1));
        ChordEvent.LookupDone done = events(ring, ChordEvent.LookupDone.class).stream()
                .filter(d -> d.purpose() == Purpose.LOOKUP).findFirst().orElseThrow();
        assertEquals("n1", done.result().address().name());
        assertEquals(1, done.hops());
        assertEquals("n0", done.path().get(0).node().address().name());
        assertEquals(Hop.Route.FINGER, done.path().get(0).route());
        assertEquals(3, done.path().get(0).index());
    }
}
