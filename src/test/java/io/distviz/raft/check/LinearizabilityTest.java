package io.distviz.raft.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small histories worked by hand. Times are virtual microseconds; every key starts absent. */
class LinearizabilityTest {

    private static LinearizabilityResult check(KvHistory.Builder b) {
        LinearizabilityResult r = Linearizability.check(b.build(), 100_000);
        assertFalse(r.undecided(), "a hand-made history is decided well within the budget: " + r);
        return r;
    }

    private static void assertLinearizable(KvHistory.Builder b) {
        LinearizabilityResult r = check(b);
        assertTrue(r.linearizable(), r.explanation());
        assertNull(r.badKey());
    }

    private static LinearizabilityResult assertViolated(KvHistory.Builder b, String badKey) {
        LinearizabilityResult r = check(b);
        assertTrue(r.violated(), "should not be linearizable: " + r);
        assertFalse(r.linearizable());
        assertEquals(badKey, r.badKey());
        assertTrue(r.explanation().contains(badKey), r.explanation());
        return r;
    }

    // ---- linearizable ----

    @Test
    void emptyHistoryIsLinearizable() {
        LinearizabilityResult r = Linearizability.check(KvHistory.builder().build(), 0);
        assertTrue(r.linearizable());
        assertEquals(0, r.keysChecked());
        assertEquals(0, r.steps());
    }

    @Test
    void sequentialHistoryOfEveryKind() {
        assertLinearizable(KvHistory.builder()
                .get(1, "x", null, 0, 10)
                .put(1, "x", "1", 20, 30)
                .get(2, "x", "1", 40, 50)
                .put(2, "x", "2", 60, 70)
                .cas(1, "x", "1", "3", false, 80, 90)
                .cas(1, "x", "2", "3", true, 100, 110)
                .get(2, "x", "3", 120, 130)
                .delete(1, "x", 140, 150)
                .get(2, "x", null, 160, 170)
                .cas(2, "x", null, "4", true, 180, 190)
                .cas(1, "x", null, "5", false, 200, 210)
                .get(1, "x", "4", 220, 230));
    }

    @Test
    void getOverlappingAPutMaySeeTheOldOrTheNewValue() {
        for (String seen : new String[] {"1", "2"}) {
            assertLinearizable(KvHistory.builder()
                    .put(1, "x", "1", 0, 10)
                    .put(1, "x", "2", 20, 60)
                    .get(2, "x", seen, 30, 40));
        }
    }

