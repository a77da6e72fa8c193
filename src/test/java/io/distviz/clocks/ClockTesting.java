package io.distviz.clocks;

import io.distviz.sim.NodeId;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;

import java.util.ArrayList;
import java.util.List;

/** Helpers for the clock tests. */
final class ClockTesting {
    private ClockTesting() {
    }

    /** A protocol fact with the node and the true time it happened at. */
    record Fact<T>(long timeMicros, NodeId node, T detail) {
    }

    /** Every fact of {@code type} in the (retained) trace, in order. */
    static <T extends ClockEvent> List<Fact<T>> facts(Simulation sim, Class<T> type) {
        List<Fact<T>> out = new ArrayList<>();
        for (TraceEvent e : sim.trace().events()) {
            if (e instanceof TraceEvent.ProtocolEvent p && type.isInstance(p.detail())) {
                out.add(new Fact<>(e.timeMicros(), p.node(), type.cast(p.detail())));
            }
        }
        return out;
    }

    static <T extends ClockEvent> List<Fact<T>> facts(Simulation sim, Class<T> type, NodeId node) {
        List<Fact<T>> out = new ArrayList<>();
        for (Fact<T> f : facts(sim, type)) {
            if (f.node().equals(node)) {
                out.add(f);
            }
        }
        return out;
    }

    /** A clock with only an offset (ms) and a skew (ppm): no aging, no temperature, no read jitter. */
    static ClockFigures exact(double offsetMs, double skewPpm) {
        return ClockFigures.of(Math.round(offsetMs * 1e6), skewPpm);
    }
}
