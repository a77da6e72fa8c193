package io.distviz.raft.check;

import java.io.Serializable;

/**
 * What {@link Linearizability#check} found.
 *
 * <p>Exactly one of three things holds: the history is linearizable ({@code linearizable}); it is not
 * ({@code !linearizable && !undecided}, and {@code badKey} names the first key, in key order, whose
 * operations cannot be ordered); or the step budget ran out first ({@code undecided}, which is never
 * reported as linearizable).
 *
 * @param linearizable whether some order of the operations, consistent with real time, explains every output
 * @param undecided    the step budget ran out before an answer: the history may or may not be linearizable
 * @param keysChecked  keys whose sub-history was decided (the bad key included)
 * @param badKey       the first key whose sub-history is not linearizable, or null
 * @param explanation  one or two sentences for a person: for a failure, the operation that cannot be placed
 *                     and what the key could hold when it ran; otherwise a summary
 * @param steps        search steps used, over all keys
 */
public record LinearizabilityResult(boolean linearizable, boolean undecided, int keysChecked, String badKey,
                                    String explanation, long steps) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LinearizabilityResult {
        if (linearizable && (undecided || badKey != null)) {
            throw new IllegalArgumentException("a linearizable result has no bad key and is decided");
        }
        if (undecided && badKey != null) {
            throw new IllegalArgumentException("an undecided result has no bad key");
        }
    }

    /** Proved not linearizable. */
    public boolean violated() {
        return !linearizable && !undecided;
    }
}
