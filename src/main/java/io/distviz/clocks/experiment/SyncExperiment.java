package io.distviz.clocks.experiment;

import io.distviz.clocks.ClockConfig;
import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.ClockKind;
import io.distviz.clocks.ClockNetwork;
import io.distviz.clocks.SyncAlgorithm;
import io.distviz.clocks.SyncRole;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.TraceEvent;
import io.distviz.sim.TraceListener;

import java.util.List;

/**
 * How well each synchronization algorithm keeps a network's clocks together and on true time, measured on the
 * real engine. The network is built for the algorithm ({@link #TOPOLOGY}), runs for the given virtual time, and
 * every second of virtual time the oracle reads each machine's offset from true time (without read jitter).
 * Figures are taken after the warm-up, which covers the start, when clocks are as far off as their kind
 * allows; bound checks count over the whole run, because an algorithm's own error estimate must hold always.
 */
public final class SyncExperiment {

    /** How the network is laid out for each algorithm, in words (the CLI prints it). */
    public static final String TOPOLOGY = "none: N free-running machines; cristian: N clients of a GPS reference "
            + "'ref'; berkeley: N machines, n1 the master, no reference; ntp: a GPS reference 'ref' at stratum 0, "
            + "machines n1..n3 poll it (stratum 1), the others poll n1..n3 (stratum 2)";

    public static final int MIN_NODES = 2;
    public static final int MAX_NODES = 60;
    public static final long MAX_DURATION_MICROS = Micros.ofSeconds(7 * 24 * 3600);

    /**
     * @param latencyMicros mean one-way delay of every link; the minimum is half of it and the spread (standard
     *                      deviation) a quarter
     * @param warmupMicros  offsets before this are not counted
     */
    public record Settings(SyncAlgorithm algorithm, int nodes, long durationMicros, long warmupMicros, ClockKind kind,
                           long latencyMicros, long pollMicros, boolean ignoreRoundTrip, long seed) {
        public Settings {
            if (nodes < MIN_NODES || nodes > MAX_NODES) {
                throw new IllegalArgumentException("between " + MIN_NODES + " and " + MAX_NODES + " machines, not "
                        + nodes);
            }
            if (durationMicros < Micros.ofSeconds(1) || durationMicros > MAX_DURATION_MICROS) {
                throw new IllegalArgumentException("the duration must be from 1 s to a week, not "
                        + Micros.format(durationMicros));
            }
            if (warmupMicros < 0 || warmupMicros >= durationMicros) {
                throw new IllegalArgumentException("the warm-up must be at least 0 and shorter than the duration ("
                        + Micros.format(durationMicros) + "), not " + Micros.format(warmupMicros));
            }
            if (latencyMicros < 0 || latencyMicros > Micros.ofSeconds(1)) {
                throw new IllegalArgumentException("the latency must be from 0 to 1000 ms, not "
                        + Micros.format(latencyMicros));
            }
            if (kind == ClockKind.CUSTOM) {
                throw new IllegalArgumentException("the custom clock kind has no figures to draw; choose a preset");
            }
            // The rest of the checks are the configuration's own (poll interval against the round-trip limit).
            config(pollMicros, latencyMicros, ignoreRoundTrip);
        }
    }

    /**
     * @param boundViolations for Cristian and NTP, how often the error of an estimate exceeded the error bound the
     *                        algorithm stated for it (null for the others, which state none)
     * @param boundChecks     how many estimates were checked
     * @param adjustments     clock corrections made (steps and slews)
     * @param messages        messages sent
     */
    public record Result(Settings settings, double maxAbsOffsetMs, double meanAbsOffsetMs, double maxPairwiseSkewMs,
                         Integer boundViolations, int boundChecks, int adjustments, long messages,
                         List<Sample> overTime) {
        public Result {
            overTime = List.copyOf(overTime);
        }
    }

    /** The largest |clock − true time| over the machines at one moment, warm-up included: the chart's line. */
    public record Sample(long seconds, double maxAbsOffsetMs) {
    }

    private SyncExperiment() {
    }

    /** The configuration every run uses: ntpd's defaults, the given poll, the link's minimum delay known. */
    static ClockConfig config(long pollMicros, long latencyMicros, boolean ignoreRoundTrip) {
        long maxRoundTrip = Math.max(Micros.ofMillis(100), 10 * latencyMicros);
        return ClockConfig.defaults().withPollInterval(pollMicros).withMaxRoundTrip(maxRoundTrip)
                .withAssumedMinDelay(link(latencyMicros).minLatencyMicros())
                .withWhatIfIgnoreRoundTrip(ignoreRoundTrip);
    }

