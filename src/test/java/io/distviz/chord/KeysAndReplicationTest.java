package io.distviz.chord;

import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import io.distviz.sim.SimRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.distviz.chord.ChordTesting.events;
import static io.distviz.chord.ChordTesting.holders;
import static io.distviz.chord.ChordTesting.primaryHolders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys live at successor(key), move on joins and leaves, and survive crashes with replication. */
class KeysAndReplicationTest {

    private static ChordRing joinedRing(ChordConfig config, int nodes, long seed) {
        ChordRing ring = new ChordRing(config, SimConfig.seeded(seed).withoutCheckpoints());
        for (int i = 0; i < nodes; i++) {
            ring.join(ChordRing.address(i));
            ring.simulation().runFor(Micros.ofMillis(700));
        }
        settle(ring);
        return ring;
    }

    private static void settle(ChordRing ring) {
        ring.simulation().runUntil(() -> ring.check().ideal(), ring.simulation().nowMicros() + Micros.ofSeconds(120));
        ring.simulation().runFor(Micros.ofSeconds(10));
        assertTrue(ring.check().ideal(), ring.check().toString());
    }

    private static List<String> storeKeys(ChordRing ring, int count) {
        List<String> keys = new ArrayList<>();
        List<NodeRef> members = ring.liveMembers();
        for (int i = 0; i < count; i++) {
            String key = "file-" + i + ".txt";
            keys.add(key);
            ring.store(members.get(i % members.size()).address().name(), key, "v" + i);
        }
        ring.simulation().runFor(Micros.ofSeconds(5));
        for (ChordEvent.ClientOpDone d : events(ring, ChordEvent.ClientOpDone.class)) {
            assertTrue(d.ok(), "store of " + d.key() + " acknowledged");
        }
        return keys;
    }

    /** Every key is held, as primary, exactly by the live member responsible for it. */
    private static void assertEveryKeyAtItsSuccessor(ChordRing ring, List<String> keys) {
        for (String key : keys) {
            String owner = ring.responsibleFor(ring.keyId(key)).address().name();
            assertEquals(List.of(owner), primaryHolders(ring, key), key + " (id " + ring.keyId(key) + ")");
        }
    }

    @Test
    void storedKeysLiveAtTheirSuccessorAndFetchesFindThem() {
        ChordRing ring = joinedRing(ChordConfig.defaults().withBits(10), 8, 1);
        List<String> keys = storeKeys(ring, 40);
        assertEveryKeyAtItsSuccessor(ring, keys);
        long op = ring.fetch(ChordRing.address(3), keys.get(17));
        ring.simulation().runFor(Micros.ofSeconds(2));
        ChordEvent.ClientOpDone got = events(ring, ChordEvent.ClientOpDone.class).stream()
                .filter(d -> d.opId() == op).findFirst().orElseThrow();
        assertTrue(got.ok());
        assertEquals("v17", got.value());
    }

    @Test
    void joinsMoveExactlyTheKeysInPredecessorToNewNode() {
        ChordRing ring = joinedRing(ChordConfig.defaults().withBits(10), 6, 2);
        List<String> keys = storeKeys(ring, 60);
        int before = events(ring, ChordEvent.KeyMoved.class).size();
        for (int i = 6; i < 12; i++) {
            ring.join(ChordRing.address(i));
            ring.simulation().runFor(Micros.ofSeconds(3));
        }
        settle(ring);
        assertEveryKeyAtItsSuccessor(ring, keys);
        for (String key : keys) {
            assertEquals(1, holders(ring, key).size(), key + " has no stray copy");
        }
        List<ChordEvent.KeyMoved> moves = events(ring, ChordEvent.KeyMoved.class);
        for (ChordEvent.KeyMoved m : moves.subList(before, moves.size())) {
            assertEquals(KeyMoveReason.JOIN, m.reason());
            assertFalse(ring.circle().inOpenClosed(m.keyId(), m.to().id(), m.from().id()),
                    "a key moves back along the ring, to a new node at or after it: " + m);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 4, 5})
    void gracefulLeavesLoseNoKey(long seed) {
        ChordRing ring = joinedRing(ChordConfig.defaults().withBits(12), 10, seed);
        List<String> keys = storeKeys(ring, 80);
        SimRandom random = new SimRandom(seed);
        for (int i = 0; i < 7; i++) {
            List<NodeRef> members = ring.liveMembers();
            ring.leave(members.get(random.nextInt(members.size())).address().name());
            ring.simulation().runFor(Micros.ofMillis(300 + random.nextLong(3000)));
        }
        settle(ring);
        assertEquals(3, ring.liveMembers().size());
        assertEveryKeyAtItsSuccessor(ring, keys);
        assertFalse(events(ring, ChordEvent.KeyMoved.class).stream().noneMatch(m -> m.reason() == KeyMoveReason.LEAVE));
    }

    @Test
    void withoutReplicationACrashLosesTheKeysOfTheDeadNode() {
        ChordRing ring = joinedRing(ChordConfig.defaults().withBits(12), 8, 6);
        List<String> keys = storeKeys(ring, 80);
        NodeRef victim = ring.responsibleFor(ring.keyId(keys.get(0)));
        List<String> lost = keys.stream()
                .filter(k -> ring.responsibleFor(ring.keyId(k)).equals(victim)).toList();
        assertFalse(lost.isEmpty());
        ring.crash(victim.address().name());
        settle(ring);
        for (String key : lost) {
            assertTrue(holders(ring, key).isEmpty(), key + " died with its only copy");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void withReplicationKFewerThanKAdjacentCrashesLoseNoKey(long seed) {
        ChordConfig config = ChordConfig.defaults().withBits(12).withSuccessorListLength(4).withReplicas(3);
        ChordRing ring = joinedRing(config, 10, seed);
        List<String> keys = storeKeys(ring, 100);
        ring.simulation().runFor(Micros.ofSeconds(5)); // a replication round
        for (String key : keys) {
            assertEquals(3, holders(ring, key).size(), key + " is on k = 3 nodes");
        }
        // Crash k − 1 = 2 adjacent nodes at the same moment.
        List<NodeRef> members = ring.liveMembers();
        int at = new SimRandom(seed).nextInt(members.size());
        ring.crash(members.get(at).address().name());
        ring.crash(members.get((at + 1) % members.size()).address().name());
        settle(ring);
        ring.simulation().runFor(Micros.ofSeconds(15)); // re-replication, expiry of stale copies
        assertEveryKeyAtItsSuccessor(ring, keys);
        for (String key : keys) {
            assertEquals(3, holders(ring, key).size(), key + " is re-replicated to k = 3 nodes");
        }
        assertTrue(events(ring, ChordEvent.KeyMoved.class).stream().anyMatch(m -> m.reason() == KeyMoveReason.TAKEOVER),
                "a replica took over");
    }
}
