package io.distviz.chord;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The m-bit identifier circle of Chord (Stoica et al. 2001, section 4.2): identifiers 0 .. 2^m − 1 arranged
 * clockwise, with 2^m − 1 next to 0. All interval arithmetic on the circle lives here, so that every
 * "between" in the protocol means exactly the same thing.
 *
 * <p>Intervals follow the paper's notation and wrap around zero: {@code (a, b)} is every identifier met
 * strictly after {@code a} and strictly before {@code b} when walking clockwise from {@code a}. When
 * {@code a == b} the walk goes all the way round, so {@code (a, a)} is every identifier but {@code a} and
 * {@code (a, a]} is the whole circle. That convention is what makes a one-node ring work: its only node is
 * its own successor and owns every key.
 */
public final class IdentifierCircle implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Three bits (eight positions) is the smallest circle worth drawing; 62 keeps every id in a long. */
    public static final int MIN_BITS = 3;
    public static final int MAX_BITS = 62;

    private final int bits;
    private final long size;
    private final long mask;

    public IdentifierCircle(int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("the identifier circle needs between " + MIN_BITS + " and "
                    + MAX_BITS + " bits (m), not " + bits);
        }
        this.bits = bits;
        this.size = 1L << bits;
        this.mask = size - 1;
    }

    /** m, the number of bits of an identifier. */
    public int bits() {
        return bits;
    }

    /** 2^m, the number of positions on the circle. */
    public long size() {
        return size;
    }

    /** Whether {@code id} is a position on this circle. */
    public boolean contains(long id) {
        return id >= 0 && id < size;
    }

    public long requireId(long id, String what) {
        if (!contains(id)) {
            throw new IllegalArgumentException(what + " " + id + " is not on the " + bits
                    + "-bit identifier circle (0 to " + (size - 1) + ")");
        }
        return id;
    }

    /** {@code (id + delta) mod 2^m}. */
    public long add(long id, long delta) {
        return (id + delta) & mask;
    }

    /** How far clockwise {@code to} lies from {@code from}: 0 .. 2^m − 1. */
    public long distance(long from, long to) {
        return (to - from) & mask;
    }

    /** {@code x ∈ (a, b)}: strictly between, clockwise from a. With a == b, every x but a. */
    public boolean inOpen(long x, long a, long b) {
        long dx = distance(a, x);
        long db = distance(a, b);
        if (db == 0) {
            return dx != 0;
        }
        return dx > 0 && dx < db;
    }

    /** {@code x ∈ (a, b]}: the interval a node b owns when a is its predecessor. With a == b, every x. */
    public boolean inOpenClosed(long x, long a, long b) {
        long dx = distance(a, x);
        long db = distance(a, b);
        if (db == 0) {
            return true;
        }
        return dx > 0 && dx <= db;
    }

    /** {@code x ∈ [a, b)}: a finger's interval. With a == b, every x. */
    public boolean inClosedOpen(long x, long a, long b) {
        long dx = distance(a, x);
        long db = distance(a, b);
        if (db == 0) {
            return true;
        }
        return dx < db;
    }

    /**
     * The start of finger {@code i} (1-based, 1 ≤ i ≤ m) of node {@code n}: {@code (n + 2^(i−1)) mod 2^m}
     * (section 4.3, Table 1).
     */
    public long fingerStart(long n, int i) {
        checkFingerIndex(i);
        return add(n, 1L << (i - 1));
    }

    /**
     * The interval finger {@code i} covers: {@code [start(i), start(i+1))}, where the last finger's interval
     * ends at the node itself.
     */
    public long fingerIntervalEnd(long n, int i) {
        checkFingerIndex(i);
        return i == bits ? n : fingerStart(n, i + 1);
    }

    private void checkFingerIndex(int i) {
        if (i < 1 || i > bits) {
            throw new IllegalArgumentException("finger index must be 1.." + bits + ", not " + i);
        }
    }

    /**
     * The identifier of a name (a node's address such as {@code 10.0.0.7:4000}, or a key string): its SHA-1
     * digest read as an unsigned number, reduced mod 2^m, which keeps the low m bits (the last bytes).
     */
    public long hash(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        byte[] d = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        long low = 0;
        for (int i = d.length - 8; i < d.length; i++) {
            low = (low << 8) | (d[i] & 0xFF);
        }
        return low & mask;
    }

    /** How many decimal digits the largest identifier needs, so ids line up in tables. */
    public int digits() {
        return Long.toString(size - 1).length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentifierCircle c && c.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    public String toString() {
        return bits + "-bit circle";
    }
}
