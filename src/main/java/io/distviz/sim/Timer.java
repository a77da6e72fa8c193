package io.distviz.sim;

import java.io.Serializable;

/**
 * A timer a node set through the kernel. {@code tag} says what it is for in the protocol's words (an
 * enum constant such as {@code ELECTION_TIMEOUT}, or a small record).
 */
public record Timer(long id, NodeId node, Serializable tag, long setAtMicros, long fireAtMicros)
        implements Serializable {

    public String describe() {
        return "timer#" + id + " " + node + " " + tag + " set=" + setAtMicros + " due=" + fireAtMicros;
    }
}
