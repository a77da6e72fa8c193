package io.distviz.chord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The invariant checker: a global look at every running member's pointers, which the protocol never takes.
 * Invariants follow Zave ("Reasoning about identifier spaces: how to make Chord correct", section III). A
 * member's <em>best successor</em> is the first entry of its successor list that is a running member.
 *
 * @param members       running members
 * @param ringSize      members on the cycle(s) of best-successor pointers
 * @param violations    broken invariants, empty when all hold
 * @param ideal         every pointer and finger exact (what stabilization converges to once churn stops)
 * @param wrongSuccessorLists members whose successor list is not the next r members
 * @param wrongPredecessors   members whose predecessor is not the previous member
 * @param wrongFingers        finger entries that are not successor(start)
 */
public record RingCheck(int members, int ringSize, List<Violation> violations, boolean ideal,
                        int wrongSuccessorLists, int wrongPredecessors, int wrongFingers) {

    public enum Invariant {
        AT_LEAST_ONE_RING("at least one ring"),
        AT_MOST_ONE_RING("at most one ring"),
        ORDERED_RING("the ring is ordered by identifier"),
        ORDERED_SUCCESSOR_LISTS("successor lists are in ring order"),
        NO_DUPLICATES("no duplicate identifiers or list entries"),
        LIVE_SUCCESSOR("every member has a live successor");

        private final String text;

        Invariant(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One broken invariant, with the node where it shows. */
    public record Violation(Invariant invariant, String detail) {
        @Override
        public String toString() {
            return invariant.text() + " is broken: " + detail;
        }
    }

    /** Whether every invariant holds (the ring may still be converging: see {@link #ideal}). */
    public boolean ok() {
        return violations.isEmpty();
    }

    static RingCheck of(ChordRing ring) {
        IdentifierCircle circle = ring.circle();
        List<NodeRef> sorted = ring.liveMembers();
        Map<String, ChordNodeState> byAddress = new HashMap<>();
        for (ChordNodeState s : ring.states()) {
            if (s.phase() == ChordNode.Phase.MEMBER) {
                byAddress.put(s.self().address().name(), s);
            }
        }
        List<Violation> violations = new ArrayList<>();
        int n = sorted.size();
        if (n == 0) {
            return new RingCheck(0, 0, violations, true, 0, 0, 0);
        }
        for (int i = 1; i < n; i++) {
            if (sorted.get(i).id() == sorted.get(i - 1).id()) {
                violations.add(new Violation(Invariant.NO_DUPLICATES, sorted.get(i - 1).address() + " and "
                        + sorted.get(i).address() + " share identifier " + sorted.get(i).id()));
            }
        }
        // Best successors, and the ordered-list checks.
        Map<String, NodeRef> best = new HashMap<>();
        for (NodeRef m : sorted) {
            ChordNodeState s = byAddress.get(m.address().name());
            NodeRef b = null;
            long lastDistance = 0;
            List<String> seen = new ArrayList<>();
            for (NodeRef e : s.successors()) {
                String a = e.address().name();
                if (seen.contains(a)) {
                    violations.add(new Violation(Invariant.NO_DUPLICATES, m.address() + " lists " + a + " twice"));
                }
                seen.add(a);
                long d = circle.distance(m.id(), e.id());
                if (!(s.successors().size() == 1 && a.equals(m.address().name())) && d <= lastDistance) {
                    violations.add(new Violation(Invariant.ORDERED_SUCCESSOR_LISTS, m.address()
                            + "'s successor list " + s.successors() + " is out of ring order at " + e));
                }
                lastDistance = d;
                if (b == null && byAddress.containsKey(a)) {
                    b = e;
                }
            }
            if (b == null) {
                violations.add(new Violation(Invariant.LIVE_SUCCESSOR, m.address()
                        + " has no live member in its successor list " + s.successors()));
            } else {
                best.put(m.address().name(), b);
            }
        }
        // Cycles of the best-successor graph: colour each walk; a walk that meets itself found a cycle.
        Map<String, Integer> walkOf = new HashMap<>();
        List<List<NodeRef>> cycles = new ArrayList<>();
        int walk = 0;
        for (NodeRef start : sorted) {
            if (walkOf.containsKey(start.address().name())) {
                continue;
            }
            walk++;
            List<NodeRef> path = new ArrayList<>();
            NodeRef cur = start;
            while (cur != null && !walkOf.containsKey(cur.address().name())) {
                walkOf.put(cur.address().name(), walk);
                path.add(cur);
                cur = best.get(cur.address().name());
            }
            if (cur != null && walkOf.get(cur.address().name()) == walk) {
                int from = indexOfAddress(path, cur);
                cycles.add(new ArrayList<>(path.subList(from, path.size())));
            }
        }
        int ringSize = 0;
        for (List<NodeRef> c : cycles) {
            ringSize += c.size();
        }
        if (cycles.isEmpty()) {
            violations.add(new Violation(Invariant.AT_LEAST_ONE_RING, "following successors never comes back"));
        } else if (cycles.size() > 1) {
            StringBuilder sb = new StringBuilder(cycles.size() + " separate rings:");
            for (List<NodeRef> c : cycles) {
                sb.append(' ').append(c);
            }
            violations.add(new Violation(Invariant.AT_MOST_ONE_RING, sb.toString()));
        }
        for (List<NodeRef> c : cycles) {
            // An ordered ring goes round the circle exactly once.
            long laps = 0;
            long size = circle.size();
            long sum = 0;
            for (int i = 0; i < c.size(); i++) {
                long d = circle.distance(c.get(i).id(), c.get((i + 1) % c.size()).id());
                sum += d == 0 ? size : d;
                if (sum >= size) {
                    laps += sum / size;
                    sum %= size;
                }
            }
            if (laps != 1 || sum != 0) {
                violations.add(new Violation(Invariant.ORDERED_RING, "the ring " + c + " goes round the circle "
                        + (sum == 0 ? laps + " times" : "an uneven number of times")));
            }
        }
        // Ideal: exact successor lists, predecessors and fingers.
        int r = ring.config().successorListLength();
        boolean checkFingers = ring.config().fixFingersMicros() > 0;
        int wrongLists = 0;
        int wrongPreds = 0;
        int wrongFingers = 0;
        for (int i = 0; i < n; i++) {
            NodeRef m = sorted.get(i);
            ChordNodeState s = byAddress.get(m.address().name());
            List<NodeRef> expected = new ArrayList<>();
            for (int j = 1; j <= Math.min(r, n - 1); j++) {
                expected.add(sorted.get((i + j) % n));
            }
            if (expected.isEmpty()) {
                expected.add(m);
            }
            if (!expected.equals(s.successors())) {
                wrongLists++;
            }
            NodeRef expectedPred = n == 1 ? null : sorted.get((i - 1 + n) % n);
            if (!Objects.equals(expectedPred, s.predecessor())
                    && !(n == 1 && m.equals(s.predecessor()))) {
                wrongPreds++;
            }
            if (checkFingers) {
                for (ChordNodeState.Finger f : s.fingers()) {
                    if (!Objects.equals(f.node(), ChordRing.successorAmong(sorted, f.start()))) {
                        wrongFingers++;
                    }
                }
            }
        }
        boolean ideal = violations.isEmpty() && wrongLists == 0 && wrongPreds == 0 && wrongFingers == 0
                && ringSize == n;
        return new RingCheck(n, ringSize, List.copyOf(violations), ideal, wrongLists, wrongPreds, wrongFingers);
    }

    private static int indexOfAddress(List<NodeRef> path, NodeRef n) {
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).address().equals(n.address())) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        if (!violations.isEmpty()) {
            return violations.size() + " invariant(s) broken: " + violations;
        }
        if (ideal) {
            return "ideal ring of " + members + " members";
        }
        return "invariants hold; not yet ideal (" + wrongSuccessorLists + " successor lists, " + wrongPredecessors
                + " predecessors, " + wrongFingers + " fingers still wrong; " + ringSize + " of " + members
                + " members on the ring)";
    }
}
