package io.distviz.sim.archfixture;

import io.distviz.sim.Payload;

/** Breaks the rules on purpose: a payload whose text is an identity hash. */
public final class PlainClassPayload implements Payload {
    public int term;

    /** A record, but its array prints as an identity hash. */
    public record ArrayPayload(long[] entries) implements Payload {
    }
}
