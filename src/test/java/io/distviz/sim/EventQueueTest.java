package io.distviz.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private static final NodeId A = NodeId.of("a");

    private static Simulation probe() {
        Simulation sim = new Simulation(7);
        sim.perform(new Actions.AddNode(A, Probe.factory()));
        return sim;
    }

    @Test
    void eventsRunInTimeOrderWhateverTheOrderTheyWereScheduledIn() {
        Simulation sim = probe();
        sim.perform(new Actions.Command(A, new Probe.SetTimer(300, "late")));
        sim.perform(new Actions.Command(A, new Probe.SetTimer(100, "early")));
        sim.perform(new Actions.Command(A, new Probe.SetTimer(200, "middle")));
        sim.runUntil(1_000);
        assertEquals(List.of("timer early at 100", "timer middle at 200", "timer late at 300"),
                ((Probe) sim.node(A)).seen());
    }

    @Test
    void eventsAtTheSameMicrosecondRunInInsertionOrder() {
        Simulation sim = probe();
        for (String tag : List.of("c", "a", "d", "b")) {
            sim.perform(new Actions.Command(A, new Probe.SetTimer(500, tag)));
        }
        sim.runUntil(500);
        assertEquals(List.of("timer c at 500", "timer a at 500", "timer d at 500", "timer b at 500"),
                ((Probe) sim.node(A)).seen());
    }

    @Test
    void stepRunsExactlyOneEventAndMovesTheClockToIt() {
        Simulation sim = probe();
        sim.perform(new Actions.Command(A, new Probe.SetTimer(100, "x")));
        sim.perform(new Actions.Command(A, new Probe.SetTimer(250, "y")));
        assertTrue(sim.step());
        assertEquals(1, sim.eventsProcessed());
        assertEquals(100, sim.nowMicros());
        assertTrue(sim.step());
        assertEquals(250, sim.nowMicros());
        assertFalse(sim.step(), "the queue is empty");
        assertEquals(2, sim.eventsProcessed());
    }

    @Test
    void runUntilStopsAtTheRequestedTimeAndLeavesLaterEventsQueued() {
        Simulation sim = probe();
        sim.perform(new Actions.Command(A, new Probe.SetTimer(100, "x")));
        sim.perform(new Actions.Command(A, new Probe.SetTimer(900, "y")));
        RunResult r = sim.runUntil(500);
        assertEquals(RunResult.Stop.REACHED_TIME, r.stop());
        assertEquals(1, r.eventsRun());
        assertEquals(500, sim.nowMicros());
        assertEquals(900, sim.nextEventTime().getAsLong());
        assertThrows(IllegalArgumentException.class, () -> sim.runUntil(499));
    }

    @Test
    void runUntilHonoursItsEventLimit() {
        Simulation sim = probe();
        for (int i = 1; i <= 10; i++) {
            sim.perform(new Actions.Command(A, new Probe.SetTimer(i * 10L, "t" + i)));
        }
        RunResult r = sim.runUntil(1_000, 4);
        assertEquals(RunResult.Stop.EVENT_LIMIT, r.stop());
        assertEquals(4, sim.eventsProcessed());
        assertEquals(40, sim.nowMicros(), "time stops at the last event run");
    }

    @Test
    void runUntilConditionStopsAsSoonAsItHoldsOrAtTheLimit() {
        Simulation sim = PingNode.cluster(SimConfig.seeded(3), 3);
        RunResult met = sim.runUntil(() -> sim.trace().events().stream()
                .anyMatch(e -> e instanceof TraceEvent.MessageDelivered), 10_000_000);
        assertEquals(RunResult.Stop.CONDITION_MET, met.stop());
        TraceEvent last = sim.trace().get(sim.trace().size() - 1);
        assertTrue(sim.trace().events().stream().filter(e -> e instanceof TraceEvent.MessageDelivered).count() == 1,
                "stopped right after the first delivery, last event " + last.describe());

        long now = sim.nowMicros();
        RunResult never = sim.runUntil(() -> false, now + 200_000);
        assertEquals(RunResult.Stop.TIME_LIMIT, never.stop());
        assertEquals(now + 200_000, sim.nowMicros());
    }

    @Test
    void aZeroDelayLoopIsStoppedByTheEventLimit() {
        Simulation sim = new Simulation(SimConfig.seeded(1).withMaxEventsPerRun(1_000));
        sim.perform(new Actions.AddNode(A, (id, d) -> new Restless(id)));
        RunResult r = sim.runFor(1_000_000);
        assertEquals(RunResult.Stop.EVENT_LIMIT, r.stop());
        assertEquals(1_000, r.eventsRun());
        assertEquals(0, sim.nowMicros());
    }

    /** Sets a zero-delay timer for ever, all at the same microsecond. */
    static final class Restless extends Node {
        Restless(NodeId id) {
            super(id);
        }

        @Override
        protected void step(Input input) {
            setTimer(0, "again");
        }
    }
}
