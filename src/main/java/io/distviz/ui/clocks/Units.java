package io.distviz.ui.clocks;

import java.util.Locale;

/** How the Clocks page writes times, offsets and rates for a person. */
final class Units {
    private Units() {
    }

    /** A signed amount of nanoseconds in the unit that suits it: {@code +1.234 ms}, {@code −850 ns}. */
    static String signedNanos(double ns) {
        if (Double.isNaN(ns)) {
            return "—";
        }
        String sign = ns > 0 ? "+" : ns < 0 ? "−" : "±";
        return sign + nanos(Math.abs(ns));
    }

    /** An amount of nanoseconds, unsigned unless negative. */
    static String nanos(double ns) {
        if (Double.isNaN(ns)) {
            return "—";
        }
        String minus = ns < 0 ? "−" : "";
        double a = Math.abs(ns);
        if (a >= 1e9) {
            return minus + String.format(Locale.ROOT, "%.3f s", a / 1e9);
        }
        if (a >= 1e6) {
            return minus + String.format(Locale.ROOT, "%.3f ms", a / 1e6);
        }
        if (a >= 1e3) {
            return minus + String.format(Locale.ROOT, "%.2f µs", a / 1e3);
        }
        return minus + String.format(Locale.ROOT, "%.0f ns", a);
    }

    /** A short axis label: {@code 20 ms}, {@code −5 µs}. */
    static String axisNanos(double ns) {
        double a = Math.abs(ns);
        String minus = ns < 0 ? "−" : "";
        if (a == 0) {
            return "0";
        }
        if (a >= 1e9) {
            return minus + trim(a / 1e9) + " s";
        }
        if (a >= 1e6) {
            return minus + trim(a / 1e6) + " ms";
        }
        if (a >= 1e3) {
            return minus + trim(a / 1e3) + " µs";
        }
        return minus + trim(a) + " ns";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A rate in parts per million, signed: {@code +23.4 ppm}. */
    static String ppm(double ppm) {
        if (Math.abs(ppm) < 0.01) {
            return String.format(Locale.ROOT, "%+.4f ppm", ppm).replace('-', '−');
        }
        return String.format(Locale.ROOT, "%+.2f ppm", ppm).replace('-', '−');
    }

    /** A clock reading as a wall clock shows it: {@code 0:01:04.123} (hours:minutes:seconds.millis). */
    static String reading(double ns) {
        String sign = ns < 0 ? "−" : "";
        long ms = (long) Math.floor(Math.abs(ns) / 1e6);
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        return sign + String.format(Locale.ROOT, "%d:%02d:%02d.%03d", h, m, s, ms % 1000);
    }

    /** A timestamp read from a clock, in seconds to the microsecond, no unit: {@code 64.012345}. */
    static String stamp(long ns) {
        return String.format(Locale.ROOT, "%.6f", ns / 1e9).replace('-', '−');
    }

    /** True time for axes: {@code 1:05} (minutes:seconds) or {@code 12.5 s}. */
    static String trueTime(long micros) {
        double s = micros / 1e6;
        if (s < 60) {
            return String.format(Locale.ROOT, s == Math.rint(s) ? "%.0f s" : "%.1f s", s);
        }
        long whole = (long) s;
        return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
