package io.distviz.clocks;

/**
 * NTP's on-wire calculation (RFC 5905, section 8) from the four timestamps of one exchange: T1 the client
 * sends, T2 the server receives, T3 the server answers, T4 the client receives; T1 and T4 are read from the
 * client's clock, T2 and T3 from the server's.
 *
 * <p>{@code offset = ((T2 − T1) + (T3 − T4)) / 2} is the server's clock minus the client's, exact when the two
 * one-way delays are equal; {@code delay = (T4 − T1) − (T3 − T2)} is the round trip less the server's time
 * in hand. With one-way delays {@code a} and {@code b} the offset is off by {@code (a − b) / 2}, which is at
 * most half the delay {@code (a + b) / 2}: asymmetry is the error no exchange can see, and the delay bounds it.
 *
 * <p>Read jitter or a clock that runs fast can make the apparent delay negative, which is physically
 * impossible; it is clamped to {@code minDelayNanos} (RFC 5905 clamps it to the system precision).
 *
 * @param rawDelayNanos the delay as computed, before the clamp
 */
public record OnWire(long offsetNanos, long delayNanos, long rawDelayNanos) {

    public static OnWire of(long t1, long t2, long t3, long t4, long minDelayNanos) {
        long offset = ((t2 - t1) + (t3 - t4)) / 2;
        long delay = (t4 - t1) - (t3 - t2);
        return new OnWire(offset, Math.max(delay, Math.max(0, minDelayNanos)), delay);
    }

    public static OnWire of(long t1, long t2, long t3, long t4) {
        return of(t1, t2, t3, t4, 0);
    }

    /** The what-if "ignore the round trip": the server's transmit time taken as now, {@code T3 − T4}. */
    public static OnWire ignoringRoundTrip(long t1, long t2, long t3, long t4) {
        OnWire w = of(t1, t2, t3, t4);
        return new OnWire(t3 - t4, w.delayNanos, w.rawDelayNanos);
    }

    public boolean clamped() {
        return rawDelayNanos != delayNanos;
    }
}
