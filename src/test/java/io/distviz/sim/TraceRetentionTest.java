package io.distviz.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headless experiments can run without keeping the trace; listeners still see every event. */
class TraceRetentionTest {

    @Test
    void withoutRetentionListenersSeeTheSameEventsButNoneAreKept() {
        Simulation kept = PingNode.cluster(SimConfig.seeded(3), 4);
        kept.runFor(Micros.ofSeconds(5));

        Simulation unkept = new Simulation(SimConfig.seeded(3).withoutTraceRetention());
        List<TraceEvent> heard = new ArrayList<>();
        unkept.trace().addListener(new TraceListener() {
            public void onEvent(TraceEvent event) {
                heard.add(event);
            }

            public void onTruncated(int size) {
            }
        });
        List<NodeId> names = PingNode.names(4);
        for (NodeId n : names) {
            unkept.perform(new Actions.AddNode(n, PingNode.factory(names)));
        }
        unkept.runFor(Micros.ofSeconds(5));

        assertEquals(0, unkept.trace().size());
        assertTrue(heard.size() > 100);
        assertEquals(kept.trace().hash(), Trace.hashOf(heard), "the same run, event for event");
    }

    @Test
    void withoutListenersNothingIsBuiltAndTheRunIsTheSame() {
        Simulation a = PingNode.cluster(SimConfig.seeded(4), 3);
        Simulation b = PingNode.cluster(SimConfig.seeded(4).withoutTraceRetention(), 3);
        a.runFor(Micros.ofSeconds(5));
        b.runFor(Micros.ofSeconds(5));
        assertEquals(a.eventsProcessed(), b.eventsProcessed());
        assertEquals(a.snapshot().nodes(), b.snapshot().nodes());
        assertEquals(0, b.trace().size());
    }
}
