package io.distviz.raft;

import io.distviz.sim.NodeId;

import java.io.Serializable;
import java.util.List;

/** What a log entry carries: a client's key-value command, a leader's no-op, or a configuration. */
public sealed interface Operation extends Serializable {

    /** The entry a new leader appends at once, so it can commit something of its own term (section 5.4.2, 8). */
    record NoOp() implements Operation {
        @Override
        public String toString() {
            return "no-op";
        }
    }

    /**
     * A client command, identified by (client, sequence) so that a retried request is applied once
     * (dissertation 6.3).
     */
    record Kv(long clientId, long sequence, KvCommand command) implements Operation {
        @Override
        public String toString() {
            return command + " (c" + clientId + "#" + sequence + ")";
        }
    }

    /** The servers of the new configuration, taking effect as soon as it is in a server's log (diss. 4.1). */
    record Config(List<NodeId> servers) implements Operation {
        @Override
        public String toString() {
            return "config " + servers;
        }
    }
}
