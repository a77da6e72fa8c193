package io.distviz.sim;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * The only source of randomness for the kernel and the engines: a SplitMix64 stream (Steele, Lea and
 * Flood, OOPSLA 2014) that is fully determined by its seed.
 *
 * <p>We implement the generator ourselves instead of using {@code java.util.Random} or
 * {@code SplittableRandom} so that the bounded and floating-point draws, not just the raw bits, are the
 * same on every Java release: a saved trace must replay byte for byte years later.
 *
 * <p>{@link #fork(String)} derives an independent child stream from this stream's <em>seed</em> and a
 * name, never from how much has been drawn. So node {@code s3}'s stream is the same whether or not node
 * {@code s4} exists, and adding a node does not disturb anyone else's randomness.
 */
public final class SimRandom implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private long state;

    public SimRandom(long seed) {
        this.seed = seed;
        this.state = seed;
    }

    /** The seed this stream started from. */
    public long seed() {
        return seed;
    }

    /** An independent stream named {@code name}, derived from this stream's seed only. */
    public SimRandom fork(String name) {
        return new SimRandom(mix64(seed ^ mix64(fnv1a64(name) + GOLDEN_GAMMA)));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound). */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = bound - 1;
        if ((bound & m) == 0L) {
            return nextLong() & m;
        }
        // Rejection sampling, as in java.util.Random#nextLong(long), so every value is equally likely.
        long u = nextLong() >>> 1;
        long r;
        while (u + m - (r = u % bound) < 0L) {
            u = nextLong() >>> 1;
        }
        return r;
    }

    /** Uniform in [origin, bound). */
    public long nextLong(long origin, long bound) {
        if (origin >= bound) {
            throw new IllegalArgumentException("origin " + origin + " must be below bound " + bound);
        }
        return origin + nextLong(bound - origin);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p}; never draws when p is 0 or 1 would make the draw pointless. */
    public boolean chance(double p) {
        if (p <= 0.0) {
            return false;
        }
        if (p >= 1.0) {
            return true;
        }
        return nextDouble() < p;
    }

    /** Standard normal draw (Box-Muller with {@link StrictMath}, so results are identical on every JVM). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], keeps log finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Exponential draw with the given mean. */
    public double nextExponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
