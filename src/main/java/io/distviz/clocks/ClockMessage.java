package io.distviz.clocks;

import io.distviz.sim.NodeId;
import io.distviz.sim.Payload;

/**
 * What clock nodes send each other. Every timestamp is a reading of the sender's own software clock, in
 * nanoseconds; none is true time (except a reference source's, whose clock is true time).
 */
public sealed interface ClockMessage extends Payload {

    // ------------------------------------------------------------------------------------- Cristian (1989)

    /** "What time is it?" The client remembers when it asked; the request carries only its number. */
    record CristianRequest(long sequence) implements ClockMessage {
    }

    /**
     * The server's clock when it answered. {@code precisionNanos} is how far the server's readings may be off
     * (its read jitter), as NTP servers announce theirs, so the client's bound covers it.
     */
    record CristianReply(long sequence, long serverTimeNanos, long precisionNanos) implements ClockMessage {
    }

    // ------------------------------------------------------------------------------------- Berkeley (1989)

    /** The master asks a follower for its clock in round {@code round}. */
    record BerkeleyPoll(long round) implements ClockMessage {
    }

    record BerkeleyReading(long round, long clockNanos) implements ClockMessage {
    }

    /** Move your clock by this much (relative, so the message's own delay does not matter). */
    record BerkeleyAdjust(long round, long adjustmentNanos) implements ClockMessage {
    }

    // ------------------------------------------------------------------------------------- NTP (RFC 5905)

    /** A client-mode packet: only its transmit timestamp T1 matters; the server echoes it as the origin. */
    record NtpRequest(long transmitNanos) implements ClockMessage {
    }

    /**
     * A server-mode packet. {@code origin} is the client's T1 echoed, {@code receive} is T2 and
     * {@code transmit} is T3, both read from the server's clock. Stratum 16 means the server is not
     * synchronized (RFC 5905's leap indicator "alarm"), and a client ignores it.
     *
     * @param rootDelayNanos      round-trip delay from the server to the reference at the top of its hierarchy
     * @param rootDispersionNanos the server's own error estimate relative to that reference
     * @param referenceId         the server the server is synchronized to (null for a reference source)
     */
    record NtpReply(int stratum, long rootDelayNanos, long rootDispersionNanos, long precisionNanos,
                    NodeId referenceId, long originNanos, long receiveNanos, long transmitNanos)
            implements ClockMessage {
    }
}
