package io.distviz.raft;

import io.distviz.sim.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The safety checker: after any event it compares the running servers' states with each other and with what
 * it has seen before, for the five properties of Figure 3 of the paper. It keeps a memory (leaders per term,
 * entries seen committed, each leader's log) because some properties span time and crashed servers.
 *
 * <p>A global view, for tests, the page's alarm and experiments; the protocol never consults it.
 */
public final class RaftSafety {

    public enum Property {
        ELECTION_SAFETY("Election Safety: at most one leader per term"),
        LEADER_APPEND_ONLY("Leader Append-Only: a leader never overwrites or deletes its entries"),
        LOG_MATCHING("Log Matching: logs that agree on an entry's index and term agree on all before it"),
        LEADER_COMPLETENESS("Leader Completeness: a committed entry is in the log of every later leader"),
        STATE_MACHINE_SAFETY("State Machine Safety: no two servers apply different entries at one index");

        private final String text;

        Property(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public record Violation(Property property, String detail) implements java.io.Serializable {
        @Override
        public String toString() {
            return property.text() + " — broken: " + detail;
        }
    }

    private record Committed(LogEntry entry, long observedInTerm) implements java.io.Serializable {
    }

    private record Saved(TreeMap<Long, NodeId> leaderOfTerm, TreeMap<Long, Committed> committed,
                         TreeMap<String, List<LogEntry>> leaderLogs, List<Violation> violations,
                         TreeMap<String, Long> recordedUpTo, TreeMap<String, Long> completeUpTo,
                         TreeMap<String, Long> matchedUpTo)
            implements java.io.Serializable {
    }

    /** What the checker remembers (leaders per term, committed entries, leaders' logs, violations): checkpoints keep it. */
    public java.io.Serializable saveState() {
        TreeMap<String, List<LogEntry>> logs = new TreeMap<>();
        leaderLogs.forEach((k, v) -> logs.put(k, new ArrayList<>(v)));
        return new Saved(new TreeMap<>(leaderOfTerm), new TreeMap<>(committed), logs, new ArrayList<>(violations),
                new TreeMap<>(recordedUpTo), new TreeMap<>(completeUpTo), new TreeMap<>(matchedUpTo));
    }

    /** Puts back a state from {@link #saveState()}. */
    public void restoreState(java.io.Serializable state) {
        Saved s = (Saved) state;
        leaderOfTerm.clear();
        leaderOfTerm.putAll(s.leaderOfTerm());
        committed.clear();
        committed.putAll(s.committed());
        leaderLogs.clear();
        leaderLogs.putAll(s.leaderLogs());
        violations.clear();
        violations.addAll(s.violations());
        recordedUpTo.clear();
        recordedUpTo.putAll(s.recordedUpTo());
        completeUpTo.clear();
        completeUpTo.putAll(s.completeUpTo());
        matchedUpTo.clear();
        matchedUpTo.putAll(s.matchedUpTo());
    }

    private final RaftCluster cluster;
    private final TreeMap<Long, NodeId> leaderOfTerm = new TreeMap<>();
    private final TreeMap<Long, Committed> committed = new TreeMap<>();
    private final TreeMap<String, List<LogEntry>> leaderLogs = new TreeMap<>();
    private final List<Violation> violations = new ArrayList<>();
    /*
     * What earlier checks already verified, so a check costs what changed since rather than the whole log
     * (a 10-minute session under client load holds thousands of entries, and the check runs after every
     * event). Each is trusted only while a sentinel still holds: the entry at that index is unchanged, so a
     * log cut back and rewritten is checked again from its start.
     */
    /** Per server: its committed entries up to here were compared with what was seen committed. */
    private final TreeMap<String, Long> recordedUpTo = new TreeMap<>();
    /** Per leader and term: every committed entry up to this index was found in its log. */
    private final TreeMap<String, Long> completeUpTo = new TreeMap<>();
    /** Per pair of servers: their logs agree up to this index, which both hold, equal. */
    private final TreeMap<String, Long> matchedUpTo = new TreeMap<>();

    public RaftSafety(RaftCluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** Every violation seen so far (each reported once), oldest first. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    /** Checks the current states; returns the violations found by this check only. */
    public List<Violation> check() {
        List<Violation> found = new ArrayList<>();
        List<RaftServerState> states = cluster.states();
        for (RaftServerState s : states) {
            if (s.role() == RaftNode.Role.LEADER) {
                NodeId known = leaderOfTerm.putIfAbsent(s.currentTerm(), s.id());
                if (known != null && !known.equals(s.id())) {
                    found.add(new Violation(Property.ELECTION_SAFETY, known + " and " + s.id()
                            + " both led term " + s.currentTerm()));
                }
                checkAppendOnly(s, found);
            }
        }
        // Append-only is a promise about a term: the logs of leaders whose term is over need not be kept (nor
        // saved in every checkpoint).
        java.util.Set<String> leading = new java.util.HashSet<>();
        for (RaftServerState s : states) {
            if (s.role() == RaftNode.Role.LEADER) {
                leading.add(s.id() + "@" + s.currentTerm());
            }
        }
        leaderLogs.keySet().retainAll(leading);
        completeUpTo.keySet().retainAll(leading);
        recordCommitted(states, found);
        for (RaftServerState s : states) {
            if (s.role() == RaftNode.Role.LEADER && !committed.isEmpty()) {
                // A leader's log only grows within its term (Leader Append-Only, checked above), so entries
                // found once stay found: look only at those committed since.
                String key = s.id() + "@" + s.currentTerm();
                long from = Math.max(completeUpTo.getOrDefault(key, 0L), s.snapshotIndex()) + 1;
                boolean complete = true;
                for (Committed c : committed.tailMap(from, true).values()) {
                    if (c.observedInTerm() < s.currentTerm()) {
                        LogEntry mine = s.entry(c.entry().index());
                        if (!c.entry().equals(mine)) {
                            found.add(new Violation(Property.LEADER_COMPLETENESS, "leader " + s.id() + " of term "
                                    + s.currentTerm() + " has " + (mine == null ? "nothing" : mine) + " at index "
                                    + c.entry().index() + ", but " + c.entry() + " was committed"));
                            complete = false;
                            break;
                        }
                    }
                }
                if (complete) {
                    completeUpTo.put(key, committed.lastKey());
                }
            }
        }
        for (int i = 0; i < states.size(); i++) {
            for (int j = i + 1; j < states.size(); j++) {
                checkLogMatching(states.get(i), states.get(j), found, matchedUpTo);
            }
        }
        for (Violation v : found) {
            if (!violations.contains(v)) {
                violations.add(v);
            }
        }
        return found;
    }

    private void checkAppendOnly(RaftServerState s, List<Violation> found) {
        String key = s.id() + "@" + s.currentTerm();
        List<LogEntry> before = leaderLogs.get(key);
        if (before != null) {
            for (LogEntry e : before) {
                if (e.index() > s.snapshotIndex() && !e.equals(s.entry(e.index()))) {
                    found.add(new Violation(Property.LEADER_APPEND_ONLY, "leader " + s.id() + " of term "
                            + s.currentTerm() + " replaced " + e + " with " + s.entry(e.index())));
                    break;
                }
            }
        }
        leaderLogs.put(key, s.log());
    }

    private void recordCommitted(List<RaftServerState> states, List<Violation> found) {
        for (RaftServerState s : states) {
            long start = Math.max(s.snapshotIndex() + 1, 1);
            String key = s.id().name();
            Long done = recordedUpTo.get(key);
            if (done != null && done >= start && done <= s.commitIndex() && committed.containsKey(done)
                    && committed.get(done).entry().equals(s.entry(done))) {
                start = done + 1;
            }
            recordedUpTo.put(key, s.commitIndex());
            for (long i = start; i <= s.commitIndex(); i++) {
                LogEntry e = s.entry(i);
                if (e == null) {
                    continue;
                }
                Committed c = committed.get(i);
                if (c == null) {
                    committed.put(i, new Committed(e, s.currentTerm()));
                } else if (!c.entry().equals(e)) {
                    Property p = i <= s.lastApplied() ? Property.STATE_MACHINE_SAFETY : Property.LEADER_COMPLETENESS;
                    found.add(new Violation(p, s.id() + " has " + e + " committed at index " + i + ", but "
                            + c.entry() + " was committed there before"));
                }
            }
        }
    }

    private static void checkLogMatching(RaftServerState a, RaftServerState b, List<Violation> found,
                                         TreeMap<String, Long> matchedUpTo) {
        long from = Math.max(a.snapshotIndex(), b.snapshotIndex()) + 1;
        long to = Math.min(a.lastIndex(), b.lastIndex());
        String pair = a.id() + "|" + b.id();
        Long agreed = matchedUpTo.remove(pair);
        // Checked before and still equal there: below it the logs were verified to agree.
        boolean trusted = agreed != null && agreed >= from && agreed <= to && a.entry(agreed) != null
                && a.entry(agreed).equals(b.entry(agreed));
        long stop = trusted ? agreed : from;
        long highestMatch = trusted ? agreed : -1;
        boolean matched = false;
        for (long i = to; i >= stop; i--) {
            LogEntry x = a.entry(i);
            LogEntry y = b.entry(i);
            if (matched) {
                if (!x.equals(y)) {
                    found.add(new Violation(Property.LOG_MATCHING, a.id() + " and " + b.id()
                            + " agree on a later entry but differ at index " + i + ": " + x + " / " + y));
                    return;
                }
            } else if (x.term() == y.term()) {
                matched = true;
                highestMatch = Math.max(highestMatch, i);
                if (!x.equals(y)) {
                    found.add(new Violation(Property.LOG_MATCHING, a.id() + " and " + b.id()
                            + " hold different entries with the same index and term: " + x + " / " + y));
                    return;
                }
            }
        }
        if (highestMatch >= from) {
            matchedUpTo.put(pair, highestMatch);
        }
    }
}
