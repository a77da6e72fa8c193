package io.distviz.bench;

import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftConfig;
import io.distviz.sim.Actions;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.Simulation;

import java.util.Locale;

/**
 * The Raft benchmark's load: a cluster of {@code servers} with the paper's timers, and one closed-loop client
 * keeping {@code window} puts in flight, over LAN links.
 */
public record RaftWorkload(int servers, int window, LinkProfile link) implements Workload {

    public static final LinkProfile DEFAULT_LINK = LinkProfile.DEFAULT;

    public RaftWorkload {
        if (servers < 1 || servers > RaftCluster.MAX_SERVERS) {
            throw new IllegalArgumentException("1 to " + RaftCluster.MAX_SERVERS + " servers, not " + servers);
        }
        if (window < 1) {
            throw new IllegalArgumentException("at least one command in flight, not " + window);
        }
    }

    @Override
    public String name() {
        return "raft";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Raft, %d servers (timeouts 150-300 ms, heartbeats 50 ms), one client "
                        + "keeping %d puts in flight; links %s mean, %s jitter", servers, window,
                Micros.format(link.meanLatencyMicros()), Micros.format(link.jitterMicros()));
    }

    @Override
    public Simulation start(SimConfig config) {
        Simulation sim = new Simulation(config.withDefaultLink(link));
        RaftCluster cluster = new RaftCluster(RaftConfig.defaults(), sim, servers);
        sim.perform(new Actions.AddNode(NodeId.of("load"), RaftLoadClient.factory(cluster.serverIds(), window,
                1_000, RaftConfig.defaults().clientTimeoutMicros())));
        return sim;
    }

    /** Commands the cluster answered in {@code sim} (started by this workload). */
    @Override
    public long completedWork(Simulation sim) {
        return ((RaftLoadClient) sim.node(NodeId.of("load"))).answered();
    }

    @Override
    public String workUnit() {
        return "committed commands";
    }
}
