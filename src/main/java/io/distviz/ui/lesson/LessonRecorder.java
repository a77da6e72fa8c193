package io.distviz.ui.lesson;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.distviz.export.SafeFiles;
import io.distviz.scenario.Durations;
import io.distviz.scenario.Lesson;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioJson;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.ui.engine.EngineModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Records a teacher's free play on a page as the skeleton of a new lesson: the page's settings and seed as
 * the lesson's header, what was there before recording as a first step, then one step per action, each with
 * placeholder narration to write. The file reads back as a lesson ({@code lesson FILE --check} plays it).
 */
public final class LessonRecorder {
    private final EngineModel model;
    private final int startCount;

    /** Starts recording now: actions taken from here on become steps. */
    public LessonRecorder(EngineModel model) {
        this.model = model;
        this.startCount = model.actions().size();
    }

    /** The actions recorded so far (undo takes one back). */
    public List<ScenarioRunner.PerformedAction> recorded() {
        List<ScenarioRunner.PerformedAction> all = model.actions();
        return all.size() <= startCount ? List.of() : all.subList(startCount, all.size());
    }

    /** The lesson skeleton as a file's text. */
    public String skeleton(String title) {
        JsonObject header = ScenarioJson.header(model.settings());
        JsonObject o = new JsonObject();
        o.addProperty("format", Lesson.FORMAT);
        o.addProperty("version", Lesson.VERSION);
        o.addProperty("id", idFor(title));
        o.addProperty("title", title);
        for (String k : List.of("protocol")) {
            o.add(k, header.get(k));
        }
        o.addProperty("level", "beginner");
        List<ScenarioRunner.PerformedAction> steps = recorded();
        o.addProperty("minutes", Math.max(2, Math.min(120, 2 + steps.size())));
        JsonArray learn = new JsonArray();
        learn.add("TODO: what the student will learn");
        o.add("learn", learn);
        for (String k : List.of("seed", "network", "parameters")) {
            o.add(k, header.get(k));
        }
        JsonArray out = new JsonArray();
        // What the page had before recording started (its starting set-up, earlier clicks) comes back first.
        JsonArray before = new JsonArray();
        for (ScenarioAction a : model.setup()) {
            before.add(action(0, a));
        }
        for (ScenarioRunner.PerformedAction p : model.actions().subList(0, startCount)) {
            before.add(action(p.timeMicros(), p.action()));
        }
        out.add(step("The starting point", List.of("TODO: what the student sees first, and what to look at."),
                before));
        int n = 1;
        for (ScenarioRunner.PerformedAction p : steps) {
            JsonArray acts = new JsonArray();
            acts.add(action(p.timeMicros(), p.action()));
            String what = ScenarioRunner.what(p.action());
            out.add(step("Step " + (++n) + ": " + what, List.of("TODO: narrate this step. At "
                    + Durations.seconds(p.timeMicros()) + " the lesson does this: **" + what + "**.",
                    "TODO: what should the student notice?"), acts));
        }
        o.add("steps", out);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    /** Writes the skeleton; an existing file is replaced only when {@code overwrite} says so. */
    public void save(Path file, String title, boolean overwrite) throws IOException {
        SafeFiles.write(file, skeleton(title), overwrite);
    }

    private static JsonObject step(String title, List<String> text, JsonArray actions) {
        JsonObject s = new JsonObject();
        s.addProperty("title", title);
        JsonArray t = new JsonArray();
        text.forEach(t::add);
        s.add("text", t);
        if (!actions.isEmpty()) {
            s.add("actions", actions);
        }
        return s;
    }

    private static JsonObject action(long atMicros, ScenarioAction a) {
        JsonObject o = new JsonObject();
        o.addProperty("at", Durations.formatMicros(atMicros));
        a.toJson().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return o;
    }

    /** A lesson id from a title: lower-case words joined by dashes. */
    static String idFor(String title) {
        String id = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (id.isEmpty()) {
            id = "new-lesson";
        }
        return id.length() > 60 ? id.substring(0, 60).replaceAll("-+$", "") : id;
    }
}
