package io.distviz.bench;

import io.distviz.sim.TraceEvent;
import io.distviz.sim.TraceListener;
import java.util.Locale;

/**
 * Counts what a run did while the trace keeps nothing ({@code SimConfig.withoutTraceRetention()}): messages
 * sent, delivered and dropped, and timers fired. It also folds every processed event (delivery, drop, timer
 * firing) into a 64-bit fingerprint of its time, kind and message or timer id, so that runs with the same
 * seed can be compared without keeping or hashing a trace of millions of events. Only arithmetic on values
 * that are the same on every JVM goes into it.
 */
public final class TraceCounter implements TraceListener {
    private long sent;
    private long delivered;
    private long dropped;
    private long timersFired;
    private long fingerprint = 0x2545F4914F6CDD1DL;

    @Override
    public void onEvent(TraceEvent event) {
        if (event instanceof TraceEvent.MessageDelivered d) {
            delivered++;
            fold(d.timeMicros(), 1, d.message().id() * 4 + d.message().copy());
        } else if (event instanceof TraceEvent.MessageSent) {
            sent++;
        } else if (event instanceof TraceEvent.TimerFired f) {
            timersFired++;
            fold(f.timeMicros(), 2, f.timer().id());
        } else if (event instanceof TraceEvent.MessageDropped d) {
            dropped++;
            fold(d.timeMicros(), 3, d.message().id() * 4 + d.message().copy());
        }
    }

    private void fold(long timeMicros, int kind, long id) {
        long x = fingerprint ^ (timeMicros * 0x9E3779B97F4A7C15L) ^ (id * 31 + kind);
        // The finalizer of SplitMix64: every input bit affects every output bit.
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        fingerprint = x ^ (x >>> 31);
    }

    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    public long dropped() {
        return dropped;
    }

    public long timersFired() {
        return timersFired;
    }

    /** Deliveries, drops and timer firings: what the kernel counts as processed events. */
    public long processed() {
        return delivered + dropped + timersFired;
    }

    /** The fingerprint as 16 hexadecimal digits. */
    public String fingerprint() {
        return String.format(Locale.ROOT, "%016x", fingerprint);
    }
}
