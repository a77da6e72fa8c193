package io.distviz.chord;

import java.io.Serializable;

/** What the user (through {@link ChordRing}) asks one node to do; delivered as a kernel command. */
public sealed interface ChordCommand extends Serializable {

    /**
     * Find the successor of {@code target} (the id of {@code key} when the key is given). With
     * {@code successorsOnly} the lookup walks the ring by successor pointers even where fingers would jump,
     * so that a student can compare O(N) with O(log N) hops on the same ring and key.
     */
    record Lookup(long opId, String key, long target, boolean successorsOnly) implements ChordCommand {
    }

    record Store(long opId, String key, String value) implements ChordCommand {
    }

    record Fetch(long opId, String key) implements ChordCommand {
    }

    /** Leave the ring gracefully, handing keys to the successor. */
    record Leave() implements ChordCommand {
    }
}
