package io.distviz.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.sim.PingNode;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import org.junit.jupiter.api.Test;

/** The toolbar's view model, without a stage or the JavaFX toolkit. */
class SimulationSessionTest {
    private long fakeNanos;

    private SimulationSession session(int nodes) {
        return new SimulationSession(seed -> PingNode.cluster(SimConfig.seeded(seed), nodes), 42, () -> fakeNanos);
    }

    @Test
    void playingAdvancesVirtualTimeByElapsedWallTimeTimesSpeed() {
        SimulationSession s = session(3);
        s.advance(16_000_000);
        assertEquals(0, s.virtualTimeMicrosProperty().get(), "paused: nothing moves");
        s.play();
        s.advance(16_000_000);
        assertEquals(16_000, s.virtualTimeMicrosProperty().get());
        s.speedProperty().set(2.5);
        s.advance(10_000_000);
        assertEquals(16_000 + 25_000, s.virtualTimeMicrosProperty().get());
        s.speedProperty().set(0.01);
        for (int i = 0; i < 10; i++) {
            s.advance(16_666_667); // fractions of a microsecond are carried, not lost
        }
        assertEquals(16_000 + 25_000 + 1_666, s.virtualTimeMicrosProperty().get());
    }

    @Test
    void speedIsKeptBetweenOneHundredthAndOneHundred() {
        SimulationSession s = session(2);
        s.speedProperty().set(1_000);
        assertEquals(100.0, s.speedProperty().get());
        s.speedProperty().set(0);
        assertEquals(0.01, s.speedProperty().get());
    }

    @Test
    void aLongPauseOfTheWindowCountsAsOneShortFrame() {
        SimulationSession s = session(2);
        s.play();
        s.advance(5_000_000_000L);
        assertEquals(SimulationSession.MAX_FRAME_NANOS / 1_000, s.virtualTimeMicrosProperty().get());
    }

    @Test
    void aFrameThatRunsOutOfWallTimeStopsEarlyAndDropsTheRest() {
        SimulationSession s = session(30);
        s.play();
        s.speedProperty().set(100);
        // Each engine step "takes" 3 ms of wall time on the fake clock: the 8 ms budget allows three steps.
        SimulationSession slow = new SimulationSession(seed -> PingNode.cluster(SimConfig.seeded(seed), 30), 42,
                () -> fakeNanos += 3_000_000);
        slow.play();
        slow.speedProperty().set(100);
        slow.advance(16_000_000);
        assertTrue(slow.behindProperty().get());
        long reached = slow.virtualTimeMicrosProperty().get();
        assertTrue(reached > 0 && reached < 1_600_000, "reached " + reached);
        assertTrue(slow.achievedSpeedProperty().get() < 100);
        s.advance(16_000_000);
        assertFalse(s.behindProperty().get());
        assertEquals(1_600_000, s.virtualTimeMicrosProperty().get());
    }

    @Test
    void stepRunsExactlyOneEventAndPauses() {
        SimulationSession s = session(3);
        s.play();
        Simulation sim = s.simulation();
        long next = sim.nextEventTime().getAsLong();
        assertTrue(s.stepOnce());
        assertFalse(s.runningProperty().get());
        assertEquals(1, s.eventsProcessedProperty().get());
        assertEquals(next, s.virtualTimeMicrosProperty().get());
    }

    @Test
    void resetStartsAgainFromTheSeedAndTheSameSeedGivesTheSameRun() {
        SimulationSession s = session(3);
        s.play();
        s.advance(100_000_000);
        String firstHash = s.simulation().trace().hash();
        s.reset(42);
        assertFalse(s.runningProperty().get());
        assertEquals(0, s.virtualTimeMicrosProperty().get());
        s.play();
        s.advance(100_000_000);
        assertEquals(firstHash, s.simulation().trace().hash());
        s.reset(43);
        assertEquals(43, s.seedProperty().get());
        s.play();
        s.advance(100_000_000);
        assertFalse(firstHash.equals(s.simulation().trace().hash()));
    }

    @Test
    void seedsTypedByPeopleAreReadOrRefusedWithAReason() {
        assertEquals(42, Seeds.parse(" 42 "));
        assertEquals(-7, Seeds.parse("-7"));
        assertEquals(1_000_000, Seeds.parse("1_000_000"));
        assertEquals(1_000_000, Seeds.parse("1,000,000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seeds.parse("forty-two"));
        assertTrue(e.getMessage().contains("forty-two"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Seeds.parse("99999999999999999999"))
                .getMessage().contains("too large"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Seeds.parse("   "))
                .getMessage().contains("whole number"));
    }
}
