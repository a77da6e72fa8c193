package io.distviz.ui.timeline;

import io.distviz.raft.KvCommand;
import io.distviz.raft.RaftConfig;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Simulation;
import java.util.List;

/**
 * Real traces for the timeline views' tests: a five-server Raft cluster on a lossy network (so some messages
 * are dropped on the way), with a client's requests and a crash (so messages to the crashed server are dropped
 * too, and the trace has lifecycle events, user actions and a note).
 */
final class RaftRuns {
    private RaftRuns() {
    }

    static Scenario lossyRaft(long seed) {
        return new Scenario(null, null, Scenario.Protocol.RAFT, seed, LinkProfile.DEFAULT.withLoss(0.05),
                new Scenario.RaftSetup(RaftConfig.defaults(), 5), List.of(), null);
    }

    /** The run up to {@code untilMicros} (at least 2.5 s: the crash happens then). */
    static ProtocolDriver run(long seed, long untilMicros) {
        ProtocolDriver d = ProtocolDriver.create(lossyRaft(seed));
        Simulation sim = d.simulation();
        sim.runUntil(1_200_000);
        d.apply(new ScenarioAction.RaftAddClient("s1"));
        d.apply(new ScenarioAction.RaftRequest("c1", null, KvCommand.put("colour", "blue")));
        sim.runUntil(2_000_000);
        d.apply(new ScenarioAction.RaftRequest("c1", null, KvCommand.get("colour")));
        sim.runUntil(2_500_000);
        d.apply(new ScenarioAction.Crash("s2"));
        d.apply(new ScenarioAction.Note("s2 crashed on purpose"));
        sim.runUntil(untilMicros);
        return d;
    }
}
