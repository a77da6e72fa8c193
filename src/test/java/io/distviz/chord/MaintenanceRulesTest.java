package io.distviz.chord;

import io.distviz.chord.ChordConfig.MaintenanceRules;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The teaching switch between the 2001 maintenance rules and Zave's corrected ones. A node joins, and its
 * successor crashes before the predecessor has noticed the newcomer. Under the 2001 rules the newcomer knew
 * only that one successor, so it is cut off and ends up a ring of its own; under the corrected rules it had
 * copied its successor's list when joining, and the ring heals.
 */
class MaintenanceRulesTest {

    private static ChordRing joinThenCrashSuccessor(MaintenanceRules rules) {
        ChordConfig config = ChordConfig.defaults().withBits(8).withRules(rules);
        ChordRing ring = new ChordRing(config, SimConfig.seeded(42));
        List<String> names = List.of("n10", "n50", "n90", "n130", "n170", "n210");
        ring.placeRing(names, List.of(10L, 50L, 90L, 130L, 170L, 210L));
        ring.simulation().runFor(Micros.ofSeconds(3));
        ring.join("n100", 100, "n10");
        ring.simulation().runUntil(() -> ring.state("n100").phase() == ChordNode.Phase.MEMBER,
                ring.simulation().nowMicros() + Micros.ofSeconds(5));
        assertEquals(ChordNode.Phase.MEMBER, ring.state("n100").phase());
        assertEquals("n130", ring.state("n100").successor().address().name());
        ring.crash("n130");
        ring.simulation().runFor(Micros.ofSeconds(60));
        return ring;
    }

    @Test
    void underThe2001RulesTheNewcomerIsCutOffIntoARingOfItsOwn() {
        ChordRing ring = joinThenCrashSuccessor(MaintenanceRules.ORIGINAL_2001);
        RingCheck check = ring.check();
        assertTrue(check.violations().stream().anyMatch(v -> v.invariant() == RingCheck.Invariant.AT_MOST_ONE_RING),
                check.toString());
        assertEquals("n100", ring.state("n100").successor().address().name(), "it points at itself");
        assertTrue(ChordTesting.events(ring, ChordEvent.SuccessorsExhausted.class).stream()
                .anyMatch(e -> e.node().address().equals(NodeId.of("n100"))));
    }

    @Test
    void underTheCorrectedRulesTheRingHeals() {
        ChordRing ring = joinThenCrashSuccessor(MaintenanceRules.CORRECTED);
        RingCheck check = ring.check();
        assertTrue(check.ideal(), check.toString());
        assertEquals("n170", ring.state("n100").successor().address().name());
        assertEquals("n100", ring.state("n90").successor().address().name());
    }

    /**
     * When every entry of a successor list fails at once, the corrected rules fall back on the nearest finger,
     * so the ring heals in a few stabilize rounds instead of walking round the whole circle.
     */
    @Test
    void aNodeThatLosesItsWholeSuccessorListRecoversThroughItsFingers() {
        ChordConfig config = ChordConfig.defaults().withBits(16).withSuccessorListLength(2);
        ChordRing ring = new ChordRing(config, SimConfig.seeded(1));
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add(ChordRing.address(i));
        }
        List<NodeRef> sorted = ring.placeRing(names);
        ring.crash(sorted.get(1).address().name());
        ring.crash(sorted.get(2).address().name());
        ring.simulation().runUntil(() -> ring.check().ideal(), Micros.ofSeconds(8));
        assertTrue(ring.check().ideal(), ring.check().toString());
        assertEquals(sorted.get(3), ring.state(sorted.get(0).address().name()).successor());
        assertTrue(ChordTesting.events(ring, ChordEvent.SuccessorsExhausted.class).stream()
                .anyMatch(e -> e.node().equals(sorted.get(0))));
    }
}
