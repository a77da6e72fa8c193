package io.distviz.scenario;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads lesson files (docs/LESSONS.md) and checks them as thoroughly as scenarios: every problem with its JSON
 * path, names that do not exist at that point, unknown fields. Whatever the input, it returns a lesson or throws
 * a {@link ScenarioException}.
 */
public final class LessonLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final List<String> HEADER = List.of("protocol", "seed", "network", "parameters");
    private static final List<String> HIGHLIGHTS = List.of("node", "message", "finger", "key", "log", "chart", "panel");

    private LessonLoader() {
    }

    public static Lesson load(Path file) throws ScenarioException {
        return parse(ScenarioLoader.readText(file), file.toString());
    }

    public static Lesson parse(String text, String file) throws ScenarioException {
        JsonElement root = JsonText.parse(text, file);
        Fields.Report report = new Fields.Report(file);
        Lesson l = read(root, report);
        if (!report.ok() || l == null) {
            throw new ScenarioException(report.problems.isEmpty()
                    ? List.of(new Problem(file, "$", "not a lesson")) : report.problems);
        }
        return l;
    }

    private static Lesson read(JsonElement root, Fields.Report report) {
        Fields f = Fields.of(root, "$", report);
        if (f == null) {
            return null;
        }
        String format = f.string("format");
        if (format != null && !format.equals(Lesson.FORMAT)) {
            f.problem("format", "this is a \"" + format + "\" file, not a lesson (\"" + Lesson.FORMAT + "\")");
            return null;
        }
        long version = f.integer("version", 1, Integer.MAX_VALUE);
        if (version > Lesson.VERSION) {
            f.problem("version", "version " + version + " was written by a newer DistViz; this one reads version "
                    + Lesson.VERSION);
            return null;
        }
        String id = f.string("id");
        if (id != null && !ID.matcher(id).matches()) {
            f.problem("id", "\"" + id + "\" is not a lesson id: lower-case letters, digits and dashes, such as "
                    + "raft-leader-election");
        }
        String title = f.string("title");
        Lesson.Level level = f.choice("level", Fields.words(Lesson.Level.class), null);
        int minutes = (int) f.integer("minutes", 1, 120);
        List<String> learn = f.strings("learn", true);
        if (learn.isEmpty() && f.has("learn")) {
            f.problem("learn", "say at least one thing the student will learn");
        }
        // The engine's header, read exactly as a scenario's (same fields, same checks, same paths).
        JsonObject header = new JsonObject();
        header.addProperty("format", Scenario.FORMAT);
        header.addProperty("version", Scenario.VERSION);
        JsonObject raw = root.getAsJsonObject();
        for (String k : HEADER) {
            f.raw(k);
            if (raw.has(k)) {
                header.add(k, raw.get(k));
            }
        }
        if (!raw.has("protocol")) {
            f.problem("protocol", "missing; expected one of chord, raft, clocks");
        }
        Scenario settings = raw.has("protocol") ? ScenarioLoader.read(header, "$", report, false) : null;
        List<Lesson.LessonStep> steps = new ArrayList<>();
        if (settings != null) {
            Timeline timeline = new Timeline(settings.protocol(), settings.setup(), report);
            List<Map.Entry<String, JsonElement>> items = f.array("steps", true);
            if (items.isEmpty() && f.has("steps")) {
                f.problem("steps", "a lesson needs at least one step");
            }
            for (Map.Entry<String, JsonElement> item : items) {
                Lesson.LessonStep step = step(item.getValue(), item.getKey(), timeline, report);
                if (step != null) {
                    steps.add(step);
                }
            }
        } else {
            f.raw("steps");
        }
        f.finish();
        if (settings == null || id == null || title == null || level == null) {
            return null;
        }
        return new Lesson(id, title, settings.protocol(), level, minutes, learn, settings.withTimeline(List.of()),
                steps);
    }

    private static Lesson.LessonStep step(JsonElement e, String path, Timeline timeline, Fields.Report report) {
        Fields f = Fields.of(e, path, report);
        if (f == null) {
            return null;
        }
        int before = report.problems.size();
        String title = f.string("title");
        List<String> text = new ArrayList<>();
        JsonElement t = f.raw("text");
        if (t == null) {
            f.problem("text", "missing; expected the narration: a string, or an array of paragraphs");
        } else if (t.isJsonPrimitive() && t.getAsJsonPrimitive().isString()) {
            text.add(t.getAsString());
        } else {
            text.addAll(f.strings("text", true));
        }
        List<Step> actions = new ArrayList<>();
        for (Map.Entry<String, JsonElement> a : f.array("actions", false)) {
            Step s = timeline.read(a.getValue(), a.getKey());
            if (s != null) {
                actions.add(s);
            }
        }
        List<Lesson.Highlight> highlights = new ArrayList<>();
        for (Map.Entry<String, JsonElement> h : f.array("highlight", false)) {
            Lesson.Highlight hl = highlight(h.getValue(), h.getKey(), timeline, report);
            if (hl != null) {
                highlights.add(hl);
            }
        }
        Lesson.Advance advance = advance(f.optObject("advance"), timeline, report);
        Lesson.Question question = f.has("question") ? question(f.optObject("question"), timeline, report) : null;
        String hint = f.optString("hint", null);
        boolean free = f.bool("free", false);
        f.finish();
        if (report.problems.size() != before || advance == null) {
            return null;
        }
        return new Lesson.LessonStep(path, title, text, actions, highlights, advance, question, hint, free);
    }

    private static Lesson.Highlight highlight(JsonElement e, String path, Timeline timeline, Fields.Report report) {
        if (!e.isJsonObject() || e.getAsJsonObject().size() != 1) {
            report.add(path, "expected one thing to point at, such as {\"node\": \"s1\"}; kinds: "
                    + String.join(", ", HIGHLIGHTS));
            return null;
        }
        String kind = e.getAsJsonObject().keySet().iterator().next();
        JsonElement v = e.getAsJsonObject().get(kind);
        String at = path + "." + kind;
        if (!HIGHLIGHTS.contains(kind)) {
            report.add(at, "unknown highlight \"" + kind + "\"; expected one of " + String.join(", ", HIGHLIGHTS));
            return null;
        }
        if (!v.isJsonPrimitive()) {
            report.add(at, "expected a name or a number, found " + Fields.kindOf(v));
            return null;
        }
        String target = v.getAsString();
        if (kind.equals("node") && !target.equals("leader") && !timeline.knows(target)) {
            report.add(at, "there is no node named \"" + target + "\" at this point of the lesson");
            return null;
        }
        return new Lesson.Highlight(kind, target);
    }

    private static Lesson.Advance advance(Fields f, Timeline timeline, Fields.Report report) {
        if (f == null) {
            return new Lesson.OnNext();
        }
        int ways = (f.has("on") ? 1 : 0) + (f.has("after") ? 1 : 0) + (f.has("when") ? 1 : 0)
                + (f.has("student") ? 1 : 0);
        if (ways != 1) {
            f.problem(null, "say how the step ends: {\"on\": \"next\"}, {\"after\": \"2s\"}, {\"when\": condition, "
                    + "\"timeout\": \"5s\"} or {\"student\": action}");
            f.acceptAll();
            f.finish();
            return null;
        }
        Lesson.Advance a;
        if (f.has("on")) {
            Map<String, String> next = new java.util.LinkedHashMap<>();
            next.put("next", "next");
            a = f.choice("on", next, null) == null ? null : new Lesson.OnNext();
        } else if (f.has("after")) {
            Long d = f.duration("after", 1, ScenarioLoader.MAX_TIME_MICROS, null);
            a = d == null ? null : new Lesson.After(d);
        } else if (f.has("when")) {
            Condition c = timeline.readCondition(f.raw("when"), f.pathOf("when"));
            Long timeout = f.duration("timeout", 1, ScenarioLoader.MAX_TIME_MICROS, null);
            a = c == null || timeout == null ? null : new Lesson.When(c, timeout);
        } else {
            Step s = timeline.read(f.raw("student"), f.pathOf("student"));
            if (s != null && !(s.instruction() instanceof Step.Perform)) {
                f.problem("student", "the student does an action, not a wait or an expectation");
                s = null;
            }
            a = s == null ? null : new Lesson.StudentDoes(((Step.Perform) s.instruction()).action());
        }
        f.finish();
        return a;
    }

    private static Lesson.Question question(Fields f, Timeline timeline, Fields.Report report) {
        if (f == null) {
            return null;
        }
        String prompt = f.string("prompt");
        String explain = f.optString("explain", null);
        if (f.has("options") == f.has("click")) {
            f.problem(null, "a question has \"options\" (multiple choice, with \"answer\") or \"click\" (the node "
                    + "to click, computed from the engine)");
            f.acceptAll();
            f.finish();
            return null;
        }
        if (f.has("options")) {
            List<String> options = f.strings("options", true);
            if (options.size() < 2) {
                f.problem("options", "a multiple-choice question needs at least two options");
            }
            long answer = f.integer("answer", 0, Math.max(0, options.size() - 1));
            f.finish();
            return prompt == null || options.size() < 2 ? null
                    : new Lesson.Choice(prompt, options, (int) answer, explain);
        }
        NodeQuery q = query(f.optObject("click"), timeline.protocol());
        f.finish();
        return prompt == null || q == null ? null : new Lesson.ClickNode(prompt, q, explain);
    }

    private static NodeQuery query(Fields f, Scenario.Protocol protocol) {
        if (f == null) {
            return null;
        }
        List<String> allowed = switch (protocol) {
            case CHORD -> List.of("responsible");
            case RAFT -> List.of("leader", "firstTimeout");
            case CLOCKS -> List.of("furthestOff", "mostAhead");
        };
        Set<String> keys = f.keys();
        if (keys.size() != 1 || !allowed.contains(keys.iterator().next())) {
            f.problem(null, "the right node is given as one of " + String.join(", ", allowed) + " for a "
                    + protocol.word() + " lesson, such as {\"" + allowed.get(0) + "\": "
                    + (protocol == Scenario.Protocol.CHORD ? "\"apple\"" : "\"now\"") + "}");
            f.acceptAll();
            return null;
        }
        String k = keys.iterator().next();
        String v = f.string(k);
        f.finish();
        if (v == null) {
            return null;
        }
        return switch (k) {
            case "responsible" -> new NodeQuery.Responsible(v);
            case "leader" -> new NodeQuery.Leader();
            case "firstTimeout" -> new NodeQuery.FirstTimeout();
            case "furthestOff" -> new NodeQuery.FurthestOff();
            default -> new NodeQuery.MostAhead();
        };
    }
}
