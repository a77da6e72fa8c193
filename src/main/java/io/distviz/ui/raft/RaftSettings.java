package io.distviz.ui.raft;

import io.distviz.raft.RaftConfig;
import io.distviz.scenario.Scenario;
import io.distviz.sim.LinkProfile;
import java.util.List;
import java.util.Locale;

/**
 * The Raft page's settings as a person types them (text, in milliseconds and percent), and their checked
 * translation into a {@link Scenario}. Anything that makes no sense is refused with a sentence that says what
 * and why, and nothing changes: {@link #toScenario} either returns a whole new setup or throws.
 */
public record RaftSettings(String servers, String electionMinMs, String electionMaxMs, String heartbeatMs,
                           String latencyMs, String lossPercent, String duplicatePercent,
                           String snapshotThreshold, boolean preVote, boolean checkQuorum,
                           boolean whatIfCommitOldTerms) {

    public static final int MIN_SERVERS = 3;
    public static final int MAX_SERVERS = 9;

    /** The page's starting point: the paper's timings, five servers, the default LAN. */
    public static Scenario defaultScenario() {
        return new Scenario("Raft page", null, Scenario.Protocol.RAFT, 1, LinkProfile.DEFAULT,
                new Scenario.RaftSetup(RaftConfig.defaults(), 5), List.of(), null);
    }

    /** The form filled in from {@code s}. */
    public static RaftSettings of(Scenario s) {
        Scenario.RaftSetup r = (Scenario.RaftSetup) s.setup();
        RaftConfig c = r.config();
        LinkProfile n = s.network();
        return new RaftSettings(Integer.toString(r.servers()), ms(c.electionTimeoutMinMicros()),
                ms(c.electionTimeoutMaxMicros()), ms(c.heartbeatMicros()), ms(n.meanLatencyMicros()),
                percent(n.lossProbability()), percent(n.duplicateProbability()),
                Integer.toString(c.snapshotThreshold()), c.preVote(), c.checkQuorum(), c.whatIfCommitOldTerms());
    }

    /**
     * The scenario these settings describe, keeping from {@code base} what the form does not show (seed,
     * title, the other Raft options). Throws IllegalArgumentException with a message for a person.
     */
    public Scenario toScenario(Scenario base) {
        int n = integer("Servers", servers, MIN_SERVERS, MAX_SERVERS);
        long min = micros("Shortest election timeout", electionMinMs, 1, 60_000);
        long max = micros("Longest election timeout", electionMaxMs, 1, 60_000);
        long beat = micros("Heartbeat interval", heartbeatMs, 1, 60_000);
        long latency = micros("Network latency", latencyMs, 0.1, 10_000);
        double loss = fraction("Message loss", lossPercent, 100);
        double dup = fraction("Duplication", duplicatePercent, 100);
        int snapshot = integer("Snapshot threshold", snapshotThreshold, 0, 1_000_000);
        if (max < min) {
            throw new IllegalArgumentException("The longest election timeout (" + electionMaxMs.trim()
                    + " ms) is shorter than the shortest (" + electionMinMs.trim() + " ms).");
        }
        if (beat >= min) {
            throw new IllegalArgumentException("The heartbeat (" + heartbeatMs.trim() + " ms) must be shorter than "
                    + "the shortest election timeout (" + electionMinMs.trim() + " ms), or followers would "
                    + "start elections against a healthy leader.");
        }
        Scenario.RaftSetup old = (Scenario.RaftSetup) base.setup();
        RaftConfig config = old.config().withElectionTimeout(min, max).withHeartbeat(beat)
                .withSnapshotThreshold(snapshot).withPreVote(preVote).withCheckQuorum(checkQuorum)
                .withWhatIfCommitOldTerms(whatIfCommitOldTerms);
        // Jitter and the floor follow the scenario files' rule: a fifth of the latency at most, 2 ms at most.
        long jitter = Math.min(2_000, latency / 5);
        long floor = Math.min(1_000, latency);
        LinkProfile network = base.network().withLatency(floor, latency, jitter).withLoss(loss)
                .withDuplication(dup);
        return new Scenario(base.title(), base.description(), Scenario.Protocol.RAFT, base.seed(), network,
                new Scenario.RaftSetup(config, n), List.of(), null);
    }

    private static int integer(String what, String text, int min, int max) {
        String t = text == null ? "" : text.trim();
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number from " + min + " to " + max
                    + ", not \"" + t + "\".");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be from " + min + " to " + max + ", not " + v + ".");
        }
        return v;
    }

    private static long micros(String what, String text, double minMs, double maxMs) {
        double v = number(what, text, "milliseconds");
        if (v < minMs || v > maxMs) {
            throw new IllegalArgumentException(what + " must be from " + plain(minMs) + " to " + plain(maxMs)
                    + " ms, not " + plain(v) + " ms.");
        }
        return Math.round(v * 1000);
    }

    private static double fraction(String what, String text, double maxPercent) {
        double v = number(what, text, "percent");
        if (v < 0 || v > maxPercent) {
            throw new IllegalArgumentException(what + " must be from 0 to " + plain(maxPercent) + " %, not "
                    + plain(v) + " %.");
        }
        return v / 100.0;
    }

    private static double number(String what, String text, String unit) {
        String t = text == null ? "" : text.trim();
        try {
            double v = Double.parseDouble(t);
            if (Double.isNaN(v) || Double.isInfinite(v) || t.endsWith("d") || t.endsWith("f")
                    || t.endsWith("D") || t.endsWith("F")) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number of " + unit + ", not \"" + t + "\".");
        }
    }

    private static String ms(long micros) {
        return plain(micros / 1000.0);
    }

    private static String percent(double p) {
        return plain(p * 100);
    }

    private static String plain(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
