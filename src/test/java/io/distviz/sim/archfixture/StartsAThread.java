package io.distviz.sim.archfixture;

/** Breaks the rules on purpose: starts a thread. */
public final class StartsAThread {
    public void go(Runnable r) {
        new Thread(r).start();
    }
}
