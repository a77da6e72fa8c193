package io.distviz.clocks;

import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NTP (RFC 5905) as a message protocol: filter, selection, strata, asymmetry, partitions. */
class NtpTest {

    private static ClockConfig fast() {
        return ClockConfig.defaults().withMaxRoundTrip(Micros.ofMillis(500)).withPollInterval(Micros.ofSeconds(8));
    }

    @Test
    void aStratumHierarchyGrowsFromTheReference() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(1));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        for (int i = 0; i < 4; i++) {
            net.addNode(ClockKind.QUARTZ);
        }
        net.useNtpTiers(ref, 2);
        net.simulation().runUntil(Micros.ofSeconds(300));
        TreeMap<NodeId, ClockNodeState> s = new TreeMap<>();
        for (ClockNodeState st : net.states()) {
            s.put(st.id(), st);
        }
        assertEquals(0, s.get(ref).stratum());
        assertEquals(1, s.get(NodeId.of("n1")).stratum());
        assertEquals(1, s.get(NodeId.of("n2")).stratum());
        assertEquals(2, s.get(NodeId.of("n3")).stratum());
        assertEquals(2, s.get(NodeId.of("n4")).stratum());
        assertEquals(ref, s.get(NodeId.of("n1")).systemPeer());
        assertTrue(List.of(NodeId.of("n1"), NodeId.of("n2")).contains(s.get(NodeId.of("n3")).systemPeer()));
        assertTrue(s.get(NodeId.of("n3")).rootDelayNanos() > s.get(NodeId.of("n1")).rootDelayNanos(),
                "root delay adds up down the hierarchy");
        for (ClockNodeState st : s.values()) {
            assertTrue(Math.abs(st.offsetFromTrueTimeNanos()) < 3e6, st.id() + " " + st.offsetFromTrueTimeMillis());
        }
        // Before the first tier was synchronized, the second tier refused to follow it.
        assertTrue(ClockTesting.facts(net.simulation(), ClockEvent.SyncRejected.class, NodeId.of("n3")).stream()
                .anyMatch(f -> f.detail().reason().equals("server not synchronized")));
        assertEquals(2, ClockTesting.facts(net.simulation(), ClockEvent.StratumChanged.class, NodeId.of("n3"))
                .get(0).detail().stratum());
    }

    @Test
    void theFilterPrefersTheLowDelaySampleOfTheLastEight() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(2));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        NodeId n1 = net.addNode(ClockKind.QUARTZ);
        net.setLink(n1, ref, new LinkProfile(Micros.ofMillis(2), Micros.ofMillis(20), Micros.ofMillis(10), 0, 0, 0));
        net.useNtp(java.util.Map.of(n1, List.of(ref)));
        net.simulation().runUntil(Micros.ofSeconds(200));
        List<ClockTesting.Fact<ClockEvent.SyncSample>> samples =
                ClockTesting.facts(net.simulation(), ClockEvent.SyncSample.class, n1);
        List<ClockTesting.Fact<ClockEvent.PeerUpdate>> updates =
                ClockTesting.facts(net.simulation(), ClockEvent.PeerUpdate.class, n1);
        assertEquals(samples.size(), updates.size());
        assertTrue(samples.size() > 25);
        int olderThanNewest = 0;
        for (int i = 0; i < samples.size(); i++) {
            long min = Long.MAX_VALUE;
            for (int j = Math.max(0, i - ClockFilter.STAGES + 1); j <= i; j++) {
                min = Math.min(min, samples.get(j).detail().delayNanos());
            }
            assertEquals(min, updates.get(i).detail().delayNanos(), "update " + i);
            if (min != samples.get(i).detail().delayNanos()) {
                olderThanNewest++;
            }
        }
        assertTrue(olderThanNewest > 0, "the preferred sample is often not the newest");
    }

    @Test
    void theSelectionRejectsAFalsetickerAndTheClientKeepsTrueTime() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(3));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        for (int i = 0; i < 4; i++) {
            net.addNode(ClockKind.QUARTZ);
        }
        NodeId liar = NodeId.of("n2");
        NodeId client = NodeId.of("n4");
        net.useNtpTiers(ref, 3);
        net.lie(liar, 200);
        net.simulation().runUntil(Micros.ofSeconds(400));
        List<ClockTesting.Fact<ClockEvent.SelectionResult>> selections =
                ClockTesting.facts(net.simulation(), ClockEvent.SelectionResult.class, client);
        assertFalse(selections.isEmpty());
        ClockEvent.SelectionResult last = selections.get(selections.size() - 1).detail();
        assertEquals(List.of(liar), last.falsetickers());
        assertEquals(List.of(NodeId.of("n1"), NodeId.of("n3")), last.truechimers());
        // At first, with few samples, the intervals are wider than the lie and the liar cannot be told apart; once
        // the filters are full, it is never trusted again.
        int later = 0;
        for (ClockTesting.Fact<ClockEvent.SelectionResult> f : selections) {
            if (f.timeMicros() >= Micros.ofSeconds(150)) {
                later++;
                assertFalse(f.detail().truechimers().contains(liar), "trusted the liar: " + f);
                assertTrue(f.detail().falsetickers().contains(liar), "did not name the liar: " + f);
            }
        }
        assertTrue(later > selections.size() / 2);
        ClockNodeState st = net.state(client);
        assertTrue(Math.abs(st.offsetFromTrueTimeNanos()) < 3e6, "offset " + st.offsetFromTrueTimeMillis());
        ClockNodeState.PeerState liarPeer = st.peers().stream().filter(p -> p.server().equals(liar)).findFirst()
                .orElseThrow();
        assertEquals(ClockNodeState.Status.FALSETICKER, liarPeer.status());
        assertEquals(200e6, liarPeer.offsetNanos(), 5e6, "the liar looks 200 ms ahead");
        // The liar's own clock is fine: it lies only in what it serves.
        assertTrue(Math.abs(net.offsetFromTrueTimeNanos(liar)) < 3e6);
    }

    @Test
    void aFalsetickerHonestAgainDoesNotPullTheClockWithItsOldLies() {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults().withPollInterval(Micros.ofSeconds(16)),
                SimConfig.seeded(5));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        for (int i = 0; i < 4; i++) {
            net.addNode(ClockKind.QUARTZ);
        }
        NodeId client = NodeId.of("n4");
        net.useNtpTiers(ref, 3);
        net.simulation().runUntil(Micros.ofSeconds(300));
        net.lie(NodeId.of("n1"), 80);
        net.simulation().runUntil(Micros.ofSeconds(600));
        net.lie(NodeId.of("n1"), 0);
        // The client's discipline fits a line through half an hour of samples. Were the liar's samples kept
        // once it turned honest (and so trusted again), they would pull the client several ms off here.
        double worst = 0;
        for (int s = 620; s <= 900; s += 20) {
            net.simulation().runUntil(Micros.ofSeconds(s));
            worst = Math.max(worst, Math.abs(net.offsetFromTrueTimeNanos(client)));
        }
        assertTrue(worst < 2e6, "the client strayed " + worst / 1e6 + " ms after the liar turned honest");
    }

    @Test
    void withOnlyTheLiarAsServerTheClientFollowsIt() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(4));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        NodeId n1 = net.addNode(ClockKind.QUARTZ);
        NodeId n2 = net.addNode(ClockKind.QUARTZ);
        TreeMap<NodeId, List<NodeId>> map = new TreeMap<>();
        map.put(n1, List.of(ref));
        map.put(n2, List.of(n1));
        net.useNtp(map);
        net.lie(n1, -80);
        net.simulation().runUntil(Micros.ofSeconds(200));
        assertEquals(-80e6, net.offsetFromTrueTimeNanos(n2), 5e6, "one server cannot be outvoted");
    }

    /** Asymmetric paths: a lesson's point is that no exchange can see the asymmetry. */
    @Test
    void anAsymmetricPathLeavesAnErrorOfHalfTheDifferenceAndNoMoreThanHalfTheDelay() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(5));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.ATOMIC);
        NodeId n1 = net.addNode(ClockTesting.exact(37, 0));
        net.setLink(n1, ref, LinkProfile.fixed(Micros.ofMillis(5)));
        net.setLink(ref, n1, LinkProfile.fixed(Micros.ofMillis(45)));
        net.useNtp(java.util.Map.of(n1, List.of(ref)));
        net.simulation().runUntil(Micros.ofSeconds(200));
        // The client believes the reference is 20 ms behind where it is, and sets itself there.
        assertEquals(-20e6, net.offsetFromTrueTimeNanos(n1), 0.01e6);
        for (ClockTesting.Fact<ClockEvent.SyncSample> f
                : ClockTesting.facts(net.simulation(), ClockEvent.SyncSample.class, n1)) {
            assertEquals(50e6, f.detail().delayNanos(), 1e3);
            assertTrue(f.detail().errorBoundNanos() >= 25e6, "the root distance covers half the delay");
        }
        assertTrue(Math.abs(net.offsetFromTrueTimeNanos(n1)) <= 25e6);
    }

    @Test
    void aOneWayPartitionMakesTheServerUnreachableUntilItHeals() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(6));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        NodeId n1 = net.addNode(ClockTesting.exact(0, 60));
        net.useNtp(java.util.Map.of(n1, List.of(ref)));
        net.simulation().runUntil(Micros.ofSeconds(100));
        assertEquals(ClockNodeState.Status.SYSTEM_PEER, net.state(n1).peers().get(0).status());
        net.blockOneWay(n1, ref); // its requests are lost; the reference never hears of it
        net.simulation().runUntil(Micros.ofSeconds(200));
        ClockNodeState.PeerState p = net.state(n1).peers().get(0);
        assertEquals(0, p.reach());
        assertEquals(ClockNodeState.Status.UNREACHABLE, p.status());
        int adjustments = ClockTesting.facts(net.simulation(), ClockEvent.ClockAdjusted.class, n1).size();
        net.heal();
        net.simulation().runUntil(Micros.ofSeconds(260));
        assertTrue(ClockTesting.facts(net.simulation(), ClockEvent.ClockAdjusted.class, n1).size() > adjustments);
        assertTrue(net.state(n1).peers().get(0).reach() != 0);
    }

    @Test
    void theDisciplineLearnsTheRateSoTheClockHoldsBetweenPolls() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(7));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        NodeId n1 = net.addNode(ClockTesting.exact(0, 80));
        net.useNtp(java.util.Map.of(n1, List.of(ref)));
        net.simulation().runUntil(Micros.ofSeconds(600));
        ClockNodeState st = net.state(n1);
        assertEquals(-80, st.frequencyCorrectionPpm(), 2, "it learned the oscillator runs 80 ppm fast");
        assertEquals(0, st.effectiveFrequencyErrorPpm(), 2);
        // Without the discipline, a clock 80 ppm fast is off by up to 0.64 ms between polls.
        ClockNetwork plain = new ClockNetwork(fast().withNtpFrequencyDiscipline(false), SimConfig.seeded(7));
        NodeId ref2 = plain.addReference(SyncRole.ReferenceKind.GPS);
        NodeId m1 = plain.addNode(ClockTesting.exact(0, 80));
        plain.useNtp(java.util.Map.of(m1, List.of(ref2)));
        plain.simulation().runUntil(Micros.ofSeconds(600));
        assertEquals(0, plain.state(m1).frequencyCorrectionPpm());
        assertEquals(80, plain.state(m1).effectiveFrequencyErrorPpm(), 1, "slewing aside");
    }

    @Test
    void everySampleIsWithinTheRootDistanceOfTheTruth() {
        ClockNetwork net = new ClockNetwork(fast(), SimConfig.seeded(8));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        for (int i = 0; i < 5; i++) {
            net.addNode(ClockKind.CHEAP_QUARTZ);
        }
        net.useNtpTiers(ref, 2);
        List<double[]> checks = new ArrayList<>();
        net.simulation().trace().addListener(e -> {
            if (e instanceof io.distviz.sim.TraceEvent.ProtocolEvent p
                    && p.detail() instanceof ClockEvent.SelectionResult r && r.systemPeer() != null) {
                checks.add(new double[] {r.systemOffsetNanos() - net.trueCorrectionNanos(p.node(), null),
                        r.errorBoundNanos()});
            }
        });
        net.simulation().runUntil(Micros.ofSeconds(900));
        assertTrue(checks.size() > 200);
        for (double[] c : checks) {
            assertTrue(Math.abs(c[0]) <= c[1] + 1, "error " + c[0] + " bound " + c[1]);
        }
        assertNotNull(net.state(NodeId.of("n5")).systemPeer());
    }
}
