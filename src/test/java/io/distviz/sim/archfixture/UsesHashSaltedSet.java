package io.distviz.sim.archfixture;

import java.util.Set;

/** Breaks the rules on purpose: iterates a set whose order changes with every JVM run. */
public final class UsesHashSaltedSet {
    public String first() {
        return Set.of("a", "b", "c").iterator().next();
    }
}
