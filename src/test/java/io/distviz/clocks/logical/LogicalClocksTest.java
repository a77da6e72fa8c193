package io.distviz.clocks.logical;

import io.distviz.chord.ChordConfig;
import io.distviz.chord.ChordRing;
import io.distviz.clocks.ClockConfig;
import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.ClockFigures;
import io.distviz.clocks.ClockNetwork;
import io.distviz.clocks.ClockKind;
import io.distviz.raft.KvCommand;
import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftConfig;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Message;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lamport, vector and hybrid logical clocks computed from the traces of every engine, checked against
 * happens-before worked out independently: program order plus send-to-delivery, closed transitively.
 */
class LogicalClocksTest {

    // ============================================================================================ traces

    static Simulation raftTrace() {
        RaftCluster c = new RaftCluster(RaftConfig.defaults(), SimConfig.seeded(11).withDefaultLink(
                LinkProfile.DEFAULT.withLoss(0.05).withDuplication(0.05).withReordering(0.1)), 3);
        c.simulation().runFor(Micros.ofMillis(700));
        NodeId client = c.addClient();
        c.submit(client, KvCommand.put("x", "1"));
        c.submit(client, KvCommand.get("x"));
        c.simulation().runFor(Micros.ofMillis(400));
        c.crash(NodeId.of("s1"));
        c.simulation().runFor(Micros.ofMillis(400));
        c.restart(NodeId.of("s1"));
        c.simulation().runFor(Micros.ofMillis(300));
        return c.simulation();
    }

    static Simulation chordTrace() {
        ChordRing ring = new ChordRing(ChordConfig.defaults().withBits(12), SimConfig.seeded(12));
        for (int i = 0; i < 4; i++) {
            ring.join(ChordRing.address(i));
            ring.simulation().runFor(Micros.ofSeconds(3));
        }
        return ring.simulation();
    }

    static ClockNetwork clockNetwork() {
        // Berkeley with slewing only, so every clock only ever moves forward: the hybrid clocks' bound holds.
        ClockConfig cfg = ClockConfig.defaults().withMaxRoundTrip(Micros.ofMillis(200))
                .withPollInterval(Micros.ofSeconds(5)).withAdjustMode(ClockConfig.AdjustMode.SLEW);
        ClockNetwork net = new ClockNetwork(cfg, SimConfig.seeded(13));
        net.addNode(ClockFigures.of(30_000_000L, 60).withReadJitter(2_000));
        net.addNode(ClockFigures.of(-25_000_000L, -40).withReadJitter(2_000));
        net.addNode(ClockFigures.of(5_000_000L, 100).withReadJitter(2_000));
        net.addNode(ClockKind.QUARTZ);
        net.useBerkeley(NodeId.of("n1"));
        return net;
    }

    // ============================================================================================ truth

    /** Happens-before by definition, as one ancestor set per stamped event. */
    static final class Truth {
        final List<LogicalStamp> stamps;
        final List<BitSet> ancestors = new ArrayList<>();

        Truth(LogicalTimeline t) {
            stamps = t.stamps();
            TreeMap<NodeId, Integer> last = new TreeMap<>();
            HashMap<String, Integer> sends = new HashMap<>();
            for (int i = 0; i < stamps.size(); i++) {
                TraceEvent e = stamps.get(i).event();
                BitSet a = new BitSet();
                Integer prev = last.get(e.node());
                if (prev != null) {
                    a.or(ancestors.get(prev));
                    a.set(prev);
                }
                if (e instanceof TraceEvent.MessageDelivered d) {
                    Integer s = sends.get(key(d.message()));
                    if (s != null) {
                        a.or(ancestors.get(s));
                        a.set(s);
                    }
                }
                if (e instanceof TraceEvent.MessageSent s) {
                    sends.put(key(s.message()), i);
                }
                ancestors.add(a);
                last.put(e.node(), i);
            }
        }

