package io.distviz.ui.raft;

import io.distviz.raft.RaftMessage;
import io.distviz.sim.Payload;

/**
 * What a message in flight is, as the page draws it: each kind has its own shape and colour, so an election
 * (diamonds out, circles back) and a heartbeat round (small squares out, triangles back) read apart by eye,
 * and never by colour alone.
 */
public enum MessageKind {
    REQUEST_VOTE("RequestVote", "a candidate asks for a vote (section 5.2)"),
    PRE_VOTE("PreVote", "\"would you vote for me?\", asked before raising the term"),
    VOTE_GRANTED("Vote granted", "the voter gives its one vote of this term"),
    VOTE_REFUSED("Vote refused", "already voted, or the candidate's log is behind"),
    HEARTBEAT("Heartbeat", "AppendEntries with no entries: \"I still lead\""),
    APPEND_ENTRIES("AppendEntries", "carries log entries (the number says how many)"),
    APPEND_OK("Append accepted", "the follower's log now matches up to an index"),
    APPEND_REJECTED("Append rejected", "logs differ before the entries, or a stale term"),
    INSTALL_SNAPSHOT("InstallSnapshot", "the leader sends its snapshot to a follower too far behind"),
    SNAPSHOT_REPLY("Snapshot reply", "the follower installed the snapshot"),
    TIMEOUT_NOW("TimeoutNow", "start an election at once (a forced timeout)"),
    CLIENT_REQUEST("Client request", "a client's put or get, sent to the server it believes leads"),
    CLIENT_OK("Client answer", "done: the entry is committed and applied"),
    CLIENT_REDIRECT("Redirect", "not the leader: try the server named (or \"?\" when unknown)");

    private final String label;
    private final String meaning;

    MessageKind(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** The kind of a Raft payload; null for a payload that is not Raft's (nothing is drawn for it). */
    public static MessageKind of(Payload payload) {
        if (payload instanceof RaftMessage.RequestVote v) {
            return v.preVote() ? PRE_VOTE : REQUEST_VOTE;
        }
        if (payload instanceof RaftMessage.RequestVoteReply r) {
            return r.voteGranted() ? VOTE_GRANTED : VOTE_REFUSED;
        }
        if (payload instanceof RaftMessage.AppendEntries a) {
            return a.entries().isEmpty() ? HEARTBEAT : APPEND_ENTRIES;
        }
        if (payload instanceof RaftMessage.AppendEntriesReply r) {
            return r.success() ? APPEND_OK : APPEND_REJECTED;
        }
        if (payload instanceof RaftMessage.InstallSnapshot) {
            return INSTALL_SNAPSHOT;
        }
        if (payload instanceof RaftMessage.InstallSnapshotReply) {
            return SNAPSHOT_REPLY;
        }
        if (payload instanceof RaftMessage.TimeoutNow) {
            return TIMEOUT_NOW;
        }
        if (payload instanceof RaftMessage.ClientRequest) {
            return CLIENT_REQUEST;
        }
        if (payload instanceof RaftMessage.ClientReply r) {
            return r.status() == RaftMessage.ClientReply.Status.OK ? CLIENT_OK : CLIENT_REDIRECT;
        }
        return null;
    }

    /** The few characters written on or beside the mark (entry count, command, leader hint), or "". */
    public static String caption(Payload payload) {
        if (payload instanceof RaftMessage.AppendEntries a && !a.entries().isEmpty()) {
            return Integer.toString(a.entries().size());
        }
        if (payload instanceof RaftMessage.ClientRequest r) {
            return r.command().kind().name().toLowerCase(java.util.Locale.ROOT) + " " + r.command().key();
        }
        if (payload instanceof RaftMessage.ClientReply r) {
            if (r.status() == RaftMessage.ClientReply.Status.OK) {
                return "ok";
            }
            return r.leaderHint() == null ? "→ ?" : "→ " + r.leaderHint().name();
        }
        return "";
    }
}
