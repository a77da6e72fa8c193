package io.distviz.raft.check;

import io.distviz.sim.SimRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Histories made by running operations on a sequential map at random points inside random overlapping
 * intervals, so they are linearizable by construction; then broken on purpose.
 */
class RandomizedHistoryTest {
    private static final List<String> THREE_KEYS = List.of("a", "b", "c");
    private static final long BUDGET = 2_000_000;

    private static KvHistory eightClients(long seed, List<String> keys, List<String> valuePool) {
        return Histories.linearizable(new SimRandom(seed), 8, 200, keys, valuePool, 0.02, 60);
    }

    @Test
    void eightClientsTwoHundredOpsThreeKeysAreLinearizable() {
        for (long seed = 1; seed <= 3; seed++) {
            KvHistory h = eightClients(seed, THREE_KEYS, null);
            LinearizabilityResult r = Linearizability.check(h, BUDGET);
            assertTrue(r.linearizable(), "seed " + seed + ": " + r.explanation());
            assertEquals(3, r.keysChecked());
            assertTrue(r.explanation().startsWith("linearizable: 1600 operations on 3 keys"), r.explanation());
        }
    }

    @Test
    void oneHotKeyWithRepeatedValuesIsLinearizable() {
        // All 1600 operations on one key, values drawn from three: many orders explain each read.
        KvHistory h = eightClients(7, List.of("hot"), List.of("1", "2", "3"));
        LinearizabilityResult r = Linearizability.check(h, BUDGET);
        assertTrue(r.linearizable(), r.explanation());
        assertEquals(1, r.keysChecked());
    }

    @Test
    void aGetOfAValueNeverWrittenIsCaught() {
        KvHistory h = eightClients(11, THREE_KEYS, null);
        int i = completedGetNear(h, h.size() / 2);
        KvOperation g = h.operations().get(i);
        KvHistory bad = Histories.replace(h, i,
                KvOperation.get(g.clientId(), g.key(), "never-written", g.invokeMicros(), g.responseMicros()));
        LinearizabilityResult r = Linearizability.check(bad, BUDGET);
        assertTrue(r.violated(), r.toString());
        assertEquals(g.key(), r.badKey());
        assertTrue(r.explanation().contains("never-written") && r.explanation().contains(g.key()), r.explanation());
    }

    @Test
    void aStaleGetDeepInsideTheHistoryIsCaughtByTheSearch() {
        for (long seed = 21; seed <= 23; seed++) {
            KvHistory h = eightClients(seed, THREE_KEYS, null);
            int i = completedGetNear(h, h.size() * 3 / 4);
            KvOperation g = h.operations().get(i);
            String stale = overwrittenBefore(h, g);
            KvHistory bad = Histories.replace(h, i,
                    KvOperation.get(g.clientId(), g.key(), stale, g.invokeMicros(), g.responseMicros()));
            LinearizabilityResult r = Linearizability.check(bad, BUDGET);
            assertTrue(r.violated(), "seed " + seed + ": " + r);
            assertEquals(g.key(), r.badKey());
            assertTrue(r.steps() > 0, "the value was written once, so only the search can tell");
            assertTrue(r.explanation().contains("(" + g.key() + ")"), r.explanation());
        }
    }

    @Test
    void runningOutOfBudgetOnALargeHistoryIsUndecided() {
        KvHistory h = eightClients(41, THREE_KEYS, null);
        long needed = Linearizability.check(h, BUDGET).steps();
        LinearizabilityResult r = Linearizability.check(h, needed / 2);
        assertTrue(r.undecided());
        assertFalse(r.linearizable());
        assertEquals(needed / 2, r.steps());
        assertTrue(r.keysChecked() < 3);
    }

    @Test
    void sameHistorySameAnswerStepsAndExplanation() {
        KvHistory h = eightClients(51, THREE_KEYS, null);
        int i = completedGetNear(h, h.size() / 3);
        KvOperation g = h.operations().get(i);
        KvHistory bad = Histories.replace(h, i, KvOperation.get(g.clientId(), g.key(), overwrittenBefore(h, g),
                g.invokeMicros(), g.responseMicros()));
        assertEquals(Linearizability.check(bad, BUDGET), Linearizability.check(bad, BUDGET));
        assertEquals(Linearizability.check(h, BUDGET), Linearizability.check(h, BUDGET));
        assertEquals(h, eightClients(51, THREE_KEYS, null), "the generator is seeded");
    }

