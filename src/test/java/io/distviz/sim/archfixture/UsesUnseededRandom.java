package io.distviz.sim.archfixture;

/** Breaks the rules on purpose: unseeded randomness. */
public final class UsesUnseededRandom {
    public double roll() {
        return Math.random();
    }
}
