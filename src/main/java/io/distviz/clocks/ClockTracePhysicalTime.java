package io.distviz.clocks;

import io.distviz.clocks.logical.PhysicalTime;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;

import java.util.TreeMap;

/**
 * Physical time read from a clock network's own trace: every change of a node's clock function is in the
 * trace ({@link ClockEvent.ClockSet} at the start and on changes by hand, {@link ClockEvent.ClockAdjusted} on
 * each correction), so following them gives each node's clock (without read jitter) at every event exactly.
 * A node whose clock the trace has not shown yet reads true time.
 */
final class ClockTracePhysicalTime implements PhysicalTime {
    private final TreeMap<NodeId, SoftwareClock> clocks = new TreeMap<>();

    @Override
    public void observe(TraceEvent event) {
        if (event instanceof TraceEvent.ProtocolEvent p) {
            if (p.detail() instanceof ClockEvent.ClockSet s) {
                clocks.put(p.node(), s.clock());
            } else if (p.detail() instanceof ClockEvent.ClockAdjusted a) {
                clocks.put(p.node(), a.clockAfter());
            }
        }
    }

    @Override
    public long nanosAt(NodeId node, long trueMicros) {
        SoftwareClock c = clocks.get(node);
        return c == null ? trueMicros * 1000L : Math.round(c.readingNanos(trueMicros));
    }
}
