package io.distviz.raft;

import io.distviz.sim.Micros;

import java.io.Serializable;

/**
 * How a Raft cluster behaves. Every server of a cluster shares one configuration.
 *
 * @param electionTimeoutMinMicros the shortest election timeout (section 5.2: randomized in a range)
 * @param electionTimeoutMaxMicros the longest; equal to the minimum means no randomization
 * @param heartbeatMicros          how often a leader sends AppendEntries when it has nothing new
 * @param maxEntriesPerAppend      a cap on entries in one AppendEntries, so catch-up goes in rounds
 * @param snapshotThreshold        compact the log once this many applied entries follow the last snapshot
 *                                 (0: never)
 * @param preVote                  ask "would you vote for me?" before raising the term (dissertation 9.6)
 * @param checkQuorum              a leader steps down when it has not heard from a majority for an election
 *                                 timeout, and servers that recently heard from a leader refuse votes
 * @param fastBackup               followers report the conflicting term so a leader skips a whole term at a
 *                                 time (section 5.3, last paragraphs)
 * @param whatIfCommitOldTerms     WHAT-IF, breaks safety: commit entries of earlier terms by counting
 *                                 replicas, the anomaly of Figure 8
 * @param clientTimeoutMicros      how long a client waits for an answer before it retries elsewhere
 */
public record RaftConfig(long electionTimeoutMinMicros, long electionTimeoutMaxMicros, long heartbeatMicros,
                         int maxEntriesPerAppend, int snapshotThreshold, boolean preVote, boolean checkQuorum,
                         boolean fastBackup, boolean whatIfCommitOldTerms, long clientTimeoutMicros)
        implements Serializable {

    public RaftConfig {
        if (electionTimeoutMinMicros <= 0) {
            throw new IllegalArgumentException("the election timeout must be positive, not "
                    + electionTimeoutMinMicros + " µs");
        }
        if (electionTimeoutMaxMicros < electionTimeoutMinMicros) {
            throw new IllegalArgumentException("the election timeout range is backwards: "
                    + electionTimeoutMinMicros / 1000 + "-" + electionTimeoutMaxMicros / 1000 + " ms");
        }
        if (heartbeatMicros <= 0 || heartbeatMicros >= electionTimeoutMinMicros) {
            throw new IllegalArgumentException("the heartbeat interval must be positive and shorter than the "
                    + "election timeout (" + electionTimeoutMinMicros / 1000 + " ms), not " + heartbeatMicros / 1000
                    + " ms");
        }
        if (maxEntriesPerAppend < 1) {
            throw new IllegalArgumentException("at least one entry per AppendEntries, not " + maxEntriesPerAppend);
        }
        if (snapshotThreshold < 0) {
            throw new IllegalArgumentException("the snapshot threshold must not be negative");
        }
        if (clientTimeoutMicros <= 0) {
            throw new IllegalArgumentException("the client timeout must be positive");
        }
    }

    /**
     * The paper's figures: timeouts 150-300 ms, heartbeats every 50 ms, no optional extensions (no PreVote, no
     * CheckQuorum, back-up one entry at a time, no snapshots).
     */
    public static RaftConfig defaults() {
        return new RaftConfig(Micros.ofMillis(150), Micros.ofMillis(300), Micros.ofMillis(50), 64, 0, false, false,
                false, false, Micros.ofMillis(500));
    }

    public RaftConfig withElectionTimeout(long minMicros, long maxMicros) {
        return new RaftConfig(minMicros, maxMicros, heartbeatMicros, maxEntriesPerAppend, snapshotThreshold, preVote,
                checkQuorum, fastBackup, whatIfCommitOldTerms, clientTimeoutMicros);
    }

    public RaftConfig withHeartbeat(long micros) {
        return new RaftConfig(electionTimeoutMinMicros, electionTimeoutMaxMicros, micros, maxEntriesPerAppend,
                snapshotThreshold, preVote, checkQuorum, fastBackup, whatIfCommitOldTerms, clientTimeoutMicros);
    }

    public RaftConfig withSnapshotThreshold(int entries) {
        return new RaftConfig(electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatMicros,
                maxEntriesPerAppend, entries, preVote, checkQuorum, fastBackup, whatIfCommitOldTerms,
                clientTimeoutMicros);
    }

    public RaftConfig withPreVote(boolean on) {
        return new RaftConfig(electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatMicros,
                maxEntriesPerAppend, snapshotThreshold, on, checkQuorum, fastBackup, whatIfCommitOldTerms,
                clientTimeoutMicros);
    }

    public RaftConfig withCheckQuorum(boolean on) {
        return new RaftConfig(electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatMicros,
                maxEntriesPerAppend, snapshotThreshold, preVote, on, fastBackup, whatIfCommitOldTerms,
                clientTimeoutMicros);
    }

    public RaftConfig withFastBackup(boolean on) {
        return new RaftConfig(electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatMicros,
                maxEntriesPerAppend, snapshotThreshold, preVote, checkQuorum, on, whatIfCommitOldTerms,
                clientTimeoutMicros);
    }

    public RaftConfig withWhatIfCommitOldTerms(boolean on) {
        return new RaftConfig(electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatMicros,
                maxEntriesPerAppend, snapshotThreshold, preVote, checkQuorum, fastBackup, on, clientTimeoutMicros);
    }

    public RaftConfig withMaxEntriesPerAppend(int max) {
        return new RaftConfig(electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatMicros, max,
                snapshotThreshold, preVote, checkQuorum, fastBackup, whatIfCommitOldTerms, clientTimeoutMicros);
    }
}
