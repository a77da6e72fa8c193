package io.distviz.scenario;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.Gson;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.distviz.sim.Message;
import io.distviz.sim.Simulation;
import io.distviz.sim.Trace;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DistViz's own trace file (format {@value #FORMAT}): the scenario's header (protocol, parameters, network,
 * seed), every action as it was applied (virtual time, events processed before it, the action), the end time,
 * then every event with its canonical text and a SHA-256 hash over those lines. The header and the actions are
 * enough to replay the run exactly; {@link #replay} does so and checks the hash, so a file that was edited, or
 * that a different version of the engines would run differently, is caught rather than shown wrongly. The
 * events are there for other tools, which need not run anything.
 */
public final class TraceFile {
    public static final String FORMAT = "distviz-trace";
    public static final int VERSION = 1;

    private static final Gson GSON = new Gson();

    private TraceFile() {
    }

    /** What a trace file holds, the events aside. */
    public record Saved(Scenario scenario, List<ScenarioRunner.PerformedAction> actions, long endMicros,
                        long eventCount, String hash) {
        public Saved {
            actions = List.copyOf(actions);
        }
    }

    // ============================================================================================ writing

    public static void write(ScenarioRunner.Result run, Writer out) throws IOException {
        write(run.scenario(), run.actions(), run.endMicros(), run.simulation().trace(), out);
    }

    public static void write(Scenario scenario, List<ScenarioRunner.PerformedAction> actions, long endMicros,
                             Trace trace, Writer out) throws IOException {
        write(scenario, actions, endMicros, trace.events(), out);
    }

    /** Writes a trace from a list of events: a copy of a run that goes on elsewhere (see export.RunCopy). */
    public static void write(Scenario scenario, List<ScenarioRunner.PerformedAction> actions, long endMicros,
                             List<? extends TraceEvent> events, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setHtmlSafe(false);
        w.setIndent("");
        w.beginObject();
        w.name("format").value(FORMAT);
        w.name("version").value(VERSION);
        w.name("scenario");
        GSON.toJson(ScenarioJson.header(scenario), w);
        out.write('\n');
        w.name("actions").beginArray();
        for (ScenarioRunner.PerformedAction a : actions) {
            out.write('\n');
            JsonObject o = new JsonObject();
            o.addProperty("timeMicros", a.timeMicros());
            o.addProperty("eventsBefore", a.eventsBefore());
            o.add("action", a.action().toJson());
            GSON.toJson(o, w);
        }
        w.endArray();
        w.name("endMicros").value(endMicros);
        w.name("eventCount").value(events.size());
        w.name("hash").value(Trace.hashOf(events));
        w.name("events").beginArray();
        for (TraceEvent e : events) {
            out.write('\n');
            writeEvent(e, w);
        }
        w.endArray();
        w.endObject();
        out.write('\n');
        w.flush();
    }

    private static void writeEvent(TraceEvent e, JsonWriter w) throws IOException {
        w.beginObject();
        w.name("t").value(e.timeMicros());
        w.name("kind").value(e.kind());
        if (e.node() != null) {
            w.name("node").value(e.node().name());
        }
        Message m = e instanceof TraceEvent.MessageSent s ? s.message()
                : e instanceof TraceEvent.MessageDelivered d ? d.message()
                : e instanceof TraceEvent.MessageDropped d ? d.message() : null;
        if (m != null) {
            w.name("from").value(m.from().name());
            w.name("to").value(m.to().name());
            w.name("msg").value(m.id());
            if (m.copy() > 0) {
                w.name("copy").value(m.copy());
            }
            w.name("payload").value(m.payload().kind());
        }
        if (e instanceof TraceEvent.MessageDropped d) {
            w.name("reason").value(d.reason().name());
        } else if (e instanceof TraceEvent.NodeStateChanged s) {
            w.name("field").value(s.field());
            w.name("value").value(s.value());
        } else if (e instanceof TraceEvent.ProtocolEvent p) {
            w.name("event").value(p.detail().kind());
        }
        w.name("text").value(e.describe());
        w.endObject();
    }

    // ============================================================================================ reading

    /**
     * Reads a trace file's header and actions, checking them as a scenario's are; the events are counted, not
     * kept (the replay rebuilds them).
     */
    public static Saved read(Reader in, String file) throws ScenarioException {
        Fields.Report report = new Fields.Report(file);
        JsonObject head = new JsonObject();
        long events = 0;
        try {
            JsonReader r = new JsonReader(in);
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw ScenarioException.of(file, "$", "expected a trace: a JSON object, found " + r.peek());
            }
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (head.has(name) || (name.equals("events") && events > 0)) {
                    throw ScenarioException.of(file, "$." + name, "the key \"" + name + "\" appears twice");
                }
                if (name.equals("events") && r.peek() == JsonToken.BEGIN_ARRAY) {
                    r.beginArray();
                    while (r.hasNext()) {
                        r.skipValue();
                        events++;
                    }
                    r.endArray();
                    head.addProperty("events", true);
                } else {
                    head.add(name, JsonText.read(r, file, 1));
                }
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw ScenarioException.of(file, "$", "there is more after the end of the trace");
            }
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            throw ScenarioException.of(file, "$", "not a valid trace file: " + msg);
        }
        Fields f = new Fields(head, "$", report);
        String format = f.string("format");
        if (format != null && !format.equals(FORMAT)) {
            throw ScenarioException.of(file, "$.format", "this is a \"" + format + "\" file, not a trace (\""
                    + FORMAT + "\")");
        }
        long version = f.integer("version", 1, Integer.MAX_VALUE);
        if (version > VERSION) {
            throw ScenarioException.of(file, "$.version", "version " + version + " was written by a newer DistViz; "
                    + "this one reads version " + VERSION);
        }
        Scenario scenario = ScenarioLoader.read(f.raw("scenario"), "$.scenario", report, false);
        if (scenario == null && report.ok()) {
            report.add("$.scenario", "missing; expected the scenario's header");
        }
        List<ScenarioRunner.PerformedAction> actions = new ArrayList<>();
        if (scenario != null) {
            Timeline timeline = new Timeline(scenario.protocol(), scenario.setup(), report);
            long lastTime = 0;
            long lastEvents = 0;
            for (Map.Entry<String, JsonElement> item : f.array("actions", true)) {
                Fields a = Fields.of(item.getValue(), item.getKey(), report);
                if (a == null) {
                    continue;
                }
                long t = a.integer("timeMicros", lastTime, ScenarioLoader.MAX_TIME_MICROS);
                long n = a.integer("eventsBefore", lastEvents, Long.MAX_VALUE);
                lastTime = Math.max(lastTime, t);
                lastEvents = Math.max(lastEvents, n);
                Step step = timeline.read(a.raw("action"), a.pathOf("action"));
                if (step != null && step.instruction() instanceof Step.Perform p) {
                    actions.add(new ScenarioRunner.PerformedAction(t, n, p.action()));
                } else if (step != null) {
                    report.add(a.pathOf("action"), "a trace records actions only, not waits or expectations");
                }
                a.finish();
            }
        } else {
            f.raw("actions");
        }
        long end = f.integer("endMicros", 0, ScenarioLoader.MAX_TIME_MICROS);
        long count = f.integer("eventCount", 0, Long.MAX_VALUE);
        String hash = f.string("hash");
        f.raw("events");
        if (!head.has("events")) {
            report.add("$.events", "missing; expected the array of events");
        } else if (count != events) {
            report.add("$.eventCount", "says " + count + " events, but the file holds " + events);
        }
        if (!actions.isEmpty() && actions.get(actions.size() - 1).timeMicros() > end) {
            report.add("$.endMicros", "the trace ends at " + end + " µs, before its last action");
        }
        f.finish();
        if (!report.ok() || scenario == null) {
            throw new ScenarioException(report.problems);
        }
        return new Saved(scenario, actions, end, count, hash);
    }

    /**
     * Runs the saved trace again: same parameters, network and seed, each action at the same point between
     * the same two events. Throws when the result differs from what the file says (an edited file, or a run of
     * a different version of the engines).
     */
    public static ScenarioRunner.Result replay(Saved saved, String file) throws ScenarioException {
        Scenario s = saved.scenario();
        return replay(saved, file, ProtocolDriver.create(s), done -> {
        });
    }

    /**
     * Replays into {@code driver} (made for the saved scenario, with whatever checkpoints its user wants: the
     * app's timeline takes them often), telling {@code progress} how many of the file's events it has reached
     * every so often. {@code progress} may throw to stop the replay (a Cancel).
     */
    public static ScenarioRunner.Result replay(Saved saved, String file, ProtocolDriver driver,
                                               java.util.function.IntConsumer progress) throws ScenarioException {
        Scenario s = saved.scenario();
        Simulation sim = driver.simulation();
        int i = 0;
        for (ScenarioRunner.PerformedAction a : saved.actions()) {
            String at = "$.actions[" + i++ + "]";
            try {
                // Every event processed adds to the trace, so a replay past the file's count has gone wrong: stop
                // there rather than run on for hours towards an edited point (runToPoint does the last steps).
                while (sim.eventsProcessed() < a.eventsBefore() && sim.trace().size() <= saved.eventCount()
                        && sim.step()) {
                    if ((sim.eventsProcessed() & 4095) == 0) {
                        progress.accept(sim.trace().size());
                    }
                }
                if (sim.trace().size() > saved.eventCount()) {
                    throw ScenarioException.of(file, at, "the replay cannot reach this action: it passes the "
                            + saved.eventCount() + " events of the file first; the file was edited, or written by a "
                            + "DistViz whose engines run differently");
                }
                sim.runToPoint(a.timeMicros(), a.eventsBefore());
                driver.apply(a.action());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw ScenarioException.of(file, at, "the replay cannot apply this action: " + e.getMessage());
            }
        }
        while (sim.runUntil(saved.endMicros(), 4_096).stop() == io.distviz.sim.RunResult.Stop.EVENT_LIMIT
                && sim.trace().size() <= saved.eventCount()) {
            // in slices, stopping once the trace is longer than the file's (an edited end could be a month away)
            progress.accept(sim.trace().size());
        }
        progress.accept(sim.trace().size());
        String hash = sim.trace().hash();
        if (sim.trace().size() != saved.eventCount() || !hash.equals(saved.hash())) {
            throw ScenarioException.of(file, "$.hash", "replaying the trace gives " + (sim.trace().size()
                    > saved.eventCount() ? "more than " + saved.eventCount() + " events" : sim.trace().size()
                    + " events with hash " + hash.substring(0, 12) + "…") + ", but the file has " + saved.eventCount()
                    + " with hash " + (saved.hash() == null || saved.hash().length() < 12 ? saved.hash()
                    : saved.hash().substring(0, 12) + "…") + ": it was edited, or written by a DistViz whose "
                    + "engines run differently");
        }
        return new ScenarioRunner.Result(s, driver, List.of(), saved.actions(), sim.nowMicros());
    }
}
