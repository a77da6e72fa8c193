package io.distviz.raft;

import io.distviz.raft.RaftMessage.AppendEntries;
import io.distviz.raft.RaftMessage.AppendEntriesReply;
import io.distviz.raft.RaftMessage.ClientReply;
import io.distviz.raft.RaftMessage.ClientRequest;
import io.distviz.raft.RaftMessage.InstallSnapshot;
import io.distviz.raft.RaftMessage.InstallSnapshotReply;
import io.distviz.raft.RaftMessage.RequestVote;
import io.distviz.raft.RaftMessage.RequestVoteReply;
import io.distviz.sim.Input;
import io.distviz.sim.Message;
import io.distviz.sim.Node;
import io.distviz.sim.NodeId;
import io.distviz.sim.Timer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Raft server (Ongaro and Ousterhout 2014, Figure 2; membership changes and log compaction from
 * sections 6 and 7 and the dissertation). A message-driven state machine in the etcd shape: one entry point,
 * {@link #step}, and time only through two timers (the election timeout and, as leader, the heartbeat).
 *
 * <p>Durable state (currentTerm, votedFor, the log and the snapshot) survives a crash: it is what
 * {@link #durableState()} hands the kernel. Everything else is rebuilt on restart.
 */
public final class RaftNode extends Node {
    private static final long serialVersionUID = 1L;

    public enum Role { FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER }

    enum Tick { ELECTION, HEARTBEAT }

    /** What a server keeps on disk (Figure 2, "Persistent state on all servers", plus the snapshot). */
    record Durable(long currentTerm, NodeId votedFor, List<LogEntry> log, long snapshotIndex, long snapshotTerm,
                   KvStore snapshotState, List<NodeId> snapshotConfig) implements Serializable {
    }

    private final RaftConfig config;
    private final List<NodeId> initialConfig;

    // ------------------------------------------------------------------ persistent
    private long currentTerm;
    private NodeId votedFor;
    private final ArrayList<LogEntry> log = new ArrayList<>();
    /** The configuration entries of the log by index: an index over the log, rebuilt from it on restart. */
    private final TreeMap<Long, List<NodeId>> configEntries = new TreeMap<>();
    private long snapshotIndex;
    private long snapshotTerm;
    private KvStore snapshotState = new KvStore();
    private List<NodeId> snapshotConfig;

    // ------------------------------------------------------------------ volatile
    private Role role = Role.FOLLOWER;
    private NodeId leaderId;
    private long commitIndex;
    private long lastApplied;
    private KvMachine machine = KvMachine.from(new KvStore());
    private long electionDeadlineMicros;
    private Timer electionTimer;
    private Timer heartbeatTimer;
    private long lastLeaderContactMicros = Long.MIN_VALUE / 2;
    private final TreeSet<NodeId> votes = new TreeSet<>();
    private final TreeMap<NodeId, Long> nextIndex = new TreeMap<>();
    private final TreeMap<NodeId, Long> matchIndex = new TreeMap<>();
    private final TreeSet<NodeId> heardSinceQuorumCheck = new TreeSet<>();
    /**
     * Peers with an AppendEntries carrying entries still unanswered, and the last index it carried: the leader
     * sends them more only when that batch is answered, or again at the next heartbeat if the answer was lost
     * (one batch in flight per follower, like etcd's probe state), so a busy leader batches entries instead of
     * flooding. Answers to older batches do not count.
     */
    private final TreeMap<NodeId, Long> awaitingReply = new TreeMap<>();
    /** Servers being caught up before a configuration adds them (dissertation 4.2.1). */
    private final TreeSet<NodeId> learners = new TreeSet<>();
    /** Log index → the client waiting for that entry to be applied. */
    private final TreeMap<Long, PendingClient> pendingClients = new TreeMap<>();
    /**
     * (Leader) client id → the index of that client's latest entry in the log not yet applied (built from the
     * log on election, kept up to date after), so a retried request finds its entry without scanning the log.
     */
    private final TreeMap<Long, Long> unappliedByClient = new TreeMap<>();

    private record PendingClient(NodeId client, long clientId, long sequence) implements Serializable {
    }

    /**
     * @param initialConfig the servers of the cluster when it starts (empty for a server added later, which
     *                      learns its configuration from the leader's log)
     * @param durable       what the server had on disk, or null for a fresh server
     */
    public RaftNode(NodeId id, RaftConfig config, List<NodeId> initialConfig, Durable durable) {
        super(id);
        this.config = Objects.requireNonNull(config, "config");
        this.initialConfig = new ArrayList<>(initialConfig);
        if (durable != null) {
            currentTerm = durable.currentTerm();
            votedFor = durable.votedFor();
            for (LogEntry e : durable.log()) {
                appendToLog(e);
            }
            snapshotIndex = durable.snapshotIndex();
            snapshotTerm = durable.snapshotTerm();
            snapshotState = durable.snapshotState();
            snapshotConfig = durable.snapshotConfig();
            commitIndex = snapshotIndex;
            lastApplied = snapshotIndex;
            machine = KvMachine.from(snapshotState);
        }
    }

    @Override
    protected Serializable durableState() {
        return new Durable(currentTerm, votedFor, new ArrayList<>(log), snapshotIndex, snapshotTerm, snapshotState,
                snapshotConfig == null ? null : new ArrayList<>(snapshotConfig));
    }

    // =========================================================================================== entry point

    @Override
    protected void step(Input input) {
        if (input instanceof Input.Receive r) {
            receive(r.message());
        } else if (input instanceof Input.TimerFired t) {
            if (t.timer().tag() == Tick.ELECTION) {
                electionTimerFired(t.timer());
            } else if (t.timer().tag() == Tick.HEARTBEAT) {
                heartbeatTimer = null;
                if (role == Role.LEADER) {
                    for (NodeId peer : replicationTargets()) {
                        sendAppend(peer, true);
                    }
                    heartbeatTimer = setTimer(config.heartbeatMicros(), Tick.HEARTBEAT);
                }
            }
        } else if (input instanceof Input.Command c) {
            command((RaftCommand) c.command());
        } else if (input instanceof Input.Start s) {
            recordState("role", role);
            recordState("term", currentTerm);
            resetElectionTimer();
        }
    }

    private void command(RaftCommand c) {
        if (c instanceof RaftCommand.ForceTimeout) {
            if (isVoter(id()) && role != Role.LEADER) {
                startElection(false);
            }
        } else if (c instanceof RaftCommand.AddServer a) {
            if (canChangeMembership() && !configuration().contains(a.server())) {
                learners.add(a.server());
                nextIndex.put(a.server(), lastIndex() + 1);
                matchIndex.put(a.server(), 0L);
                sendAppend(a.server());
            }
        } else if (c instanceof RaftCommand.RemoveServer r) {
            if (canChangeMembership() && configuration().contains(r.server())) {
                List<NodeId> next = new ArrayList<>(configuration());
                next.remove(r.server());
                if (!next.isEmpty()) {
                    appendAsLeader(new Operation.Config(next));
                }
            }
        }
    }

    /**
     * One change at a time, and only after the leader has committed an entry of its own term (the fix to the
     * single-server change bug, dissertation 4.1 and the 2015 raft-dev erratum).
     */
    private boolean canChangeMembership() {
        if (role != Role.LEADER || !learners.isEmpty()) {
            return false;
        }
        if (termAt(commitIndex) != currentTerm) {
            return false;
        }
        for (long i = commitIndex + 1; i <= lastIndex(); i++) {
            if (entry(i).operation() instanceof Operation.Config) {
                return false;
            }
        }
        return true;
    }

    private void receive(Message m) {
        RaftMessage msg = (RaftMessage) m.payload();
        if (msg instanceof ClientRequest req) {
            clientRequest(m.from(), req);
            return;
        }
        if (msg instanceof ClientReply) {
            return;
        }
        boolean grantedPreVote = msg instanceof RequestVoteReply r && r.preVote() && r.voteGranted();
        if (msg.term() > currentTerm && !grantedPreVote) {
            if (msg instanceof RequestVote rv && rv.preVote()) {
                // A pre-vote does not change anyone's term.
            } else if (msg instanceof RequestVote && config.checkQuorum() && inLeaderLease()) {
                // Dissertation 4.2.3: a server that has heard from a leader recently ignores the vote request.
                return;
            } else {
                NodeId leader = msg instanceof AppendEntries ae ? ae.leader()
                        : msg instanceof InstallSnapshot is ? is.leader() : null;
                becomeFollower(msg.term(), leader, "saw term " + msg.term());
            }
        }
        if (msg instanceof RequestVote rv) {
            requestVote(m.from(), rv);
        } else if (msg instanceof RequestVoteReply r) {
            requestVoteReply(m.from(), r);
        } else if (msg instanceof AppendEntries ae) {
            appendEntries(m.from(), ae);
        } else if (msg instanceof AppendEntriesReply r) {
            appendEntriesReply(m.from(), r);
        } else if (msg instanceof InstallSnapshot is) {
            installSnapshot(m.from(), is);
        } else if (msg instanceof InstallSnapshotReply r) {
            if (role == Role.LEADER && r.term() == currentTerm) {
                heard(m.from());
                Long upTo = awaitingReply.get(m.from());
                if (upTo == null || r.lastIncludedIndex() >= upTo) {
                    awaitingReply.remove(m.from());
                }
                long match = Math.max(matchIndex.getOrDefault(m.from(), 0L), r.lastIncludedIndex());
                matchIndex.put(m.from(), match);
                nextIndex.put(m.from(), match + 1);
                sendAppend(m.from());
            }
        } else if (msg instanceof RaftMessage.TimeoutNow t) {
            if (t.term() == currentTerm && isVoter(id()) && role != Role.LEADER) {
                startElection(false);
            }
        }
    }

    // =========================================================================================== elections

    private void electionTimerFired(Timer t) {
        electionTimer = null;
        long now = nowMicros();
        if (now < electionDeadlineMicros) {
            // The deadline moved on (a heartbeat arrived): sleep until the new one.
            electionTimer = setTimer(electionDeadlineMicros - now, Tick.ELECTION);
            return;
        }
        if (role == Role.LEADER) {
            if (config.checkQuorum()) {
                heardSinceQuorumCheck.add(id());
                int heard = 0;
                for (NodeId s : configuration()) {
                    if (heardSinceQuorumCheck.contains(s)) {
                        heard++;
                    }
                }
                heardSinceQuorumCheck.clear();
                if (!isMajority(heard)) {
                    becomeFollower(currentTerm, null, "check quorum: no majority heard from");
                    return;
                }
            }
            resetElectionTimer();
            return;
        }
        if (!isVoter(id())) {
            resetElectionTimer(); // not in the configuration: never campaign
            return;
        }
        startElection(config.preVote());
    }

    private void startElection(boolean preVote) {
        votes.clear();
        votes.add(id());
        leaderId = null;
        if (preVote) {
            setRole(Role.PRE_CANDIDATE);
        } else {
            currentTerm++;
            votedFor = id();
            recordState("term", currentTerm);
            recordState("votedFor", votedFor);
            setRole(Role.CANDIDATE);
        }
        emit(new RaftEvent.ElectionStarted(preVote ? currentTerm + 1 : currentTerm, preVote));
        resetElectionTimer();
        long term = preVote ? currentTerm + 1 : currentTerm;
        for (NodeId peer : configuration()) {
            if (!peer.equals(id())) {
                send(peer, new RequestVote(term, id(), lastIndex(), lastTerm(), preVote));
            }
        }
        countVotes();
    }

    private void countVotes() {
        int granted = 0;
        for (NodeId s : configuration()) {
            if (votes.contains(s)) {
                granted++;
            }
        }
        if (!isMajority(granted)) {
            return;
        }
        if (role == Role.PRE_CANDIDATE) {
            startElection(false);
        } else if (role == Role.CANDIDATE) {
            becomeLeader();
        }
    }

    private void requestVote(NodeId from, RequestVote rv) {
        boolean upToDate = rv.lastLogTerm() > lastTerm()
                || (rv.lastLogTerm() == lastTerm() && rv.lastLogIndex() >= lastIndex());
        if (rv.preVote()) {
            // Grant if the candidate could win: its proposed term is ahead, its log is current, and we have not
            // heard from a leader within the minimum election timeout.
            boolean grant = rv.term() > currentTerm && upToDate
                    && (leaderId == null || !inLeaderLease() || role != Role.FOLLOWER);
            send(from, new RequestVoteReply(grant ? rv.term() : currentTerm, grant, true));
            return;
        }
        boolean grant = rv.term() == currentTerm && upToDate
                && (votedFor == null || votedFor.equals(rv.candidate()));
        if (grant) {
            votedFor = rv.candidate();
            recordState("votedFor", votedFor);
            emit(new RaftEvent.VoteGranted(currentTerm, rv.candidate()));
            resetElectionTimer();
        }
        send(from, new RequestVoteReply(currentTerm, grant, false));
    }

    private void requestVoteReply(NodeId from, RequestVoteReply r) {
        if (!r.voteGranted()) {
            return;
        }
        if (r.preVote() && role == Role.PRE_CANDIDATE && r.term() == currentTerm + 1) {
            votes.add(from);
            countVotes();
        } else if (!r.preVote() && role == Role.CANDIDATE && r.term() == currentTerm) {
            votes.add(from);
            countVotes();
        }
    }

    private void becomeLeader() {
        setRole(Role.LEADER);
        leaderId = id();
        nextIndex.clear();
        matchIndex.clear();
        learners.clear();
        awaitingReply.clear();
        heardSinceQuorumCheck.clear();
        for (NodeId peer : configuration()) {
            if (!peer.equals(id())) {
                nextIndex.put(peer, lastIndex() + 1);
                matchIndex.put(peer, 0L);
            }
        }
        unappliedByClient.clear();
        for (long i = Math.max(lastApplied, snapshotIndex) + 1; i <= lastIndex(); i++) {
            if (entry(i).operation() instanceof Operation.Kv kv) {
                unappliedByClient.put(kv.clientId(), i);
            }
        }
        emit(new RaftEvent.BecameLeader(currentTerm, configuration()));
        // Section 8: a no-op of the new term lets the leader learn what is committed and commit it.
        appendAsLeader(new Operation.NoOp());
        cancelTimer(heartbeatTimer);
        heartbeatTimer = setTimer(config.heartbeatMicros(), Tick.HEARTBEAT);
        resetElectionTimer();
    }

    private void becomeFollower(long term, NodeId leader, String reason) {
        if (term > currentTerm) {
            currentTerm = term;
            votedFor = null;
            recordState("term", currentTerm);
            recordState("votedFor", null);
        }
        if (role == Role.LEADER) {
            emit(new RaftEvent.SteppedDown(currentTerm, reason));
            cancelTimer(heartbeatTimer);
            heartbeatTimer = null;
            // Clients waiting on this leader will time out and retry; redirect those we can.
            for (PendingClient p : pendingClients.values()) {
                send(p.client(), new ClientReply(p.clientId(), p.sequence(), ClientReply.Status.NOT_LEADER, null,
                        leader));
            }
            pendingClients.clear();
            unappliedByClient.clear();
            learners.clear();
        }
        if (role != Role.FOLLOWER) {
            setRole(Role.FOLLOWER);
        }
        if (!Objects.equals(leaderId, leader)) {
            leaderId = leader;
            recordState("leader", leader);
        }
        resetElectionTimer();
    }

    private void setRole(Role r) {
        role = r;
        recordState("role", r);
    }

    private void resetElectionTimer() {
        long min = config.electionTimeoutMinMicros();
        long span = config.electionTimeoutMaxMicros() - min;
        long timeout = min + (span == 0 ? 0 : random().nextLong(span + 1));
        electionDeadlineMicros = nowMicros() + timeout;
        if (electionTimer == null || electionTimer.fireAtMicros() > electionDeadlineMicros) {
            cancelTimer(electionTimer);
            electionTimer = setTimer(timeout, Tick.ELECTION);
        }
    }

    private boolean inLeaderLease() {
        return nowMicros() - lastLeaderContactMicros < config.electionTimeoutMinMicros();
    }

    // =========================================================================================== replication

    private void appendEntries(NodeId from, AppendEntries ae) {
        if (ae.term() < currentTerm) {
            send(from, new AppendEntriesReply(currentTerm, false, 0, 0, 0));
            return;
        }
        if (role != Role.FOLLOWER) {
            becomeFollower(ae.term(), ae.leader(), "heard from leader " + ae.leader());
        }
        if (!ae.leader().equals(leaderId)) {
            leaderId = ae.leader();
            recordState("leader", leaderId);
        }
        lastLeaderContactMicros = nowMicros();
        resetElectionTimer();

        long prev = ae.prevLogIndex();
        List<LogEntry> entries = ae.entries();
        if (prev < snapshotIndex) {
            // The start is inside our snapshot, so it is committed and matches: skip what the snapshot covers.
            int skip = (int) Math.min(entries.size(), snapshotIndex - prev);
            entries = entries.subList(skip, entries.size());
            prev = snapshotIndex;
        } else if (prev > lastIndex()) {
            send(from, new AppendEntriesReply(currentTerm, false, 0, lastIndex() + 1, 0));
            return;
        } else if (termAt(prev) != ae.prevLogTerm()) {
            long conflictTerm = termAt(prev);
            long first = prev;
            while (first - 1 > snapshotIndex && termAt(first - 1) == conflictTerm) {
                first--;
            }
            send(from, new AppendEntriesReply(currentTerm, false, 0, first, conflictTerm));
            return;
        }
        for (LogEntry e : entries) {
            if (e.index() <= lastIndex()) {
                if (termAt(e.index()) == e.term()) {
                    continue;
                }
                truncateFrom(e.index());
            }
            appendToLog(e);
            emit(new RaftEvent.Appended(e));
            if (e.operation() instanceof Operation.Config c) {
                emit(new RaftEvent.ConfigurationChanged(c.servers(), e.index()));
            }
        }
        long lastNew = prev + entries.size();
        if (ae.leaderCommit() > commitIndex) {
            setCommitIndex(Math.min(ae.leaderCommit(), lastNew));
        }
        send(from, new AppendEntriesReply(currentTerm, true, lastNew, 0, 0));
    }

    private void truncateFrom(long index) {
        int from = (int) (index - snapshotIndex - 1);
        List<LogEntry> removed = new ArrayList<>(log.subList(from, log.size()));
        log.subList(from, log.size()).clear();
        configEntries.tailMap(index, true).clear();
        emit(new RaftEvent.Truncated(index, removed));
    }

    private void appendEntriesReply(NodeId from, AppendEntriesReply r) {
        if (role != Role.LEADER || r.term() != currentTerm) {
            return;
        }
        heard(from);
        Long inFlightUpTo = awaitingReply.get(from);
        boolean batchAnswered = inFlightUpTo == null || !r.success() || r.matchIndex() >= inFlightUpTo;
        if (batchAnswered) {
            awaitingReply.remove(from);
        }
        if (r.success()) {
            long match = Math.max(matchIndex.getOrDefault(from, 0L), r.matchIndex());
            matchIndex.put(from, match);
            if (!batchAnswered) {
                advanceCommitIndex(); // an older batch's answer: count it, but wait for the latest
                return;
            }
            nextIndex.put(from, match + 1);
            if (learners.contains(from) && match >= commitIndex) {
                // Caught up: now the configuration may include it.
                learners.remove(from);
                List<NodeId> next = new ArrayList<>(configuration());
                next.add(from);
                Collections.sort(next);
                appendAsLeader(new Operation.Config(next));
            }
            advanceCommitIndex();
            if (match < lastIndex()) {
                sendAppend(from);
            }
            return;
        }
        long next;
        if (config.fastBackup()) {
            next = r.conflictIndex();
            if (r.conflictTerm() > 0) {
                long lastOfTerm = -1;
                for (long i = lastIndex(); i > snapshotIndex; i--) {
                    long t = termAt(i);
                    if (t == r.conflictTerm()) {
                        lastOfTerm = i;
                        break;
                    }
                    if (t < r.conflictTerm()) {
                        break;
                    }
                }
                if (lastOfTerm > 0) {
                    next = lastOfTerm + 1;
                }
            }
        } else {
            next = nextIndex.getOrDefault(from, lastIndex() + 1) - 1;
        }
        next = Math.max(1, Math.min(next, lastIndex() + 1));
        nextIndex.put(from, Math.max(next, matchIndex.getOrDefault(from, 0L) + 1));
        sendAppend(from);
    }

    private void heard(NodeId from) {
        heardSinceQuorumCheck.add(from);
    }

    private void broadcastAppend() {
        for (NodeId peer : replicationTargets()) {
            sendAppend(peer, false);
        }
    }

    private List<NodeId> replicationTargets() {
        TreeSet<NodeId> targets = new TreeSet<>(configuration());
        targets.addAll(learners);
        targets.remove(id());
        return new ArrayList<>(targets);
    }

    private void sendAppend(NodeId peer) {
        sendAppend(peer, false);
    }

    /**
     * Sends {@code peer} what it lacks from nextIndex on (at most maxEntriesPerAppend), or a heartbeat. Unless
     * {@code force}d (the heartbeat), a peer that has not answered the previous batch gets nothing new yet.
     */
    private void sendAppend(NodeId peer, boolean force) {
        long next = nextIndex.getOrDefault(peer, lastIndex() + 1);
        if (!force && awaitingReply.containsKey(peer) && next <= lastIndex()) {
            return;
        }
        if (next <= snapshotIndex) {
            awaitingReply.put(peer, snapshotIndex);
            send(peer, new InstallSnapshot(currentTerm, id(), snapshotIndex, snapshotTerm,
                    new ArrayList<>(configAt(snapshotIndex)), snapshotState));
            return;
        }
        long prev = next - 1;
        long last = Math.min(lastIndex(), prev + config.maxEntriesPerAppend());
        List<LogEntry> entries = new ArrayList<>();
        for (long i = next; i <= last; i++) {
            entries.add(entry(i));
        }
        if (!entries.isEmpty()) {
            awaitingReply.put(peer, last);
        }
        send(peer, new AppendEntries(currentTerm, id(), prev, termAt(prev), entries, commitIndex));
    }

    private void appendAsLeader(Operation op) {
        LogEntry e = new LogEntry(lastIndex() + 1, currentTerm, op);
        appendToLog(e);
        emit(new RaftEvent.Appended(e));
        if (op instanceof Operation.Config c) {
            emit(new RaftEvent.ConfigurationChanged(c.servers(), e.index()));
        }
        broadcastAppend();
        advanceCommitIndex();
    }

    /**
     * Figure 2, rules for leaders: commit N when a majority has it and log[N].term == currentTerm. Counting
     * replicas of an older entry is not enough (section 5.4.2, Figure 8) unless the what-if switch is on.
     */
    private void advanceCommitIndex() {
        List<NodeId> voters = configuration();
        long[] matches = new long[voters.size()];
        for (int i = 0; i < matches.length; i++) {
            NodeId s = voters.get(i);
            matches[i] = s.equals(id()) ? lastIndex() : matchIndex.getOrDefault(s, 0L);
        }
        java.util.Arrays.sort(matches);
        // The highest index a majority holds: with n voters, the (n/2 + 1)-th largest match.
        long n = matches.length == 0 ? 0 : matches[matches.length - (matches.length / 2 + 1)];
        if (config.whatIfCommitOldTerms()) {
            // Count replicas of any entry, old terms included: the rule Figure 8 shows to be unsafe.
            if (n > commitIndex) {
                setCommitIndex(n);
            }
            return;
        }
        // Entries before it have older or equal terms, so if it is not of the current term none can commit.
        if (n > commitIndex && termAt(n) == currentTerm) {
            setCommitIndex(n);
        }
    }

    private void setCommitIndex(long index) {
        if (index <= commitIndex) {
            return;
        }
        for (long i = commitIndex + 1; i <= index; i++) {
            emit(new RaftEvent.Committed(i, termAt(i)));
        }
        commitIndex = index;
        recordState("commitIndex", commitIndex);
        applyCommitted();
    }

    private void applyCommitted() {
        while (lastApplied < commitIndex) {
            lastApplied++;
            LogEntry e = entry(lastApplied);
            KvResult result = null;
            if (e.operation() instanceof Operation.Kv kv) {
                result = machine.apply(kv);
            }
            emit(new RaftEvent.Applied(e, result));
            PendingClient p = pendingClients.remove(lastApplied);
            if (e.operation() instanceof Operation.Kv kv) {
                unappliedByClient.remove(kv.clientId(), lastApplied);
            }
            if (p != null && role == Role.LEADER) {
                send(p.client(), new ClientReply(p.clientId(), p.sequence(), ClientReply.Status.OK, result, id()));
            }
            if (role == Role.LEADER && e.operation() instanceof Operation.Config c && !c.servers().contains(id())) {
                becomeFollower(currentTerm, null, "removed from the configuration");
            }
        }
        recordState("lastApplied", lastApplied);
        maybeSnapshot();
    }

    // =========================================================================================== snapshots

    private void maybeSnapshot() {
        if (config.snapshotThreshold() <= 0 || lastApplied - snapshotIndex < config.snapshotThreshold()) {
            return;
        }
        long index = lastApplied;
        long term = termAt(index);
        List<NodeId> cfg = configAt(index);
        int drop = (int) (index - snapshotIndex);
        log.subList(0, drop).clear();
        configEntries.headMap(index, true).clear();
        snapshotIndex = index;
        snapshotTerm = term;
        snapshotState = machine.toStore();
        snapshotConfig = new ArrayList<>(cfg);
        emit(new RaftEvent.SnapshotTaken(index, term));
    }

    private void installSnapshot(NodeId from, InstallSnapshot is) {
        if (is.term() < currentTerm) {
            send(from, new InstallSnapshotReply(currentTerm, 0));
            return;
        }
        if (role != Role.FOLLOWER) {
            becomeFollower(is.term(), is.leader(), "heard from leader " + is.leader());
        }
        leaderId = is.leader();
        lastLeaderContactMicros = nowMicros();
        resetElectionTimer();
        if (is.lastIncludedIndex() > commitIndex) {
            // Figure 13: keep the entries after the snapshot if our log agrees at its last entry; else drop all.
            if (is.lastIncludedIndex() <= lastIndex() && termAt(is.lastIncludedIndex()) == is.lastIncludedTerm()) {
                log.subList(0, (int) (is.lastIncludedIndex() - snapshotIndex)).clear();
                configEntries.headMap(is.lastIncludedIndex(), true).clear();
            } else {
                log.clear();
                configEntries.clear();
            }
            snapshotIndex = is.lastIncludedIndex();
            snapshotTerm = is.lastIncludedTerm();
            snapshotState = is.state();
            snapshotConfig = new ArrayList<>(is.configuration());
            machine = KvMachine.from(is.state());
            commitIndex = snapshotIndex;
            lastApplied = snapshotIndex;
            recordState("commitIndex", commitIndex);
            recordState("lastApplied", lastApplied);
            emit(new RaftEvent.SnapshotInstalled(snapshotIndex, snapshotTerm, from));
        }
        send(from, new InstallSnapshotReply(currentTerm, is.lastIncludedIndex()));
    }

    // =========================================================================================== clients

    private void clientRequest(NodeId client, ClientRequest req) {
        if (role != Role.LEADER) {
            send(client, new ClientReply(req.clientId(), req.sequence(), ClientReply.Status.NOT_LEADER, null,
                    leaderId));
            return;
        }
        KvStore.Session s = machine.session(req.clientId());
        if (s != null && req.sequence() <= s.sequence()) {
            send(client, new ClientReply(req.clientId(), req.sequence(), ClientReply.Status.OK,
                    req.sequence() == s.sequence() ? s.result() : KvResult.staleRetry(), id()));
            return;
        }
        Long index = unappliedByClient.get(req.clientId());
        if (index != null && index > lastApplied && index <= lastIndex()
                && entry(index).operation() instanceof Operation.Kv kv && kv.sequence() == req.sequence()) {
            pendingClients.put(index, new PendingClient(client, req.clientId(), req.sequence()));
            return; // already in the log: answer when it is applied
        }
        unappliedByClient.put(req.clientId(), lastIndex() + 1);
        pendingClients.put(lastIndex() + 1, new PendingClient(client, req.clientId(), req.sequence()));
        appendAsLeader(new Operation.Kv(req.clientId(), req.sequence(), req.command()));
    }

    // =========================================================================================== the log

    long lastIndex() {
        return snapshotIndex + log.size();
    }

    private long lastTerm() {
        return log.isEmpty() ? snapshotTerm : log.get(log.size() - 1).term();
    }

    /** The term of the entry at {@code index}; 0 before the log; -1 if compacted away (unknown). */
    private long termAt(long index) {
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        if (index < snapshotIndex || index > lastIndex()) {
            return index == 0 ? 0 : -1;
        }
        return log.get((int) (index - snapshotIndex - 1)).term();
    }

    private LogEntry entry(long index) {
        return log.get((int) (index - snapshotIndex - 1));
    }

    /** The configuration in force: the latest one in the log, committed or not (dissertation 4.1). */
    List<NodeId> configuration() {
        return configAt(lastIndex());
    }

    private List<NodeId> configAt(long index) {
        var e = configEntries.floorEntry(Math.min(index, lastIndex()));
        if (e != null) {
            return e.getValue();
        }
        return snapshotConfig != null ? snapshotConfig : initialConfig;
    }

    private void appendToLog(LogEntry e) {
        log.add(e);
        if (e.operation() instanceof Operation.Config c) {
            configEntries.put(e.index(), c.servers());
        }
    }

    private boolean isVoter(NodeId s) {
        return configuration().contains(s);
    }

    private boolean isMajority(int count) {
        return isMajority(count, configuration().size());
    }

    private static boolean isMajority(int count, int of) {
        return of > 0 && count * 2 > of;
    }

    // =========================================================================================== views

    /** An immutable picture of this server for views, the safety checker and tests. */
    public RaftServerState state() {
        return new RaftServerState(id(), role, currentTerm, votedFor, leaderId,
                Collections.unmodifiableList(new ArrayList<>(log)), snapshotIndex, snapshotTerm, commitIndex,
                lastApplied, machine.toStore(), Collections.unmodifiableList(new ArrayList<>(configuration())),
                electionDeadlineMicros, Collections.unmodifiableSortedMap(new TreeMap<>(matchIndex)),
                Collections.unmodifiableSortedMap(new TreeMap<>(nextIndex)), List.copyOf(learners));
    }
}
