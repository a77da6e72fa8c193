package io.distviz.clocks;

import io.distviz.sim.NodeId;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Berkeley master's arithmetic (Gusella and Zatti, "The accuracy of the clock synchronization achieved by
 * TEMPO in Berkeley UNIX 4.3BSD", 1989). For each follower the master knows how far its clock is from the
 * master's ({@code difference}: the follower's reading plus half the round trip, minus the master's clock) and
 * the round trip itself.
 *
 * <p>Followers whose round trip was longer than the limit are left out entirely: their difference could be off
 * by up to half of it. Among the rest and the master itself (difference 0), the fault-tolerant average takes
 * the largest group of clocks that agree within the bound (if several groups are as large, the one holding
 * the master, then the lowest), so one clock that is far off cannot drag everyone. Every clock with a known
 * difference, outliers included, is then told to move to that average: by {@code average − difference}.
 */
public final class BerkeleyAverage {

    /** What the master measured of one follower. */
    public record Reading(NodeId node, long differenceNanos, long roundTripNanos) implements Serializable {
    }

    /**
     * @param adjustments how far each node should move its clock (the master's own included), in name order
     */
    public record Result(long averageNanos, List<NodeId> averaged, List<NodeId> outliers, List<NodeId> tooSlow,
                         SortedMap<NodeId, Long> adjustments) {
    }

    private BerkeleyAverage() {
    }

    public static Result compute(NodeId master, List<Reading> readings, long maxDeviationNanos,
                                 long maxRoundTripNanos) {
        List<Reading> usable = new ArrayList<>();
        List<NodeId> tooSlow = new ArrayList<>();
        usable.add(new Reading(master, 0, 0));
        for (Reading r : readings) {
            if (r.roundTripNanos() > maxRoundTripNanos) {
                tooSlow.add(r.node());
            } else {
                usable.add(r);
            }
        }
        List<Reading> sorted = new ArrayList<>(usable);
        sorted.sort(Comparator.comparingLong(Reading::differenceNanos).thenComparing(Reading::node));
        int bestStart = 0;
        int bestEnd = 0; // exclusive
        boolean bestHasMaster = false;
        int end = 0;
        for (int start = 0; start < sorted.size(); start++) {
            end = Math.max(end, start);
            while (end < sorted.size()
                    && sorted.get(end).differenceNanos() - sorted.get(start).differenceNanos() <= maxDeviationNanos) {
                end++;
            }
            boolean hasMaster = false;
            for (int i = start; i < end; i++) {
                hasMaster |= sorted.get(i).node().equals(master);
            }
            int size = end - start;
            int bestSize = bestEnd - bestStart;
            if (size > bestSize || (size == bestSize && hasMaster && !bestHasMaster)) {
                bestStart = start;
                bestEnd = end;
                bestHasMaster = hasMaster;
            }
        }
        long sum = 0;
        List<NodeId> averaged = new ArrayList<>();
        for (int i = bestStart; i < bestEnd; i++) {
            sum += sorted.get(i).differenceNanos();
            averaged.add(sorted.get(i).node());
        }
        long average = Math.round(sum / (double) averaged.size());
        List<NodeId> outliers = new ArrayList<>();
        TreeMap<NodeId, Long> adjustments = new TreeMap<>();
        for (Reading r : usable) {
            adjustments.put(r.node(), average - r.differenceNanos());
            if (!averaged.contains(r.node())) {
                outliers.add(r.node());
            }
        }
        averaged.sort(Comparator.naturalOrder());
        outliers.sort(Comparator.naturalOrder());
        tooSlow.sort(Comparator.naturalOrder());
        return new Result(average, averaged, outliers, tooSlow,
                java.util.Collections.unmodifiableSortedMap(adjustments));
    }
}
