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
                failures.add("seed " + seed + ": " + (r.safetyViolations().isEmpty() ? r.livenessFailure()
                        : r.safetyViolations()));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + SEEDS + " seeds failed:\n" + String.join("\n", failures));
        assertTrue(commits > SEEDS * 10L, "the clusters made progress: " + commits + " commits");
    }
}
