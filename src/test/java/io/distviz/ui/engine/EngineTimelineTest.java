package io.distviz.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.chord.ChordConfig;
import io.distviz.clocks.ClockConfig;
import io.distviz.raft.KvCommand;
import io.distviz.raft.RaftConfig;
import io.distviz.scenario.ChordDriver;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.scenario.RaftDriver;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.Trace;
import io.distviz.sim.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The page's timeline: moving to any earlier moment shows exactly the state the run had then (the nodes, the
 * facade's counters, the driver's memory), playing on replays the recorded future, and acting in the past
 * forks a new future that undo takes back.
 */
class EngineTimelineTest {
    private static final LinkProfile LINK = new LinkProfile(2_000, 8_000, 3_000, 0.02, 0, 0.05);

    static Scenario raft() {
        return new Scenario(null, null, Scenario.Protocol.RAFT, 1, LINK,
                new Scenario.RaftSetup(RaftConfig.defaults(), 3), List.of(), null);
    }

    static Scenario chord() {
        return new Scenario(null, null, Scenario.Protocol.CHORD, 1, LINK,
                new Scenario.ChordSetup(ChordConfig.defaults()), List.of(), null);
    }

    static Scenario clocks() {
        return new Scenario(null, null, Scenario.Protocol.CLOCKS, 1, LINK,
                new Scenario.ClockSetup(ClockConfig.defaults()), List.of(), null);
    }

    /** A Raft session: clients, requests, a leader crash, a new server. */
    static EngineModel raftSession() {
        EngineModel m = new EngineModel(raft(), 17);
        run(m, 600_000);
        act(m, new ScenarioAction.RaftAddClient(null));
        act(m, new ScenarioAction.RaftRequest("c1", null, KvCommand.put("x", "1")));
        run(m, 1_500_000);
        act(m, new ScenarioAction.Crash("leader"));
        run(m, 3_000_000);
        act(m, new ScenarioAction.RaftRequest("c1", null, KvCommand.put("y", "2")));
        run(m, 4_000_000);
        act(m, new ScenarioAction.Restart(m.timelineActions().get(2).action() instanceof ScenarioAction.Crash c
                ? c.node() : "s1"));
        run(m, 5_500_000);
        act(m, new ScenarioAction.RaftAddServer());
        run(m, 8_000_000);
        return m;
    }

    static EngineModel chordSession() {
        EngineModel m = new EngineModel(chord(), 5, List.of(new ScenarioAction.ChordRing(
                List.of("a:1", "b:1", "c:1", "d:1", "e:1", "f:1"))));
        run(m, 500_000);
        act(m, new ScenarioAction.ChordAdd("g:1", null, null));
        run(m, 2_000_000);
        act(m, new ScenarioAction.ChordStore("a:1", "apple", "red"));
        act(m, new ScenarioAction.ChordLookup("c:1", "apple", false));
        run(m, 3_000_000);
        act(m, new ScenarioAction.Crash("b:1"));
        run(m, 6_000_000);
        act(m, new ScenarioAction.ChordLookup("d:1", "pear", false));
        run(m, 7_000_000);
        return m;
    }

    static EngineModel clockSession() {
        EngineModel m = new EngineModel(clocks(), 3);
        act(m, new ScenarioAction.ClockAddReference("gps"));
        for (int i = 0; i < 4; i++) {
            act(m, new ScenarioAction.ClockAdd("quartz", null, 0));
        }
        run(m, 1_000_000);
        act(m, new ScenarioAction.ClockAlgorithm("cristian", "ref", null, null));
        run(m, Micros.ofSeconds(20));
        act(m, new ScenarioAction.ClockAdd("quartz", null, 0));
        run(m, Micros.ofSeconds(40));
        return m;
    }

    private static void run(EngineModel m, long t) {
        m.simulation().runUntil(t);
    }

    private static void act(EngineModel m, ScenarioAction a) {
        assertTrue(m.perform(a), () -> a + ": " + m.errorProperty().get());
    }

    /** The state a fresh replay of the timeline's actions has at {@code t}: what the page must show. */
    private static String replayedStateAt(EngineModel m, List<ScenarioRunner.PerformedAction> all, long t,
                                          java.util.function.Function<ProtocolDriver, String> state) {
        List<ScenarioRunner.PerformedAction> upTo = all.stream().filter(a -> a.timeMicros() <= t).toList();
        ProtocolDriver d = ProtocolDriver.replay(m.settings(), upTo);
        d.simulation().runUntil(t);
        return d.simulation().trace().hash() + "\n" + state.apply(d);
    }

    private static void scrubbingShowsExactlyTheEarlierState(EngineModel m,
                                                            java.util.function.Function<ProtocolDriver, String> state) {
        List<ScenarioRunner.PerformedAction> all = m.asRun().actions();
        String endHash = m.simulation().trace().hash();
        long end = m.simulation().nowMicros();
        int checkpoints = m.simulation().checkpoints().size();
        assertTrue(checkpoints >= 2, "checkpoints: " + checkpoints);
        // Back and forth, across actions, checkpoints and the start.
        for (long t : new long[] {end / 3, 1, end / 2, end / 7, end - 1, 0, end * 3 / 4, end / 3}) {
            m.seek(t);
            assertEquals(t, m.simulation().nowMicros());
            assertFalse(m.atHorizon());
            String shown = m.simulation().trace().hash() + "\n" + state.apply(m.driver());
            assertEquals(replayedStateAt(m, all, t, state), shown, "at " + t);
            // The log's prefix is what happened by then.
            List<TraceEvent> prefix = m.timelineEvents().subList(0, m.simulation().trace().size());
            assertEquals(m.simulation().trace().hash(), Trace.hashOf(prefix));
        }
        m.seekToHorizon();
        assertTrue(m.atHorizon());
        assertEquals(end, m.simulation().nowMicros());
        assertEquals(endHash, m.simulation().trace().hash());
        assertEquals(all.size() - m.setup().size(), m.actions().size());
    }

