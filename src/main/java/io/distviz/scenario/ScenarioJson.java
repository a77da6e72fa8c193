package io.distviz.scenario;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.distviz.chord.ChordConfig;
import io.distviz.clocks.ClockConfig;
import io.distviz.clocks.ClockKind;
import io.distviz.raft.RaftConfig;
import io.distviz.sim.LinkProfile;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Writes scenarios (and the scenario part of a trace) back to the JSON that {@link ScenarioLoader} reads, every
 * parameter spelled out, so a saved file says exactly what ran. Reading and writing are tested to round-trip.
 */
public final class ScenarioJson {
    private ScenarioJson() {
    }

    /** The whole scenario as a file's text, pretty-printed. */
    public static String toText(Scenario s) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(toJson(s)) + "\n";
    }

    public static JsonObject toJson(Scenario s) {
        JsonObject o = header(s);
        JsonArray timeline = new JsonArray();
        for (Step step : s.timeline()) {
            timeline.add(step(step));
        }
        o.add("timeline", timeline);
        return o;
    }

    /** Everything but the timeline: what a trace keeps beside the actions it records. */
    public static JsonObject header(Scenario s) {
        JsonObject o = new JsonObject();
        o.addProperty("format", Scenario.FORMAT);
        o.addProperty("version", Scenario.VERSION);
        if (s.title() != null) {
            o.addProperty("title", s.title());
        }
        if (s.description() != null) {
            o.addProperty("description", s.description());
        }
        o.addProperty("protocol", s.protocol().word());
        o.addProperty("seed", s.seed());
        JsonObject net = new JsonObject();
        writeLink(s.network(), net);
        o.add("network", net);
        o.add("parameters", parameters(s.setup()));
        if (s.endMicros() != null) {
            o.addProperty("end", Durations.formatMicros(s.endMicros()));
        }
        return o;
    }

    public static JsonObject step(Step step) {
        JsonObject o = new JsonObject();
        if (step.timing().absolute()) {
            o.addProperty("at", Durations.formatMicros(step.timing().micros()));
        } else if (step.timing().micros() != 0) {
            o.addProperty("after", Durations.formatMicros(step.timing().micros()));
        }
        Step.Instruction in = step.instruction();
        if (in instanceof Step.Perform p) {
            p.action().toJson().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        } else if (in instanceof Step.WaitFor w) {
            o.addProperty("do", "wait");
            o.addProperty("for", Durations.formatMicros(w.micros()));
        } else if (in instanceof Step.WaitUntil w) {
            o.addProperty("do", "wait");
            o.add("until", w.condition().toJson());
            o.addProperty("timeout", Durations.formatMicros(w.timeoutMicros()));
        } else if (in instanceof Step.Expect x) {
            o.addProperty("do", "expect");
            o.add("that", x.condition().toJson());
        }
        return o;
    }

    static void writeLink(LinkProfile p, JsonObject o) {
        o.addProperty("latency", Durations.formatMicros(p.meanLatencyMicros()));
        o.addProperty("minLatency", Durations.formatMicros(p.minLatencyMicros()));
        o.addProperty("jitter", Durations.formatMicros(p.jitterMicros()));
        o.addProperty("loss", p.lossProbability());
        o.addProperty("duplicate", p.duplicateProbability());
        o.addProperty("reorder", p.reorderProbability());
    }

    static JsonElement parameters(Scenario.Setup setup) {
        JsonObject o = new JsonObject();
        if (setup instanceof Scenario.ChordSetup c) {
            ChordConfig k = c.config();
            o.addProperty("bits", k.bits());
            o.addProperty("successors", k.successorListLength());
            o.addProperty("replicas", k.replicas());
            o.addProperty("rules", word(k.rules()));
            o.addProperty("routing", word(k.routing()));
            o.addProperty("lookup", word(k.lookupStyle()));
            o.addProperty("stabilize", Durations.formatMicros(k.stabilizeMicros()));
            o.addProperty("fixFingers", Durations.formatMicros(k.fixFingersMicros()));
            o.addProperty("checkPredecessor", Durations.formatMicros(k.checkPredecessorMicros()));
            o.addProperty("replicate", Durations.formatMicros(k.replicateMicros()));
            o.addProperty("rpcTimeout", Durations.formatMicros(k.rpcTimeoutMicros()));
            o.addProperty("lookupTimeout", Durations.formatMicros(k.lookupTimeoutMicros()));
        } else if (setup instanceof Scenario.RaftSetup r) {
            RaftConfig k = r.config();
            o.addProperty("servers", r.servers());
            o.addProperty("electionTimeoutMin", Durations.formatMicros(k.electionTimeoutMinMicros()));
            o.addProperty("electionTimeoutMax", Durations.formatMicros(k.electionTimeoutMaxMicros()));
            o.addProperty("heartbeat", Durations.formatMicros(k.heartbeatMicros()));
            o.addProperty("maxEntriesPerAppend", k.maxEntriesPerAppend());
            o.addProperty("snapshotThreshold", k.snapshotThreshold());
            o.addProperty("preVote", k.preVote());
            o.addProperty("checkQuorum", k.checkQuorum());
            o.addProperty("fastBackup", k.fastBackup());
            o.addProperty("whatIfCommitOldTerms", k.whatIfCommitOldTerms());
            o.addProperty("clientTimeout", Durations.formatMicros(k.clientTimeoutMicros()));
        } else if (setup instanceof Scenario.ClockSetup c) {
            ClockConfig k = c.config();
            o.addProperty("pollInterval", Durations.formatMicros(k.pollIntervalMicros()));
            o.addProperty("adjust", word(k.adjustMode()));
            o.addProperty("stepThreshold", Durations.formatNanos(k.stepThresholdNanos()));
            o.addProperty("slewRatePpm", k.slewRatePpm());
            o.addProperty("monotonic", k.monotonic());
            o.addProperty("whatIfIgnoreRoundTrip", k.ignoreRoundTrip());
            o.addProperty("maxRoundTrip", Durations.formatMicros(k.maxRoundTripMicros()));
            o.addProperty("assumedMinDelay", Durations.formatMicros(k.assumedMinDelayMicros()));
            o.addProperty("frequencyTolerancePpm", k.frequencyTolerancePpm());
            o.addProperty("berkeleyMaxDeviation", Durations.formatNanos(k.berkeleyMaxDeviationNanos()));
            o.addProperty("ntpFrequencyDiscipline", k.ntpFrequencyDiscipline());
        }
        return o;
    }

    /** {@code ORIGINAL_2001} → {@code original-2001}: how enum values are written in files. */
    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A ClockKind as files name it: {@code cheap-quartz}, {@code gps-disciplined}. */
    static String word(ClockKind k) {
        return word((Enum<?>) k);
    }

    /** Parts per trillion as an exact number of ppm. */
    static Number ppm(long ppt) {
        return new BigDecimal(BigDecimal.valueOf(ppt, 6).stripTrailingZeros().toPlainString());
    }
}