    @Test
    void readsInsideOneLongWriteMayFlipOnceButNotBack() {
        // put(2) spans both gets: old then new is fine...
        assertLinearizable(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(1, "x", "2", 20, 100)
                .get(2, "x", "1", 30, 40)
                .get(2, "x", "2", 50, 60));
        // ...new then old is not: once a read saw 2, put(2) has taken effect.
        assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(1, "x", "2", 20, 100)
                .get(2, "x", "2", 30, 40)
                .get(2, "x", "1", 50, 60), "x");
    }

    @Test
    void concurrentCasOnlyOneWins() {
        assertLinearizable(KvHistory.builder()
                .put(1, "x", "a", 0, 10)
                .cas(1, "x", "a", "b", true, 20, 50)
                .cas(2, "x", "a", "c", false, 25, 45)
                .get(3, "x", "b", 60, 70));
        // The loser may also have run before the put, while x was still absent.
        assertLinearizable(KvHistory.builder()
                .cas(2, "x", "a", "c", false, 0, 45)
                .put(1, "x", "a", 5, 10)
                .cas(1, "x", "a", "b", true, 20, 50)
                .get(3, "x", "b", 60, 70));
    }

    @Test
    void pendingPutThatTookEffectIsSeenLater() {
        assertLinearizable(KvHistory.builder()
                .pendingPut(1, "x", "1", 0)
                .get(2, "x", null, 10, 20)
                .get(2, "x", "1", 500, 510)
                .get(3, "x", "1", 600, 610));
    }

    @Test
    void pendingPutThatNeverTookEffect() {
        assertLinearizable(KvHistory.builder()
                .pendingPut(1, "x", "1", 0)
                .get(2, "x", null, 50, 60)
                .get(2, "x", null, 70, 80)
                .put(1, "x", "2", 90, 100)
                .get(2, "x", "2", 110, 120));
    }

    @Test
    void pendingOperationsStillTakeEffectAtMostOnce() {
        // A pending put may land late, but once; after a later put overwrote it, it cannot reappear.
        assertViolated(KvHistory.builder()
                .pendingPut(1, "x", "1", 0)
                .get(2, "x", "1", 50, 60)
                .put(3, "x", "2", 70, 80)
                .get(2, "x", "1", 90, 100), "x");
        // And it cannot take effect before it was invoked.
        assertViolated(KvHistory.builder()
                .get(2, "x", "1", 0, 10)
                .pendingPut(1, "x", "1", 20), "x");
    }

    @Test
    void pendingCasAndDeleteMayOrMayNotApply() {
        assertLinearizable(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .pendingCas(1, "x", "1", "2", 20)
                .get(2, "x", "2", 30, 40));
        assertLinearizable(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .pendingCas(1, "x", "1", "2", 20)
                .get(2, "x", "1", 30, 40));
        assertLinearizable(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .pendingDelete(1, "x", 20)
                .get(2, "x", "1", 30, 40)
                .get(2, "x", null, 50, 60));
        // A pending cas applies only when it finds what it expects.
        assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .pendingCas(1, "x", "9", "2", 20)
                .get(2, "x", "2", 30, 40), "x");
    }

    @Test
    void thirtyUnansweredPutsAreDecidedQuickly() {
        // Each unanswered put may land anywhere after its invocation, or nowhere: 2^30 combinations, but puts
        // of values nobody reads are interchangeable, so the search tries one.
        for (String lastRead : new String[] {"a", "b", "p17"}) {
            KvHistory.Builder b = KvHistory.builder().put(1, "x", "a", 0, 10);
            for (int i = 0; i < 30; i++) {
                b.pendingPut(10 + i, "x", "p" + i, 20 + i);
            }
            b.put(2, "x", "b", 100, 110).get(3, "x", lastRead, 200, 210);
            LinearizabilityResult r = Linearizability.check(b.build(), 10_000);
            assertFalse(r.undecided(), r.toString());
            // a was overwritten by b before the get began; b, or a put that landed after b, is fine.
            assertEquals(!lastRead.equals("a"), r.linearizable(), r.toString());
            if (lastRead.equals("a")) {
                assertTrue(r.explanation().contains("x could only be b"), r.explanation());
            }
        }
    }

    @Test
    void anUnansweredPutCanExplainAFailedCas() {
        KvHistory.Builder b = KvHistory.builder()
                .put(1, "x", "a", 0, 10)
                .pendingPut(2, "x", "p", 20)
                .put(1, "x", "b", 100, 110)
                .cas(3, "x", "b", "c", false, 200, 210);
        assertLinearizable(b);
        assertViolated(KvHistory.builder()
                .put(1, "x", "a", 0, 10)
                .put(1, "x", "b", 100, 110)
                .cas(3, "x", "b", "c", false, 200, 210), "x");
    }

    @Test
    void touchingIntervalsCountAsOverlapping() {
        // get starts the instant put ends: the timestamps cannot order them, so either order is allowed.
        assertLinearizable(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .get(2, "x", null, 10, 20));
        assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .get(2, "x", null, 11, 20), "x");
    }

    @Test
    void historyOrderDoesNotMatterOnlyTimes() {
        KvHistory.Builder forward = KvHistory.builder()
                .put(1, "x", "1", 0, 10).put(1, "x", "2", 20, 30).get(2, "x", "1", 40, 50);
        KvHistory.Builder backward = KvHistory.builder()
                .get(2, "x", "1", 40, 50).put(1, "x", "2", 20, 30).put(1, "x", "1", 0, 10);
        assertEquals(check(forward), check(backward));
    }

    // ---- not linearizable ----

    @Test
    void staleReadAfterACompletedWrite() {
        LinearizabilityResult r = assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(1, "x", "2", 20, 30)
                .get(3, "x", "1", 120, 180), "x");
        assertEquals("get(x) by client 3 at 120–180 µs returned 1, but no order of the earlier and overlapping "
                + "operations makes x = 1 then; x could only be 2", r.explanation());
    }

    @Test
    void twoGetsInRealTimeOrderSeeValuesInTheWrongOrder() {
        LinearizabilityResult r = assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(2, "x", "2", 20, 200)
                .get(3, "x", "2", 30, 40)
                .get(4, "x", "1", 50, 60), "x");
        assertTrue(r.explanation().startsWith("get(x) by client 4 at 50–60 µs returned 1"), r.explanation());
        assertTrue(r.explanation().contains("put(x, 2) by client 2 at 20–200 µs"), r.explanation());
    }

    @Test
    void readOfAnAbsentKeyAfterItWasWritten() {
        LinearizabilityResult r = assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .get(2, "x", null, 20, 30), "x");
        assertTrue(r.explanation().contains("returned absent"), r.explanation());
        assertTrue(r.explanation().contains("makes x absent then"), r.explanation());
    }

    @Test
    void casSucceedingOnAValueThatWasNeverThere() {
        LinearizabilityResult r = assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .cas(2, "x", "7", "8", true, 20, 30), "x");
        assertEquals("cas(x, 7 → 8) by client 2 at 20–30 µs returned true, but no operation ever wrote 7 to x",
                r.explanation());
        assertEquals(0, r.steps(), "found before any search");
    }

    @Test
    void casSucceedingOnAValueThatWasNoLongerThere() {
        assertViolated(KvHistory.builder()
                .put(1, "x", "7", 0, 10)
                .put(1, "x", "1", 20, 30)
                .cas(2, "x", "7", "8", true, 40, 50), "x");
    }

    @Test
    void casFailingThoughTheValueWasThere() {
        LinearizabilityResult r = assertViolated(KvHistory.builder()
                .put(1, "x", "7", 0, 10)
                .cas(2, "x", "7", "8", false, 40, 50), "x");
        assertTrue(r.explanation().contains("makes x differ from 7 then"), r.explanation());
    }

    @Test
    void lostUpdate() {
        // Two clients both read-modify-write from 1; both succeed, so one update is lost.
        LinearizabilityResult r = assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .cas(1, "x", "1", "2", true, 20, 60)
                .cas(2, "x", "1", "3", true, 25, 65)
                .get(3, "x", "3", 70, 80), "x");
        assertTrue(r.explanation().startsWith("cas(x, 1 → "), r.explanation());
    }

    @Test
    void readYourWritesIsViolatedByAStaleReplica() {
        assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(1, "x", "2", 20, 30)
                .get(1, "x", "2", 40, 50)
                .delete(2, "x", 60, 70)
                .get(1, "x", "2", 80, 90), "x");
    }

    // ---- many keys ----

    @Test
    void multiKeyHistoryNamesTheBadKey() {
        KvHistory.Builder b = KvHistory.builder()
                .put(1, "apple", "1", 0, 10)
                .put(2, "banana", "1", 0, 10)
                .put(3, "cherry", "1", 0, 10)
                .put(1, "banana", "2", 20, 30)
                .get(2, "apple", "1", 40, 50)
                .get(3, "banana", "1", 40, 50) // stale: banana was 2 from 30 on
                .get(1, "cherry", "1", 40, 50);
        LinearizabilityResult r = assertViolated(b, "banana");
        assertEquals(2, r.keysChecked(), "apple was fine, banana failed, cherry was never reached");
        assertTrue(r.explanation().contains("get(banana) by client 3"), r.explanation());
    }

    @Test
    void explanationListsEveryValueTheKeyCouldHold() {
        LinearizabilityResult r = assertViolated(KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(2, "x", "2", 20, 100)
                .delete(3, "x", 20, 100)
                .get(4, "x", "1", 110, 120), "x");
        assertEquals("get(x) by client 4 at 110–120 µs returned 1, but no order of the earlier and overlapping "
                + "operations makes x = 1 then; x could only be 2 or absent", r.explanation());
    }

    @Test
    void firstBadKeyInKeyOrder() {
        LinearizabilityResult r = check(KvHistory.builder()
                .get(1, "zeta", "9", 0, 10)
                .get(1, "alpha", "9", 0, 10));
        assertEquals("alpha", r.badKey());
        assertEquals(1, r.keysChecked());
    }

    // ---- budget ----

    @Test
    void runningOutOfStepsIsUndecidedNeverWrong() {
        KvHistory bad = KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(2, "x", "2", 20, 200)
                .get(3, "x", "2", 30, 40)
                .get(4, "x", "1", 50, 60)
                .build();
        KvHistory good = KvHistory.builder()
                .put(1, "x", "1", 0, 10)
                .put(2, "x", "2", 20, 200)
                .get(3, "x", "1", 30, 40)
                .get(4, "x", "2", 50, 60)
                .build();
        long badNeeds = Linearizability.check(bad, 1_000).steps();
        long goodNeeds = Linearizability.check(good, 1_000).steps();
        for (long budget = 0; budget < badNeeds; budget++) {
            LinearizabilityResult r = Linearizability.check(bad, budget);
            assertTrue(r.undecided(), "budget " + budget + ": " + r);
            assertFalse(r.linearizable());
            assertNull(r.badKey());
            assertEquals(budget, r.steps());
            assertTrue(r.explanation().startsWith("undecided"), r.explanation());
        }
        assertTrue(Linearizability.check(bad, badNeeds).violated());
        for (long budget = 0; budget < goodNeeds; budget++) {
            LinearizabilityResult r = Linearizability.check(good, budget);
            assertTrue(r.undecided(), "budget " + budget + ": " + r);
            assertFalse(r.linearizable());
        }
        assertTrue(Linearizability.check(good, goodNeeds).linearizable());
    }

    @Test
    void budgetIsSharedByAllKeys() {
        KvHistory.Builder b = KvHistory.builder();
        for (String key : new String[] {"a", "b", "c"}) {
            b.put(1, key, "1", 0, 10).get(2, key, "1", 20, 30);
        }
        long needed = Linearizability.check(b.build()).steps();
        LinearizabilityResult r = Linearizability.check(b.build(), needed - 1);
        assertTrue(r.undecided());
        assertEquals(2, r.keysChecked());
        assertTrue(r.explanation().contains("key c"), r.explanation());
    }

    @Test
    void negativeBudgetIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Linearizability.check(KvHistory.builder().build(), -1));
    }
}
