package io.distviz.clocks;

import java.io.Serializable;
import java.util.Objects;

/**
 * The clock programs read: the hardware counter plus the corrections synchronization made, as the operating
 * system keeps it. Like {@link HardwareClock} it is an immutable closed-form function of true time.
 *
 * <p>Since the anchor (the last change), the software clock advances by the hardware's advance times
 * {@code 1 + frequencyCorrection}, plus the part of a pending slew done so far. A slew is carried out at
 * {@code slewRatePpm} of the hardware's advance (ntpd's kernel discipline slews at most 500 ppm: half a
 * millisecond a second), so correcting 10 ms takes 20 s and the clock never jumps. A step moves the clock at
 * once and cancels any slew. Every change re-anchors at the current reading, so the clock is continuous
 * except at a step.
 *
 * @param anchorHardwareNanos    the hardware reading at the last change
 * @param anchorSoftwareNanos    the software reading then
 * @param frequencyCorrectionPpt added to the hardware's rate (NTP's frequency discipline; negative slows down)
 * @param slewRemainingNanos     what the pending slew still had to do at the anchor (signed)
 * @param slewRatePpm            how fast a slew goes, in parts per million of hardware time
 * @param phaseCorrectionNanos   every step and every slew done up to the anchor, added up (the frequency
 *                               correction's share of {@code software − hardware} is not in it)
 */
