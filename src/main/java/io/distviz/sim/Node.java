package io.distviz.sim;

import java.io.Serializable;
import java.util.Objects;

/**
 * A simulated node: a message-driven state machine with one entry point, {@link #step(Input)}, which the
 * kernel calls for each input and which runs to completion. A node sends, sets timers and records only
 * through the protected methods here, and only while it is handling an input.
 *
 * <p>Subclasses must be {@link Serializable} all the way down (the kernel checkpoints by serializing the
 * whole world) and must iterate only over sorted or insertion-ordered collections where the order affects
 * behaviour, so that a run depends on nothing but the seed and the user's actions.
 */
public abstract class Node implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NodeId id;
    private transient NodeContext context;

    protected Node(NodeId id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    public final NodeId id() {
        return id;
    }

    /** The single entry point. Called only by the kernel. */
    protected abstract void step(Input input);

    /**
     * What survives a crash (Raft's currentTerm, votedFor and log, say), or {@code null} if nothing does.
     * Called by the kernel when the node crashes; the value is handed to the {@link NodeFactory} on restart.
     * The node must not keep mutating the returned object after this call.
     */
    protected Serializable durableState() {
        return null;
    }

    final void handle(NodeContext ctx, Input input) {
        context = ctx;
        try {
            step(input);
        } finally {
            context = null;
        }
    }

    protected final long nowMicros() {
        return ctx().nowMicros();
    }

    protected final void send(NodeId to, Payload payload) {
        ctx().send(Objects.requireNonNull(to, "to"), Objects.requireNonNull(payload, "payload"));
    }

    protected final Timer setTimer(long delayMicros, Serializable tag) {
        if (delayMicros < 0) {
            throw new IllegalArgumentException("a timer cannot be set in the past: " + delayMicros + " µs");
        }
        return ctx().setTimer(delayMicros, tag);
    }

    /** Cancels a timer; a no-op if it already fired or was cancelled, or is {@code null}. */
    protected final void cancelTimer(Timer timer) {
        if (timer != null) {
            ctx().cancelTimer(timer);
        }
    }

    /** This node's own random stream, forked from the simulation seed by the node's name. */
    protected final SimRandom random() {
        return ctx().random();
    }

    /** Records a change of protocol state (role, term, successor...) in the trace. */
    protected final void recordState(String field, Object value) {
        ctx().recordState(field, value);
    }

    /** Adds a free-text note to the trace, attributed to this node. */
    protected final void annotate(String text) {
        ctx().annotate(text);
    }

    /**
     * Reports a structured protocol fact (a lookup's path, a key that moved) to the trace. The detail is a
     * record, like a payload, so that it reads the same on every run.
     */
    protected final void emit(Payload detail) {
        ctx().emit(java.util.Objects.requireNonNull(detail, "detail"));
    }

    private NodeContext ctx() {
        NodeContext c = context;
        if (c == null) {
            throw new IllegalStateException("node " + id + " used the kernel outside its step()");
        }
        return c;
    }
}
