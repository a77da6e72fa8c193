/**
 * The deterministic simulation kernel every protocol engine runs on.
 *
 * <p>Virtual time is a {@code long} count of microseconds. One {@link io.distviz.sim.Simulation} owns an
 * event queue ordered by (time, insertion sequence), the simulated {@link io.distviz.sim.Network}, the
 * nodes and the {@link io.distviz.sim.Trace}. Nodes are message-driven state machines with one entry point
 * ({@link io.distviz.sim.Node#step}); they see time only through the kernel's clock and timers, and
 * randomness only through their own {@link io.distviz.sim.SimRandom} stream forked from the seed by name.
 *
 * <p>Nothing in this package (or in any engine) imports JavaFX, reads the wall clock, uses unseeded
 * randomness or starts a thread: {@code ArchitectureTest} fails the build if one does.
 */
package io.distviz.sim;
