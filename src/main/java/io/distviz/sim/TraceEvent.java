package io.distviz.sim;

import java.io.Serializable;

/**
 * One typed, structured event of a run. Together with the seed, the configuration and the user actions, the
 * trace is what views animate, exporters write and tests compare.
 */
public sealed interface TraceEvent extends Serializable
        permits TraceEvent.MessageSent, TraceEvent.MessageDelivered, TraceEvent.MessageDropped,
        TraceEvent.TimerSet, TraceEvent.TimerFired, TraceEvent.TimerCancelled,
        TraceEvent.NodeStateChanged, TraceEvent.NodeLifecycle, TraceEvent.UserActionPerformed,
        TraceEvent.Annotation, TraceEvent.ProtocolEvent {

    long timeMicros();

    /** The node the event happened at, or {@code null} for network-wide and user events. */
    NodeId node();

    /** Short machine-readable kind, such as {@code send} or {@code timer-fired}. */
    String kind();

    /** Canonical one-line text of the event; equal runs give equal lines (the trace hash is over these). */
    String describe();

    /** The message a send, delivery or drop is about; null for every other event. */
    default Message messageOrNull() {
        if (this instanceof MessageSent s) {
            return s.message();
        }
        if (this instanceof MessageDelivered d) {
            return d.message();
        }
        if (this instanceof MessageDropped d) {
            return d.message();
        }
        return null;
    }

    record MessageSent(long timeMicros, Message message) implements TraceEvent {
        public NodeId node() {
            return message.from();
        }

        public String kind() {
            return "send";
        }

        public String describe() {
            return timeMicros + " send " + message.describe();
        }
    }

    record MessageDelivered(long timeMicros, Message message) implements TraceEvent {
        public NodeId node() {
            return message.to();
        }

        public String kind() {
            return "deliver";
        }

        public String describe() {
            return timeMicros + " deliver " + message.describe();
        }
    }

    record MessageDropped(long timeMicros, Message message, DropReason reason) implements TraceEvent {
        public NodeId node() {
            return message.to();
        }

        public String kind() {
            return "drop";
        }

        public String describe() {
            return timeMicros + " drop(" + reason + ") " + message.describe();
        }
    }

    record TimerSet(long timeMicros, Timer timer) implements TraceEvent {
        public NodeId node() {
            return timer.node();
        }

        public String kind() {
            return "timer-set";
        }

        public String describe() {
            return timeMicros + " timer-set " + timer.describe();
        }
    }

    record TimerFired(long timeMicros, Timer timer) implements TraceEvent {
        public NodeId node() {
            return timer.node();
        }

        public String kind() {
            return "timer-fired";
        }

        public String describe() {
            return timeMicros + " timer-fired " + timer.describe();
        }
    }

    record TimerCancelled(long timeMicros, Timer timer) implements TraceEvent {
        public NodeId node() {
            return timer.node();
        }

        public String kind() {
            return "timer-cancelled";
        }

        public String describe() {
            return timeMicros + " timer-cancelled " + timer.describe();
        }
    }

    record NodeStateChanged(long timeMicros, NodeId node, String field, String value) implements TraceEvent {
        public String kind() {
            return "state";
        }

        public String describe() {
            return timeMicros + " state " + node + " " + field + "=" + value;
        }
    }

    /** A node was added, crashed, restarted or removed. */
    record NodeLifecycle(long timeMicros, NodeId node, Change change) implements TraceEvent {
        public enum Change { ADDED, CRASHED, RESTARTED, REMOVED }

        public String kind() {
            return "node-" + change.name().toLowerCase(java.util.Locale.ROOT);
        }

        public String describe() {
            return timeMicros + " " + kind() + " " + node;
        }
    }

    /** Something a person (or a scenario or lesson on their behalf) did. */
    record UserActionPerformed(long timeMicros, UserAction action) implements TraceEvent {
        public NodeId node() {
            return null;
        }

        public String kind() {
            return "user";
        }

        public String describe() {
            return timeMicros + " user " + action.describe();
        }
    }

    record Annotation(long timeMicros, NodeId node, String text) implements TraceEvent {
        public String kind() {
            return "note";
        }

        public String describe() {
            return timeMicros + " note " + (node == null ? "-" : node) + " " + text;
        }
    }

    /**
     * A structured protocol fact a node reports (a lookup finished with its path, a key moved), for views to
     * animate and experiments to count. The detail is a record like a payload, so it prints the same on every
     * run.
     */
    record ProtocolEvent(long timeMicros, NodeId node, Payload detail) implements TraceEvent {
        public String kind() {
            return "event";
        }

        public String describe() {
            return timeMicros + " event " + node + " " + detail.kind() + " " + detail;
        }
    }
}
