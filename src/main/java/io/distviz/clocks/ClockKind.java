package io.distviz.clocks;

import io.distviz.sim.Micros;

/**
 * Presets for a node's hardware oscillator, from a cheap watch crystal to a caesium beam standard. The figures
 * are the usual data-sheet orders of magnitude; each node draws its own values within them from its seeded
 * stream (an initial offset and a frequency error uniform in ±max, aging uniform in ±max, a temperature phase
 * uniform over the period), so two nodes of one kind are not identical, as two real crystals are not.
 *
 * <p>Frequencies are in parts per trillion (ppt, 10⁻¹²) so that an atomic standard's 10⁻¹³ still has a digit
 * and every figure is an exact integer in the trace; 1 ppm = 1,000,000 ppt. The temperature term models a
 * machine room's air-conditioning cycle: a sinusoidal frequency change with a one-hour period.
 *
 * @param maxOffsetNanos             how far from true time the clock may start (a quartz clock is set at boot
 *                                   from a battery clock with a resolution of a second or worse)
 * @param maxSkewPpt                 the largest frequency error at the start
 * @param maxAgingPptPerDay          the largest drift of that frequency error per day
 * @param temperatureAmplitudePpt    the amplitude of the temperature-driven frequency change
 * @param readJitterNanos            each reading is off by a uniform amount in ±this (interrupt latency, the
 *                                   counter's resolution)
 */
public enum ClockKind {
    /** An uncompensated tuning-fork crystal, as in a real-time clock chip: ±100 ppm, ±5 ppm a year. */
    CHEAP_QUARTZ("cheap quartz", 500_000_000L, 100_000_000L, 13_700L, 5_000_000L, 15_000L),
    /** The crystal oscillator of an ordinary computer: ±30 ppm, ±2 ppm a year. */
    QUARTZ("quartz", 100_000_000L, 30_000_000L, 5_500L, 1_000_000L, 1_000L),
    /** Temperature-compensated crystal: ±2 ppm, ±1 ppm a year, little temperature sensitivity. */
    TCXO("TCXO", 10_000_000L, 2_000_000L, 2_700L, 200_000L, 500L),
    /** Oven-controlled crystal: ±50 ppb, ±0.5 ppb a day. */
    OCXO("OCXO", 1_000_000L, 50_000L, 500L, 1_000L, 100L),
    /** Rubidium vapour standard: ±5·10⁻¹¹, aging about 5·10⁻¹¹ a month. */
    RUBIDIUM("rubidium", 10_000L, 50L, 2L, 10L, 50L),
    /** A receiver disciplined by GPS: steered to UTC, ±10⁻¹¹, within about 100 ns of true time. */
    GPS_DISCIPLINED("GPS-disciplined", 100L, 10L, 0L, 0L, 20L),
    /** A caesium beam reference: ±5·10⁻¹³, no measurable aging. */
    CAESIUM("caesium", 10L, 1L, 0L, 0L, 10L),
    /** Figures set one by one (a lesson's "this clock gains 50 ppm"); the preset values are all zero. */
    CUSTOM("custom", 0L, 0L, 0L, 0L, 0L);

    /** The period of the temperature cycle of every preset. */
    public static final long TEMPERATURE_PERIOD_MICROS = Micros.ofSeconds(3600);

    public static final long PPT_PER_PPM = 1_000_000L;

    private final String label;
    private final long maxOffsetNanos;
    private final long maxSkewPpt;
    private final long maxAgingPptPerDay;
    private final long temperatureAmplitudePpt;
    private final long readJitterNanos;

    ClockKind(String label, long maxOffsetNanos, long maxSkewPpt, long maxAgingPptPerDay,
              long temperatureAmplitudePpt, long readJitterNanos) {
        this.label = label;
        this.maxOffsetNanos = maxOffsetNanos;
        this.maxSkewPpt = maxSkewPpt;
        this.maxAgingPptPerDay = maxAgingPptPerDay;
        this.temperatureAmplitudePpt = temperatureAmplitudePpt;
        this.readJitterNanos = readJitterNanos;
    }

    /** How a person names it: {@code quartz}, {@code TCXO}. */
    public String label() {
        return label;
    }

    public long maxOffsetNanos() {
        return maxOffsetNanos;
    }

    public long maxSkewPpt() {
        return maxSkewPpt;
    }

    public double maxSkewPpm() {
        return maxSkewPpt / (double) PPT_PER_PPM;
    }

    public long maxAgingPptPerDay() {
        return maxAgingPptPerDay;
    }

    public long temperatureAmplitudePpt() {
        return temperatureAmplitudePpt;
    }

    public long readJitterNanos() {
        return readJitterNanos;
    }

    /**
     * The kind named {@code text}: its constant name in any case, with {@code -} for {@code _}
     * ({@code quartz}, {@code cheap-quartz}, {@code gps-disciplined}).
     */
    public static ClockKind parse(String text) {
        String key = text.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        for (ClockKind k : values()) {
            if (k.name().equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown clock kind '" + text + "' (must be one of " + names() + ")");
    }

    /** Every kind as {@link #parse} accepts it, comma-separated. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (ClockKind k : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return sb.toString();
    }
}
