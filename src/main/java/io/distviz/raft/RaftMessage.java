package io.distviz.raft;

import io.distviz.sim.NodeId;
import io.distviz.sim.Payload;

import java.util.List;

/** The RPCs of Raft (Figure 2 of the paper, InstallSnapshot from Figure 13) and the client protocol. */
public sealed interface RaftMessage extends Payload {

    /** Every server message carries the sender's term (section 5.1: a higher term makes the receiver follow). */
    long term();

    /** RequestVote; with {@code preVote} it asks "would you vote for me in term {@code term}?" without a term change. */
    record RequestVote(long term, NodeId candidate, long lastLogIndex, long lastLogTerm, boolean preVote)
            implements RaftMessage {
        @Override
        public String kind() {
            return preVote ? "PreVote" : "RequestVote";
        }
    }

    record RequestVoteReply(long term, boolean voteGranted, boolean preVote) implements RaftMessage {
        @Override
        public String kind() {
            return preVote ? "PreVoteReply" : "RequestVoteReply";
        }
    }

    /** AppendEntries: no entries makes it a heartbeat. */
    record AppendEntries(long term, NodeId leader, long prevLogIndex, long prevLogTerm, List<LogEntry> entries,
                         long leaderCommit) implements RaftMessage {
        @Override
        public String kind() {
            return entries.isEmpty() ? "Heartbeat" : "AppendEntries";
        }
    }

    /**
     * The answer. On success {@code matchIndex} is the last index known to match the leader. On failure,
     * {@code conflictTerm} and {@code conflictIndex} help the leader back up (section 5.3): the term of the
     * follower's entry at prevLogIndex and the first index of that term, or (conflictTerm 0) the follower's
     * log length + 1.
     */
    record AppendEntriesReply(long term, boolean success, long matchIndex, long conflictIndex, long conflictTerm)
            implements RaftMessage {
    }

    /** The leader's snapshot for a follower too far behind (section 7), sent whole in one message. */
    record InstallSnapshot(long term, NodeId leader, long lastIncludedIndex, long lastIncludedTerm,
                           List<NodeId> configuration, KvStore state) implements RaftMessage {
    }

    record InstallSnapshotReply(long term, long lastIncludedIndex) implements RaftMessage {
    }

    /** Ask the receiver to start an election at once (leadership transfer, and the page's "force a timeout"). */
    record TimeoutNow(long term) implements RaftMessage {
    }

    // ------------------------------------------------------------------------------------- clients

    record ClientRequest(long clientId, long sequence, KvCommand command) implements RaftMessage {
        @Override
        public long term() {
            return 0;
        }
    }

    /** The answer to a client: the result, or a redirect to the leader this server believes in (may be null). */
    record ClientReply(long clientId, long sequence, Status status, KvResult result, NodeId leaderHint)
            implements RaftMessage {
        public enum Status { OK, NOT_LEADER }

        @Override
        public long term() {
            return 0;
        }
    }
}
