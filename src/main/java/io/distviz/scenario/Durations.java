package io.distviz.scenario;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts of time as scenario files write them: a string with a unit ({@code "150ms"}, {@code "2.5s"},
 * {@code "40us"}, {@code "1min"}) or a bare number of milliseconds. Virtual time counts whole microseconds;
 * clock offsets count whole nanoseconds.
 */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|min|h)\\s*");

    private Durations() {
    }

    /** Nanoseconds in one of the units; {@code null} for an unknown unit. */
    private static BigDecimal nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> BigDecimal.ONE;
            case "us", "µs" -> BigDecimal.valueOf(1_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "min" -> BigDecimal.valueOf(60_000_000_000L);
            case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
            default -> null;
        };
    }

    /**
     * Parses {@code text} (with a unit) to a whole number of {@code resolutionNanos} (1000 for µs, 1 for ns).
     * Throws IllegalArgumentException with a message fit for a teacher.
     */
    public static long parse(String text, long resolutionNanos) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number and a unit, such "
                    + "as \"150ms\", \"2s\" or \"40us\"");
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPer(m.group(2)));
        return whole(nanos, resolutionNanos, text);
    }

    /** A bare number is milliseconds. */
    public static long fromMillis(BigDecimal millis, long resolutionNanos) {
        return whole(millis.multiply(BigDecimal.valueOf(1_000_000L)), resolutionNanos, Fields.shown(millis) + " ms");
    }

    private static long whole(BigDecimal nanos, long resolutionNanos, String shown) {
        if (nanos.precision() - (long) nanos.scale() > 40) {
            // Far beyond a long; BigDecimal's own scale would overflow below for such as 1e2147483647.
            throw new IllegalArgumentException(shown + " is too large");
        }
        BigDecimal units = nanos.divide(BigDecimal.valueOf(resolutionNanos));
        if (units.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(shown + " is finer than " + (resolutionNanos == 1 ? "a nanosecond"
                    : "a microsecond, the simulation's resolution"));
        }
        try {
            return units.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(shown + " is too large");
        }
    }

    /** The shortest exact text for a duration in µs: {@code "2s"}, {@code "150ms"}, {@code "40us"}. */
    public static String formatMicros(long micros) {
        if (micros != 0 && micros % 1_000_000 == 0) {
            return micros / 1_000_000 + "s";
        }
        if (micros != 0 && micros % 1_000 == 0) {
            return micros / 1_000 + "ms";
        }
        return micros + "us";
    }

    /** The shortest exact text for an amount in ns. */
    public static String formatNanos(long nanos) {
        if (nanos != 0 && nanos % 1_000_000_000 == 0) {
            return nanos / 1_000_000_000 + "s";
        }
        if (nanos != 0 && nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos != 0 && nanos % 1_000 == 0) {
            return nanos / 1_000 + "us";
        }
        return nanos + "ns";
    }

    /** Seconds with three decimals, for messages: {@code 1.250 s}. */
    public static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
    }
}
