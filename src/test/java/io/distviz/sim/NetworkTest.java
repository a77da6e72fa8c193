package io.distviz.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");

    private static Simulation probes(LinkProfile link) {
        Simulation sim = new Simulation(SimConfig.seeded(11).withDefaultLink(link));
        for (NodeId id : List.of(A, B, C)) {
            sim.perform(new Actions.AddNode(id, Probe.factory()));
        }
        return sim;
    }

    private static void send(Simulation sim, NodeId from, NodeId to, int count) {
        for (int i = 0; i < count; i++) {
            sim.perform(new Actions.Command(from, new Probe.SendTo(to, from + "" + i)));
        }
    }

    private static <T extends TraceEvent> List<T> events(Simulation sim, Class<T> type) {
        return sim.trace().events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void lossDropsAboutTheConfiguredFraction() {
        Simulation sim = probes(LinkProfile.fixed(1_000).withLoss(0.3));
        send(sim, A, B, 4_000);
        sim.runFor(Micros.ofSeconds(1));
        long lost = events(sim, TraceEvent.MessageDropped.class).stream()
                .filter(d -> d.reason() == DropReason.LOSS).count();
        double fraction = lost / 4_000.0;
        assertTrue(fraction > 0.27 && fraction < 0.33, "lost fraction " + fraction);
        assertEquals(4_000 - lost, events(sim, TraceEvent.MessageDelivered.class).size());
    }

    @Test
    void aPerfectLinkDeliversEverythingAfterItsLatency() {
        Simulation sim = probes(LinkProfile.fixed(2_500));
        send(sim, A, B, 100);
        sim.runFor(Micros.ofSeconds(1));
        List<TraceEvent.MessageDelivered> delivered = events(sim, TraceEvent.MessageDelivered.class);
        assertEquals(100, delivered.size());
        assertTrue(delivered.stream().allMatch(d -> d.timeMicros() == 2_500
                && d.message().deliverAtMicros() - d.message().sentAtMicros() == 2_500));
    }

    @Test
    void latencyNeverBeatsTheMinimumAndCentresOnTheMean() {
        Simulation sim = probes(new LinkProfile(4_000, 10_000, 3_000, 0, 0, 1.0));
        send(sim, A, B, 3_000);
        sim.runFor(Micros.ofSeconds(1));
        List<TraceEvent.MessageDelivered> delivered = events(sim, TraceEvent.MessageDelivered.class);
        // Reordering is on, so the extra hold-back (uniform up to 2 x mean) adds a mean on average.
        double mean = delivered.stream().mapToLong(d -> d.timeMicros() - d.message().sentAtMicros()).average()
                .orElseThrow();
        assertTrue(delivered.stream().allMatch(d -> d.timeMicros() - d.message().sentAtMicros() >= 4_000));
        assertTrue(mean > 19_000 && mean < 21_000, "mean delay " + mean);
    }

    @Test
    void withoutReorderingALinkIsFifo() {
        Simulation sim = probes(new LinkProfile(1_000, 10_000, 8_000, 0, 0, 0));
        for (int i = 0; i < 200; i++) {
            send(sim, A, B, 1);
            sim.runFor(300); // messages overlap in flight: their sampled delays differ by far more
        }
        sim.runFor(Micros.ofSeconds(1));
        List<Long> order = events(sim, TraceEvent.MessageDelivered.class).stream()
                .map(d -> d.message().id()).toList();
        List<Long> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(200, order.size());
        assertEquals(sorted, order);
    }

    @Test
    void reorderingLetsLaterMessagesOvertake() {
        Simulation sim = probes(new LinkProfile(1_000, 10_000, 1_000, 0, 0, 0.3));
        for (int i = 0; i < 200; i++) {
            send(sim, A, B, 1);
            sim.runFor(300);
        }
        sim.runFor(Micros.ofSeconds(1));
        List<Long> order = events(sim, TraceEvent.MessageDelivered.class).stream()
                .map(d -> d.message().id()).toList();
        List<Long> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(200, order.size());
        assertNotEquals(sorted, order);
    }

    @Test
    void duplicationDeliversSomeMessagesTwiceUnderTheSameId() {
        Simulation sim = probes(LinkProfile.fixed(1_000).withDuplication(0.2));
        send(sim, A, B, 2_000);
        sim.runFor(Micros.ofSeconds(1));
        List<TraceEvent.MessageDelivered> delivered = events(sim, TraceEvent.MessageDelivered.class);
        long copies = delivered.stream().filter(d -> d.message().copy() == 1).count();
        assertTrue(copies > 340 && copies < 460, "copies " + copies);
        assertEquals(2_000 + copies, delivered.size());
        assertEquals(copies, ((Probe) sim.node(B)).seen().size() - 2_000L);
    }

    @Test
    void aPartitionBlocksBothWaysBetweenGroupsButNotWithinAGroupAndHealRestores() {
        Simulation sim = probes(LinkProfile.fixed(1_000));
        sim.perform(new Actions.Partition(List.of(Set.of(A, B), Set.of(C))));
        send(sim, A, C, 1);
        send(sim, C, B, 1);
        send(sim, A, B, 1);
        sim.runFor(10_000);
        List<TraceEvent.MessageDropped> dropped = events(sim, TraceEvent.MessageDropped.class);
        assertEquals(2, dropped.size());
        assertTrue(dropped.stream().allMatch(d -> d.reason() == DropReason.PARTITION));
        assertEquals(1, events(sim, TraceEvent.MessageDelivered.class).size());

        sim.perform(new Actions.Heal());
        send(sim, A, C, 1);
        sim.runFor(10_000);
        assertEquals(2, events(sim, TraceEvent.MessageDelivered.class).size());
    }

    @Test
    void aOneWayBlockStopsOnlyOneDirection() {
        Simulation sim = probes(LinkProfile.fixed(1_000));
        sim.perform(new Actions.BlockOneWay(A, B));
        send(sim, A, B, 1);
        send(sim, B, A, 1);
        sim.runFor(10_000);
        assertEquals(List.of(), ((Probe) sim.node(B)).seen());
        assertEquals(1, ((Probe) sim.node(A)).seen().size());
    }

    @Test
    void aPartitionMadeWhileAMessageIsInFlightStopsIt() {
        Simulation sim = probes(LinkProfile.fixed(5_000));
        send(sim, A, B, 1);
        sim.runFor(2_000);
        assertEquals(1, sim.inFlight().size());
        sim.perform(new Actions.Partition(List.of(Set.of(A), Set.of(B))));
        sim.runFor(10_000);
        assertEquals(DropReason.PARTITION, events(sim, TraceEvent.MessageDropped.class).get(0).reason());
        assertEquals(List.of(), sim.inFlight());
    }

    @Test
    void linkProfilesCanChangeWhileRunningAndPerLinkOverridesWin() {
        Simulation sim = probes(LinkProfile.fixed(1_000));
        sim.perform(new Actions.SetLink(A, B, LinkProfile.fixed(7_000)));
        send(sim, A, B, 1);
        send(sim, A, C, 1);
        sim.runFor(20_000);
        sim.perform(new Actions.SetDefaultLink(LinkProfile.fixed(3_000)));
        sim.perform(new Actions.SetLink(A, B, null));
        send(sim, A, B, 1);
        sim.runFor(20_000);
        // In send order: A->B on its own 7 ms profile, A->C on the 1 ms default, then A->B on the new default.
        assertEquals(List.of(7_000L, 1_000L, 3_000L), events(sim, TraceEvent.MessageDelivered.class).stream()
                .sorted(java.util.Comparator.comparingLong(d -> d.message().id()))
                .map(d -> d.timeMicros() - d.message().sentAtMicros()).toList());
    }

    @Test
    void inFlightMessagesCarryTheirSendAndDeliveryTimes() {
        Simulation sim = probes(LinkProfile.fixed(4_000));
        send(sim, A, B, 1);
        sim.runFor(1_000);
        Message m = sim.snapshot().inFlight().get(0);
        assertEquals(0, m.sentAtMicros());
        assertEquals(4_000, m.deliverAtMicros());
        assertEquals(0.25, m.progressAt(sim.nowMicros()), 1e-9);
    }

    @Test
    void unknownNodesAndBadProfilesAreRefusedWithAClearMessage() {
        Simulation sim = probes(LinkProfile.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.perform(new Actions.BlockOneWay(A, NodeId.of("zz"))));
        assertTrue(e.getMessage().contains("zz"), e.getMessage());
        assertTrue(Stream.of(
                assertThrows(IllegalArgumentException.class, () -> new LinkProfile(5, 4, 0, 0, 0, 0)),
                assertThrows(IllegalArgumentException.class, () -> LinkProfile.DEFAULT.withLoss(1.5)),
                assertThrows(IllegalArgumentException.class, () -> LinkProfile.DEFAULT.withLoss(Double.NaN)))
                .allMatch(x -> !x.getMessage().isBlank()));
        int traceSize = sim.trace().size();
        assertThrows(IllegalStateException.class, () -> sim.perform(new Actions.Restart(A)));
        assertEquals(traceSize, sim.trace().size(), "a refused action leaves no trace");
        assertEquals(3, sim.actions().size(), "and is not logged");
    }
}