    @Test
    void raftScrubbingShowsTheStateTheRunHadThen() {
        scrubbingShowsExactlyTheEarlierState(raftSession(), d -> {
            RaftDriver r = (RaftDriver) d;
            return r.cluster().states() + "\n" + r.safetyViolations() + "\n" + r.cluster().serverIds();
        });
    }

    @Test
    void chordScrubbingShowsTheStateTheRunHadThen() {
        scrubbingShowsExactlyTheEarlierState(chordSession(), d -> ((ChordDriver) d).ring().states().toString());
    }

    @Test
    void clockScrubbingShowsTheStateTheRunHadThen() {
        scrubbingShowsExactlyTheEarlierState(clockSession(),
                d -> ((io.distviz.scenario.ClockDriver) d).network().states().toString());
    }

    @Test
    void playingOnFromThePastReplaysTheRecordedFutureWithItsActions() {
        EngineModel m = raftSession();
        String endHash = m.simulation().trace().hash();
        long end = m.simulation().nowMicros();
        m.seek(1_000_000);
        // The toolbar's way forward: steps and frames, which pass the recorded actions on the way.
        for (int i = 0; i < 50; i++) {
            m.session().stepOnce();
        }
        m.session().speedProperty().set(100);
        m.session().play();
        while (m.simulation().nowMicros() < 6_000_000) {
            m.session().advance(5_000_000);
        }
        long t = m.simulation().nowMicros();
        assertTrue(t < end);
        assertFalse(m.atHorizon());
        List<ScenarioRunner.PerformedAction> all = m.timelineActions();
        assertEquals(all.size(), m.actions().size(), "every recorded action was applied on the way");
        ProtocolDriver fresh = ProtocolDriver.replay(m.settings(), all);
        fresh.simulation().runUntil(t);
        assertEquals(fresh.simulation().trace().hash(), m.simulation().trace().hash());
        m.seek(end);
        assertEquals(endHash, m.simulation().trace().hash());
        assertTrue(m.atHorizon());
    }

    @Test
    void actingInThePastForksANewFutureThatUndoTakesBack() {
        EngineModel m = raftSession();
        List<ScenarioRunner.PerformedAction> original = m.timelineActions();
        String endHash = m.simulation().trace().hash();
        int events = m.timelineEvents().size();
        long end = m.simulation().nowMicros();

        long at = 5_000_000;
        m.seek(at);
        int before = m.actions().size();
        // The name the server added later in the old future had: the facade's counter went back in time too.
        act(m, new ScenarioAction.RaftAddServer());
        assertTrue(m.simulation().nodeIds().contains(io.distviz.sim.NodeId.of("s4")), m.simulation().nodeIds()::toString);
        assertFalse(m.simulation().nodeIds().contains(io.distviz.sim.NodeId.of("s5")));
        assertEquals(before + 1, m.timelineActions().size(), "the old future is set aside");
        assertEquals(at, m.horizonMicros());
        assertTrue(m.timelineEvents().size() < events);
        run(m, at + 500_000);
        assertTrue(m.atHorizon());

        m.undo();
        assertEquals(at, m.simulation().nowMicros());
        assertEquals(original, m.timelineActions(), "undo brings the old future back");
        assertEquals(end, m.horizonMicros());
        assertEquals(events, m.timelineEvents().size());
        m.seekToHorizon();
        assertEquals(endHash, m.simulation().trace().hash());
    }

    @Test
    void undoAtTheEndEndsTheTimelineJustBeforeTheUndoneAction() {
        EngineModel m = chordSession();
        ScenarioRunner.PerformedAction last = m.timelineActions().get(m.timelineActions().size() - 1);
        m.seek(1_000_000);
        m.undo();
        assertEquals(last.timeMicros(), m.simulation().nowMicros());
        assertEquals(last.eventsBefore(), m.simulation().eventsProcessed());
        assertTrue(m.atHorizon());
        List<ScenarioRunner.PerformedAction> kept = new ArrayList<>(m.asRun().actions());
        ProtocolDriver fresh = ProtocolDriver.replay(m.settings(), kept);
        fresh.simulation().runToPoint(last.timeMicros(), last.eventsBefore());
        assertEquals(fresh.simulation().trace().hash(), m.simulation().trace().hash());
    }

    @Test
    void aRefusedActionInThePastKeepsTheFuture() {
        EngineModel m = raftSession();
        List<ScenarioRunner.PerformedAction> original = m.timelineActions();
        m.seek(100_000);
        assertFalse(m.perform(new ScenarioAction.Crash("leader")), "no leader yet at 0.1 s");
        assertEquals(original, m.timelineActions());
        m.seekToHorizon();
        assertTrue(m.atHorizon());
    }

    static void forEach(Consumer<EngineModel> check) {
        check.accept(raftSession());
    }
}
