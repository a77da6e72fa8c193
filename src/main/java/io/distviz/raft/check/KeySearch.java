package io.distviz.raft.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The linearizability search for one key's operations: Wing and Gong's backtracking search ("Testing and
 * verifying concurrent objects", JPDC 1993) with Lowe's memo of configurations already explored ("Testing for
 * linearizability", Concurrency and Computation 2017, section 4), in the form Porcupine (Athalye) uses.
 *
 * <p>The calls and returns of completed operations sit in one doubly linked list ordered by time (calls first
 * at equal times). Walking it from the front, every call met before the first return belongs to an operation
 * that may be linearized next: it was invoked before the earliest response among the operations not yet
 * linearized. Linearizing an operation applies it to the register and lifts its call and return out of the
 * list (dancing links, so backtracking restores it). Meeting a return means its operation must come before
 * anything else, so once the pending operations invoked by then have been tried too, the search backtracks.
 * Pending operations have their calls in a second list; each may be placed anywhere after its invocation or
 * left out, and the search succeeds once every completed operation is placed.
 *
 * <p>A configuration is (completed operations placed, pending operations placed, the register's value). The
 * memo prunes a configuration that an explored one <em>subsumes</em>: same completed set and value, a subset
 * of its pending operations (a pending operation may always be left out, so the smaller set can do
 * everything the larger can). Subsumption is a simulation of the moves below, so pruning by it is as sound as
 * Lowe's exact-match memo, and without pending operations it is exactly that memo.
 *
 * <p>Four rules cut the moves tried without losing any linearization that matters; each comes with the reason
 * it loses nothing. Pending operations make the search exponential without them.
 * <ol>
 * <li><b>Harmless reads first.</b> A completed get or failed cas that may come next and accepts the current
 *     value changes nothing, so it can be moved to the front of any linearization from here: it is the only
 *     move tried ({@link #harmlessRead}).
 * <li><b>Pending operations only before a reader.</b> A pending operation followed by a put, a delete or
 *     nothing can be dropped, since nobody sees what it wrote. So one is placed only if some get or cas that
 *     may come next accepts the value it leaves, and the configuration after it is restricted to readers (an
 *     unrestricted configuration subsumes a restricted one).
 * <li><b>Twins.</b> Pending operations with the same effect (a put of the same value, any delete, a cas with
 *     the same expected and new value) are interchangeable, and the one invoked first may come wherever a later
 *     one may: among twins not yet placed only the first is tried.
 * <li><b>Unread values.</b> A value that a pending operation writes and that no get observes and no cas
 *     expects can only ever fail a cas, like any other such value: one state stands for them all.
 * </ol>
 * Pending operations are tried after the completed ones, so the smaller pending sets are explored first and
 * the larger ones are the ones pruned.
 *
 * <p>Iteration order never depends on hashing: the lists are ordered by (time, call before return, position
 * in the history), and the hash maps are only asked "seen before?".
 */
final class KeySearch {
    enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, UNDECIDED }

    record Outcome(Verdict verdict, long steps, String explanation) {
    }

    /** The register's value id meaning "absent"; other ids index {@link #valueNames}. */
    private static final int ABSENT = 0;
    private static final int END = -1;
    // What the search loop does next.
    private static final int ARRIVE = 0;     // at a new configuration: look for a harmless read
    private static final int COMPLETED = 1;  // try the next completed call in the main list
    private static final int PENDING = 2;    // try the next pending call
    private static final int BACKTRACK = 3;  // undo the last placement

    private final String key;
    private final List<KvOperation> ops; // in invocation order, ties by position in the history
    private final int n;
    private final KvOperation.Kind[] kind;
    private final int[] writes;    // value id a put or cas writes
    private final int[] expects;   // value id a cas expects, or a get observed
    private final boolean[] casSucceeded;
    private final boolean[] completed;
    private final int[] bit;       // op i's index among the completed operations, or among the pending ones
    private final int[] completedOp; // the op of each completed index
    private final int completedCount;
    private final int pendingCount;
    private final List<String> valueNames = new ArrayList<>();
    private final Map<String, Integer> valueIds = new HashMap<>(); // lookups only
    private final int unread;          // the value id standing for every unread value of a pending write
    private final int[] earlierTwin;   // the last pending op invoked before op i with the same effect, or END
    private final String impossible;   // why the history fails before any search, or null

    // Entries: i < n is the call of op i, n + c the return of the completed op with index c. Two lists share
    // next/prev: from mainHead the calls and returns of completed operations in time order, from pendingHead
    // the calls of pending operations in invocation order.
    private final int mainHead;
    private final int pendingHead;
    private final int[] next;
    private final int[] prev;

    private KeySearch(String key, List<KvOperation> keyOps) {
        this.key = key;
        List<KvOperation> sorted = new ArrayList<>();
        for (KvOperation op : keyOps) {
            // A get that never answered changes nothing and observed nothing: it can always be left out.
            if (!(op.pending() && op.kind() == KvOperation.Kind.GET)) {
                sorted.add(op);
            }
        }
        sorted.sort(Comparator.comparingLong(KvOperation::invokeMicros)); // stable: history order breaks ties
        this.ops = sorted;
        this.n = sorted.size();
        kind = new KvOperation.Kind[n];
        writes = new int[n];
        expects = new int[n];
        casSucceeded = new boolean[n];
        completed = new boolean[n];
        bit = new int[n];
        valueNames.add(null);
        int completedSeen = 0;
        int pendingSeen = 0;
        for (int i = 0; i < n; i++) {
            KvOperation op = sorted.get(i);
            kind[i] = op.kind();
            completed[i] = op.completed();
            bit[i] = completed[i] ? completedSeen++ : pendingSeen++;
            switch (op.kind()) {
                case PUT -> writes[i] = idOf(op.value());
                case DELETE -> writes[i] = ABSENT;
                case GET -> expects[i] = idOf((String) op.output());
                case CAS -> {
                    writes[i] = idOf(op.value());
                    expects[i] = idOf(op.expected());
                    casSucceeded[i] = op.completed() && (Boolean) op.output();
                }
                default -> throw new IllegalStateException("unknown kind " + op.kind());
            }
        }
        completedCount = completedSeen;
        pendingCount = pendingSeen;
        impossible = impossibleValue();
        // Rule 4: values that only pending operations write and nobody reads are one state. (Values written by
        // completed operations keep their names, which the explanation of a failure shows.)
        BitSet read = new BitSet();
        for (int i = 0; i < n; i++) {
            if ((kind[i] == KvOperation.Kind.GET && completed[i]) || kind[i] == KvOperation.Kind.CAS) {
                read.set(expects[i]);
            }
        }
        unread = valueNames.size();
        valueNames.add("a value no client read, from a request that got no answer");
        for (int i = 0; i < n; i++) {
            boolean writer = kind[i] == KvOperation.Kind.PUT || kind[i] == KvOperation.Kind.CAS;
            if (writer && !completed[i] && !read.get(writes[i])) {
                writes[i] = unread;
            }
        }
        // Rule 3: twins, pending operations with the same effect.
        earlierTwin = new int[n];
        Map<Long, Integer> lastOfEffect = new HashMap<>(); // lookups only
        for (int i = 0; i < n; i++) {
            earlierTwin[i] = END;
            if (!completed[i]) {
                long condition = kind[i] == KvOperation.Kind.CAS ? expects[i] + 1L : 0L;
                Integer twin = lastOfEffect.put((condition << 32) | writes[i], i);
                earlierTwin[i] = twin == null ? END : twin;
            }
        }
        completedOp = new int[completedCount];
        for (int i = 0; i < n; i++) {
            if (completed[i]) {
                completedOp[bit[i]] = i;
            }
        }
        mainHead = n + completedCount;
        pendingHead = mainHead + 1;
        next = new int[pendingHead + 1];
        prev = new int[pendingHead + 1];

        List<Integer> main = new ArrayList<>();
        int lastPending = pendingHead;
        next[pendingHead] = END;
        for (int i = 0; i < n; i++) {
            if (completed[i]) {
                main.add(i);
                main.add(n + bit[i]);
            } else {
                next[lastPending] = i;
                prev[i] = lastPending;
                next[i] = END;
                lastPending = i;
            }
        }
        // Time, then calls before returns (touching intervals overlap), then invocation order.
        main.sort(Comparator.<Integer>comparingLong(this::timeOf)
                .thenComparingInt(e -> e < n ? 0 : 1)
                .thenComparingInt(this::opOf));
        int before = mainHead;
        for (int e : main) {
            next[before] = e;
            prev[e] = before;
            before = e;
        }
        next[before] = END;
    }

    private int opOf(int entry) {
        return entry < n ? entry : completedOp[entry - n];
    }

    private long timeOf(int entry) {
        return entry < n ? ops.get(entry).invokeMicros() : ops.get(completedOp[entry - n]).responseMicros();
    }

    private int idOf(String value) {
        if (value == null) {
            return ABSENT;
        }
        Integer id = valueIds.get(value);
        if (id == null) {
            id = valueNames.size();
            valueIds.put(value, id);
            valueNames.add(value);
        }
        return id;
    }

    /** Checks one key's operations (in any order) within {@code maxSteps}. */
    static Outcome check(String key, List<KvOperation> keyOps, long maxSteps) {
        KeySearch search = new KeySearch(key, keyOps);
        if (search.impossible != null) {
            return new Outcome(Verdict.NOT_LINEARIZABLE, 0, search.impossible);
        }
        return search.search(maxSteps);
    }

    /**
     * A quick sound test before the search: a get that read, or a successful cas that found, a value no
     * operation on this key ever wrote cannot be ordered anywhere.
     */
    private String impossibleValue() {
        BitSet written = new BitSet();
        written.set(ABSENT); // every key starts absent
        for (int i = 0; i < n; i++) {
            boolean mayWrite = kind[i] == KvOperation.Kind.PUT
                    || (kind[i] == KvOperation.Kind.CAS && (casSucceeded[i] || !completed[i]));
            if (mayWrite) {
                written.set(writes[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            boolean reads = kind[i] == KvOperation.Kind.GET || (kind[i] == KvOperation.Kind.CAS && casSucceeded[i]);
            if (completed[i] && reads && !written.get(expects[i])) {
                return ops.get(i).describe() + ", but no operation ever wrote " + valueNames.get(expects[i])
                        + " to " + key;
            }
        }
        return null;
    }

    /** The register after op {@code i} runs on {@code state}, or -1 if op i could not have seen {@code state}. */
    private int apply(int i, int state) {
        return switch (kind[i]) {
            case PUT, DELETE -> writes[i];
            case GET -> state == expects[i] ? state : -1;
            case CAS -> {
                if (!completed[i]) {
                    // Unknown outcome: a cas that failed changed nothing, which is the same as leaving it out.
                    yield state == expects[i] ? writes[i] : -1;
                }
                if (casSucceeded[i]) {
                    yield state == expects[i] ? writes[i] : -1;
                }
                yield state != expects[i] ? state : -1;
            }
        };
    }

    /** Takes op i's call (and return, if any) out of its list. */
    private void lift(int i) {
        unlink(i);
        if (completed[i]) {
            unlink(n + bit[i]);
        }
    }

    private void unlift(int i) {
        if (completed[i]) {
            relink(n + bit[i]);
        }
        relink(i);
    }

    private void unlink(int e) {
        next[prev[e]] = next[e];
        if (next[e] != END) {
            prev[next[e]] = prev[e];
        }
    }

    /** Dancing links (Knuth): undoing unlinks in reverse order restores a list exactly. */
    private void relink(int e) {
        next[prev[e]] = e;
        if (next[e] != END) {
            prev[next[e]] = e;
        }
    }

    private boolean hasUnplacedEarlierTwin(int i, long[] placedPending) {
        for (int t = earlierTwin[i]; t != END; t = earlierTwin[t]) {
            if ((placedPending[bit[t] >>> 6] & (1L << bit[t])) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The first return in the main list: the operation that must be placed before anything invoked later. */
    private int firstReturn() {
        int e = next[mainHead];
        while (e != END && e < n) {
            e = next[e];
        }
        return e;
    }

    /** Whether op i reads the register (so a pending write placed just before it can matter). */
    private boolean reads(int i) {
        return kind[i] == KvOperation.Kind.GET || kind[i] == KvOperation.Kind.CAS;
    }

    /**
     * Whether some operation that may come next reads the register and accepts {@code value}: a completed get
     * or cas in the main list before its first return, or another pending cas invoked by {@code barrierMicros}.
     */
    private boolean someReaderAccepts(int value, int except, long barrierMicros) {
        for (int e = next[mainHead]; e != END && e < n; e = next[e]) {
            if (reads(e) && apply(e, value) >= 0) {
                return true;
            }
        }
        for (int q = next[pendingHead]; q != END && ops.get(q).invokeMicros() <= barrierMicros; q = next[q]) {
            if (q != except && kind[q] == KvOperation.Kind.CAS && expects[q] == value) {
                return true;
            }
        }
        return false;
    }

    /** The search; a step is one move tried or undone, or one look for a harmless read. */
    private Outcome search(long maxSteps) {
        long[] placedCompleted = new long[(completedCount + 63) / 64];
        long[] placedPending = new long[(pendingCount + 63) / 64];
        Memo memo = new Memo(pendingCount > 0);
        int[] stackOp = new int[n];
        int[] stackState = new int[n];
        boolean[] stackRestricted = new boolean[n];
        boolean[] stackForced = new boolean[n];
        int depth = 0;
        int state = ABSENT;
        boolean restricted = false;
        int unplaced = completedCount;
        // For the explanation: the operation that blocked the deepest configuration, and for every operation
        // that blocked any configuration, the values the register held there.
        int deepest = -1;
        int blocker = -1;
        BitSet[] blockedAt = new BitSet[n];

        long steps = 0;
        int mode = ARRIVE;
        int e = END;               // cursor in the main list while trying completed operations
        int p = END;               // cursor in the pending list while trying pending operations
        long barrierMicros = 0;    // pending operations invoked up to then are candidates
        while (true) {
            if (unplaced == 0) {
                return new Outcome(Verdict.LINEARIZABLE, steps, null);
            }
            if (steps >= maxSteps) {
                return new Outcome(Verdict.UNDECIDED, steps, null);
            }
            steps++;
            int candidate;
            boolean forced = false;
            if (mode == ARRIVE) {
                e = next[mainHead];
                candidate = harmlessRead(state);
                if (candidate == END) {
                    mode = COMPLETED;
                    continue;
                }
                forced = true;
            } else if (mode == COMPLETED) {
                if (e >= n) {
                    // A return: every candidate completed op was tried here; now the pending ones.
                    int blocked = opOf(e);
                    if (depth > deepest) {
                        deepest = depth;
                        blocker = blocked;
                    }
                    if (blockedAt[blocked] == null) {
                        blockedAt[blocked] = new BitSet();
                    }
                    blockedAt[blocked].set(state);
                    barrierMicros = ops.get(blocked).responseMicros();
                    p = next[pendingHead];
                    mode = PENDING;
                    continue;
                }
                candidate = e; // a call: the main list cannot end before the return of an unplaced operation
                e = next[e];
            } else if (mode == PENDING) {
                if (p == END || ops.get(p).invokeMicros() > barrierMicros) {
                    mode = BACKTRACK;
                    continue;
                }
                candidate = p;
                p = next[p];
                if (hasUnplacedEarlierTwin(candidate, placedPending)) {
                    continue; // rule 3
                }
            } else {
                if (depth == 0) {
                    return new Outcome(Verdict.NOT_LINEARIZABLE, steps, explain(blocker, blockedAt));
                }
                depth--;
                int undone = stackOp[depth];
                state = stackState[depth];
                restricted = stackRestricted[depth];
                long[] placed = completed[undone] ? placedCompleted : placedPending;
                placed[bit[undone] >>> 6] &= ~(1L << bit[undone]);
                unlift(undone);
                if (completed[undone]) {
                    unplaced++;
                }
                if (stackForced[depth]) {
                    mode = BACKTRACK; // rule 1: it was the only move tried there
                } else if (completed[undone]) {
                    mode = COMPLETED;
                    e = next[undone];
                } else {
                    mode = PENDING;
                    p = next[undone];
                    barrierMicros = ops.get(opOf(firstReturn())).responseMicros();
                }
                continue;
            }

            // Try to linearize the candidate next.
            if (restricted && !reads(candidate)) { // rule 2
                continue;
            }
            int after = apply(candidate, state);
            if (after < 0) {
                continue;
            }
            boolean pending = !completed[candidate];
            if (pending && !someReaderAccepts(after, candidate, barrierMicros)) {
                continue; // rule 2: nobody could see what it wrote
            }
            long[] placed = pending ? placedPending : placedCompleted;
            placed[bit[candidate] >>> 6] |= 1L << bit[candidate];
            if (!memo.firstVisit(placedCompleted, placedPending, after, pending)) {
                placed[bit[candidate] >>> 6] &= ~(1L << bit[candidate]);
                if (forced) {
                    mode = BACKTRACK;
                }
                continue;
            }
            stackOp[depth] = candidate;
            stackState[depth] = state;
            stackRestricted[depth] = restricted;
            stackForced[depth] = forced;
            depth++;
            state = after;
            restricted = pending;
            lift(candidate);
            if (!pending) {
                unplaced--;
            }
            mode = ARRIVE;
        }
    }

    /**
     * Rule 1: a completed get or failed cas that may come next and accepts {@code state}, or END. In any
     * linearization from here it can be moved to the front: it changes nothing, and no operation that must
     * precede it in real time is still unplaced (else it would not be a candidate).
     */
    private int harmlessRead(int state) {
        for (int c = next[mainHead]; c != END && c < n; c = next[c]) {
            boolean harmless = kind[c] == KvOperation.Kind.GET
                    || (kind[c] == KvOperation.Kind.CAS && !casSucceeded[c]);
            if (harmless && apply(c, state) >= 0) {
                return c;
            }
        }
        return END;
    }

    private String explain(int blocker, BitSet[] blockedAt) {
        if (blocker < 0) {
            return "the operations on " + key + " cannot be ordered";
        }
        KvOperation b = ops.get(blocker);
        String needs = switch (b.kind()) {
            case GET -> b.output() == null ? key + " absent" : key + " = " + b.output();
            case CAS -> Boolean.TRUE.equals(b.output())
                    ? (b.expected() == null ? key + " absent" : key + " = " + b.expected())
                    : (b.expected() == null ? key + " present" : key + " differ from " + b.expected());
            default -> key + " accept it"; // unreachable: puts and deletes always apply
        };
        StringBuilder s = new StringBuilder(b.describe())
                .append(", but no order of the earlier and overlapping operations makes ").append(needs)
                .append(" then");
        TreeSet<String> values = new TreeSet<>();
        BitSet states = blockedAt[blocker];
        for (int v = states.nextSetBit(0); v >= 0; v = states.nextSetBit(v + 1)) {
            if (v != ABSENT && v != unread) {
                values.add(valueNames.get(v));
            }
        }
        List<String> could = new ArrayList<>(values);
        if (states.get(ABSENT)) {
            could.add("absent");
        }
        if (states.get(unread)) {
            could.add(valueNames.get(unread));
        }
        s.append("; ").append(key).append(" could only be ").append(joinOr(could));
        List<KvOperation> overlapping = new ArrayList<>();
        for (KvOperation o : ops) {
            if (o != b && o.invokeMicros() <= b.responseMicros() && o.responseMicros() >= b.invokeMicros()) {
                overlapping.add(o);
            }
        }
        if (!overlapping.isEmpty()) {
            s.append(". Overlapping: ");
            int shown = Math.min(4, overlapping.size());
            for (int i = 0; i < shown; i++) {
                s.append(i == 0 ? "" : "; ").append(overlapping.get(i).describe());
            }
            if (overlapping.size() > shown) {
                s.append("; and ").append(overlapping.size() - shown).append(" more");
            }
        }
        return s.toString();
    }

    private static String joinOr(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /**
     * Configurations explored. Without pending operations, exact matches of (completed set, value). With them,
     * per (completed set, value) two antichains of the pending sets explored, for unrestricted and for
     * restricted configurations: a configuration is subsumed by an explored one with a subset of its pending
     * set that is unrestricted, or restricted like itself.
     */
    private static final class Memo {
        private final Set<Configuration> exact = new HashSet<>();
        private final Map<Configuration, Antichains> minimalPendingSets; // lookups only

        Memo(boolean withPending) {
            minimalPendingSets = withPending ? new HashMap<>() : null;
        }

        private static final class Antichains {
            final List<long[]> free = new ArrayList<>(1);   // insertion order
            final List<long[]> restricted = new ArrayList<>(0);
        }

        /** Records the configuration and says whether it is new (not subsumed by one explored before). */
        boolean firstVisit(long[] placedCompleted, long[] placedPending, int state, boolean restricted) {
            Configuration c = Configuration.of(placedCompleted, state);
            if (minimalPendingSets == null) {
                return exact.add(c);
            }
            Antichains known = minimalPendingSets.computeIfAbsent(c, k -> new Antichains());
            if (anySubset(known.free, placedPending) || (restricted && anySubset(known.restricted, placedPending))) {
                return false;
            }
            known.restricted.removeIf(explored -> subset(placedPending, explored));
            if (restricted) {
                known.restricted.add(placedPending.clone());
            } else {
                known.free.removeIf(explored -> subset(placedPending, explored));
                known.free.add(placedPending.clone());
            }
            return true;
        }

        private static boolean anySubset(List<long[]> sets, long[] of) {
            for (long[] set : sets) {
                if (subset(set, of)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean subset(long[] a, long[] b) {
            for (int w = 0; w < a.length; w++) {
                if ((a[w] & ~b[w]) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A set of linearized completed operations and the register's value. Since operations are numbered in
     * invocation order, the set is nearly a prefix: it is stored as the count of leading all-ones words and the
     * words from there to the last non-zero one, which keeps the memo small on long histories.
     */
    private record Configuration(int fullWords, long[] rest, int state, int hash) {
        static Configuration of(long[] bits, int state) {
            int full = 0;
            while (full < bits.length && bits[full] == -1L) {
                full++;
            }
            int last = bits.length - 1;
            while (last >= full && bits[last] == 0L) {
                last--;
            }
            long[] rest = Arrays.copyOfRange(bits, full, last + 1);
            int hash = 31 * (31 * full + Arrays.hashCode(rest)) + state;
            return new Configuration(full, rest, state, hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Configuration c && c.hash == hash && c.fullWords == fullWords && c.state == state
                    && Arrays.equals(c.rest, rest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