    static LinkProfile link(long latencyMicros) {
        return new LinkProfile(latencyMicros / 2, latencyMicros, latencyMicros / 10, 0, 0, 0);
    }

    public static Result run(Settings s) {
        return run(s, () -> {
        });
    }

    /**
     * Runs the experiment, calling {@code everySecond} after each virtual second: the app's Cancel throws from
     * it. The results do not depend on it.
     */
    public static Result run(Settings s, Runnable everySecond) {
        SimConfig sim = SimConfig.seeded(s.seed()).withDefaultLink(link(s.latencyMicros())).withoutCheckpoints()
                .withoutTraceRetention();
        ClockNetwork net = new ClockNetwork(config(s.pollMicros(), s.latencyMicros(), s.ignoreRoundTrip()), sim);
        NodeId ref = s.algorithm() == SyncAlgorithm.CRISTIAN || s.algorithm() == SyncAlgorithm.NTP
                ? net.addReference(SyncRole.ReferenceKind.GPS) : null;
        for (int i = 0; i < s.nodes(); i++) {
            net.addNode(s.kind());
        }
        List<NodeId> machines = net.runningMachines();
        switch (s.algorithm()) {
            case NONE -> net.useNoSync();
            case CRISTIAN -> net.useCristian(ref);
            case BERKELEY -> net.useBerkeley(machines.get(0));
            case NTP -> net.useNtpTiers(ref, Math.min(3, machines.size()));
        }
        Counter counter = new Counter(net);
        net.simulation().trace().addListener(counter);
        double maxAbs = 0;
        double sumAbs = 0;
        long samples = 0;
        double maxSkew = 0;
        long second = Micros.ofSeconds(1);
        long totalSeconds = s.durationMicros() / second;
        // About 240 points whatever the duration: enough for a smooth line, few enough for any chart.
        long sampleEvery = Math.max(1, totalSeconds / 240);
        List<Sample> overTime = new java.util.ArrayList<>();
        for (long t = second; t <= s.durationMicros(); t += second) {
            net.simulation().runUntil(t);
            everySecond.run();
            if ((t / second) % sampleEvery == 0) {
                double worst = 0;
                for (NodeId id : machines) {
                    worst = Math.max(worst, Math.abs(net.offsetFromTrueTimeNanos(id)));
                }
                overTime.add(new Sample(t / second, worst / 1e6));
            }
            if (t < s.warmupMicros()) {
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (NodeId id : machines) {
                double o = net.offsetFromTrueTimeNanos(id);
                maxAbs = Math.max(maxAbs, Math.abs(o));
                sumAbs += Math.abs(o);
                samples++;
                lo = Math.min(lo, o);
                hi = Math.max(hi, o);
            }
            maxSkew = Math.max(maxSkew, hi - lo);
        }
        net.simulation().trace().removeListener(counter);
        boolean checked = s.algorithm() == SyncAlgorithm.CRISTIAN || s.algorithm() == SyncAlgorithm.NTP;
        return new Result(s, maxAbs / 1e6, samples == 0 ? 0 : sumAbs / samples / 1e6, maxSkew / 1e6,
                checked ? counter.violations : null, counter.checks, counter.adjustments, counter.messages, overTime);
    }

    /**
     * Compares each estimate with the truth at the moment it is made (the node has not applied it yet): a
     * Cristian estimate with the server's clock, an NTP system offset with true time, which is what NTP's root
     * distance bounds.
     */
    static final class Counter implements TraceListener {
        private final ClockNetwork net;
        int checks;
        int violations;
        int adjustments;
        long messages;

        Counter(ClockNetwork net) {
            this.net = net;
        }

        @Override
        public void onEvent(TraceEvent event) {
            if (event instanceof TraceEvent.MessageSent) {
                messages++;
            } else if (event instanceof TraceEvent.ProtocolEvent p) {
                if (p.detail() instanceof ClockEvent.SyncSample x && x.algorithm() == SyncAlgorithm.CRISTIAN) {
                    check(x.offsetNanos() - net.trueCorrectionNanos(p.node(), x.server()), x.errorBoundNanos());
                } else if (p.detail() instanceof ClockEvent.SelectionResult r && r.systemPeer() != null) {
                    check(r.systemOffsetNanos() - net.trueCorrectionNanos(p.node(), null), r.errorBoundNanos());
                } else if (p.detail() instanceof ClockEvent.ClockAdjusted) {
                    adjustments++;
                }
            }
        }

        private void check(double errorNanos, long boundNanos) {
            checks++;
            if (Math.abs(errorNanos) > boundNanos + 1) { // 1 ns for the rounding of integer timestamps
                violations++;
            }
        }
    }
}
