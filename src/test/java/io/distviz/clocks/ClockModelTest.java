package io.distviz.clocks;

import io.distviz.sim.Micros;
import io.distviz.sim.SimRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hardware clock's closed form and the software clock's steps and slews. */
class ClockModelTest {

    private static HardwareClock wobbly() {
        // 40 ppm fast, aging 3 ppm a day, 5 ppm temperature swing every 20 minutes, starting 12 ms ahead.
        return new HardwareClock(ClockKind.CUSTOM, 0, 12_000_000L, 40_000_000L, 3_000_000L, 5_000_000L,
                Micros.ofSeconds(1200), Micros.ofSeconds(100), 0);
    }

    @Test
    void theClosedFormIsTheIntegralOfOnePlusTheFrequencyError() {
        HardwareClock h = wobbly();
        // Integrate numerically (Simpson, 1 s steps) over two hours and compare every ten minutes.
        double integral = h.readingNanos(0);
        long step = Micros.ofSeconds(1);
        for (long t = 0; t < Micros.ofSeconds(7200); t += step) {
            double a = 1 + h.frequencyErrorPpt(t) * 1e-12;
            double m = 1 + h.frequencyErrorPpt(t + step / 2) * 1e-12;
            double b = 1 + h.frequencyErrorPpt(t + step) * 1e-12;
            integral += step * 1000.0 * (a + 4 * m + b) / 6;
            if ((t + step) % Micros.ofSeconds(600) == 0) {
                assertEquals(integral, h.readingNanos(t + step), 1.0, "at " + (t + step) / 1e6 + " s");
            }
        }
        // 40 ppm over two hours is 288 ms, give or take the aging and the temperature term.
        double drift = h.readingNanos(Micros.ofSeconds(7200)) - 7200e9 - 12e6;
        assertEquals(288e6, drift, 2e6);
    }

    @Test
    void frequencyErrorCombinesSkewAgingAndTemperature() {
        HardwareClock h = wobbly();
        // At the epoch the temperature term is 5 ppm · sin(2π · 100/1200).
        assertEquals(40 + 5 * Math.sin(2 * Math.PI * 100 / 1200.0), h.frequencyErrorPpm(0), 1e-9);
        // A day later the skew has aged by 3 ppm; the temperature cycle has come round 72 times.
        assertEquals(43 + 5 * Math.sin(2 * Math.PI * 100 / 1200.0), h.frequencyErrorPpm(Micros.ofSeconds(86_400)),
                1e-6);
    }

    @Test
    void rebasingContinuesTheSameCurve() {
        HardwareClock h = wobbly();
        HardwareClock r = h.rebasedAt(Micros.ofSeconds(3333));
        for (long t = 3333; t < 20_000; t += 777) {
            // Within a nanosecond, plus the half part per trillion the new skew was rounded by.
            double tolerance = 1 + 0.5e-12 * (t - 3333) * 1e9;
            assertEquals(h.readingNanos(Micros.ofSeconds(t)), r.readingNanos(Micros.ofSeconds(t)), tolerance);
            assertEquals(h.frequencyErrorPpt(Micros.ofSeconds(t)), r.frequencyErrorPpt(Micros.ofSeconds(t)), 1.0);
        }
    }

    @Test
    void eachPresetDrawsWithinItsFigures() {
        for (ClockKind kind : ClockKind.values()) {
            SimRandom random = new SimRandom(kind.ordinal());
            for (int i = 0; i < 200; i++) {
                HardwareClock h = HardwareClock.draw(kind, 5_000_000L, random);
                assertEquals(kind, h.kind());
                assertTrue(Math.abs(h.readingAtEpochNanos() - 5_000_000_000L) <= kind.maxOffsetNanos());
                assertTrue(Math.abs(h.skewPpt()) <= kind.maxSkewPpt());
                assertTrue(Math.abs(h.agingPptPerDay()) <= kind.maxAgingPptPerDay());
                long j = h.jitterNanos(random);
                assertTrue(Math.abs(j) <= kind.readJitterNanos());
            }
        }
        // From a cheap crystal to caesium, each kind is better than the one before.
        ClockKind[] presets = {ClockKind.CHEAP_QUARTZ, ClockKind.QUARTZ, ClockKind.TCXO, ClockKind.OCXO,
                ClockKind.RUBIDIUM, ClockKind.GPS_DISCIPLINED, ClockKind.CAESIUM};
        for (int i = 1; i < presets.length; i++) {
            assertTrue(presets[i].maxSkewPpt() < presets[i - 1].maxSkewPpt(), presets[i].name());
        }
        assertEquals(ClockKind.GPS_DISCIPLINED, ClockKind.parse("gps-disciplined"));
        assertThrows(IllegalArgumentException.class, () -> ClockKind.parse("sundial"));
    }

