package io.distviz.sim;

import java.io.Serializable;

/**
 * A message on the simulated network. It carries its send and delivery times so that a view can draw it
 * in flight. {@code id} links the send event to the delivery (or drop) in the trace; a duplicate made by
 * the network keeps the id and has {@code copy > 0}.
 */
public record Message(long id, int copy, NodeId from, NodeId to, Payload payload,
                      long sentAtMicros, long deliverAtMicros) implements Serializable {

    public String kind() {
        return payload.kind();
    }

    /** Where the message is at virtual time {@code nowMicros}, from 0 (just sent) to 1 (arriving). */
    public double progressAt(long nowMicros) {
        long span = deliverAtMicros - sentAtMicros;
        if (span <= 0) {
            return 1.0;
        }
        return Math.max(0.0, Math.min(1.0, (nowMicros - sentAtMicros) / (double) span));
    }

    /** Canonical text used by the trace (and its hash). */
    public String describe() {
        return "#" + id + (copy > 0 ? "." + copy : "") + " " + from + "->" + to + " " + payload
                + " sent=" + sentAtMicros + " due=" + deliverAtMicros;
    }
}
