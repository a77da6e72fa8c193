package io.distviz.sim;

import java.io.Serializable;

/** Everything that can happen to a node: the argument of its single entry point {@link Node#step}. */
public sealed interface Input extends Serializable
        permits Input.Start, Input.Receive, Input.TimerFired, Input.Command {

    /** The node was added ({@code restart == false}) or came back after a crash with its durable state. */
    record Start(boolean restart) implements Input {
    }

    /** A message arrived from the network. */
    record Receive(Message message) implements Input {
    }

    /** One of the node's timers fired. */
    record TimerFired(Timer timer) implements Input {
    }

    /** A command from outside the protocol: a user's click, a client request, a lesson step. */
    record Command(Serializable command) implements Input {
    }
}