        private static String key(Message m) {
            return m.id() + "." + m.copy();
        }

        boolean before(int a, int b) {
            return ancestors.get(b).get(a);
        }
    }

    private static void checkAgainstTruth(Simulation sim, LogicalTimeline t) {
        Truth truth = new Truth(t);
        int n = t.stamps().size();
        assertTrue(n > 300, "a trace worth checking: " + n);
        long ordered = 0;
        long concurrent = 0;
        for (int i = 0; i < n; i++) {
            LogicalStamp a = t.stamps().get(i);
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                LogicalStamp b = t.stamps().get(j);
                boolean hb = truth.before(i, j);
                assertEquals(hb, LogicalTimeline.happenedBefore(a, b), "vector clocks decide " + i + " → " + j);
                if (hb) {
                    ordered++;
                    assertTrue(a.lamport() < b.lamport(), "Lamport clocks respect " + i + " → " + j);
                    assertTrue(a.hlc().compareTo(b.hlc()) < 0, "hybrid clocks respect " + i + " → " + j);
                } else if (!truth.before(j, i)) {
                    concurrent++;
                    assertTrue(LogicalTimeline.concurrent(a, b), i + " ∥ " + j);
                }
            }
        }
        assertTrue(ordered > 0 && concurrent > 0, "both kinds of pairs occur: " + ordered + " / " + concurrent);
        assertEquals(n, countEventsAtNodes(sim.trace().events()));
    }

    private static long countEventsAtNodes(List<TraceEvent> events) {
        return events.stream().filter(e -> e.node() != null && !(e instanceof TraceEvent.MessageDropped)).count();
    }

    // ============================================================================================ tests

    @Test
    void onARaftTraceWithLossDuplicatesAndACrashTheClocksMatchHappensBefore() {
        Simulation sim = raftTrace();
        checkAgainstTruth(sim, LogicalClocks.stamp(sim.trace().events()));
    }

    @Test
    void onAChordTraceTheClocksMatchHappensBefore() {
        Simulation sim = chordTrace();
        checkAgainstTruth(sim, LogicalClocks.stamp(sim.trace().events()));
    }

    @Test
    void onAClockNetworkTraceTheClocksMatchHappensBefore() {
        ClockNetwork net = clockNetwork();
        net.simulation().runUntil(Micros.ofSeconds(40));
        checkAgainstTruth(net.simulation(), LogicalClocks.stamp(net.simulation().trace().events(),
                ClockNetwork.physicalTime()));
    }

    @Test
    void aDeliveryCarriesTheSendersKnowledgeAndAReceiveTicksPastIt() {
        Simulation sim = raftTrace();
        LogicalTimeline t = LogicalClocks.stamp(sim.trace().events());
        HashMap<String, LogicalStamp> sends = new HashMap<>();
        int deliveries = 0;
        for (LogicalStamp s : t.stamps()) {
            if (s.event() instanceof TraceEvent.MessageSent m) {
                sends.put(m.message().id() + "." + m.message().copy(), s);
            } else if (s.event() instanceof TraceEvent.MessageDelivered d) {
                LogicalStamp send = sends.get(d.message().id() + "." + d.message().copy());
                assertTrue(send.lamport() < s.lamport());
                assertEquals(VectorClock.Order.BEFORE, send.vector().compare(s.vector()));
                assertTrue(s.vector().get(s.node()) >= 1);
                deliveries++;
            }
        }
        assertTrue(deliveries > 50);
        // A dropped message leaves a send without a delivery and no stamp for the drop.
        for (int i = 0; i < sim.trace().size(); i++) {
            if (sim.trace().get(i) instanceof TraceEvent.MessageDropped) {
                assertEquals(null, t.at(i));
            }
        }
    }

    /**
     * Kulkarni et al.'s two guarantees: l never falls below the node's physical clock, and l − pt never exceeds
     * the largest difference between two clocks (ε), however far off each clock is from true time.
     */
    @Test
    void hybridClocksNeverFallBelowPhysicalTimeAndStayWithinTheClockSkew() {
        ClockNetwork net = clockNetwork();
        double epsilon = 0;
        for (int s = 1; s <= 60; s++) {
            net.simulation().runUntil(Micros.ofSeconds(s));
            epsilon = Math.max(epsilon, net.maxPairwiseSkewNanos());
        }
        // Between two samples the spread can grow by at most the fastest relative rate (≈ 700 ppm while slewing).
        epsilon += 1e9 * 700e-6;
        LogicalTimeline t = LogicalClocks.stamp(net.simulation().trace().events(), ClockNetwork.physicalTime());
        double worst = 0;
        boolean ahead = false;
        for (LogicalStamp s : t.stamps()) {
            assertTrue(s.hlc().l() >= s.physicalNanos(), "l ≥ pt at " + s);
            worst = Math.max(worst, s.hlc().l() - s.physicalNanos());
            ahead |= s.hlc().l() > s.physicalNanos();
        }
        assertTrue(ahead, "some events learned of a clock ahead of their own");
        assertTrue(worst <= epsilon, "l − pt = " + worst + " ns, ε = " + epsilon + " ns");
        assertTrue(worst > 1e6, "the skew shows: " + worst);
    }

    @Test
    void physicalTimeFromTheClockTraceIsEachNodesOwnClock() {
        ClockNetwork net = clockNetwork();
        net.simulation().runUntil(Micros.ofSeconds(30));
        LogicalTimeline t = LogicalClocks.stamp(net.simulation().trace().events(), ClockNetwork.physicalTime());
        int reads = 0;
        for (LogicalStamp s : t.stamps()) {
            if (s.event() instanceof TraceEvent.ProtocolEvent p && p.detail() instanceof ClockEvent.ClockRead r) {
                // A reading is the clock plus at most 2 µs of read jitter (1 ns for rounding).
                assertEquals(r.readingNanos(), s.physicalNanos(), 2_001.0, s.toString());
                reads++;
            }
        }
        assertTrue(reads > 30);
        // With true time instead, physical time is just the event's virtual time.
        LogicalTimeline plain = LogicalClocks.stamp(net.simulation().trace().events());
        for (LogicalStamp s : plain.stamps()) {
            assertEquals(s.event().timeMicros() * 1000, s.physicalNanos());
        }
    }

    @Test
    void vectorClocksCompareMergeAndPrintForShiViz() {
        NodeId a = NodeId.of("a");
        NodeId b = NodeId.of("b");
        VectorClock x = VectorClock.empty().tick(a).tick(a);
        VectorClock y = VectorClock.empty().tick(b);
        assertEquals(VectorClock.Order.CONCURRENT, x.compare(y));
        VectorClock z = y.merge(x).tick(b);
        assertEquals(VectorClock.Order.BEFORE, x.compare(z));
        assertEquals(VectorClock.Order.AFTER, z.compare(y));
        assertEquals(VectorClock.Order.EQUAL, z.compare(VectorClock.of(z.entries())));
        assertEquals("{\"a\":2,\"b\":2}", z.toShiVizJson());
        assertFalse(x.happenedBefore(x));
        HybridTimestamp h = new HybridTimestamp(100, 3);
        assertEquals(new HybridTimestamp(100, 4), h.local(90), "physical time behind: count up");
        assertEquals(new HybridTimestamp(120, 0), h.local(120), "physical time ahead: take it");
        assertEquals(new HybridTimestamp(150, 8), h.receive(new HybridTimestamp(150, 7), 140));
        assertEquals(new HybridTimestamp(100, 8), h.receive(new HybridTimestamp(100, 7), 50));
        assertEquals(new HybridTimestamp(200, 0), h.receive(new HybridTimestamp(150, 7), 200));
    }
}
