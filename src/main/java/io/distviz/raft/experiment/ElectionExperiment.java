package io.distviz.raft.experiment;

import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftConfig;
import io.distviz.raft.RaftEvent;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.SimRandom;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import io.distviz.sim.TraceListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long a cluster is without a leader after its leader crashes, for one election-timeout range (the Raft
 * paper's Figure 16). Each trial is its own simulation: a cluster elects a leader and runs a little, the
 * leader crashes at a random moment between heartbeats, and the trial measures virtual time from the crash
 * to the moment another server becomes leader.
 */
public final class ElectionExperiment {

    /**
     * @param latencyMicros mean one-way network delay (with a 10% spread); the paper's broadcast time was about
 *                      15 ms
     */
    public record Settings(int servers, long timeoutMinMicros, long timeoutMaxMicros, int trials, long latencyMicros,
                           long seed) {
        public Settings {
            if (trials < 1) {
                throw new IllegalArgumentException("at least one trial, not " + trials);
            }
            if (servers < 3 || servers > RaftCluster.MAX_SERVERS) {
                throw new IllegalArgumentException("between 3 and " + RaftCluster.MAX_SERVERS + " servers, not "
                        + servers);
            }
            if (latencyMicros < 0) {
                throw new IllegalArgumentException("latency must not be negative");
            }
        }
    }

    /** Downtime figures in milliseconds, and the raw downtimes for a cumulative plot. */
    public record Result(Settings settings, double medianMs, double meanMs, double p99Ms, double maxMs,
                         int trialsWithoutLeader, List<Double> downtimesMs) {
    }

    private ElectionExperiment() {
    }

    public static Result run(Settings s) {
        return run(s, () -> {
        });
    }

    /**
     * Runs the trials, calling {@code beforeEachTrial} before each one: the app's Cancel throws from it, so a
     * long run stops within one trial. The results do not depend on it.
     */
    public static Result run(Settings s, Runnable beforeEachTrial) {
        SimRandom trialSeeds = new SimRandom(s.seed()).fork("raft-election");
        double[] downtimes = new double[s.trials()];
        int stuck = 0;
        for (int t = 0; t < s.trials(); t++) {
            beforeEachTrial.run();
            long d = trial(s, trialSeeds.nextLong(Long.MAX_VALUE));
            if (d < 0) {
                stuck++;
                d = Micros.ofSeconds(10);
            }
            downtimes[t] = d / 1000.0;
        }
        double[] sorted = downtimes.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        List<Double> raw = new ArrayList<>();
        for (double d : sorted) {
            raw.add(d);
        }
        return new Result(s, percentile(sorted, 0.5), mean, percentile(sorted, 0.99), sorted[sorted.length - 1],
                stuck, raw);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Links with the given mean delay and a 10% spread: with no spread at all, servers with equal timeouts would
     * time out at the very same microsecond forever, which no real network does.
     */
    static LinkProfile link(long meanMicros) {
        return new LinkProfile(meanMicros / 2, meanMicros, meanMicros / 10, 0, 0, 0);
    }

    /** One trial: microseconds from the leader's crash to a new leader, or −1 if none within 10 s. */
    private static long trial(Settings s, long seed) {
        long heartbeat = Math.max(1, Math.min(s.timeoutMinMicros() / 3, Micros.ofMillis(50)));
        RaftConfig config = RaftConfig.defaults().withElectionTimeout(s.timeoutMinMicros(), s.timeoutMaxMicros())
                .withHeartbeat(heartbeat);
        SimConfig simConfig = SimConfig.seeded(seed).withoutCheckpoints().withoutTraceRetention()
                .withDefaultLink(link(s.latencyMicros()));
        Simulation sim = new Simulation(simConfig);
        long[] newLeaderAt = {-1};
        NodeId[] crashed = {null};
        sim.trace().addListener(new TraceListener() {
            public void onEvent(TraceEvent e) {
                if (crashed[0] != null && newLeaderAt[0] < 0 && e instanceof TraceEvent.ProtocolEvent p
                        && p.detail() instanceof RaftEvent.BecameLeader && !p.node().equals(crashed[0])) {
                    newLeaderAt[0] = e.timeMicros();
                }
            }

            public void onTruncated(int size) {
            }
        });
        RaftCluster cluster = new RaftCluster(config, sim, s.servers());
        sim.runUntil(() -> cluster.leader() != null, Micros.ofSeconds(30));
        if (cluster.leader() == null) {
            return -1;
        }
        // Let the cluster settle, then crash the leader at a random point of its heartbeat cycle.
        SimRandom r = new SimRandom(seed).fork("crash");
        sim.runFor(Micros.ofMillis(500) + r.nextLong(heartbeat));
        NodeId leader = cluster.leader();
        if (leader == null) {
            return -1;
        }
        crashed[0] = leader;
        long crashAt = sim.nowMicros();
        cluster.crash(leader);
        sim.runUntil(() -> newLeaderAt[0] >= 0, crashAt + Micros.ofSeconds(10));
        return newLeaderAt[0] < 0 ? -1 : newLeaderAt[0] - crashAt;
    }
}
