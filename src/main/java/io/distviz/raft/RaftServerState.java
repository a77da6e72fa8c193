package io.distviz.raft;

import io.distviz.sim.NodeId;

import java.util.List;
import java.util.SortedMap;

/**
 * An immutable picture of one server at one moment: what the Raft page draws and the safety checker reads.
 *
 * @param log                    the entries after the snapshot
 * @param electionDeadlineMicros when the election timer will expire if nothing resets it
 * @param matchIndex             (leader) the highest index known replicated on each peer
 * @param nextIndex              (leader) the next index to send each peer
 * @param learners               (leader) servers being caught up before their configuration entry is appended
 */
public record RaftServerState(NodeId id, RaftNode.Role role, long currentTerm, NodeId votedFor, NodeId leaderId,
                              List<LogEntry> log, long snapshotIndex, long snapshotTerm, long commitIndex,
                              long lastApplied, KvStore store, List<NodeId> configuration,
                              long electionDeadlineMicros, SortedMap<NodeId, Long> matchIndex,
                              SortedMap<NodeId, Long> nextIndex, List<NodeId> learners) {

    public long lastIndex() {
        return snapshotIndex + log.size();
    }

    /** The entry at {@code index}, or null if it is compacted into the snapshot or beyond the log. */
    public LogEntry entry(long index) {
        if (index <= snapshotIndex || index > lastIndex()) {
            return null;
        }
        return log.get((int) (index - snapshotIndex - 1));
    }
}
