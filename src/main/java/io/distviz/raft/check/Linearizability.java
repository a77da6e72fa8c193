package io.distviz.raft.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a key-value store's client history for linearizability (Herlihy and Wing, "Linearizability: a
 * correctness condition for concurrent objects", TOPLAS 1990).
 *
 * <p>The store is a map of independent registers, so linearizability is local (Herlihy and Wing, section
 * 3.3, Theorem 1): the history is linearizable if and only if each key's sub-history is. We split by key and
 * check the keys one by one in key order, each with the search of Wing and Gong (1993) as improved by Lowe
 * ("Testing for linearizability", 2017): see {@link KeySearch}. Every key starts absent.
 *
 * <p>Operation A precedes operation B in real time when A's response comes strictly before B's invocation;
 * intervals that touch ({@code A.response == B.invoke}) count as overlapping, because at one virtual instant
 * the timestamps alone cannot say which happened first. This errs toward "linearizable", never the other way.
 *
 * <p>The check is deterministic: the same history and budget give the same result, steps and explanation.
 */
public final class Linearizability {
    /** A budget that decides histories of thousands of operations per key with a handful of clients. */
    public static final long DEFAULT_MAX_STEPS = 10_000_000L;

    private Linearizability() {
    }

    public static LinearizabilityResult check(KvHistory history) {
        return check(history, DEFAULT_MAX_STEPS);
    }

    /**
     * Decides whether {@code history} is linearizable, spending at most {@code maxSteps} search steps over all
     * keys (each step tries one operation, undoes one, or looks for a harmless read). Memory grows with the
     * configurations explored: at most one per step, in practice a few in a hundred (10 million steps on a
     * hard history: about 200 000 configurations).
     *
     * @throws IllegalArgumentException if {@code maxSteps} is negative
     */
    public static LinearizabilityResult check(KvHistory history, long maxSteps) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must not be negative: " + maxSteps);
        }
        Map<String, List<KvOperation>> byKey = new TreeMap<>();
        for (KvOperation op : history.operations()) {
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        long steps = 0;
        int checked = 0;
        for (Map.Entry<String, List<KvOperation>> e : byKey.entrySet()) {
            KeySearch.Outcome outcome = KeySearch.check(e.getKey(), e.getValue(), maxSteps - steps);
            steps += outcome.steps();
            switch (outcome.verdict()) {
                case LINEARIZABLE -> checked++;
                case NOT_LINEARIZABLE -> {
                    return new LinearizabilityResult(false, false, checked + 1, e.getKey(), outcome.explanation(),
                            steps);
                }
                case UNDECIDED -> {
                    return new LinearizabilityResult(false, true, checked, null, "undecided: the budget of "
                            + maxSteps + " steps ran out while checking key " + e.getKey() + " ("
                            + e.getValue().size() + " operations) after " + checked + " of " + byKey.size()
                            + " keys were found linearizable", steps);
                }
                default -> throw new IllegalStateException("unknown verdict " + outcome.verdict());
            }
        }
        return new LinearizabilityResult(true, false, checked, null, "linearizable: " + history.size()
                + " operations on " + checked + (checked == 1 ? " key" : " keys") + ", " + steps + " steps", steps);
    }
}
