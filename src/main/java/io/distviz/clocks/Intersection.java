package io.distviz.clocks;

import io.distviz.sim.NodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NTP's selection (RFC 5905, section 11.2.1; Marzullo's algorithm as ntpd adapted it). Each server's
 * correctness interval is its offset ± its root distance: if the server tells the truth, the true offset lies
 * inside. The algorithm looks for the smallest number f of liars such that the intervals of the other n − f
 * share a point, with f below half of n; the shared part is the intersection interval. A server whose interval
 * misses it is a falseticker; the rest are truechimers.
 *
 * <p>The survivors' offsets are combined weighted by the inverse of their root distance, as RFC 5905's combine
 * step does. Every truechimer's interval contains the true offset, so the combination is wrong by at most the
 * same weighted mean of their root distances; that is the error bound reported. (ntpd's clustering step, which
 * prunes survivors by jitter, is left out.)
 */
public final class Intersection {

    /** One server's say: its offset and root distance. */
    public record Candidate(NodeId server, long offsetNanos, long rootDistanceNanos) {
        public Candidate {
            if (rootDistanceNanos < 0) {
                throw new IllegalArgumentException("a root distance cannot be negative: " + rootDistanceNanos);
            }
        }
    }

    /**
     * The outcome. With no majority {@code found} is false, {@code truechimers} empty and every candidate a
     * falseticker.
     *
     * @param systemPeer the truechimer with the lowest root distance (first by name on a tie)
     */
    public record Result(boolean found, long lowNanos, long highNanos, List<NodeId> truechimers,
                         List<NodeId> falsetickers, NodeId systemPeer, long offsetNanos, long errorBoundNanos) {
    }

    private record Endpoint(long edge, int type) {
    }

    private Intersection() {
    }

    public static Result select(List<Candidate> candidates) {
        int n = candidates.size();
        List<Endpoint> ends = new ArrayList<>();
        for (Candidate c : candidates) {
            ends.add(new Endpoint(c.offsetNanos() - c.rootDistanceNanos(), -1));
            ends.add(new Endpoint(c.offsetNanos(), 0));
            ends.add(new Endpoint(c.offsetNanos() + c.rootDistanceNanos(), +1));
        }
        // Lower ends before midpoints before upper ends at the same place, so intervals that touch overlap.
        ends.sort(Comparator.comparingLong(Endpoint::edge).thenComparingInt(Endpoint::type));
        for (int allow = 0; 2 * allow < n; allow++) {
            int found = 0;
            int chime = 0;
            long low = Long.MAX_VALUE;
            for (Endpoint e : ends) {
                chime -= e.type();
                if (chime >= n - allow) {
                    low = e.edge();
                    break;
                }
                if (e.type() == 0) {
                    found++;
                }
            }
            chime = 0;
            long high = Long.MIN_VALUE;
            for (int i = ends.size() - 1; i >= 0; i--) {
                Endpoint e = ends.get(i);
                chime += e.type();
                if (chime >= n - allow) {
                    high = e.edge();
                    break;
                }
                if (e.type() == 0) {
                    found++;
                }
            }
            // More midpoints outside than liars allowed: the intersection is not trustworthy yet.
            if (found > allow || low > high) {
                continue;
            }
            return survivors(candidates, low, high);
        }
        List<NodeId> all = new ArrayList<>();
        for (Candidate c : candidates) {
            all.add(c.server());
        }
        return new Result(false, 0, 0, List.of(), all, null, 0, 0);
    }

    private static Result survivors(List<Candidate> candidates, long low, long high) {
        List<NodeId> truechimers = new ArrayList<>();
        List<NodeId> falsetickers = new ArrayList<>();
        double weights = 0;
        double weightedOffset = 0;
        Candidate peer = null;
        for (Candidate c : candidates) {
            if (c.offsetNanos() + c.rootDistanceNanos() < low || c.offsetNanos() - c.rootDistanceNanos() > high) {
                falsetickers.add(c.server());
                continue;
            }
            truechimers.add(c.server());
            double w = 1.0 / Math.max(1, c.rootDistanceNanos());
            weights += w;
            weightedOffset += w * c.offsetNanos();
            if (peer == null || c.rootDistanceNanos() < peer.rootDistanceNanos()
                    || (c.rootDistanceNanos() == peer.rootDistanceNanos() && c.server().compareTo(peer.server()) < 0)) {
                peer = c;
            }
        }
        long offset = Math.round(weightedOffset / weights);
        // Σ wᵢλᵢ / Σ wᵢ with wᵢ = 1/λᵢ is the number of survivors over Σ 1/λᵢ.
        long bound = (long) Math.ceil(truechimers.size() / weights);
        return new Result(true, low, high, truechimers, falsetickers, peer.server(), offset, bound);
    }
}
