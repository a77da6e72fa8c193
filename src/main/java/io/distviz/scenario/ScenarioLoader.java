package io.distviz.scenario;

import com.google.gson.JsonElement;
import io.distviz.chord.ChordConfig;
import io.distviz.clocks.ClockConfig;
import io.distviz.clocks.ClockKind;
import io.distviz.raft.RaftConfig;
import io.distviz.raft.RaftCluster;
import io.distviz.sim.LinkProfile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads scenario files (docs/SCENARIOS.md) and checks them through: types, ranges, unknown fields and actions,
 * node names that do not exist at that point of the timeline, times that go backwards. It never stops at the
 * first problem: a {@link ScenarioException} lists every one with its JSON path. Whatever the input, it either
 * returns a scenario or throws that exception.
 */
public final class ScenarioLoader {
    /** Longer than any lesson or experiment; keeps time arithmetic far from overflow. */
    public static final long MAX_TIME_MICROS = 30L * 24 * 3600 * 1_000_000;
    /** The largest file read: scenarios are small; a bigger file is almost surely the wrong one. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private ScenarioLoader() {
    }

    public static Scenario load(Path file) throws ScenarioException {
        return parse(readText(file), file.toString());
    }

    /** Reads a small UTF-8 text file, turning every failure into a problem report. */
    public static String readText(Path file) throws ScenarioException {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw ScenarioException.of(name, "$", Files.exists(file) ? "not a regular file" : "no such file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw ScenarioException.of(name, "$", "the file is " + Files.size(file) / 1024 + " KiB; "
                        + "scenario and lesson files are at most " + MAX_FILE_BYTES / 1024 / 1024 + " MiB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw ScenarioException.of(name, "$", "the file is not UTF-8 text");
        } catch (IOException e) {
            throw ScenarioException.of(name, "$", "cannot read the file: " + e.getMessage());
        }
    }

    public static Scenario parse(String text, String file) throws ScenarioException {
        JsonElement root = JsonText.parse(text, file);
        Fields.Report report = new Fields.Report(file);
        Scenario s = read(root, "$", report, true);
        if (!report.ok() || s == null) {
            throw new ScenarioException(report.problems.isEmpty()
                    ? List.of(new Problem(file, "$", "not a scenario")) : report.problems);
        }
        return s;
    }

    /**
     * Reads a scenario object found at {@code path}; with {@code withTimeline} false the timeline is left out (a
     * trace's header). Problems go to {@code report}; the result is null or partial when there are any.
     */
    static Scenario read(JsonElement root, String path, Fields.Report report, boolean withTimeline) {
        Fields f = Fields.of(root, path, report);
        if (f == null) {
            return null;
        }
        String format = f.string("format");
        if (format != null && !format.equals(Scenario.FORMAT)) {
            f.problem("format", "this is a \"" + format + "\" file, not a scenario (\"" + Scenario.FORMAT + "\")");
            return null;
        }
        long version = f.integer("version", 1, Integer.MAX_VALUE);
        if (version > Scenario.VERSION) {
            f.problem("version", "version " + version + " was written by a newer DistViz; this one reads version "
                    + Scenario.VERSION);
            return null;
        }
        String title = f.optString("title", null);
        String description = f.optString("description", null);
        Scenario.Protocol protocol = f.choice("protocol", Fields.words(Scenario.Protocol.class), null);
        long seed = f.optInteger("seed", Long.MIN_VALUE, Long.MAX_VALUE, 1);
        Fields net = f.optObject("network");
        LinkProfile network = readLink(net, LinkProfile.DEFAULT);
        if (net != null) {
            net.finish();
        }
        Fields params = f.optObject("parameters");
        Scenario.Setup setup = protocol == null ? null : readSetup(protocol, params, report);
        Long end = f.duration("end", 0, MAX_TIME_MICROS, -1L);
        List<Step> steps = new ArrayList<>();
        if (withTimeline && protocol != null && setup != null) {
            Timeline timeline = new Timeline(protocol, setup, report);
            for (Map.Entry<String, JsonElement> item : f.array("timeline", true)) {
                Step step = timeline.read(item.getValue(), item.getKey());
                if (step != null) {
                    steps.add(step);
                }
            }
        } else if (withTimeline) {
            f.raw("timeline");
        }
        f.finish();
        if (protocol == null || setup == null || network == null) {
            return null;
        }
        return new Scenario(title, description, protocol, seed, network, setup, steps, end < 0 ? null : end);
    }

    // ============================================================================================ network

    /** A link profile; fields left out keep {@code base}'s values (the minimum shrinks to fit the mean). */
    static LinkProfile readLink(Fields f, LinkProfile base) {
        if (f == null) {
            return base;
        }
        long max = 3_600_000_000L;
        long mean = f.duration("latency", 0, max, base.meanLatencyMicros());
        long min = f.duration("minLatency", 0, max, Math.min(base.minLatencyMicros(), mean));
        long jitter = f.duration("jitter", 0, max, f.has("latency") && !f.has("jitter")
                ? Math.min(base.jitterMicros(), mean / 5) : base.jitterMicros());
        double loss = f.optNumber("loss", 0, 1, base.lossProbability());
        double dup = f.optNumber("duplicate", 0, 1, base.duplicateProbability());
        double reorder = f.optNumber("reorder", 0, 1, base.reorderProbability());
        if (min > mean) {
            f.problem("minLatency", "the minimum latency " + Durations.formatMicros(min)
                    + " is more than the mean latency " + Durations.formatMicros(mean));
            return null;
        }
        return new LinkProfile(min, mean, jitter, loss, dup, reorder);
    }

