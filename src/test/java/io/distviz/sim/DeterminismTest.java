package io.distviz.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** A busy run with every kind of network trouble and user action, driven only by the seed. */
    static Simulation busyRun(long seed) {
        LinkProfile lossy = new LinkProfile(1_000, 8_000, 3_000, 0.05, 0.02, 0.05);
        Simulation sim = PingNode.cluster(SimConfig.seeded(seed).withDefaultLink(lossy), 5);
        List<NodeId> n = PingNode.names(5);
        sim.runUntil(Micros.ofMillis(400));
        sim.perform(new Actions.Crash(n.get(1)));
        sim.runUntil(Micros.ofMillis(700));
        sim.perform(new Actions.Partition(List.of(Set.of(n.get(0), n.get(2)), Set.of(n.get(3), n.get(4)))));
        sim.runUntil(Micros.ofMillis(1_100));
        sim.perform(new Actions.Restart(n.get(1)));
        sim.perform(new Actions.Command(n.get(1), new PingNode.Burst()));
        sim.runUntil(Micros.ofMillis(1_500));
        sim.perform(new Actions.Heal());
        sim.perform(new Actions.BlockOneWay(n.get(0), n.get(4)));
        sim.runUntil(Micros.ofMillis(2_000));
        return sim;
    }

    @Test
    void sameSeedAndActionsGiveAnIdenticalTrace() {
        Simulation first = busyRun(42);
        Simulation second = busyRun(42);
        assertTrue(first.trace().size() > 500, "the run should be busy, was " + first.trace().size());
        assertEquals(first.trace().size(), second.trace().size());
        assertEquals(first.trace().hash(), second.trace().hash());
    }

    @Test
    void anotherSeedGivesAnotherTrace() {
        assertNotEquals(busyRun(42).trace().hash(), busyRun(43).trace().hash());
    }

    @Test
    void theRecordingReproducesTheRun() {
        Simulation original = busyRun(9);
        Simulation replayed = Simulation.replay(original.recording());
        assertEquals(original.nowMicros(), replayed.nowMicros());
        assertEquals(original.trace().hash(), replayed.trace().hash());
    }

    @Test
    void theTraceAloneIsEnoughToReproduceTheRun() {
        Simulation original = busyRun(10);
        Recording fromTrace = original.trace().recording();
        assertEquals(original.actions(), fromTrace.actions());
        assertEquals(10, fromTrace.config().seed());
        Simulation replayed = Simulation.replay(fromTrace);
        List<TraceEvent> originalUpToLastEvent = original.trace().events();
        assertEquals(Trace.hashOf(originalUpToLastEvent), replayed.trace().hash());
    }

    @Test
    void aNodesRandomStreamDoesNotDependOnWhichOtherNodesExist() {
        NodeId n0 = NodeId.of("n0");
        Simulation small = PingNode.cluster(SimConfig.seeded(5), 2);
        Simulation large = PingNode.cluster(SimConfig.seeded(5), 6);
        assertEquals(((PingNode) small.node(n0)).firstDraws, ((PingNode) large.node(n0)).firstDraws);
        Simulation otherSeed = PingNode.cluster(SimConfig.seeded(6), 2);
        assertNotEquals(((PingNode) small.node(n0)).firstDraws, ((PingNode) otherSeed.node(n0)).firstDraws);
    }
}
