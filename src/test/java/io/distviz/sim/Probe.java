package io.distviz.sim;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A test node that does only what commands tell it, and remembers what it saw, in order. */
public final class Probe extends Node {
    private static final long serialVersionUID = 1L;

    public record Note(String text) implements Payload {
    }

    /** Command: send {@code note} to {@code to}. */
    public record SendTo(NodeId to, String note) implements Serializable {
    }

    /** Command: set a timer with this tag after this delay. */
    public record SetTimer(long delayMicros, String tag) implements Serializable {
    }

    final List<String> seen = new ArrayList<>();

    public Probe(NodeId id) {
        super(id);
    }

    public static NodeFactory factory() {
        return (id, durable) -> new Probe(id);
    }

    public List<String> seen() {
        return seen;
    }

    @Override
    protected void step(Input input) {
        if (input instanceof Input.Receive r) {
            seen.add("recv " + ((Note) r.message().payload()).text() + " at " + nowMicros());
        } else if (input instanceof Input.TimerFired t) {
            seen.add("timer " + t.timer().tag() + " at " + nowMicros());
        } else if (input instanceof Input.Command c) {
            if (c.command() instanceof SendTo s) {
                send(s.to(), new Note(s.note()));
            } else if (c.command() instanceof SetTimer s) {
                setTimer(s.delayMicros(), s.tag());
            }
        }
    }
}
