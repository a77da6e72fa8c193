package io.distviz.sim;

import java.util.Locale;

/** Helpers for virtual time, which the kernel counts in microseconds. */
public final class Micros {
    public static final long PER_MILLI = 1_000L;
    public static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    public static long ofMillis(long millis) {
        return Math.multiplyExact(millis, PER_MILLI);
    }

    public static long ofSeconds(long seconds) {
        return Math.multiplyExact(seconds, PER_SECOND);
    }

    public static double toSeconds(long micros) {
        return micros / (double) PER_SECOND;
    }

    /** {@code 12.345678 s}, {@code 4.2 ms} or {@code 17 µs}: the shortest honest reading for a person. */
    public static String format(long micros) {
        long abs = Math.abs(micros);
        if (abs >= PER_SECOND) {
            return String.format(Locale.ROOT, "%.6f s", micros / (double) PER_SECOND);
        }
        if (abs >= PER_MILLI) {
            return String.format(Locale.ROOT, "%.3f ms", micros / (double) PER_MILLI);
        }
        return micros + " µs";
    }
}
