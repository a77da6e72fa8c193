package io.distviz.ui.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.raft.RaftConfig;
import io.distviz.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The settings form: typed values become a scenario, or a clear refusal. */
class RaftSettingsTest {
    private final Scenario base = RaftSettings.defaultScenario();

    private static RaftSettings form(String servers, String min, String max, String beat, String latency,
                                     String loss, String dup, String snapshot) {
        return new RaftSettings(servers, min, max, beat, latency, loss, dup, snapshot, true, true, false);
    }

    @Test
    void theFormRoundTripsTheDefaults() {
        Scenario again = RaftSettings.of(base).toScenario(base);
        assertEquals(base.setup(), again.setup());
        assertEquals(base.network(), again.network());
    }

    @Test
    void typedValuesBecomeTheScenario() {
        Scenario s = form("7", "300", "600", "75", "20", "5", "1.5", "10").toScenario(base);
        Scenario.RaftSetup r = (Scenario.RaftSetup) s.setup();
        RaftConfig c = r.config();
        assertEquals(7, r.servers());
        assertEquals(300_000, c.electionTimeoutMinMicros());
        assertEquals(600_000, c.electionTimeoutMaxMicros());
        assertEquals(75_000, c.heartbeatMicros());
        assertEquals(10, c.snapshotThreshold());
        assertTrue(c.preVote() && c.checkQuorum());
        assertEquals(20_000, s.network().meanLatencyMicros());
        assertEquals(0.05, s.network().lossProbability(), 1e-12);
        assertEquals(0.015, s.network().duplicateProbability(), 1e-12);
        assertEquals(base.seed(), s.seed());
    }

    @Test
    void nonsenseIsRefusedWithAReason() {
        assertRefused(form("banana", "150", "300", "50", "10", "0", "0", "0"), "Servers");
        assertRefused(form("12", "150", "300", "50", "10", "0", "0", "0"), "from 3 to 9");
        assertRefused(form("2", "150", "300", "50", "10", "0", "0", "0"), "from 3 to 9");
        assertRefused(form("5", "300", "150", "50", "10", "0", "0", "0"), "shorter than the shortest");
        assertRefused(form("5", "150", "300", "150", "10", "0", "0", "0"), "heartbeat");
        assertRefused(form("5", "150", "300", "50", "-3", "0", "0", "0"), "latency");
        assertRefused(form("5", "150", "300", "50", "10", "120", "0", "0"), "loss");
        assertRefused(form("5", "150", "300", "50", "10", "0", "NaN", "0"), "Duplication");
        assertRefused(form("5", "150", "300", "50", "10", "0", "0", "2.5"), "Snapshot");
        assertRefused(form("5", "", "300", "50", "10", "0", "0", "0"), "election timeout");
    }

    private void assertRefused(RaftSettings s, String mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.toScenario(base));
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
    }
}
