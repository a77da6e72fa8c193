package io.distviz.clocks.logical;

import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;

/**
 * The logical times of one event of a trace.
 *
 * @param traceIndex   the event's position in the trace
 * @param lamport      its Lamport clock
 * @param vector       its vector clock
 * @param hlc          its hybrid logical clock
 * @param physicalNanos the physical time the hybrid clock saw at the event
 */
public record LogicalStamp(int traceIndex, TraceEvent event, NodeId node, long lamport, VectorClock vector,
                           HybridTimestamp hlc, long physicalNanos) {
}
