package io.distviz.chord;

import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import io.distviz.sim.TraceEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ChordSmokeTest {
    @Test
    void joinsConverge() {
        ChordRing ring = new ChordRing(ChordConfig.defaults().withBits(16), SimConfig.seeded(1));
        for (int i = 0; i < 12; i++) {
            ring.join(ChordRing.address(i));
            ring.simulation().runFor(Micros.ofMillis(300));
        }
        ring.simulation().runFor(Micros.ofSeconds(60));
        RingCheck c = ring.check();
        System.out.println(c);
        long op = ring.lookup(ChordRing.address(3), "apple");
        ring.simulation().runFor(Micros.ofSeconds(2));
        ring.simulation().trace().events().stream().filter(e -> e instanceof TraceEvent.ProtocolEvent p
                && p.detail() instanceof ChordEvent.LookupDone d && d.purpose() == Purpose.LOOKUP)
                .forEach(e -> System.out.println(e.describe()));
        System.out.println(ring.responsibleFor(ring.keyId("apple")));
        System.out.println(ring.simulation().trace().size());
        assertTrue(c.ideal(), c.toString());
    }
}
