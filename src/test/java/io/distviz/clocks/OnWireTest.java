package io.distviz.clocks;

import io.distviz.sim.SimRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 5905 section 8: offset and delay from the four timestamps. */
class OnWireTest {

    /**
     * One exchange built from first principles: the client's clock reads true time plus {@code client}, the
     * server's true time plus {@code server}; the request takes {@code out}, the server holds it {@code hold},
     * the answer takes {@code back}. All in nanoseconds.
     */
    static OnWire exchange(long sendTrue, long client, long server, long out, long hold, long back) {
        long t1 = sendTrue + client;
        long t2 = sendTrue + out + server;
        long t3 = t2 + hold;
        long t4 = sendTrue + out + hold + back + client;
        return OnWire.of(t1, t2, t3, t4);
    }

    @Test
    void symmetricDelaysGiveTheExactOffsetAndTheRoundTripLessTheServersTime() {
        // The client is 5 ms behind the server; 10 ms each way; the server takes 1 ms to answer.
        OnWire w = OnWire.of(100_000_000L, 115_000_000L, 116_000_000L, 121_000_000L);
        assertEquals(5_000_000L, w.offsetNanos());
        assertEquals(20_000_000L, w.delayNanos());
        assertFalse(w.clamped());
        assertEquals(w, exchange(100_000_000L, 0, 5_000_000L, 10_000_000L, 1_000_000L, 10_000_000L));
    }

    @Test
    void aClientAheadOfItsServerSeesANegativeOffset() {
        // T1 = 10.000 s, T2 = 9.812 s, T3 = 9.813 s, T4 = 10.041 s (client 200 ms ahead, 20 ms each way).
        OnWire w = OnWire.of(10_000_000_000L, 9_820_000_000L, 9_821_000_000L, 10_041_000_000L);
        assertEquals(-200_000_000L, w.offsetNanos());
        assertEquals(40_000_000L, w.delayNanos());
    }

    @Test
    void asymmetricDelaysShiftTheOffsetByHalfTheirDifference() {
        // 2 ms out, 38 ms back, clocks equal: the client thinks the server is 18 ms behind.
        OnWire w = exchange(0, 0, 0, 2_000_000L, 0, 38_000_000L);
        assertEquals(-18_000_000L, w.offsetNanos());
        assertEquals(40_000_000L, w.delayNanos());
        assertTrue(Math.abs(w.offsetNanos()) <= w.delayNanos() / 2, "the error is at most half the delay");
        // The worst case: all of the trip one way. The error is then exactly half the delay.
        OnWire worst = exchange(0, 0, 0, 0, 500_000L, 30_000_000L);
        assertEquals(-15_000_000L, worst.offsetNanos());
        assertEquals(worst.delayNanos() / 2, Math.abs(worst.offsetNanos()));
    }

    @Test
    void theErrorNeverExceedsHalfTheDelayWhateverTheAsymmetry() {
        SimRandom r = new SimRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long client = r.nextLong(-1_000_000_000L, 1_000_000_000L);
            long server = r.nextLong(-1_000_000_000L, 1_000_000_000L);
            long out = r.nextLong(0, 500_000_000L);
            long back = r.nextLong(0, 500_000_000L);
            long hold = r.nextLong(0, 10_000_000L);
            OnWire w = exchange(r.nextLong(0, 1L << 50), client, server, out, hold, back);
            long trueOffset = server - client;
            assertEquals(out + back, w.delayNanos());
            long error = w.offsetNanos() - trueOffset;
            // (out − back) / 2 exactly, up to the half nanosecond the integer division drops.
            assertTrue(Math.abs(error - (out - back) / 2.0) <= 0.5, "error " + error);
            assertTrue(Math.abs(error) <= w.delayNanos() / 2.0 + 0.5, "error " + error + " delay " + w.delayNanos());
        }
    }

    @Test
    void aNegativeApparentDelayIsClamped() {
        // The server's clock ran fast while it held the request (or its readings jittered): T3 − T2 exceeds the
        // round trip the client measured.
        OnWire w = OnWire.of(1_000_000L, 1_400_000L, 1_900_000L, 1_300_000L);
        assertEquals(-200_000L, w.rawDelayNanos());
        assertEquals(0, w.delayNanos());
        assertTrue(w.clamped());
        assertEquals(500_000L, w.offsetNanos());
        OnWire toPrecision = OnWire.of(1_000_000L, 1_400_000L, 1_900_000L, 1_300_000L, 1_000);
        assertEquals(1_000, toPrecision.delayNanos(), "RFC 5905 clamps to the system precision");
        assertEquals(OnWire.of(0, 5, 5, 20, 1_000).delayNanos(), 1_000);
        assertEquals(20, OnWire.of(0, 5, 5, 20, 0).delayNanos(), "a positive delay is left alone");
    }

    @Test
    void ignoringTheRoundTripTakesTheServersTransmitTimeAsNow() {
        OnWire w = OnWire.ignoringRoundTrip(100_000_000L, 115_000_000L, 116_000_000L, 121_000_000L);
        assertEquals(-5_000_000L, w.offsetNanos(), "wrong by the whole return trip");
        assertEquals(20_000_000L, w.delayNanos());
    }
}
