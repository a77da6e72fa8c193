package io.distviz.clocks;

import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Berkeley's algorithm as a message protocol, on a worked example with exact clocks. */
class BerkeleyTest {

    private static ClockNetwork network(long seed) {
        ClockConfig cfg = ClockConfig.defaults().withMaxRoundTrip(Micros.ofMillis(100))
                .withPollInterval(Micros.ofSeconds(30)).withBerkeleyMaxDeviation(50_000_000L);
        return new ClockNetwork(cfg, SimConfig.seeded(seed).withDefaultLink(LinkProfile.fixed(Micros.ofMillis(5))));
    }

    @Test
    void oneRoundBringsEveryClockToTheFaultTolerantAverage() {
        ClockNetwork net = network(1);
        // The master is right; n2 is 10 ms ahead, n3 20 ms behind, n4 400 ms ahead (broken).
        NodeId n1 = net.addNode(ClockTesting.exact(0, 0));
        NodeId n2 = net.addNode(ClockTesting.exact(10, 0));
        NodeId n3 = net.addNode(ClockTesting.exact(-20, 0));
        NodeId n4 = net.addNode(ClockTesting.exact(400, 0));
        net.useBerkeley(n1);
        net.simulation().runUntil(Micros.ofSeconds(3));
        List<ClockTesting.Fact<ClockEvent.BerkeleyRound>> rounds =
                ClockTesting.facts(net.simulation(), ClockEvent.BerkeleyRound.class);
        assertEquals(1, rounds.size());
        ClockEvent.BerkeleyRound r = rounds.get(0).detail();
        assertEquals(n1, rounds.get(0).node());
        assertEquals(List.of(n1, n2, n3), r.averaged());
        assertEquals(List.of(n4), r.outliers());
        assertEquals(List.of(), r.tooSlow());
        assertEquals(List.of(), r.unanswered());
        // (0 + 10 − 20) / 3 ms: the round trips are symmetric, so half of each is exactly the way back.
        assertEquals(-3_333_333L, r.averageNanos(), 1.0);
        for (NodeId n : List.of(n1, n2, n3, n4)) {
            assertEquals(-3.333_333e6, net.offsetFromTrueTimeNanos(n), 2, n + " moved to the average");
        }
        // The relative adjustments, as the followers received them.
        List<ClockTesting.Fact<ClockEvent.ClockAdjusted>> adjusted =
                ClockTesting.facts(net.simulation(), ClockEvent.ClockAdjusted.class);
        assertEquals(4, adjusted.size());
        assertEquals(-3_333_333L, amount(adjusted, n1), 1.0);
        assertEquals(-13_333_333L, amount(adjusted, n2), 1.0);
        assertEquals(16_666_667L, amount(adjusted, n3), 1.0);
        assertEquals(-403_333_333L, amount(adjusted, n4), 1.0);
        assertEquals(n1, net.state(n2).lastSync().server());
    }

    private static long amount(List<ClockTesting.Fact<ClockEvent.ClockAdjusted>> adjusted, NodeId n) {
        for (ClockTesting.Fact<ClockEvent.ClockAdjusted> f : adjusted) {
            if (f.node().equals(n)) {
                return f.detail().amountNanos();
            }
        }
        throw new AssertionError("no adjustment at " + n);
    }

    @Test
    void aFollowerBehindASlowLinkIsLeftOutAndAnAbsentOneIsNamed() {
        ClockNetwork net = network(2);
        NodeId n1 = net.addNode(ClockTesting.exact(0, 0));
        NodeId n2 = net.addNode(ClockTesting.exact(10, 0));
        NodeId slow = net.addNode(ClockTesting.exact(-30, 0));
        NodeId gone = net.addNode(ClockTesting.exact(5, 0));
        net.setLink(slow, n1, LinkProfile.fixed(Micros.ofMillis(120)));
        net.useBerkeley(n1);
        net.crash(gone);
        net.simulation().runUntil(Micros.ofSeconds(3));
        ClockEvent.BerkeleyRound r = ClockTesting.facts(net.simulation(), ClockEvent.BerkeleyRound.class).get(0).detail();
        assertEquals(List.of(n1, n2), r.averaged());
        assertEquals(List.of(slow), r.tooSlow());
        assertEquals(List.of(gone), r.unanswered());
        assertEquals(5e6, net.offsetFromTrueTimeNanos(n1), 2);
        assertEquals(5e6, net.offsetFromTrueTimeNanos(n2), 2);
        assertEquals(-30e6, net.offsetFromTrueTimeNanos(slow), 2, "not corrected: its reading was not trusted");
    }

    @Test
    void onlyTheMastersAdjustmentsAreObeyed() {
        ClockNetwork net = network(3);
        NodeId n1 = net.addNode(ClockTesting.exact(0, 0));
        NodeId n2 = net.addNode(ClockTesting.exact(10, 0));
        net.useBerkeley(n1);
        net.simulation().runUntil(Micros.ofSeconds(3));
        // A second "master" elsewhere is ignored by n2, which follows n1.
        NodeId n3 = net.addNode(ClockTesting.exact(0, 0));
        net.simulation().perform(new io.distviz.sim.Actions.Command(n3,
                new ClockCommand.Configure(new SyncRole.BerkeleyMaster(List.of(n2)), net.config())));
        net.simulation().runUntil(Micros.ofSeconds(6));
        List<ClockTesting.Fact<ClockEvent.SyncRejected>> rejected =
                ClockTesting.facts(net.simulation(), ClockEvent.SyncRejected.class, n2);
        assertFalse(rejected.isEmpty());
        assertEquals("not my master", rejected.get(0).detail().reason());
        assertEquals(n3, rejected.get(0).detail().server());
    }

    @Test
    void theClocksStayTogetherButDriftFromTrueTimeTogether() {
        ClockNetwork net = network(4);
        NodeId n1 = net.addNode(ClockTesting.exact(0, 20));
        net.addNode(ClockTesting.exact(0, 30));
        net.addNode(ClockTesting.exact(0, 40));
        net.useBerkeley(n1);
        net.simulation().runUntil(Micros.ofSeconds(3_600));
        // Every clock runs fast: the average does too, by about 30 ppm, 108 ms in an hour.
        assertEquals(108e6, net.offsetFromTrueTimeNanos(n1), 5e6);
        assertTrue(net.maxPairwiseSkewNanos() < 1.5e6, "20 ppm apart, corrected every 30 s: "
                + net.maxPairwiseSkewNanos());
    }
}
