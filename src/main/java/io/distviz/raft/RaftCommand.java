package io.distviz.raft;

import io.distviz.sim.NodeId;

import java.io.Serializable;

/** What the user (through {@link RaftCluster}) asks a server or client to do; delivered as a kernel command. */
public sealed interface RaftCommand extends Serializable {

    /** The page's "force a timeout": start an election now. */
    record ForceTimeout() implements RaftCommand {
    }

    /** To the leader: catch {@code server} up, then add it to the configuration. */
    record AddServer(NodeId server) implements RaftCommand {
    }

    /** To the leader: remove {@code server} from the configuration. */
    record RemoveServer(NodeId server) implements RaftCommand {
    }

    /** To a client: send this command to the cluster (after any earlier ones finish). */
    record Submit(KvCommand command) implements RaftCommand {
    }
}