    @Test
    void manyUnansweredRequestsOnOneKeyStayCheap() {
        // One in ten requests gets no answer (half of those still take effect): each could land anywhere later.
        KvHistory h = Histories.linearizable(new SimRandom(61), 8, 200, List.of("k"), null, 0.1, 60);
        LinearizabilityResult r = Linearizability.check(h, BUDGET);
        assertTrue(r.linearizable(), r.explanation());
        int i = completedGetNear(h, h.size() * 7 / 8);
        KvOperation g = h.operations().get(i);
        KvHistory bad = Histories.replace(h, i, KvOperation.get(g.clientId(), g.key(), overwrittenBefore(h, g),
                g.invokeMicros(), g.responseMicros()));
        LinearizabilityResult broken = Linearizability.check(bad, BUDGET);
        assertTrue(broken.violated(), broken.toString());
    }

    /**
     * The checker against the definition on a thousand small histories, many of them broken at random: same
     * answer every time. Two keys, so splitting by key is checked too.
     */
    @Test
    void agreesWithTryingEveryOrderOnSmallHistories() {
        assertAgreesWithTheDefinition(new SimRandom(2024), 1000, 6, List.of("x", "y"), 0.15);
    }

    /**
     * The same on longer one-key histories where a third of the requests get no answer, which is where the
     * search's pruning rules for pending operations do their work.
     */
    @Test
    void agreesWithTheDefinitionWhenManyRequestsGetNoAnswer() {
        assertAgreesWithTheDefinition(new SimRandom(2025), 1000, 20, List.of("x"), 0.35);
    }

    private static void assertAgreesWithTheDefinition(SimRandom random, int rounds, int opsMax, List<String> keys,
                                                      double pendingChance) {
        List<String> values = List.of("1", "2", "3");
        int linearizable = 0;
        int violated = 0;
        for (int round = 0; round < rounds; round++) {
            int clients = 2 + random.nextInt(3);
            int opsPerClient = Math.max(1, (opsMax / 2 + random.nextInt(opsMax / 2 + 1)) / clients);
            KvHistory h = Histories.linearizable(random, clients, opsPerClient, keys, values, pendingChance, 30);
            for (int mutations = random.nextInt(3); mutations > 0; mutations--) {
                int i = random.nextInt(h.size());
                KvOperation op = h.operations().get(i);
                if (op.completed() && op.kind() == KvOperation.Kind.GET) {
                    String other = random.chance(0.25) ? null : values.get(random.nextInt(values.size()));
                    h = Histories.replace(h, i, KvOperation.get(op.clientId(), op.key(), other, op.invokeMicros(),
                            op.responseMicros()));
                } else if (op.completed() && op.kind() == KvOperation.Kind.CAS) {
                    h = Histories.replace(h, i, KvOperation.cas(op.clientId(), op.key(), op.expected(), op.value(),
                            !(Boolean) op.output(), op.invokeMicros(), op.responseMicros()));
                }
            }
            boolean expected = BruteForce.linearizable(h);
            LinearizabilityResult r = Linearizability.check(h, 1_000_000);
            assertFalse(r.undecided());
            assertEquals(expected, r.linearizable(), "round " + round + ": " + h.operations() + " → " + r);
            if (expected) {
                linearizable++;
            } else {
                violated++;
            }
        }
        assertTrue(linearizable > rounds / 10 && violated > rounds / 10,
                linearizable + " linearizable, " + violated + " not");
    }

    private static int completedGetNear(KvHistory h, int from) {
        for (int k = 0; k < h.size(); k++) {
            int i = (from + k) % h.size();
            KvOperation op = h.operations().get(i);
            if (op.kind() == KvOperation.Kind.GET && op.completed() && op.invokeMicros() > 1000) {
                return i;
            }
        }
        throw new AssertionError("no completed get");
    }

    /**
     * A value of g's key that a completed put wrote and that a later completed put or delete overwrote, both
     * finishing before g began: with fresh values per write, reading it at g is certainly stale.
     */
    private static String overwrittenBefore(KvHistory h, KvOperation g) {
        for (KvOperation p : h.operations()) {
            if (p.kind() != KvOperation.Kind.PUT || p.pending() || !p.key().equals(g.key())
                    || p.value().equals(g.output())) {
                continue;
            }
            for (KvOperation q : h.operations()) {
                boolean overwrites = q.kind() == KvOperation.Kind.PUT || q.kind() == KvOperation.Kind.DELETE;
                if (overwrites && q.completed() && q.key().equals(g.key()) && q.invokeMicros() > p.responseMicros()
                        && q.responseMicros() < g.invokeMicros()) {
                    return p.value();
                }
            }
        }
        throw new AssertionError("no overwritten value before " + g);
    }
}
