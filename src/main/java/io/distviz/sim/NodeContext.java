package io.distviz.sim;

import java.io.Serializable;

/**
 * What a node may do while it handles one input: the kernel's side of the node. A node never sees the
 * network or a clock directly (the DSLabs shape): it sends, sets timers and records, and the kernel does
 * the rest.
 */
interface NodeContext {
    long nowMicros();

    void send(NodeId to, Payload payload);

    Timer setTimer(long delayMicros, Serializable tag);

    void cancelTimer(Timer timer);

    SimRandom random();

    void recordState(String field, Object value);

    void annotate(String text);

    void emit(Payload detail);
}