public record SoftwareClock(HardwareClock hardware, long anchorHardwareNanos, long anchorSoftwareNanos,
                            long frequencyCorrectionPpt, long slewRemainingNanos, long slewRatePpm,
                            long phaseCorrectionNanos) implements Serializable {

    public SoftwareClock {
        Objects.requireNonNull(hardware, "hardware");
        if (slewRatePpm <= 0) {
            throw new IllegalArgumentException("the slew rate must be positive, not " + slewRatePpm + " ppm");
        }
    }

    /** A software clock that reads what the hardware reads at {@code trueMicros}. */
    public static SoftwareClock following(HardwareClock hardware, long trueMicros, long slewRatePpm) {
        long h = Math.round(hardware.readingNanos(trueMicros));
        return new SoftwareClock(hardware, h, h, 0, 0, slewRatePpm, 0);
    }

    // ============================================================================================ reading

    /** The reading at true time {@code trueMicros} without read jitter, in (fractional) nanoseconds. */
    public double readingNanos(long trueMicros) {
        double h = hardware.readingNanos(trueMicros);
        double advance = h - anchorHardwareNanos;
        return anchorSoftwareNanos + advance + advance * frequencyCorrectionPpt * 1e-12 + slewDone(advance);
    }

    /** How much of the pending slew is done after the hardware advanced {@code advance} ns since the anchor. */
    private double slewDone(double advance) {
        if (slewRemainingNanos == 0 || advance <= 0) {
            return 0;
        }
        double possible = advance * slewRatePpm * 1e-6;
        return slewRemainingNanos > 0 ? Math.min(slewRemainingNanos, possible)
                : -Math.min(-(double) slewRemainingNanos, possible);
    }

    /** What the slew still has to do at {@code trueMicros}. */
    public long slewRemainingNanos(long trueMicros) {
        double advance = hardware.readingNanos(trueMicros) - anchorHardwareNanos;
        return slewRemainingNanos - Math.round(slewDone(advance));
    }

    /**
     * Software minus hardware at {@code trueMicros}: every correction made so far. A node knows this of its own
     * clock without knowing true time, which is how NTP keeps an older sample's offset comparable with a new one.
     */
    public double correctionNanos(long trueMicros) {
        return readingNanos(trueMicros) - hardware.readingNanos(trueMicros);
    }

    /**
     * The steps and slews made up to {@code trueMicros}, added up: how far synchronization has moved the clock's
     * phase, leaving out the frequency correction, whose job is to cancel the oscillator's own drift.
     */
    public double phaseCorrectionNanos(long trueMicros) {
        return phaseCorrectionNanos + slewDone(hardware.readingNanos(trueMicros) - anchorHardwareNanos);
    }

    /** The rate error of the software clock against true time: hardware error plus correction plus slew. */
    public double frequencyErrorPpm(long trueMicros) {
        double hw = hardware.frequencyErrorPpt(trueMicros);
        double ppt = (1 + hw * 1e-12) * (1 + frequencyCorrectionPpt * 1e-12) - 1;
        double slew = slewRemainingNanos(trueMicros) == 0 ? 0
                : Math.signum(slewRemainingNanos) * slewRatePpm * 1e-6;
        return (ppt + slew) * 1e6;
    }

    // ============================================================================================ changing

    /** The same function, anchored at {@code trueMicros}; what every change starts from. */
    public SoftwareClock anchoredAt(long trueMicros) {
        double h = hardware.readingNanos(trueMicros);
        long s = Math.round(readingNanos(trueMicros));
        long remaining = slewRemainingNanos(trueMicros);
        return new SoftwareClock(hardware, Math.round(h), s, frequencyCorrectionPpt, remaining, slewRatePpm,
                phaseCorrectionNanos + (slewRemainingNanos - remaining));
    }

    /** Moves the clock by {@code amountNanos} at once; a pending slew is cancelled. */
    public SoftwareClock stepped(long trueMicros, long amountNanos) {
        SoftwareClock a = anchoredAt(trueMicros);
        return new SoftwareClock(hardware, a.anchorHardwareNanos, a.anchorSoftwareNanos + amountNanos,
                frequencyCorrectionPpt, 0, slewRatePpm, a.phaseCorrectionNanos + amountNanos);
    }

    /** Starts slewing by {@code amountNanos}, replacing any slew still pending (as adjtime does). */
    public SoftwareClock slewing(long trueMicros, long amountNanos) {
        SoftwareClock a = anchoredAt(trueMicros);
        return new SoftwareClock(hardware, a.anchorHardwareNanos, a.anchorSoftwareNanos, frequencyCorrectionPpt,
                amountNanos, slewRatePpm, a.phaseCorrectionNanos);
    }

    public SoftwareClock withFrequencyCorrection(long trueMicros, long correctionPpt) {
        SoftwareClock a = anchoredAt(trueMicros);
        return new SoftwareClock(hardware, a.anchorHardwareNanos, a.anchorSoftwareNanos, correctionPpt,
                a.slewRemainingNanos, slewRatePpm, a.phaseCorrectionNanos);
    }

    public SoftwareClock withSlewRate(long trueMicros, long ratePpm) {
        SoftwareClock a = anchoredAt(trueMicros);
        return new SoftwareClock(hardware, a.anchorHardwareNanos, a.anchorSoftwareNanos, frequencyCorrectionPpt,
                a.slewRemainingNanos, ratePpm, a.phaseCorrectionNanos);
    }

    /**
     * The same corrections on new hardware that reads, at {@code trueMicros}, what the old one read (the kind
     * or the figures changed, the counter did not jump).
     */
    public SoftwareClock withHardware(long trueMicros, HardwareClock newHardware) {
        SoftwareClock a = anchoredAt(trueMicros);
        return new SoftwareClock(newHardware, Math.round(newHardware.readingNanos(trueMicros)), a.anchorSoftwareNanos,
                frequencyCorrectionPpt, a.slewRemainingNanos, slewRatePpm, a.phaseCorrectionNanos);
    }

    /**
     * Hardware and software both set to read {@code trueMicros + offsetNanos} (someone set the clock by hand):
     * a pending slew is cancelled, the frequency correction kept.
     */
    public SoftwareClock setTo(long trueMicros, long offsetNanos) {
        HardwareClock h = hardware.setTo(trueMicros, offsetNanos);
        long reading = h.readingAtEpochNanos();
        return new SoftwareClock(h, reading, reading, frequencyCorrectionPpt, 0, slewRatePpm, phaseCorrectionNanos);
    }
}
