package io.distviz.clocks.logical;

import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;

/**
 * Where hybrid logical clocks get their physical time: what node {@code node}'s physical clock read at a given
 * moment of true time. It is told of every trace event before the event is stamped, in order, so an
 * implementation can follow clocks that change during the run (the Clocks engine's does, from the clock
 * functions its trace carries). A fresh instance is needed for each pass over a trace.
 */
public interface PhysicalTime {

    /** Called with every event of the trace, in order, before any of them is stamped. */
    default void observe(TraceEvent event) {
    }

    /** The node's physical clock at true time {@code trueMicros}, in nanoseconds. */
    long nanosAt(NodeId node, long trueMicros);

    /** Every node's clock is true time: the kernel's virtual time, in nanoseconds. */
    static PhysicalTime trueTime() {
        return (node, trueMicros) -> trueMicros * 1000L;
    }
}
