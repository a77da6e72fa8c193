package io.distviz.clocks;

import java.io.Serializable;

/**
 * The custom setting of a hardware clock, every figure exact (no draw): the lessons' "this clock starts 50 ms
 * ahead and gains 20 ppm".
 *
 * @param offsetNanos             how far from true time it starts (when a node is added with these figures;
 *                                ignored when they replace a running clock's, which keeps its reading)
 * @param temperaturePeriodMicros period of the temperature term (ignored when its amplitude is 0)
 */
public record ClockFigures(long offsetNanos, long skewPpt, long agingPptPerDay, long temperatureAmplitudePpt,
                           long temperaturePeriodMicros, long readJitterNanos) implements Serializable {

    public ClockFigures {
        // The hardware clock's own checks, with its messages.
        new HardwareClock(ClockKind.CUSTOM, 0, offsetNanos, skewPpt, agingPptPerDay, temperatureAmplitudePpt,
                temperaturePeriodMicros, 0, readJitterNanos);
    }

    /** A clock with only an offset and a frequency error: no aging, no temperature term, no read jitter. */
    public static ClockFigures of(long offsetNanos, double skewPpm) {
        return new ClockFigures(offsetNanos, Math.round(skewPpm * ClockKind.PPT_PER_PPM), 0, 0,
                ClockKind.TEMPERATURE_PERIOD_MICROS, 0);
    }

    public ClockFigures withReadJitter(long nanos) {
        return new ClockFigures(offsetNanos, skewPpt, agingPptPerDay, temperatureAmplitudePpt, temperaturePeriodMicros,
                nanos);
    }

    public double skewPpm() {
        return skewPpt / (double) ClockKind.PPT_PER_PPM;
    }

    /** A hardware clock with these figures that starts at true time {@code nowMicros}. */
    HardwareClock toHardware(long nowMicros) {
        return new HardwareClock(ClockKind.CUSTOM, nowMicros, nowMicros * 1000L + offsetNanos, skewPpt, agingPptPerDay,
                temperatureAmplitudePpt, temperaturePeriodMicros, 0, readJitterNanos);
    }
}
