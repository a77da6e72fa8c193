package io.distviz.sim;

import java.io.Serializable;

/**
 * Something done to a simulation from outside: add or crash a node, cut a link, send a client request.
 * Every change a person makes goes through {@link Simulation#perform(UserAction)}, which logs it with its
 * virtual time, so that the seed, the configuration and the logged actions reproduce the run exactly.
 *
 * <p>An action must check that it can be applied before it changes anything, and must be immutable.
 */
public interface UserAction extends Serializable {

    /** Applies the action at the simulation's current time. Throws if it does not make sense now. */
    void apply(SimControl control);

    /** Canonical one-line description, such as {@code crash s2}; goes into the trace and its hash. */
    String describe();
}
