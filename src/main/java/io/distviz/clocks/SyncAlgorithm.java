package io.distviz.clocks;

import java.util.Locale;

/** The synchronization protocols a clock network can run. */
public enum SyncAlgorithm {
    /** Free-running clocks: how far they drift apart on their own. */
    NONE,
    /** Cristian (1989): ask a time server, add half the round trip. */
    CRISTIAN,
    /** Gusella and Zatti (1989): a master averages everyone's clock and tells each how to move. */
    BERKELEY,
    /** RFC 5905: four timestamps, a clock filter, selection over several servers, a stratum hierarchy. */
    NTP;

    /** {@code none}, {@code cristian}... as typed on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncAlgorithm parse(String text) {
        for (SyncAlgorithm a : values()) {
            if (a.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + text
                + "' (must be none, cristian, berkeley or ntp)");
    }
}
