package io.distviz.chord;

import io.distviz.chord.ChordConfig.LookupStyle;
import io.distviz.chord.ChordConfig.Routing;
import io.distviz.sim.Micros;
import io.distviz.sim.SimConfig;
import io.distviz.sim.SimRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.distviz.chord.ChordTesting.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lookups on a stable ring find the right node in every mode; hop counts grow as the paper says. */
class LookupTest {

    private static ChordRing stableRing(int nodes, Routing routing, LookupStyle style, long seed) {
        ChordConfig config = ChordConfig.defaults().withBits(20).withRouting(routing).withLookupStyle(style)
                .withTimeouts(Micros.ofMillis(200), Micros.ofSeconds(60));
        ChordRing ring = new ChordRing(config, SimConfig.seeded(seed).withoutCheckpoints());
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            addresses.add(ChordRing.address(i));
        }
        ring.placeRing(addresses);
        return ring;
    }

    /** Runs {@code count} lookups of random identifiers from random members; returns their answers. */
    private static List<ChordEvent.LookupDone> lookups(ChordRing ring, int count, long seed) {
        SimRandom random = new SimRandom(seed);
        List<NodeRef> members = ring.liveMembers();
        for (int i = 0; i < count; i++) {
            NodeRef from = members.get(random.nextInt(members.size()));
            ring.lookupId(from.address().name(), random.nextLong(ring.circle().size()));
        }
        ring.simulation().runFor(Micros.ofSeconds(30));
        List<ChordEvent.LookupDone> done = events(ring, ChordEvent.LookupDone.class).stream()
                .filter(d -> d.purpose() == Purpose.LOOKUP).toList();
        assertEquals(count, done.size(), "every lookup finishes");
        assertTrue(events(ring, ChordEvent.LookupFailed.class).isEmpty());
        return done;
    }

    private static double meanHops(List<ChordEvent.LookupDone> done) {
        return done.stream().mapToInt(ChordEvent.LookupDone::hops).average().orElseThrow();
    }

    @ParameterizedTest(name = "{0} routing, {1} lookups")
    @CsvSource({"FINGERS, ITERATIVE", "FINGERS, RECURSIVE", "SUCCESSORS_ONLY, ITERATIVE",
            "SUCCESSORS_ONLY, RECURSIVE"})
    void everyLookupFindsTheResponsibleNode(Routing routing, LookupStyle style) {
        ChordRing ring = stableRing(40, routing, style, 7);
        for (ChordEvent.LookupDone d : lookups(ring, 300, 8)) {
            assertEquals(ring.responsibleFor(d.target()), d.result(), "lookup of " + d.target());
            assertEquals(d.hops(), d.path().size(), "one path entry per hop");
            assertEquals(0, d.timeouts());
        }
    }

    @Test
    void successorRoutingWalksHalfTheRingOnAverage() {
        double small = meanHops(lookups(stableRing(32, Routing.SUCCESSORS_ONLY, LookupStyle.ITERATIVE, 1), 400, 2));
        double large = meanHops(lookups(stableRing(128, Routing.SUCCESSORS_ONLY, LookupStyle.ITERATIVE, 1), 400, 2));
        // A uniformly random target is on average half a ring away: about N/2 hops.
        assertEquals(16, small, 3, "32 nodes");
        assertEquals(64, large, 10, "128 nodes");
        assertEquals(4.0, large / small, 0.8, "linear growth");
    }

    @ParameterizedTest(name = "{0} lookups")
    @CsvSource({"ITERATIVE", "RECURSIVE"})
    void aSuccessorsOnlyLookupWalksTheRingOfAFingerRing(LookupStyle style) {
        ChordRing ring = stableRing(24, Routing.FINGERS, style, 5);
        List<NodeRef> members = ring.liveMembers();
        String from = members.get(0).address().name();
        // The key's successor far round the ring: the walk visits every node before its predecessor.
        NodeRef far = members.get(20);
        long target = far.id();
        ring.lookupId(from, target);
        ring.simulation().runFor(Micros.ofSeconds(5));
        List<ChordEvent.LookupDone> before = events(ring, ChordEvent.LookupDone.class).stream()
                .filter(d -> d.purpose() == Purpose.LOOKUP).toList();
        String key = "walk";
        ring.lookup(from, key, true);
        ring.lookup(from, key, false);
        ring.simulation().runFor(Micros.ofSeconds(5));
        List<ChordEvent.LookupDone> done = events(ring, ChordEvent.LookupDone.class).stream()
                .filter(d -> d.purpose() == Purpose.LOOKUP && key.equals(d.key())).toList();
        assertEquals(2, done.size());
        ChordEvent.LookupDone walk = done.stream().filter(d -> d.path().stream()
                .allMatch(h -> h.route() == Hop.Route.SUCCESSOR)).findFirst().orElseThrow();
        NodeRef answer = ring.responsibleFor(ring.keyId(key));
        for (ChordEvent.LookupDone d : done) {
            assertEquals(answer, d.result(), "both find the responsible node");
        }
        // Walking by successors, the hops are the members strictly between the origin and the answer.
        int between = (members.indexOf(answer) - 1 + members.size()) % members.size();
        assertEquals(between, walk.hops());
        ChordEvent.LookupDone jump = done.get(0) == walk ? done.get(1) : done.get(0);
        assertTrue(jump.hops() <= walk.hops(), "fingers never take more hops: " + jump.hops() + " vs " + walk.hops());
        assertEquals(1, before.size());
        assertTrue(before.get(0).hops() < 20 - 1, "the ring itself still routes by fingers");
    }

    @Test
    void fingerRoutingTakesAboutHalfLog2NHops() {
        double small = meanHops(lookups(stableRing(32, Routing.FINGERS, LookupStyle.ITERATIVE, 3), 400, 4));
        double large = meanHops(lookups(stableRing(512, Routing.FINGERS, LookupStyle.ITERATIVE, 3), 400, 4));
        // Section 6.3: the mean path length is about ½·log2 N (2.5 for 32 nodes, 4.5 for 512).
        assertEquals(2.5, small, 0.8, "32 nodes");
        assertEquals(4.5, large, 0.8, "512 nodes");
        assertTrue(large - small < 3, "16 times the nodes add only a few hops: " + small + " -> " + large);
    }

    @ParameterizedTest(name = "{0} lookups")
    @CsvSource({"ITERATIVE", "RECURSIVE"})
    void lookupsRouteAroundACrashedNodeAndStillAnswerRightly(LookupStyle style) {
        ChordRing ring = stableRing(30, Routing.FINGERS, style, 11);
        List<NodeRef> members = ring.liveMembers();
        // Crash a node that many fingers point to, and look up its successor's range before stabilization
        // has repaired anything: requests that reach it time out and go round it.
        NodeRef victim = members.get(10);
        ring.crash(victim.address().name());
        NodeRef heir = members.get(11);
        int timeouts = 0;
        for (int i = 0; i < 30; i++) {
            NodeRef from = members.get((i * 7 + 13) % members.size());
            if (from.equals(victim)) {
                continue;
            }
            ring.lookupId(from.address().name(), heir.id());
        }
        ring.simulation().runFor(Micros.ofSeconds(20));
        for (ChordEvent.LookupDone d : events(ring, ChordEvent.LookupDone.class)) {
            if (d.purpose() == Purpose.LOOKUP) {
                assertEquals(heir, d.result());
                timeouts += d.timeouts();
                assertTrue(d.path().stream().noneMatch(h -> h.node().equals(victim)), "the path skips the dead node");
            }
        }
        assertTrue(events(ring, ChordEvent.LookupFailed.class).stream().noneMatch(f -> f.purpose() == Purpose.LOOKUP));
        assertTrue(timeouts > 0, "some lookups met the dead node and routed around it");
    }

    @ParameterizedTest(name = "{0} routing, {1} lookups")
    @CsvSource({"FINGERS, RECURSIVE", "SUCCESSORS_ONLY, ITERATIVE", "SUCCESSORS_ONLY, RECURSIVE"})
    void ringsBuiltByJoinsBecomeIdealInEveryMode(Routing routing, LookupStyle style) {
        ChordConfig config = ChordConfig.defaults().withBits(10).withRouting(routing).withLookupStyle(style);
        ChordRing ring = new ChordRing(config, SimConfig.seeded(21).withoutCheckpoints());
        for (int i = 0; i < 10; i++) {
            ring.join(ChordRing.address(i));
            ring.simulation().runFor(Micros.ofMillis(400));
        }
        ring.simulation().runUntil(() -> ring.check().ideal(), Micros.ofSeconds(120));
        assertTrue(ring.check().ideal(), ring.check().toString());
        for (ChordEvent.LookupDone d : lookups(ring, 50, 22)) {
            assertEquals(ring.responsibleFor(d.target()), d.result());
        }
    }
}
