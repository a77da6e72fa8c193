package io.distviz.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeTravelTest {

    private static SimConfig frequentCheckpoints(long seed) {
        return SimConfig.seeded(seed).withCheckpoints(500, Micros.ofMillis(100))
                .withDefaultLink(new LinkProfile(1_000, 6_000, 2_000, 0.05, 0.01, 0.02));
    }

    /** Runs to 3 s with actions along the way; returns the simulation. */
    private static Simulation run(long seed) {
        Simulation sim = PingNode.cluster(frequentCheckpoints(seed), 4);
        List<NodeId> n = PingNode.names(4);
        sim.runUntil(Micros.ofMillis(800));
        sim.perform(new Actions.Crash(n.get(2)));
        sim.runUntil(Micros.ofMillis(1_600));
        sim.perform(new Actions.Restart(n.get(2)));
        sim.perform(new Actions.Command(n.get(3), new PingNode.Burst()));
        sim.runUntil(Micros.ofMillis(2_300));
        sim.perform(new Actions.BlockOneWay(n.get(0), n.get(1)));
        sim.runUntil(Micros.ofMillis(3_000));
        return sim;
    }

    @Test
    void restoringToAnEarlierTimeThenRunningOnReproducesTheOriginalTrace() {
        Simulation original = run(21);
        assertTrue(original.checkpoints().size() > 5, "checkpoints: " + original.checkpoints().size());

        for (long t : new long[] {0, 350_000, 800_000, 1_234_567, 2_999_999}) {
            Simulation sim = run(21);
            List<LoggedAction> future = sim.restoreTo(t);
            assertEquals(t, sim.nowMicros());
            // The state at t is exactly what the original had at t.
            List<TraceEvent> prefix = original.trace().events().stream().filter(e -> e.timeMicros() <= t).toList();
            assertEquals(Trace.hashOf(prefix), sim.trace().hash(), "state at " + t);
            // Redo the cut-off future and the run ends where the original did.
            for (LoggedAction a : future) {
                sim.runUntil(a.timeMicros());
                sim.perform(a.action());
            }
            sim.runUntil(3_000_000);
            assertEquals(original.trace().hash(), sim.trace().hash(), "replayed from " + t);
        }
    }

    @Test
    void actingAfterARestoreForksANewFuture() {
        Simulation sim = run(22);
        String originalHash = sim.trace().hash();
        int originalActions = sim.actions().size();
        List<LoggedAction> cut = sim.restoreTo(1_000_000);
        assertEquals(3, cut.size(), "restart, burst and block came after 1 s");
        assertEquals(originalActions - 3, sim.actions().size());

        sim.perform(new Actions.Crash(NodeId.of("n0")));
        sim.runUntil(3_000_000);
        assertNotEquals(originalHash, sim.trace().hash());
        // The new future is itself reproducible from its recording.
        assertEquals(sim.trace().hash(), Simulation.replay(sim.recording()).trace().hash());
    }

    @Test
    void restoringNotifiesListenersAndCutsTheTrace() {
        Simulation sim = run(23);
        List<Integer> truncations = new ArrayList<>();
        sim.trace().addListener(new TraceListener() {
            public void onEvent(TraceEvent event) {
            }

            public void onTruncated(int size) {
                truncations.add(size);
            }
        });
        sim.restoreTo(500_000);
        assertEquals(1, truncations.size());
        assertTrue(sim.trace().events().stream().allMatch(e -> e.timeMicros() <= 500_000));
    }

    @Test
    void restoringIntoTheFutureIsRefused() {
        Simulation sim = run(24);
        assertThrows(IllegalArgumentException.class, () -> sim.restoreTo(sim.nowMicros() + 1));
        assertThrows(IllegalArgumentException.class, () -> sim.restoreTo(-1));
    }

    @Test
    void withoutCheckpointsRestoreReplaysFromTheStart() {
        Simulation sim = PingNode.cluster(SimConfig.seeded(25).withoutCheckpoints(), 3);
        sim.runUntil(2_000_000);
        String full = sim.trace().hash();
        assertEquals(1, sim.checkpoints().size());
        sim.restoreTo(700_000);
        sim.runUntil(2_000_000);
        assertEquals(full, sim.trace().hash());
    }

    @Test
    void aNodeThatIsNotSerializableIsReportedByName() {
        Simulation sim = new Simulation(SimConfig.seeded(1).withCheckpoints(1, 0));
        sim.perform(new Actions.AddNode(NodeId.of("x"), (id, d) -> new HoldsAPlainObject(id)));
        IllegalStateException e = assertThrows(IllegalStateException.class, sim::step);
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    static final class HoldsAPlainObject extends Node {
        final Object held = new Object();

        HoldsAPlainObject(NodeId id) {
            super(id);
        }

        @Override
        protected void step(Input input) {
            setTimer(10, "tick");
        }
    }
}
