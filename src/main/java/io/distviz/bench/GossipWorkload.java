package io.distviz.bench;

import io.distviz.sim.Actions;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeFactory;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The kernel benchmark's load: {@code nodes} members of one heartbeat-gossip group ({@link GossipNode}). */
public record GossipWorkload(int nodes, long roundMinMicros, long roundMaxMicros, LinkProfile link)
        implements Workload {

    /** Rounds every 10 to 50 ms: about 33 gossips per member per virtual second, 100 kernel events/s. */
    public static final long DEFAULT_ROUND_MIN_MICROS = Micros.ofMillis(10);
    public static final long DEFAULT_ROUND_MAX_MICROS = Micros.ofMillis(50);

    /**
     * The kernel's LAN default (10 ms mean, 2 ms jitter, at least 1 ms) with 1% loss, so that the benchmark
     * exercises the jitter, FIFO and loss draws of the network on every message.
     */
    public static final LinkProfile DEFAULT_LINK = LinkProfile.DEFAULT.withLoss(0.01);

    public GossipWorkload {
        if (nodes < 2) {
            throw new IllegalArgumentException("gossip needs at least 2 nodes, got " + nodes);
        }
    }

    public static GossipWorkload withNodes(int nodes) {
        return new GossipWorkload(nodes, DEFAULT_ROUND_MIN_MICROS, DEFAULT_ROUND_MAX_MICROS, DEFAULT_LINK);
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT,
                "heartbeat gossip, %d nodes, a round every %s to %s per node; links %s mean, %s jitter, "
                        + "%s minimum, %.0f%% loss",
                nodes, Micros.format(roundMinMicros), Micros.format(roundMaxMicros),
                Micros.format(link.meanLatencyMicros()), Micros.format(link.jitterMicros()),
                Micros.format(link.minLatencyMicros()), link.lossProbability() * 100);
    }

    @Override
    public Simulation start(SimConfig config) {
        Simulation sim = new Simulation(config.withDefaultLink(link));
        List<NodeId> members = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            members.add(NodeId.of(memberName(i, nodes)));
        }
        NodeFactory factory = GossipNode.factory(members, roundMinMicros, roundMaxMicros);
        for (NodeId id : members) {
            sim.perform(new Actions.AddNode(id, factory));
        }
        return sim;
    }

    /** {@code g007}: zero-padded so that the kernel's name order is also the numeric order. */
    private static String memberName(int index, int count) {
        int width = Integer.toString(count - 1).length();
        return "g" + "0".repeat(width - Integer.toString(index).length()) + index;
    }
}
