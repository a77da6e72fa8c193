package io.distviz.ui.clocks;

import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.SoftwareClock;
import io.distviz.clocks.logical.PhysicalTime;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import java.util.TreeMap;

/**
 * Each node's own clock, followed through a clock network's trace, as the physical time of hybrid logical
 * clocks. The same rule as the engine's {@code ClockNetwork.physicalTime()}, but it can be copied at any point,
 * so the page can stamp only the recent end of a long trace: it keeps one copy that has seen everything before
 * the window and hands the stamper a fresh copy of it.
 */
final class ClockFunctions implements PhysicalTime {
    private final TreeMap<NodeId, SoftwareClock> clocks;

    ClockFunctions() {
        this(new TreeMap<>());
    }

    private ClockFunctions(TreeMap<NodeId, SoftwareClock> clocks) {
        this.clocks = clocks;
    }

    ClockFunctions copy() {
        return new ClockFunctions(new TreeMap<>(clocks));
    }

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
