package io.distviz.chord;

import io.distviz.chord.ChordConfig.MaintenanceRules;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.SimConfig;
import io.distviz.sim.SimRandom;
import io.distviz.sim.Simulation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Randomized churn under the corrected rules (Zave): joins, graceful leaves, crashes and restarts, one
 * departure at a time with time to repair between. The invariants are checked after every single event, and
 * the ring must become ideal once churn stops. A failure names the seed that reproduces it.
 */
class ChurnTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void invariantsHoldAfterEveryEventAndTheRingBecomesIdeal(long seed) {
        ChordConfig config = ChordConfig.defaults().withBits(12).withRules(MaintenanceRules.CORRECTED);
        ChordRing ring = new ChordRing(config, SimConfig.seeded(seed).withoutCheckpoints());
        Simulation sim = ring.simulation();
        SimRandom random = new SimRandom(seed * 31 + 7);
        List<String> crashed = new ArrayList<>();
        int nextAddress = 0;

        ring.join(ChordRing.address(nextAddress++));
        for (int i = 0; i < 5; i++) {
            runChecking(ring, sim.nowMicros() + Micros.ofMillis(1500), seed);
            joinFresh(ring, nextAddress++);
        }
        long lastDeparture = -Micros.ofSeconds(10);
        long churnEnd = sim.nowMicros() + Micros.ofSeconds(60);
        while (sim.nowMicros() < churnEnd) {
            runChecking(ring, sim.nowMicros() + Micros.ofMillis(500 + random.nextLong(1500)), seed);
            List<NodeRef> members = ring.liveMembers();
            boolean mayDepart = members.size() > config.successorListLength() + 1
                    && sim.nowMicros() - lastDeparture > Micros.ofSeconds(6);
            double roll = random.nextDouble();
            if (roll < 0.4 || !mayDepart) {
                if (!crashed.isEmpty() && random.chance(0.3)) {
                    ring.restart(crashed.remove(0));
                } else {
                    nextAddress = joinFresh(ring, nextAddress);
                }
            } else {
                String victim = members.get(random.nextInt(members.size())).address().name();
                if (roll < 0.7) {
                    ring.leave(victim);
                } else {
                    ring.crash(victim);
                    crashed.add(victim);
                }
                lastDeparture = sim.nowMicros();
            }
            assertInvariants(ring, seed, "after a user action");
        }
        runChecking(ring, sim.nowMicros() + Micros.ofSeconds(90), seed);
        RingCheck end = ring.check();
        assertTrue(end.ideal(), "seed " + seed + ": ring not ideal 90 s after churn stopped: " + end);
    }

    /** Joins a node with a fresh address, skipping addresses whose identifier is taken. */
    private static int joinFresh(ChordRing ring, int next) {
        while (true) {
            String a = ChordRing.address(next++);
            long id = ring.nodeIdFor(a);
            boolean taken = ring.states().stream().anyMatch(s -> s.self().id() == id)
                    || ring.simulation().status(io.distviz.sim.NodeId.of(a)) == NodeStatus.CRASHED;
            if (!taken) {
                ring.join(a);
                return next;
            }
        }
    }

    private static void runChecking(ChordRing ring, long untilMicros, long seed) {
        Simulation sim = ring.simulation();
        while (sim.nextEventTime().isPresent() && sim.nextEventTime().getAsLong() <= untilMicros) {
            sim.step();
            assertInvariants(ring, seed, "after event " + sim.eventsProcessed());
        }
        sim.runUntil(untilMicros);
    }

    private static void assertInvariants(ChordRing ring, long seed, String when) {
        RingCheck c = ring.check();
        if (!c.ok()) {
            if (System.getProperty("chord.dump") != null) {
                for (io.distviz.sim.TraceEvent e : ring.simulation().trace().events()) {
                    if (e.timeMicros() > ring.simulation().nowMicros() - Micros.ofSeconds(8)) {
                        System.out.println(e.describe());
                    }
                }
            }
            fail("seed " + seed + ", " + when + " at " + Micros.format(ring.simulation().nowMicros()) + ": " + c);
        }
    }
}
