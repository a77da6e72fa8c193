package io.distviz.sim.archfixture;

/** Breaks the rules on purpose: reads the wall clock. */
public final class ReadsTheWallClock {
    public long now() {
        return System.currentTimeMillis() + java.time.Instant.now().getNano();
    }
}