    // ============================================================================================ parameters

    private static Scenario.Setup readSetup(Scenario.Protocol protocol, Fields p, Fields.Report report) {
        int before = report.problems.size();
        Fields f = p != null ? p : new Fields(new com.google.gson.JsonObject(), "$.parameters", report);
        Scenario.Setup setup;
        try {
            setup = switch (protocol) {
                case CHORD -> chordSetup(f);
                case RAFT -> raftSetup(f);
                case CLOCKS -> clockSetup(f);
            };
        } catch (IllegalArgumentException e) {
            // The configurations check how parameters fit together (k at most r + 1, heartbeat under timeout).
            if (report.problems.size() == before) {
                report.add(f.path(), e.getMessage());
            }
            setup = null;
        }
        f.finish();
        return report.problems.size() == before ? setup : null;
    }

    private static Scenario.ChordSetup chordSetup(Fields f) {
        ChordConfig d = ChordConfig.defaults();
        long day = 86_400_000_000L;
        return new Scenario.ChordSetup(new ChordConfig(
                (int) f.optInteger("bits", 3, 62, d.bits()),
                (int) f.optInteger("successors", 1, 32, d.successorListLength()),
                (int) f.optInteger("replicas", 1, 33, d.replicas()),
                f.choice("rules", Fields.words(ChordConfig.MaintenanceRules.class), d.rules()),
                f.choice("routing", Fields.words(ChordConfig.Routing.class), d.routing()),
                f.choice("lookup", Fields.words(ChordConfig.LookupStyle.class), d.lookupStyle()),
                f.duration("stabilize", 1000, day, d.stabilizeMicros()),
                f.duration("fixFingers", 0, day, d.fixFingersMicros()),
                f.duration("checkPredecessor", 1000, day, d.checkPredecessorMicros()),
                f.duration("replicate", 1000, day, d.replicateMicros()),
                f.duration("rpcTimeout", 1000, day, d.rpcTimeoutMicros()),
                f.duration("lookupTimeout", 1000, day, d.lookupTimeoutMicros())));
    }

    private static Scenario.RaftSetup raftSetup(Fields f) {
        RaftConfig d = RaftConfig.defaults();
        long hour = 3_600_000_000L;
        int servers = (int) f.optInteger("servers", RaftCluster.MIN_SERVERS, RaftCluster.MAX_SERVERS, 5);
        return new Scenario.RaftSetup(new RaftConfig(
                f.duration("electionTimeoutMin", 1000, hour, d.electionTimeoutMinMicros()),
                f.duration("electionTimeoutMax", 1000, hour, d.electionTimeoutMaxMicros()),
                f.duration("heartbeat", 1000, hour, d.heartbeatMicros()),
                (int) f.optInteger("maxEntriesPerAppend", 1, 100_000, d.maxEntriesPerAppend()),
                (int) f.optInteger("snapshotThreshold", 0, 1_000_000, d.snapshotThreshold()),
                f.bool("preVote", d.preVote()),
                f.bool("checkQuorum", d.checkQuorum()),
                f.bool("fastBackup", d.fastBackup()),
                f.bool("whatIfCommitOldTerms", d.whatIfCommitOldTerms()),
                f.duration("clientTimeout", 1000, hour, d.clientTimeoutMicros())), servers);
    }

    private static Scenario.ClockSetup clockSetup(Fields f) {
        ClockConfig d = ClockConfig.defaults();
        return new Scenario.ClockSetup(new ClockConfig(
                f.duration("pollInterval", ClockConfig.MIN_POLL_MICROS, ClockConfig.MAX_POLL_MICROS,
                        d.pollIntervalMicros()),
                f.choice("adjust", Fields.words(ClockConfig.AdjustMode.class), d.adjustMode()),
                f.nanos("stepThreshold", 0, 3_600_000_000_000L, d.stepThresholdNanos()),
                f.optInteger("slewRatePpm", 1, 100_000, d.slewRatePpm()),
                f.bool("monotonic", d.monotonic()),
                f.bool("whatIfIgnoreRoundTrip", d.ignoreRoundTrip()),
                f.duration("maxRoundTrip", 1, ClockConfig.MAX_POLL_MICROS, d.maxRoundTripMicros()),
                f.duration("assumedMinDelay", 0, ClockConfig.MAX_POLL_MICROS, d.assumedMinDelayMicros()),
                f.optInteger("frequencyTolerancePpm", 0, 1000, d.frequencyTolerancePpm()),
                f.nanos("berkeleyMaxDeviation", 1, 3_600_000_000_000L, d.berkeleyMaxDeviationNanos()),
                f.bool("ntpFrequencyDiscipline", d.ntpFrequencyDiscipline())));
    }

    /** Clock kinds as files name them, custom excluded (custom figures are given by skew and offset). */
    static Map<String, ClockKind> clockKinds() {
        Map<String, ClockKind> m = Fields.words(ClockKind.class);
        m.remove("custom");
        return m;
    }

    /** ppm as an exact number of parts per trillion. */
    static long ppt(double ppm) {
        return new BigDecimal(Double.toString(ppm)).movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
