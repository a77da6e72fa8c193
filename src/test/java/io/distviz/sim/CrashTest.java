package io.distviz.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrashTest {
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");

    @Test
    void messagesInFlightToACrashedNodeAreLostEvenIfItRestartsBeforeTheyArrive() {
        Simulation sim = new Simulation(SimConfig.seeded(1).withDefaultLink(LinkProfile.fixed(10_000)));
        sim.perform(new Actions.AddNode(A, Probe.factory()));
        sim.perform(new Actions.AddNode(B, Probe.factory()));
        sim.perform(new Actions.Command(A, new Probe.SendTo(B, "first")));
        sim.runFor(3_000);
        sim.perform(new Actions.Crash(B));
        sim.runFor(3_000);
        sim.perform(new Actions.Restart(B));
        sim.perform(new Actions.Command(A, new Probe.SendTo(B, "second")));
        sim.runFor(30_000);

        List<String> seen = ((Probe) sim.node(B)).seen();
        assertEquals(List.of("recv second at 16000"), seen);
        TraceEvent.MessageDropped drop = sim.trace().events().stream()
                .filter(e -> e instanceof TraceEvent.MessageDropped).map(e -> (TraceEvent.MessageDropped) e)
                .findFirst().orElseThrow();
        assertEquals(DropReason.NODE_DOWN, drop.reason());
        assertEquals(10_000, drop.timeMicros());
    }

    @Test
    void messagesSentByANodeBeforeItCrashedStillArrive() {
        Simulation sim = new Simulation(SimConfig.seeded(1).withDefaultLink(LinkProfile.fixed(10_000)));
        sim.perform(new Actions.AddNode(A, Probe.factory()));
        sim.perform(new Actions.AddNode(B, Probe.factory()));
        sim.perform(new Actions.Command(A, new Probe.SendTo(B, "bye")));
        sim.perform(new Actions.Crash(A));
        sim.runFor(20_000);
        assertEquals(List.of("recv bye at 10000"), ((Probe) sim.node(B)).seen());
    }

    @Test
    void aCrashCancelsTimersAndARestartStartsFresh() {
        Simulation sim = new Simulation(1);
        sim.perform(new Actions.AddNode(A, Probe.factory()));
        sim.perform(new Actions.Command(A, new Probe.SetTimer(5_000, "t")));
        sim.perform(new Actions.Crash(A));
        assertNull(sim.node(A));
        assertEquals(NodeStatus.CRASHED, sim.status(A));
        sim.runFor(10_000);
        assertTrue(sim.trace().events().stream().noneMatch(e -> e instanceof TraceEvent.TimerFired));
        assertTrue(sim.trace().events().stream().anyMatch(e -> e instanceof TraceEvent.TimerCancelled));
        sim.perform(new Actions.Restart(A));
        sim.runFor(10_000);
        assertEquals(List.of(), ((Probe) sim.node(A)).seen());
    }

    @Test
    void volatileStateIsDroppedAndDurableStateSurvives() {
        Simulation sim = PingNode.cluster(SimConfig.seeded(4), 3);
        NodeId n0 = NodeId.of("n0");
        sim.runFor(Micros.ofSeconds(2));
        PingNode before = (PingNode) sim.node(n0);
        int pongs = before.pongsReceived;
        assertTrue(pongs > 0 && before.pingsReceived > 0 && before.nextSeq > 0);

        sim.perform(new Actions.Crash(n0));
        sim.perform(new Actions.Restart(n0));
        PingNode after = (PingNode) sim.node(n0);
        assertEquals(pongs, after.pongsReceived, "durable");
        assertEquals(0, after.pingsReceived, "volatile");
        assertEquals(0, after.nextSeq, "volatile");
    }

    @Test
    void lifecycleRulesAreEnforced() {
        Simulation sim = new Simulation(1);
        sim.perform(new Actions.AddNode(A, Probe.factory()));
        assertThrows(IllegalStateException.class, () -> sim.perform(new Actions.AddNode(A, Probe.factory())));
        assertThrows(IllegalStateException.class, () -> sim.perform(new Actions.Restart(A)));
        assertThrows(IllegalArgumentException.class, () -> sim.perform(new Actions.Crash(B)));
        sim.perform(new Actions.Crash(A));
        assertThrows(IllegalStateException.class, () -> sim.perform(new Actions.Crash(A)));
        assertThrows(IllegalStateException.class,
                () -> sim.perform(new Actions.Command(A, new Probe.SetTimer(1, "x"))));
        sim.perform(new Actions.Remove(A));
        assertEquals(NodeStatus.REMOVED, sim.status(A));
        sim.perform(new Actions.AddNode(A, Probe.factory()));
        assertEquals(NodeStatus.UP, sim.status(A));
    }
}
