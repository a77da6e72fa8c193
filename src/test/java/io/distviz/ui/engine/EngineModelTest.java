package io.distviz.ui.engine;

import io.distviz.raft.RaftConfig;
import io.distviz.scenario.RaftDriver;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineModelTest {
    static Scenario raft() {
        return new Scenario(null, null, Scenario.Protocol.RAFT, 1, LinkProfile.DEFAULT,
                new Scenario.RaftSetup(RaftConfig.defaults(), 3), List.of(), null);
    }

    @Test
    void undoRebuildsTheRunUpToTheMomentOfTheUndoneAction() {
        EngineModel m = new EngineModel(raft(), 4);
        m.simulation().runUntil(700_000);
        String hashBefore = m.simulation().trace().hash();
        assertTrue(m.perform(new ScenarioAction.Crash("s2")));
        m.simulation().runUntil(1_500_000);
        assertEquals(NodeStatus.CRASHED, m.simulation().status(NodeId.of("s2")));

        m.undo();
        assertEquals(700_000, m.simulation().nowMicros());
        assertEquals(NodeStatus.UP, m.simulation().status(NodeId.of("s2")));
        assertEquals(hashBefore, m.simulation().trace().hash());
        assertEquals(m.simulation(), m.session().simulation(), "the toolbar drives the rebuilt run");
        assertFalse(m.canUndo());
    }

    @Test
    void earlierActionsSurviveAnUndoExactly() {
        EngineModel m = new EngineModel(raft(), 9);
        m.simulation().runUntil(400_000);
        assertTrue(m.perform(new ScenarioAction.RaftAddClient("s1")));
        m.simulation().runUntil(500_000);
        assertTrue(m.perform(new ScenarioAction.RaftRequest("c1", null, io.distviz.raft.KvCommand.put("a", "1"))));
        m.simulation().runUntil(900_000);
        String withBoth = m.simulation().trace().hash();
        assertTrue(m.perform(new ScenarioAction.Crash("leader")));
        m.undo();
        assertEquals(2, m.actions().size());
        m.simulation().runUntil(900_000);
        assertEquals(withBoth, m.simulation().trace().hash());
    }

    @Test
    void aNewSeedFromTheToolbarReplacesTheDriverAndTellsTheViews() {
        EngineModel m = new EngineModel(raft(), 4);
        RaftDriver first = (RaftDriver) m.driver();
        java.util.List<Object> seen = new java.util.ArrayList<>();
        m.driverProperty().addListener((obs, o, n) -> seen.add(n));
        long jumps = m.jumpsProperty().get();
        m.session().reset(99); // what the toolbar's Reset does
        assertNotNull(m.driver());
        assertTrue(m.driver() != first);
        assertEquals(List.of(m.driver()), seen);
        assertTrue(m.jumpsProperty().get() > jumps);
        assertEquals(m.simulation(), m.session().simulation());
    }

    @Test
    void aRefusedActionChangesNothingAndSaysWhy() {
        EngineModel m = new EngineModel(raft(), 1);
        long revision = m.revisionProperty().get();
        assertFalse(m.perform(new ScenarioAction.RaftAddServer()));
        assertNotNull(m.errorProperty().get());
        assertTrue(m.errorProperty().get().contains("no leader"), m.errorProperty().get());
        assertEquals(revision, m.revisionProperty().get());
        assertTrue(m.actions().isEmpty());
        m.simulation().runUntil(1_000_000);
        assertTrue(m.perform(new ScenarioAction.RaftTimeout("s1")));
        assertNull(m.errorProperty().get());
    }

    @Test
    void resetAndNewSettingsStartAgainAndReplaceTheDriver() {
        EngineModel m = new EngineModel(raft(), 1);
        RaftDriver first = (RaftDriver) m.driver();
        m.simulation().runUntil(1_000_000);
        m.perform(new ScenarioAction.Crash("s1"));
        m.reset();
        assertEquals(0, m.simulation().nowMicros());
        assertTrue(m.actions().isEmpty());
        assertTrue(first != m.driverProperty().get());
        m.applySettings(new Scenario(null, null, Scenario.Protocol.RAFT, 1, LinkProfile.DEFAULT,
                new Scenario.RaftSetup(RaftConfig.defaults(), 7), List.of(), null));
        assertEquals(7, ((RaftDriver) m.driver()).cluster().serverIds().size());
    }

    @Test
    void theSetupStartsEveryRunAndCannotBeUndone() {
        EngineModel m = new EngineModel(raft(), 2);
        m.setSetup(List.of(new ScenarioAction.RaftAddClient("s2")));
        assertTrue(m.actions().isEmpty());
        assertEquals(1, m.asRun().actions().size(), "a saved run holds the setup");
        assertFalse(m.canUndo());
        assertFalse(m.undoableProperty().get());
        m.simulation().runUntil(500_000);
        assertTrue(m.perform(new ScenarioAction.Crash("s3")));
        assertTrue(m.undoableProperty().get());
        m.undo();
        assertTrue(m.actions().isEmpty());
        assertEquals(NodeStatus.UP, m.simulation().status(NodeId.of("c1")), "the setup stays");
        m.reset();
        assertEquals(NodeStatus.UP, m.simulation().status(NodeId.of("c1")), "a reset starts with the setup again");
        // A setup the engine refuses is refused as a whole.
        assertThrows(IllegalArgumentException.class, () -> m.setSetup(List.of(new ScenarioAction.RaftAddServer())));
        assertEquals(NodeStatus.UP, m.simulation().status(NodeId.of("c1")));
    }
}
