package io.distviz.clocks;

import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.TraceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cristian's algorithm as a message protocol. */
class CristianTest {

    /** Counts estimates and how they compare with the truth at the moment each is made. */
    static final class BoundWatch {
        int samples;
        int violations;
        double worstRatio;
    }

    /**
     * Four clients ask a GPS reference every second over paths that are slow, jittery and lopsided (5 ms at
     * least each way, 15 ms out and 40 ms back on average, so delays often sit at the minimum): thousands of
     * exchanges, and every estimate is within the bound the client states for it.
     */
    @Test
    void theEstimateStaysWithinItsStatedBoundInThousandsOfSeededExchanges() {
        for (long seed = 1; seed <= 2; seed++) {
            BoundWatch w = run(seed, false);
            assertTrue(w.samples >= 7_000, "exchanges: " + w.samples);
            assertEquals(0, w.violations, "seed " + seed);
            assertTrue(w.worstRatio > 0.9, "the bound is tight, not vacuous: worst error / bound " + w.worstRatio);
        }
    }

    @Test
    void ignoringTheRoundTripBreaksTheBound() {
        BoundWatch w = run(1, true);
        assertTrue(w.violations > w.samples / 2, w.violations + " of " + w.samples);
    }

    private static BoundWatch run(long seed, boolean ignoreRoundTrip) {
        ClockConfig cfg = ClockConfig.defaults().withMaxRoundTrip(Micros.ofMillis(500))
                .withPollInterval(Micros.ofSeconds(1)).withAssumedMinDelay(Micros.ofMillis(5))
                .withWhatIfIgnoreRoundTrip(ignoreRoundTrip);
        ClockNetwork net = new ClockNetwork(cfg, SimConfig.seeded(seed).withoutCheckpoints().withoutTraceRetention());
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        LinkProfile out = new LinkProfile(Micros.ofMillis(5), Micros.ofMillis(15), Micros.ofMillis(8), 0, 0, 0);
        LinkProfile back = new LinkProfile(Micros.ofMillis(5), Micros.ofMillis(40), Micros.ofMillis(30), 0, 0, 0);
        for (int i = 0; i < 4; i++) {
            NodeId c = net.addNode(ClockKind.QUARTZ);
            net.setLink(c, ref, out);
            net.setLink(ref, c, back);
        }
        net.useCristian(ref);
        BoundWatch w = new BoundWatch();
        net.simulation().trace().addListener(e -> {
            if (e instanceof TraceEvent.ProtocolEvent p && p.detail() instanceof ClockEvent.SyncSample s) {
                // The client has not applied the estimate yet: compare it with the server's clock now.
                double error = s.offsetNanos() - net.trueCorrectionNanos(p.node(), s.server());
                w.samples++;
                if (Math.abs(error) > s.errorBoundNanos() + 1) {
                    w.violations++;
                }
                w.worstRatio = Math.max(w.worstRatio, Math.abs(error) / Math.max(1, s.errorBoundNanos()));
            }
        });
        net.simulation().runUntil(Micros.ofSeconds(1_900));
        return w;
    }

    @Test
    void aClientSetsItsClockFromTheServersAnswerAndRecordsTheExchange() {
        ClockConfig cfg = ClockConfig.defaults().withPollInterval(Micros.ofSeconds(10))
                .withAssumedMinDelay(Micros.ofMillis(10));
        ClockNetwork net = new ClockNetwork(cfg, SimConfig.seeded(3).withDefaultLink(LinkProfile.fixed(Micros.ofMillis(10))));
        NodeId server = net.addNode(ClockTesting.exact(0, 0));
        NodeId client = net.addNode(ClockTesting.exact(250, 40));
        net.useCristian(server);
        net.simulation().runUntil(Micros.ofSeconds(5));
        List<ClockTesting.Fact<ClockEvent.SyncSample>> samples =
                ClockTesting.facts(net.simulation(), ClockEvent.SyncSample.class, client);
        assertEquals(1, samples.size());
        ClockEvent.SyncSample s = samples.get(0).detail();
        assertEquals(server, s.server());
        assertEquals(20_000_000L, s.delayNanos(), 1_000.0, "the round trip, measured on the client's clock (40 ppm fast)");
        assertEquals(0, s.errorBoundNanos(), 2_000.0, "fixed 10 ms each way: the minimum is the whole story");
        // The exchange is symmetric, so the estimate is exact up to the client's drift over the round trip; since
        // the step the client has gained 40 ppm.
        long steppedAt = ClockTesting.facts(net.simulation(), ClockEvent.ClockAdjusted.class, client).get(0)
                .timeMicros();
        assertEquals(40e-6 * (Micros.ofSeconds(5) - steppedAt) * 1000, net.offsetFromTrueTimeNanos(client), 2_000);
        ClockNodeState st = net.state(client);
        assertEquals(SyncAlgorithm.CRISTIAN, st.lastSync().algorithm());
        assertEquals(ClockEvent.Adjustment.STEP, st.lastSync().adjustment(), "the first correction steps");
        assertEquals(-(250e6 + 40e-6 * steppedAt * 1000), st.lastSync().offsetNanos(), 2_000);
        // Later corrections are small and slewed (ntpd's 128 ms rule).
        net.simulation().runUntil(Micros.ofSeconds(60));
        assertEquals(ClockEvent.Adjustment.SLEW, net.state(client).lastSync().adjustment());
        assertTrue(Math.abs(net.offsetFromTrueTimeNanos(client)) < 0.5e6, "40 ppm for 10 s is 0.4 ms at most");
    }

    @Test
    void aOneWayPartitionLosesTheAnswersAndTheClientSaysSo() {
        ClockConfig cfg = ClockConfig.defaults().withPollInterval(Micros.ofSeconds(5));
        ClockNetwork net = new ClockNetwork(cfg, SimConfig.seeded(4));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.ATOMIC);
        NodeId client = net.addNode(ClockTesting.exact(0, 100));
        net.useCristian(ref);
        net.simulation().runUntil(Micros.ofSeconds(30));
        int before = ClockTesting.facts(net.simulation(), ClockEvent.SyncSample.class, client).size();
        net.blockOneWay(ref, client); // requests still arrive; answers do not
        net.simulation().runUntil(Micros.ofSeconds(130));
        assertEquals(before, ClockTesting.facts(net.simulation(), ClockEvent.SyncSample.class, client).size());
        List<ClockTesting.Fact<ClockEvent.SyncRejected>> rejected =
                ClockTesting.facts(net.simulation(), ClockEvent.SyncRejected.class, client);
        assertFalse(rejected.isEmpty());
        assertTrue(rejected.get(0).detail().reason().startsWith("no answer"), rejected.get(0).toString());
        // 100 ppm for 100 s without correction: about 10 ms off.
        assertEquals(10e6, net.offsetFromTrueTimeNanos(client), 1.5e6);
        net.heal();
        net.simulation().runUntil(Micros.ofSeconds(136));
        assertTrue(ClockTesting.facts(net.simulation(), ClockEvent.SyncSample.class, client).size() > before,
                "answers arrive again after the heal");
        // The 10 ms correction is slewed at 500 ppm: 20 s.
        net.simulation().runUntil(Micros.ofSeconds(160));
        assertTrue(Math.abs(net.offsetFromTrueTimeNanos(client)) < 1e6, "synchronized again");
    }
}
