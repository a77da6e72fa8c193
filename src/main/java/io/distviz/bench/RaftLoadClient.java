package io.distviz.bench;

import io.distviz.raft.KvCommand;
import io.distviz.raft.RaftMessage;
import io.distviz.sim.Input;
import io.distviz.sim.Node;
import io.distviz.sim.NodeFactory;
import io.distviz.sim.NodeId;
import io.distviz.sim.Timer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raft benchmark's load: a closed-loop client that keeps {@code window} puts outstanding, each under its
 * own client id (one session per slot, since a Raft session allows one command at a time), follows
 * redirects, and retries on timeout. It counts the commands the cluster answered.
 */
public final class RaftLoadClient extends Node {
    private static final long serialVersionUID = 1L;

    private enum Tick { RETRY }

    private final List<NodeId> servers;
    private final int window;
    private final long firstClientId;
    private final long timeoutMicros;
    private final long[] sequence;
    private final long[] sentAtMicros;
    private NodeId leader;
    private long answered;
    private Timer retry;

    public RaftLoadClient(NodeId id, List<NodeId> servers, int window, long firstClientId, long timeoutMicros) {
        super(id);
        this.servers = new ArrayList<>(servers);
        this.window = window;
        this.firstClientId = firstClientId;
        this.timeoutMicros = timeoutMicros;
        this.sequence = new long[window];
        this.sentAtMicros = new long[window];
        this.leader = servers.get(0);
    }

    public static NodeFactory factory(List<NodeId> servers, int window, long firstClientId, long timeoutMicros) {
        List<NodeId> copy = new ArrayList<>(servers);
        return (NodeId id, Serializable durable) -> new RaftLoadClient(id, copy, window, firstClientId, timeoutMicros);
    }

    /** Commands the cluster has answered so far. */
    public long answered() {
        return answered;
    }

    @Override
    protected void step(Input input) {
        if (input instanceof Input.Start) {
            for (int slot = 0; slot < window; slot++) {
                sequence[slot] = 1;
                sendSlot(slot);
            }
            retry = setTimer(timeoutMicros, Tick.RETRY);
        } else if (input instanceof Input.Receive r && r.message().payload() instanceof RaftMessage.ClientReply reply) {
            int slot = (int) (reply.clientId() - firstClientId);
            if (slot < 0 || slot >= window || reply.sequence() != sequence[slot]) {
                return;
            }
            if (reply.status() == RaftMessage.ClientReply.Status.OK) {
                answered++;
                sequence[slot]++;
            } else if (reply.leaderHint() != null) {
                leader = reply.leaderHint();
            } else {
                return; // no leader known: the retry timer resends
            }
            sendSlot(slot);
        } else if (input instanceof Input.TimerFired) {
            // Resend the commands that have waited a whole timeout (the cluster applies each once), to the next
            // server if they all did: the one we believed led has gone quiet.
            boolean anyStale = false;
            boolean allStale = true;
            for (int slot = 0; slot < window; slot++) {
                boolean stale = nowMicros() - sentAtMicros[slot] >= timeoutMicros;
                anyStale |= stale;
                allStale &= stale;
            }
            if (allStale) {
                leader = servers.get((servers.indexOf(leader) + 1) % servers.size());
            }
            if (anyStale) {
                for (int slot = 0; slot < window; slot++) {
                    if (nowMicros() - sentAtMicros[slot] >= timeoutMicros) {
                        sendSlot(slot);
                    }
                }
            }
            retry = setTimer(timeoutMicros / 2, Tick.RETRY);
        }
    }

    private void sendSlot(int slot) {
        sentAtMicros[slot] = nowMicros();
        send(leader, new RaftMessage.ClientRequest(firstClientId + slot, sequence[slot],
                KvCommand.put("k" + (slot % 16), Long.toString(sequence[slot]))));
    }
}
