package io.distviz.sim;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A small test protocol: every node ticks on a random timer, pings a random peer, and counts the pongs it
 * gets back. The pong count is durable (it survives a crash); the ping count is volatile.
 */
public final class PingNode extends Node {
    private static final long serialVersionUID = 1L;

    public enum Tick { TICK }

    public record Ping(int seq) implements Payload {
    }

    public record Pong(int seq) implements Payload {
    }

    /** A command: ping every peer at once. */
    public record Burst() implements Serializable {
    }

    public record Durable(int pongsReceived) implements Serializable {
    }

    private final List<NodeId> peers;
    private final long tickMinMicros;
    private final long tickMaxMicros;
    int pongsReceived;   // durable
    int pingsReceived;   // volatile
    int nextSeq;         // volatile
    final List<Long> firstDraws = new ArrayList<>();

    PingNode(NodeId id, List<NodeId> peers, long tickMinMicros, long tickMaxMicros, Durable durable) {
        super(id);
        this.peers = List.copyOf(peers);
        this.tickMinMicros = tickMinMicros;
        this.tickMaxMicros = tickMaxMicros;
        this.pongsReceived = durable == null ? 0 : durable.pongsReceived();
    }

    /** A factory for node {@code id} among {@code peers}, ticking every 10 to 50 ms. */
    public static NodeFactory factory(List<NodeId> peers) {
        return factory(peers, 10_000, 50_000);
    }

    public static NodeFactory factory(List<NodeId> peers, long tickMinMicros, long tickMaxMicros) {
        List<NodeId> copy = List.copyOf(peers);
        return (id, durable) -> new PingNode(id, copy, tickMinMicros, tickMaxMicros, (Durable) durable);
    }

    @Override
    protected void step(Input input) {
        if (input instanceof Input.Start) {
            for (int i = 0; i < 3; i++) {
                firstDraws.add(random().nextLong());
            }
            setTimer(random().nextLong(tickMinMicros, tickMaxMicros), Tick.TICK);
        } else if (input instanceof Input.TimerFired) {
            NodeId peer = peers.get(random().nextInt(peers.size()));
            if (!peer.equals(id())) {
                send(peer, new Ping(nextSeq++));
            }
            setTimer(random().nextLong(tickMinMicros, tickMaxMicros), Tick.TICK);
        } else if (input instanceof Input.Receive r) {
            if (r.message().payload() instanceof Ping p) {
                pingsReceived++;
                recordState("pingsReceived", pingsReceived);
                send(r.message().from(), new Pong(p.seq()));
            } else if (r.message().payload() instanceof Pong) {
                pongsReceived++;
            }
        } else if (input instanceof Input.Command c && c.command() instanceof Burst) {
            for (NodeId peer : peers) {
                if (!peer.equals(id())) {
                    send(peer, new Ping(nextSeq++));
                }
            }
        }
    }

    @Override
    protected Serializable durableState() {
        return new Durable(pongsReceived);
    }

    public static List<NodeId> names(int n) {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(NodeId.of("n" + i));
        }
        return ids;
    }

    /** A simulation with {@code n} ping nodes added at time 0. */
    public static Simulation cluster(SimConfig config, int n) {
        Simulation sim = new Simulation(config);
        List<NodeId> ids = names(n);
        for (NodeId id : ids) {
            sim.perform(new Actions.AddNode(id, factory(ids)));
        }
        return sim;
    }
}
