package io.distviz.chord;

import java.io.Serializable;

/** What the user (through {@link ChordRing}) asks one node to do; delivered as a kernel command. */
public sealed interface ChordCommand extends Serializable {

    /** Find the successor of {@code target} (the id of {@code key} when the key is given). */
    record Lookup(long opId, String key, long target) implements ChordCommand {
    }

    record Store(long opId, String key, String value) implements ChordCommand {
    }

    record Fetch(long opId, String key) implements ChordCommand {
    }

    /** Leave the ring gracefully, handing keys to the successor. */
    record Leave() implements ChordCommand {
    }
}
