package io.distviz.sim;

import java.io.Serializable;

/**
 * State kept outside the nodes that must travel in time with them: an engine facade's counters (the next
 * server's number), a checker's memory (the entries it has seen committed). The simulation saves it in each
 * checkpoint and gives it back on restore ({@link Simulation#addCheckpointPart}).
 */
public interface CheckpointPart {
    /** A copy of the state now; it is serialized at once, so it may share nothing that changes later. */
    Serializable saveState();

    /** Puts back a state returned by {@link #saveState()} (a fresh deserialized copy). */
    void restoreState(Serializable state);
}
