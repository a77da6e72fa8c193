package io.distviz.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.clocks.logical.LogicalClocks;
import io.distviz.clocks.logical.LogicalStamp;
import io.distviz.clocks.logical.LogicalTimeline;
import io.distviz.clocks.logical.VectorClock;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.sim.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The incremental stamps are {@link LogicalClocks}' stamps, however the work is split and whatever forks. */
class StampCacheTest {

    @Test
    void lamportStampsBuiltInSlicesWhileTheRunGrowsAreLogicalClocksStamps() {
        ProtocolDriver d = RaftRuns.run(11, 3_000_000);
        List<TraceEvent> live = d.simulation().trace().events();
        StampCache cache = new StampCache();
        // Part of the run, in small slices, as frames would.
        int firstPart = live.size();
        while (!cache.extendLamport(live, firstPart, 777)) {
            assertTrue(cache.lamportUpTo() < firstPart);
        }
        d.simulation().runUntil(5_000_000);
        assertTrue(live.size() > firstPart, "the run went on");
        assertTrue(cache.extendLamport(live, live.size(), Integer.MAX_VALUE));

        LogicalTimeline expected = LogicalClocks.stamp(live);
        for (int i = 0; i < live.size(); i++) {
            LogicalStamp s = expected.at(i);
            assertEquals(s == null ? 0 : s.lamport(), cache.lamport(i), "Lamport clock of event " + i);
        }
    }

    @Test
    void vectorClocksOfAnyWindowAreLogicalClocksVectors() {
        ProtocolDriver d = RaftRuns.run(12, 40_000_000);
        List<TraceEvent> events = List.copyOf(d.simulation().trace().events());
        assertTrue(events.size() > 3 * StampCache.CHECKPOINT_EVERY, "windows on both sides of checkpoints: " + events.size());
        LogicalTimeline expected = LogicalClocks.stamp(events);
        StampCache cache = new StampCache();
        int[][] windows = {{0, 50}, {StampCache.CHECKPOINT_EVERY - 20, StampCache.CHECKPOINT_EVERY + 20},
            {2 * StampCache.CHECKPOINT_EVERY + 7, 2 * StampCache.CHECKPOINT_EVERY + 900},
            {events.size() - 300, events.size()}};
        for (int[] w : windows) {
            while (!cache.extendVectors(events, w[0] + 1, 1_000)) {
                assertTrue(cache.vectorUpTo() <= w[0]);
            }
            Map<Integer, VectorClock> got = cache.vectors(events, w[0], w[1]);
            for (int i = w[0]; i < w[1]; i++) {
                LogicalStamp s = expected.at(i);
                assertEquals(s == null ? null : s.vector(), got.get(i), "vector clock of event " + i);
            }
        }
    }

    @Test
    void afterAForkTheStampsAreThoseOfTheNewTimeline() {
        List<TraceEvent> first = List.copyOf(RaftRuns.run(13, 3_000_000).simulation().trace().events());
        List<TraceEvent> other = List.copyOf(RaftRuns.run(14, 3_000_000).simulation().trace().events());
        StampCache cache = new StampCache();
        cache.extendLamport(first, first.size(), Integer.MAX_VALUE);
        cache.extendVectors(first, first.size(), Integer.MAX_VALUE);
        // The timeline forks: the first half of the first run, then another run's events.
        List<TraceEvent> forked = new ArrayList<>(first.subList(0, first.size() / 2));
        forked.addAll(other.subList(other.size() / 2, other.size()));
        cache.clear();
        assertFalse(cache.lamportUpTo() > 0);
        cache.extendLamport(forked, forked.size(), Integer.MAX_VALUE);
        cache.extendVectors(forked, forked.size(), Integer.MAX_VALUE);
        LogicalTimeline expected = LogicalClocks.stamp(forked);
        Map<Integer, VectorClock> vectors = cache.vectors(forked, forked.size() - 500, forked.size());
        for (int i = 0; i < forked.size(); i++) {
            LogicalStamp s = expected.at(i);
            assertEquals(s == null ? 0 : s.lamport(), cache.lamport(i), "Lamport clock of event " + i);
            if (i >= forked.size() - 500) {
                assertEquals(s == null ? null : s.vector(), vectors.get(i), "vector clock of event " + i);
            }
        }
    }
}
