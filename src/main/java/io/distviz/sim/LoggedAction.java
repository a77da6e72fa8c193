package io.distviz.sim;

import java.io.Serializable;

/**
 * A user action as the simulation logged it: the virtual time it happened at and how many events had
 * been processed before it, which together place it exactly between two events on replay.
 */
public record LoggedAction(long timeMicros, long eventsBefore, UserAction action) implements Serializable {
}
