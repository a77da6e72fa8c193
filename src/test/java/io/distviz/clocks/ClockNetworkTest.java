package io.distviz.clocks;

import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade: what it accepts, what it refuses and why, and what its oracle reports. */
class ClockNetworkTest {
    static final NodeId GHOST = NodeId.of("ghost");

    private static void refuses(ClockNetwork net, String fragment, Executable action) {
        int before = net.simulation().trace().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention '" + fragment + "'");
        assertEquals(before, net.simulation().trace().size(), "a refused request changes nothing");
    }

    @Test
    void badRequestsAreRefusedWithAClearMessage() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), SimConfig.seeded(1));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        NodeId n1 = net.addNode(ClockKind.QUARTZ);
        NodeId n2 = net.addNode(ClockKind.TCXO);
        refuses(net, "no node named ghost", () -> net.setClockKind(GHOST, ClockKind.OCXO));
        refuses(net, "no node named ghost", () -> net.useCristian(GHOST));
        refuses(net, "ppm", () -> net.setSkewPpm(n1, 5_000));
        refuses(net, "ppm", () -> net.setSkewPpm(n1, Double.NaN));
        refuses(net, "milliseconds", () -> net.setOffsetMillis(n1, Double.POSITIVE_INFINITY));
        refuses(net, "milliseconds", () -> net.lie(n1, 1e12));
        refuses(net, "reference source", () -> net.setClockKind(ref, ClockKind.QUARTZ));
        refuses(net, "reference source", () -> net.setOffsetMillis(ref, 5));
        refuses(net, "reference source", () -> net.useBerkeley(ref));
        refuses(net, "custom", () -> net.setClockKind(n1, ClockKind.CUSTOM));
        refuses(net, "does not start", () -> net.syncNow(n1));
        refuses(net, "own NTP server", () -> net.useNtp(Map.of(n1, List.of(n1))));
        refuses(net, "at least one", () -> net.useNtp(Map.of(n1, List.of())));
        refuses(net, "twice", () -> net.useNtp(Map.of(n1, List.of(ref, ref))));
        refuses(net, "not a reference", () -> net.useNtpTiers(n2, 1));
        refuses(net, "first tier", () -> net.useNtpTiers(ref, 3));
        refuses(net, "itself", () -> net.setLink(n1, n1, LinkProfile.DEFAULT));
        net.crash(n2);
        refuses(net, "crashed", () -> net.readClock(n2));
        refuses(net, "running", () -> net.restart(n1));
        IllegalArgumentException poll = assertThrows(IllegalArgumentException.class,
                () -> ClockConfig.defaults().withPollInterval(Micros.ofMillis(500)));
        assertTrue(poll.getMessage().contains("shorter than the poll interval"), poll.getMessage());
    }

    @Test
    void namesAndStates() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), SimConfig.seeded(2));
        for (int i = 0; i < 10; i++) {
            net.addNode(ClockKind.QUARTZ);
        }
        NodeId ref = net.addReference(SyncRole.ReferenceKind.ATOMIC);
        List<NodeId> ids = net.nodeIds();
        assertEquals(ref, ids.get(0), "references first");
        assertEquals(NodeId.of("n10"), ids.get(10), "then machines by number");
        assertEquals(10, net.runningMachines().size());
        ClockNodeState r = net.state(ref);
        assertTrue(r.isReference());
        assertEquals(0, r.stratum());
        assertEquals(0, r.offsetFromTrueTimeNanos(), 0.5);
        ClockNodeState n = net.state(NodeId.of("n3"));
        assertEquals(ClockKind.QUARTZ, n.kind());
        assertEquals(ClockNode.UNSYNCHRONIZED, n.stratum());
        assertEquals("free", n.role().label());
        assertNull(n.lastSync());
        assertEquals(n.offsetFromTrueTimeNanos(), n.hardwareOffsetNanos(), 0.5, "nothing corrected yet");
    }

    @Test
    void changingTheOscillatorKeepsTheReadingAndChangesTheRate() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), SimConfig.seeded(3));
        NodeId n1 = net.addNode(ClockTesting.exact(12, 5));
        net.simulation().runUntil(Micros.ofSeconds(100));
        double before = net.offsetFromTrueTimeNanos(n1);
        assertEquals(12e6 + 500e3, before, 1);
        net.setSkewPpm(n1, -50);
        assertEquals(before, net.offsetFromTrueTimeNanos(n1), 1, "no jump");
        net.simulation().runUntil(Micros.ofSeconds(200));
        assertEquals(before - 5e6, net.offsetFromTrueTimeNanos(n1), 1);
        assertEquals(-50, net.state(n1).frequencyErrorPpm(), 1e-9);
        net.setClockKind(n1, ClockKind.RUBIDIUM);
        assertEquals(ClockKind.RUBIDIUM, net.state(n1).kind());
        assertTrue(Math.abs(net.state(n1).frequencyErrorPpm()) <= ClockKind.RUBIDIUM.maxSkewPpm() + 1e-4);
        net.setOffsetMillis(n1, -7.5);
        assertEquals(-7.5e6, net.offsetFromTrueTimeNanos(n1), 1);
        assertEquals(-7.5e6, net.state(n1).hardwareOffsetNanos(), 1);
        assertEquals(List.of(ClockEvent.SetReason.START, ClockEvent.SetReason.CUSTOM, ClockEvent.SetReason.KIND,
                        ClockEvent.SetReason.OFFSET),
                ClockTesting.facts(net.simulation(), ClockEvent.ClockSet.class).stream()
                        .map(f -> f.detail().reason()).toList());
    }

    @Test
    void readingAClockIsAnEventInTheTrace() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), SimConfig.seeded(4));
        NodeId n1 = net.addNode(ClockKind.CHEAP_QUARTZ);
        net.simulation().runUntil(Micros.ofSeconds(50));
        net.readClock(n1);
        List<ClockTesting.Fact<ClockEvent.ClockRead>> reads =
                ClockTesting.facts(net.simulation(), ClockEvent.ClockRead.class, n1);
        assertEquals(1, reads.size());
        assertEquals(ClockEvent.ReadPurpose.BY_HAND, reads.get(0).detail().purpose());
        assertEquals(net.state(n1).clockNanos(), reads.get(0).detail().readingNanos(),
                ClockKind.CHEAP_QUARTZ.readJitterNanos() + 1.0, "the reading is the clock plus read jitter");
    }

    @Test
    void aCrashKeepsTheOscillatorButLosesTheCorrections() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults().withPollInterval(Micros.ofSeconds(10)),
                SimConfig.seeded(5));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        NodeId n1 = net.addNode(ClockTesting.exact(300, 20));
        net.useCristian(ref);
        net.simulation().runUntil(Micros.ofSeconds(60));
        // The default links (10 ms mean, 2 ms spread) leave a millisecond or two of error.
        assertTrue(Math.abs(net.offsetFromTrueTimeNanos(n1)) < 5e6, "synchronized");
        double hardware = net.state(n1).hardwareOffsetNanos();
        assertEquals(300e6 + 20e-6 * 60e9, hardware, 1);
        net.crash(n1);
        assertNull(net.state(n1));
        net.simulation().runUntil(Micros.ofSeconds(100));
        net.restart(n1);
        ClockNodeState back = net.state(n1);
        assertEquals(300e6 + 20e-6 * 100e9, back.hardwareOffsetNanos(), 1, "the oscillator ran on");
        assertEquals(back.hardwareOffsetNanos(), back.offsetFromTrueTimeNanos(), 1, "the corrections are gone");
        assertEquals("cristian", back.role().label(), "the configured role survives");
        net.simulation().runUntil(Micros.ofSeconds(130));
        assertTrue(Math.abs(net.offsetFromTrueTimeNanos(n1)) < 5e6, "and it synchronizes again");
    }

    @Test
    void monotonicReadingsHoldStillThroughABackwardStep() {
        for (boolean monotonic : new boolean[] {false, true}) {
            ClockConfig cfg = ClockConfig.defaults().withPollInterval(Micros.ofSeconds(10))
                    .withAdjustMode(ClockConfig.AdjustMode.STEP).withMonotonic(monotonic);
            ClockNetwork net = new ClockNetwork(cfg, SimConfig.seeded(6));
            NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
            NodeId n1 = net.addNode(ClockTesting.exact(500, 0));
            net.useCristian(ref);
            for (int i = 0; i < 40; i++) {
                net.simulation().runUntil(Micros.ofMillis(100L * i + 50));
                net.readClock(n1);
            }
            long previous = Long.MIN_VALUE;
            boolean wentBack = false;
            for (ClockTesting.Fact<ClockEvent.ClockRead> f
                    : ClockTesting.facts(net.simulation(), ClockEvent.ClockRead.class, n1)) {
                wentBack |= f.detail().readingNanos() < previous;
                previous = f.detail().readingNanos();
            }
            assertEquals(!monotonic, wentBack, "monotonic " + monotonic);
            assertTrue(Math.abs(net.offsetFromTrueTimeNanos(n1)) < 5e6, "stepped back 500 ms either way");
        }
    }

    @Test
    void theSameSeedGivesTheSameTraceAndTimeTravelReplaysIt() {
        String a = scenario(9).trace().hash();
        String b = scenario(9).trace().hash();
        assertEquals(a, b);
        assertNotEquals(a, scenario(10).trace().hash());
        Simulation sim = scenario(9);
        sim.restoreTo(Micros.ofSeconds(75)); // after the last action, which restoreTo would cut off
        sim.runUntil(Micros.ofSeconds(120));
        assertEquals(a, sim.trace().hash(), "restored from a checkpoint and replayed: the same run");
    }

    private static Simulation scenario(long seed) {
        ClockConfig cfg = ClockConfig.defaults().withPollInterval(Micros.ofSeconds(4));
        ClockNetwork net = new ClockNetwork(cfg, SimConfig.seeded(seed)
                .withDefaultLink(LinkProfile.DEFAULT.withLoss(0.05).withDuplication(0.05)));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        for (int i = 0; i < 5; i++) {
            net.addNode(ClockKind.QUARTZ);
        }
        net.useNtpTiers(ref, 2);
        net.simulation().runUntil(Micros.ofSeconds(30));
        net.lie(NodeId.of("n1"), 50);
        net.simulation().runUntil(Micros.ofSeconds(60));
        net.useBerkeley(NodeId.of("n2"));
        net.simulation().runUntil(Micros.ofSeconds(120));
        return net.simulation();
    }

    @Test
    void theOracleMeasuresOffsetsSpreadAndCorrections() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), SimConfig.seeded(7));
        NodeId a = net.addNode(ClockTesting.exact(4, 0));
        NodeId b = net.addNode(ClockTesting.exact(-6, 0));
        NodeId c = net.addNode(ClockTesting.exact(1, 0));
        assertEquals(10e6, net.maxPairwiseSkewNanos(), 1);
        assertEquals(-4e6, net.trueCorrectionNanos(a, null), 1);
        assertEquals(10e6, net.trueCorrectionNanos(b, a), 1);
        net.lie(a, 3);
        assertEquals(13e6, net.trueCorrectionNanos(b, a), 1, "a served lie counts");
        TreeMap<NodeId, Double> offsets = new TreeMap<>();
        for (ClockNodeState s : net.states()) {
            offsets.put(s.id(), s.offsetFromTrueTimeMillis());
        }
        assertEquals(Map.of(a, 4.0, b, -6.0, c, 1.0), offsets);
        net.remove(c);
        assertFalse(net.nodeIds().contains(c));
        assertEquals(10e6, net.maxPairwiseSkewNanos(), 1);
    }
}
