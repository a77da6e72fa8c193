package io.distviz.raft;

import io.distviz.sim.NodeId;
import io.distviz.sim.Payload;

import java.util.List;

/**
 * Structured facts a Raft server or client reports to the trace (role, term, vote and index changes go to
 * the trace as state changes too). Views animate these; the safety checker and tests read them.
 */
public sealed interface RaftEvent extends Payload {

    record ElectionStarted(long term, boolean preVote) implements RaftEvent {
    }

    record VoteGranted(long term, NodeId candidate) implements RaftEvent {
    }

    record BecameLeader(long term, List<NodeId> configuration) implements RaftEvent {
    }

    record SteppedDown(long term, String reason) implements RaftEvent {
    }

    record Appended(LogEntry entry) implements RaftEvent {
    }

    /** A follower cut its log from {@code fromIndex} on because it conflicted with the leader's. */
    record Truncated(long fromIndex, List<LogEntry> removed) implements RaftEvent {
    }

    record Committed(long index, long term) implements RaftEvent {
    }

    record Applied(LogEntry entry, KvResult result) implements RaftEvent {
    }

    record SnapshotTaken(long lastIncludedIndex, long lastIncludedTerm) implements RaftEvent {
    }

    record SnapshotInstalled(long lastIncludedIndex, long lastIncludedTerm, NodeId from) implements RaftEvent {
    }

    record ConfigurationChanged(List<NodeId> servers, long index) implements RaftEvent {
    }

    // ------------------------------------------------------------------------------------- clients

    /** A client sent a request (the first attempt); the start of its interval in the history. */
    record ClientInvoked(long clientId, long sequence, KvCommand command) implements RaftEvent {
    }

    /** A client got its answer; the end of its interval. */
    record ClientCompleted(long clientId, long sequence, KvCommand command, KvResult result, NodeId server,
                           int attempts) implements RaftEvent {
    }

    /** A client was redirected or timed out and tries {@code next}. */
    record ClientRetry(long clientId, long sequence, NodeId next, String reason) implements RaftEvent {
    }
}
