package io.distviz.bench;

import io.distviz.sim.Input;
import io.distviz.sim.Node;
import io.distviz.sim.NodeFactory;
import io.distviz.sim.NodeId;
import io.distviz.sim.Payload;
import java.util.List;

/**
 * The kernel benchmark's workload: heartbeat gossip in the style of van Renesse, Minsky and Hayden's
 * gossip-style failure detector (Middleware 1998), cut down to what loads the kernel. Each gossip round a
 * member bumps its own heartbeat, sends it to one member picked at random, and the member answers with an
 * acknowledgement; rounds are spaced by a random interval so that members do not tick in lock step.
 *
 * <p>It is a load generator, not an engine: it keeps only counters, so that the figures measure the kernel
 * (event queue, network, trace, checkpoints) rather than protocol logic. Like every node it draws only from
 * its own {@link #random()} stream and sees time only through the kernel.
 */
public final class GossipNode extends Node {
    private static final long serialVersionUID = 1L;

    /** The only timer: the start of this member's next gossip round. */
    public enum GossipTimer { NEXT_ROUND }

    /** "My heartbeat is now {@code heartbeat}": the one small message of a round. */
    public record Gossip(long heartbeat) implements Payload {
    }

    /** The answer to a {@link Gossip}, echoing the heartbeat it acknowledges. */
    public record GossipAck(long heartbeat) implements Payload {
    }

    /** Shared by every member built by one factory; Java serialization writes it once per checkpoint. */
    private final List<NodeId> members;
    private final int selfIndex;
    private final long roundMinMicros;
    private final long roundMaxMicros;

    private long heartbeat;
    private long highestHeartbeatHeard;
    private long gossipsReceived;
    private long acksReceived;

    private GossipNode(NodeId id, List<NodeId> members, long roundMinMicros, long roundMaxMicros) {
        super(id);
        this.members = members;
        this.selfIndex = members.indexOf(id);
        if (selfIndex < 0) {
            throw new IllegalArgumentException(id + " is not one of the gossip members");
        }
        this.roundMinMicros = roundMinMicros;
        this.roundMaxMicros = roundMaxMicros;
    }

    /**
     * Builds the members of one gossip group. Rounds start every {@code roundMinMicros} to
     * {@code roundMaxMicros} (uniform), so the group sends about {@code members / mean interval} gossips per
     * virtual second.
     */
    public static NodeFactory factory(List<NodeId> members, long roundMinMicros, long roundMaxMicros) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("gossip needs at least 2 members, got " + members.size());
        }
        if (roundMinMicros <= 0 || roundMaxMicros <= roundMinMicros) {
            throw new IllegalArgumentException("need 0 < roundMinMicros < roundMaxMicros, got "
                    + roundMinMicros + " and " + roundMaxMicros);
        }
        List<NodeId> shared = List.copyOf(members);
        return (id, durableState) -> new GossipNode(id, shared, roundMinMicros, roundMaxMicros);
    }

    public long heartbeat() {
        return heartbeat;
    }

    public long highestHeartbeatHeard() {
        return highestHeartbeatHeard;
    }

    public long gossipsReceived() {
        return gossipsReceived;
    }

    public long acksReceived() {
        return acksReceived;
    }

    @Override
    protected void step(Input input) {
        if (input instanceof Input.Start) {
            scheduleNextRound();
        } else if (input instanceof Input.TimerFired) {
            heartbeat++;
            send(randomOtherMember(), new Gossip(heartbeat));
            scheduleNextRound();
        } else if (input instanceof Input.Receive r) {
            if (r.message().payload() instanceof Gossip g) {
                gossipsReceived++;
                highestHeartbeatHeard = Math.max(highestHeartbeatHeard, g.heartbeat());
                send(r.message().from(), new GossipAck(g.heartbeat()));
            } else if (r.message().payload() instanceof GossipAck) {
                acksReceived++;
            }
        }
    }

    private void scheduleNextRound() {
        setTimer(random().nextLong(roundMinMicros, roundMaxMicros + 1), GossipTimer.NEXT_ROUND);
    }

    /** Uniform over the other members: one draw, then skip over ourselves. */
    private NodeId randomOtherMember() {
        int i = random().nextInt(members.size() - 1);
        return members.get(i >= selfIndex ? i + 1 : i);
    }
}