    @Test
    void badFiguresAreRefusedWithTheirUnit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HardwareClock(ClockKind.CUSTOM, 0, 0, 2_000_000_000L, 0, 0, 3_600_000_000L, 0, 0));
        assertTrue(e.getMessage().contains("skew") && e.getMessage().contains("ppm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClockFigures.of(0, 5000));
        assertThrows(IllegalArgumentException.class,
                () -> new ClockFigures(0, 0, 0, 0, 3_600_000_000L, -1));
    }

    @Test
    void aSlewMovesTheClockAtTheBoundedRateAndNoFaster() {
        HardwareClock h = new HardwareClock(ClockKind.CUSTOM, 0, 0, 0, 0, 0, 3_600_000_000L, 0, 0);
        SoftwareClock s = SoftwareClock.following(h, 0, 500).slewing(0, 10_000_000L); // 10 ms at 500 ppm
        assertEquals(0, s.readingNanos(0), 0.5);
        // After 4 s, 2 ms of it is done; the clock runs 500 ppm fast while slewing.
        assertEquals(4e9 + 2e6, s.readingNanos(Micros.ofSeconds(4)), 1);
        assertEquals(8_000_000L, s.slewRemainingNanos(Micros.ofSeconds(4)));
        assertEquals(500.0, s.frequencyErrorPpm(Micros.ofSeconds(4)), 1e-9);
        // It takes 20 s, then the clock runs at the hardware's rate again.
        assertEquals(20e9 + 10e6, s.readingNanos(Micros.ofSeconds(20)), 1);
        assertEquals(30e9 + 10e6, s.readingNanos(Micros.ofSeconds(30)), 1);
        assertEquals(0, s.slewRemainingNanos(Micros.ofSeconds(30)));
        double previous = s.readingNanos(0);
        for (long t = 1; t <= 40; t++) {
            double now = s.readingNanos(Micros.ofSeconds(t));
            double rate = (now - previous) / 1e9 - 1;
            assertTrue(rate <= 500e-6 + 1e-12 && rate >= -1e-12, "rate " + rate);
            previous = now;
        }
        // A backward slew slows the clock but never runs it backwards.
        SoftwareClock back = SoftwareClock.following(h, 0, 500).slewing(0, -10_000_000L);
        assertEquals(4e9 - 2e6, back.readingNanos(Micros.ofSeconds(4)), 1);
        assertEquals(-10e6, back.phaseCorrectionNanos(Micros.ofSeconds(60)), 1);
    }

    @Test
    void aStepMovesAtOnceAndCancelsAPendingSlew() {
        HardwareClock h = new HardwareClock(ClockKind.CUSTOM, 0, 0, 20_000_000L, 0, 0, 3_600_000_000L, 0, 0);
        SoftwareClock s = SoftwareClock.following(h, 0, 500).slewing(0, 10_000_000L)
                .stepped(Micros.ofSeconds(2), -50_000_000L);
        // By then the slew has done 500 ppm of the hardware's 2 s (which ran 20 ppm fast).
        double slewed = 2e9 * (1 + 20e-6) * 500e-6;
        double justBefore = h.readingNanos(Micros.ofSeconds(2)) + slewed;
        assertEquals(justBefore - 50e6, s.readingNanos(Micros.ofSeconds(2)), 1);
        assertEquals(0, s.slewRemainingNanos(Micros.ofSeconds(2)));
        assertEquals(slewed - 50e6, s.phaseCorrectionNanos(Micros.ofSeconds(5)), 1);
        assertEquals(slewed - 50e6, s.correctionNanos(Micros.ofSeconds(5)), 1);
    }

    @Test
    void aFrequencyCorrectionCancelsTheOscillatorsDrift() {
        HardwareClock h = new HardwareClock(ClockKind.CUSTOM, 0, 0, 25_000_000L, 0, 0, 3_600_000_000L, 0, 0);
        SoftwareClock s = SoftwareClock.following(h, 0, 500).withFrequencyCorrection(0, -24_999_375L);
        // (1 + 25 ppm)(1 − 24.999375 ppm) is 1 to within 10⁻¹²: after a day the clock is within a microsecond.
        assertEquals(86_400e9, s.readingNanos(Micros.ofSeconds(86_400)), 1_000);
        assertEquals(0, s.phaseCorrectionNanos(Micros.ofSeconds(86_400)), 0.5, "rate is not phase");
        assertTrue(Math.abs(s.frequencyErrorPpm(0)) < 1e-6);
    }

    @Test
    void newHardwareKeepsTheReadingAndTheCorrections() {
        HardwareClock h = wobbly();
        SoftwareClock s = SoftwareClock.following(h, 0, 500).stepped(Micros.ofSeconds(10), 7_000_000L);
        long t = Micros.ofSeconds(100);
        HardwareClock other = h.continuedAs(t, ClockKind.CUSTOM, -3_000_000L, 0, 0, 3_600_000_000L, 0, 0);
        SoftwareClock moved = s.withHardware(t, other);
        assertEquals(s.readingNanos(t), moved.readingNanos(t), 1);
        assertEquals(s.readingNanos(t) + 10e9 * (1 - 3e-6), moved.readingNanos(t + Micros.ofSeconds(10)), 2);
        SoftwareClock set = moved.setTo(t, -40_000_000L);
        assertEquals(t * 1000.0 - 40e6, set.readingNanos(t), 1);
        assertEquals(t * 1000.0 - 40e6, set.hardware().readingNanos(t), 1);
    }
}
