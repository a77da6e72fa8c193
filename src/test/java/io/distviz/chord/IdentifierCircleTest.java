package io.distviz.chord;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifierCircleTest {
    private final IdentifierCircle c = new IdentifierCircle(3); // positions 0..7

    @Test
    void openIntervalWithoutWrap() {
        assertTrue(c.inOpen(2, 1, 3));
        assertFalse(c.inOpen(1, 1, 3));
        assertFalse(c.inOpen(3, 1, 3));
        assertFalse(c.inOpen(5, 1, 3));
    }

    @Test
    void intervalsWrapAroundZero() {
        // (6, 2) is 7, 0, 1
        assertTrue(c.inOpen(7, 6, 2));
        assertTrue(c.inOpen(0, 6, 2));
        assertTrue(c.inOpen(1, 6, 2));
        assertFalse(c.inOpen(2, 6, 2));
        assertFalse(c.inOpen(6, 6, 2));
        assertFalse(c.inOpen(4, 6, 2));
        assertTrue(c.inOpenClosed(2, 6, 2));
        assertFalse(c.inOpenClosed(6, 6, 2));
        assertTrue(c.inClosedOpen(6, 6, 2));
        assertFalse(c.inClosedOpen(2, 6, 2));
    }

    @Test
    void equalEndsMeanTheWholeCircle() {
        for (long x = 0; x < 8; x++) {
            assertEquals(x != 4, c.inOpen(x, 4, 4), "(4,4) is all but 4: " + x);
            assertTrue(c.inOpenClosed(x, 4, 4), "(4,4] is everything: " + x);
            assertTrue(c.inClosedOpen(x, 4, 4), "[4,4) is everything: " + x);
        }
    }

    @Test
    void adjacentEndsLeaveAnEmptyOpenInterval() {
        for (long x = 0; x < 8; x++) {
            assertFalse(c.inOpen(x, 3, 4));
            assertEquals(x == 4, c.inOpenClosed(x, 3, 4));
        }
    }

    @Test
    void distanceIsClockwise() {
        assertEquals(2, c.distance(6, 0));
        assertEquals(6, c.distance(0, 6));
        assertEquals(0, c.distance(5, 5));
        assertEquals(1, c.add(7, 2));
    }

    @Test
    void fingerStartsAndIntervalsFollowTable1OfThePaper() {
        // Node 1 on the 3-bit circle: starts 2, 3, 5; intervals [2,3), [3,5), [5,1).
        assertEquals(2, c.fingerStart(1, 1));
        assertEquals(3, c.fingerStart(1, 2));
        assertEquals(5, c.fingerStart(1, 3));
        assertEquals(3, c.fingerIntervalEnd(1, 1));
        assertEquals(5, c.fingerIntervalEnd(1, 2));
        assertEquals(1, c.fingerIntervalEnd(1, 3));
        assertThrows(IllegalArgumentException.class, () -> c.fingerStart(1, 0));
        assertThrows(IllegalArgumentException.class, () -> c.fingerStart(1, 4));
    }

    @Test
    void hashIsSha1ReducedModuloTwoToTheM() throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-1").digest("10.0.0.7:4000".getBytes(StandardCharsets.UTF_8));
        BigInteger full = new BigInteger(1, d);
        for (int m : new int[] {3, 7, 16, 32, 62}) {
            long expected = full.mod(BigInteger.ONE.shiftLeft(m)).longValueExact();
            assertEquals(expected, new IdentifierCircle(m).hash("10.0.0.7:4000"), "m=" + m);
        }
    }

    @Test
    void largestCircleDoesNotOverflow() {
        IdentifierCircle big = new IdentifierCircle(62);
        long max = big.size() - 1;
        assertEquals(0, big.add(max, 1));
        assertEquals(1, big.distance(max, 0));
        assertTrue(big.inOpen(0, max, 1));
        assertEquals(big.add(max, 1L << 61), big.fingerStart(max, 62));
    }

    @Test
    void badSizesAndIdsAreRejectedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IdentifierCircle(2));
        assertTrue(e.getMessage().contains("between 3 and 62"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IdentifierCircle(63));
        e = assertThrows(IllegalArgumentException.class, () -> c.requireId(8, "node id"));
        assertTrue(e.getMessage().contains("0 to 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.requireId(-1, "node id"));
    }
}
