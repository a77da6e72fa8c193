package io.distviz.raft;

import io.distviz.raft.RaftMessage.ClientReply;
import io.distviz.sim.Input;
import io.distviz.sim.Node;
import io.distviz.sim.NodeId;
import io.distviz.sim.Timer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of the replicated key-value store (dissertation chapter 6): one request at a time, to the server
 * it believes leads; redirected by followers, it tries the leader they name; after a timeout it tries the
 * next server with the same sequence number, so the cluster applies the command once.
 */
public final class RaftClient extends Node {
    private static final long serialVersionUID = 1L;

    private enum Tick { TIMEOUT, BACKOFF }

    private final long clientId;
    private final RaftConfig config;
    private final List<NodeId> servers;
    private final ArrayDeque<KvCommand> queue = new ArrayDeque<>();
    private long sequence;
    private KvCommand current;
    private NodeId target;
    private int attempts;
    private int nextServer;
    private Timer retry;

    public RaftClient(NodeId id, long clientId, RaftConfig config, List<NodeId> servers) {
        super(id);
        this.clientId = clientId;
        this.config = config;
        this.servers = new ArrayList<>(servers);
    }

    public long clientId() {
        return clientId;
    }

    /** Commands waiting behind the one in flight (which is not counted). */
    public int queued() {
        return queue.size();
    }

    public KvCommand inFlight() {
        return current;
    }

    @Override
    protected void step(Input input) {
        if (input instanceof Input.Command c && c.command() instanceof RaftCommand.Submit s) {
            queue.add(s.command());
            if (current == null) {
                next();
            }
        } else if (input instanceof Input.Receive r && r.message().payload() instanceof ClientReply reply) {
            if (current == null || reply.sequence() != sequence || reply.clientId() != clientId) {
                return; // an answer to an earlier attempt
            }
            cancelTimer(retry);
            retry = null;
            if (reply.status() == ClientReply.Status.OK) {
                emit(new RaftEvent.ClientCompleted(clientId, sequence, current, reply.result(), r.message().from(),
                        attempts));
                current = null;
                next();
            } else if (reply.leaderHint() != null && !reply.leaderHint().equals(target)) {
                target = reply.leaderHint();
                emit(new RaftEvent.ClientRetry(clientId, sequence, target, "redirected"));
                sendCurrent();
            } else {
                // No leader known yet: wait a little before asking the next server.
                target = nextServer();
                emit(new RaftEvent.ClientRetry(clientId, sequence, target, "no leader known"));
                retry = setTimer(config.electionTimeoutMinMicros() / 2, Tick.BACKOFF);
            }
        } else if (input instanceof Input.TimerFired t) {
            retry = null;
            if (current == null) {
                return;
            }
            if (t.timer().tag() == Tick.TIMEOUT) {
                target = nextServer();
                emit(new RaftEvent.ClientRetry(clientId, sequence, target, "timed out"));
            }
            sendCurrent();
        }
    }

    private void next() {
        current = queue.poll();
        if (current == null) {
            return;
        }
        sequence++;
        attempts = 0;
        emit(new RaftEvent.ClientInvoked(clientId, sequence, current));
        sendCurrent();
    }

    private void sendCurrent() {
        if (target == null) {
            target = nextServer();
        }
        attempts++;
        send(target, new RaftMessage.ClientRequest(clientId, sequence, current));
        cancelTimer(retry);
        retry = setTimer(config.clientTimeoutMicros(), Tick.TIMEOUT);
    }

    private NodeId nextServer() {
        NodeId s = servers.get(nextServer % servers.size());
        nextServer++;
        return s;
    }

    /** For the page: the servers this client knows. */
    public List<NodeId> servers() {
        return java.util.Collections.unmodifiableList(servers);
    }
}
