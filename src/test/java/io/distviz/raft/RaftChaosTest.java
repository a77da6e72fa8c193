package io.distviz.raft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The randomized fault test over many seeds; a failure names the seed that reproduces it. */
class RaftChaosTest {
    static final int SEEDS = Integer.getInteger("raft.chaos.seeds", 200);

    @Test
    void safetyAlwaysAndLivenessOnceFaultsStop() {
        List<String> failures = new ArrayList<>();
        long commits = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RaftChaos.Result r = RaftChaos.run(seed, RaftChaos.Settings.defaults());
            commits += r.commits();
            if (!r.ok()) {
                failures.add("seed " + seed + ": " + (!r.safetyViolations().isEmpty() ? r.safetyViolations()
                        : r.livenessFailure() != null ? r.livenessFailure() : r.linearizability().explanation()));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + SEEDS + " seeds failed:\n" + String.join("\n", failures));
        assertTrue(commits > SEEDS * 10L, "the clusters made progress: " + commits + " commits");
    }

    @Test
    void aStaleReadInTheClientHistoryIsCaught() {
        KvCommand put = KvCommand.put("x", "1");
        KvCommand get = KvCommand.get("x");
        List<RaftChaos.HistoryEvent> events = List.of(
                new RaftChaos.HistoryEvent(0, true, 1, 1, put, null),
                new RaftChaos.HistoryEvent(10, false, 1, 1, put, KvResult.done(null)),
                new RaftChaos.HistoryEvent(20, true, 2, 1, get, null),
                new RaftChaos.HistoryEvent(30, false, 2, 1, get, KvResult.done(null)));
        assertTrue(io.distviz.raft.check.Linearizability.check(RaftChaos.toKvHistory(events)).violated());
        List<RaftChaos.HistoryEvent> fine = List.of(events.get(0), events.get(1), events.get(2),
                new RaftChaos.HistoryEvent(30, false, 2, 1, get, KvResult.done("1")));
        assertTrue(io.distviz.raft.check.Linearizability.check(RaftChaos.toKvHistory(fine)).linearizable());
    }
}
