package io.distviz.ui.lesson;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.distviz.scenario.Durations;
import io.distviz.scenario.Lesson;
import io.distviz.scenario.NodeQuery;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.scenario.Verdict;
import io.distviz.ui.engine.EngineModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A lesson being played on a page's {@link EngineModel}: which step is shown, whether it may end, the answer
 * to its question. The view model of the lesson panel: it holds properties, never controls, and is tested
 * without a stage.
 *
 * <p>A step's actions go through the model (so undo, Back and saving replay them). When a step is shown, the
 * point the run reached is kept; Back rebuilds the run from the seed to exactly that point of the previous
 * step ({@link EngineModel#restoreTo}), so the student sees what they saw then, event for event.
 */
public final class LessonRun {

    /** Where a step started: the actions taken before it and the exact point between two events. */
    public record Checkpoint(int actionCount, long timeMicros, long eventsProcessed) {
    }

    /** Feedback on an answer: right, wrong, or the answer shown after asking for it. */
    public enum Feedback { NONE, RIGHT, WRONG, SHOWN }

    private final Lesson lesson;
    private final EngineModel model;
    private final LessonProgress progress;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final ReadOnlyIntegerWrapper stepIndex = new ReadOnlyIntegerWrapper(this, "stepIndex", -1);
    private final ReadOnlyBooleanWrapper advanceMet = new ReadOnlyBooleanWrapper(this, "advanceMet");
    private final ReadOnlyBooleanWrapper answered = new ReadOnlyBooleanWrapper(this, "answered");
    private final ReadOnlyObjectWrapper<Feedback> feedback = new ReadOnlyObjectWrapper<>(this, "feedback",
            Feedback.NONE);
    private final ReadOnlyStringWrapper feedbackText = new ReadOnlyStringWrapper(this, "feedbackText", "");
    private final ReadOnlyStringWrapper waitingFor = new ReadOnlyStringWrapper(this, "waitingFor", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");
    private final BooleanBinding canGoOn;
    /** The leader when the step started: what "leader" means in "kill the leader" and in highlights. */
    private String leaderAtStart;
    private int wrongAnswers;

    public LessonRun(Lesson lesson, EngineModel model, LessonProgress progress) {
        this.lesson = lesson;
        this.model = model;
        this.progress = progress;
        canGoOn = Bindings.createBooleanBinding(() -> advanceMet.get() && answered.get() && !finished.get(),
                advanceMet, answered, finished);
        model.actionCountProperty().addListener((obs, o, n) -> check());
    }

    public Lesson lesson() {
        return lesson;
    }

    public EngineModel model() {
        return model;
    }

    /** Starts the lesson on the model: its settings and seed, nothing from the page, then the first step. */
    public void start() {
        startAt(0);
    }

    /**
     * Starts the lesson and goes on to step {@code k} (a lesson in progress resumed), playing the steps before
     * it as a student who does what each asks: their actions run, time passes or the condition comes, the
     * student's action is taken. Back then works as if the student had gone through them. If an earlier step
     * cannot end (a lesson's mistake), it stops there.
     */
    public void startAt(int k) {
        model.begin(lesson.settings(), List.of(), lesson.settings().seed());
        checkpoints.clear();
        finished.set(false);
        enter(0);
        int target = Math.max(0, Math.min(k, lesson.steps().size() - 1));
        while (stepIndex.get() < target && problem.get() == null) {
            Lesson.Advance a = step().advance();
            if (a instanceof Lesson.StudentDoes d) {
                if (!model.perform(d.action())) {
                    return;
                }
            } else if (!(a instanceof Lesson.OnNext)) {
                if (io.distviz.scenario.LessonCheck.advance(a, model.driver()) != null) {
                    return;
                }
                model.session().publish();
            }
            answered.set(true);
            check();
            if (!canGoOn.get()) {
                return;
            }
            next();
        }
    }

    public Lesson.LessonStep step() {
        return lesson.steps().get(stepIndex.get());
    }

    public ReadOnlyIntegerProperty stepIndexProperty() {
        return stepIndex.getReadOnlyProperty();
    }

    /** The step's own ending has come (Next was pressed is not needed for "on next"). */
    public ReadOnlyBooleanProperty advanceMetProperty() {
        return advanceMet.getReadOnlyProperty();
    }

    /** The step's question is answered rightly, or shown, or there is none. */
    public ReadOnlyBooleanProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    /** Whether Next may be pressed now. */
    public BooleanBinding canGoOnProperty() {
        return canGoOn;
    }

    public ReadOnlyObjectProperty<Feedback> feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty feedbackTextProperty() {
        return feedbackText.getReadOnlyProperty();
    }

    /** What the step waits for before Next, in words ("a leader is elected"); empty when nothing. */
    public ReadOnlyStringProperty waitingForProperty() {
        return waitingFor.getReadOnlyProperty();
    }

    /** A mistake in the lesson file that showed while playing it (a refused action, a false expectation). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last step was passed: the lesson is done. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    public int wrongAnswers() {
        return wrongAnswers;
    }

    // ============================================================================================ moving

    public boolean canGoBack() {
        return stepIndex.get() > 0;
    }

    /** Goes on to the next step, or finishes the lesson after the last one. */
    public void next() {
        if (!canGoOn.get()) {
            return;
        }
        int i = stepIndex.get();
        if (i + 1 >= lesson.steps().size()) {
            model.session().pause();
            progress.done(lesson.id());
            finished.set(true);
            return;
        }
        enter(i + 1);
    }

    /** Back to the previous step, with the run exactly as it was when that step was first shown. */
    public void back() {
        int i = stepIndex.get();
        if (finished.get()) {
            finished.set(false);
            return;
        }
        if (i <= 0) {
            return;
        }
        Checkpoint c = checkpoints.get(i - 1);
        model.restoreTo(c.actionCount(), c.timeMicros(), c.eventsProcessed());
        checkpoints.subList(i, checkpoints.size()).clear();
        show(i - 1, List.of());
    }

    /** Shows step {@code i}: runs its actions through the model, keeps where it started, and waits. */
    private void enter(int i) {
        Lesson.LessonStep s = lesson.steps().get(i);
        model.session().pause();
        List<String> problems = new ArrayList<>();
        if (!s.actions().isEmpty()) {
            ScenarioRunner.Result r = ScenarioRunner.runSteps(model.settings(), model.driver(), s.actions());
            model.recordApplied(r.actions());
            for (ScenarioRunner.StepResult x : r.steps()) {
                if (x.failed()) {
                    problems.add(x.step().path() + ": " + x.outcome().name().toLowerCase(Locale.ROOT)
                            .replace('_', ' ') + " — " + x.what() + (x.detail().isEmpty() ? "" : ": " + x.detail()));
                }
            }
            if (r.steps().size() < s.actions().size() && problems.isEmpty()) {
                problems.add(s.path() + ": the step's actions stopped before the end");
            }
        }
        checkpoints.subList(Math.min(i, checkpoints.size()), checkpoints.size()).clear();
        checkpoints.add(new Checkpoint(model.actions().size(), model.simulation().nowMicros(),
                model.simulation().eventsProcessed()));
        show(i, problems);
        progress.reached(lesson.id(), i);
    }

    private void show(int i, List<String> problems) {
        Lesson.LessonStep s = lesson.steps().get(i);
        finished.set(false);
        problem.set(problems.isEmpty() ? null : "This lesson has a mistake (tell its author):\n"
                + String.join("\n", problems));
        List<String> leaders = s.advance() instanceof Lesson.StudentDoes || mentionsLeader(s)
                ? answerNow(new NodeQuery.Leader()) : List.of();
        leaderAtStart = leaders.isEmpty() ? null : leaders.get(0);
        feedback.set(Feedback.NONE);
        feedbackText.set("");
        wrongAnswers = 0;
        answered.set(s.question() == null);
        advanceMet.set(s.advance() instanceof Lesson.OnNext);
        waitingFor.set(describe(s.advance()));
        stepIndex.set(i);
        check();
    }

    private static boolean mentionsLeader(Lesson.LessonStep s) {
        return s.highlights().stream().anyMatch(h -> h.kind().equals("node") && h.target().equals("leader"));
    }

    private List<String> answerNow(NodeQuery q) {
        try {
            return model.driver().answer(q);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private String describe(Lesson.Advance a) {
        if (a instanceof Lesson.After after) {
            return "Press Play: Next opens after " + Durations.formatMicros(after.micros()) + " of cluster time.";
        }
        if (a instanceof Lesson.When w) {
            return "Press Play: Next opens when " + w.condition().describe() + ".";
        }
        if (a instanceof Lesson.StudentDoes d) {
            return "Your turn: " + ScenarioRunner.what(d.action()) + ".";
        }
        return "";
    }

    // ============================================================================================ checking

    /** Checks whether the step may end: called every frame, and whenever the student acts. */
    public void check() {
        if (stepIndex.get() < 0 || advanceMet.get() || finished.get()) {
            return;
        }
        Lesson.Advance a = step().advance();
        Checkpoint start = checkpoints.get(checkpoints.size() - 1);
        boolean met;
        if (a instanceof Lesson.After after) {
            met = model.simulation().nowMicros() >= start.timeMicros() + after.micros();
        } else if (a instanceof Lesson.When w) {
            Verdict v;
            try {
                v = model.driver().evaluate(w.condition());
            } catch (RuntimeException e) {
                v = null;
            }
            met = v != null && v.holds();
        } else if (a instanceof Lesson.StudentDoes d) {
            met = model.actions().stream().skip(start.actionCount())
                    .anyMatch(p -> matches(d.action(), p.action()));
        } else {
            met = true;
        }
        if (met) {
            // The moment the step was about: stop so it can be read.
            model.session().pause();
            advanceMet.set(true);
            waitingFor.set("");
        }
    }

    /** The student's action is the one asked for: same verb, and every field asked for has the same value. */
    boolean matches(ScenarioAction asked, ScenarioAction done) {
        if (!asked.verb().equals(done.verb())) {
            return false;
        }
        JsonObject want = asked.toJson();
        JsonObject got = done.toJson();
        for (Map.Entry<String, JsonElement> e : want.entrySet()) {
            JsonElement w = e.getValue();
            if (w == null || w.isJsonNull()) {
                continue;
            }
            if (w.isJsonPrimitive() && w.getAsString().equals("leader") && leaderAtStart != null) {
                w = new com.google.gson.JsonPrimitive(leaderAtStart);
            }
            if (!w.equals(got.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    // ============================================================================================ questions

    /** Answers a multiple-choice question with option {@code index}. */
    public void answerChoice(int index) {
        if (!(step().question() instanceof Lesson.Choice c) || answered.get()) {
            return;
        }
        if (index == c.answer()) {
            right(c.explain());
        } else {
            wrong("Not quite. Think again" + (step().hint() == null ? "." : ": " + step().hint()));
        }
    }

    /**
     * A node was clicked while the step asks "click the node...": true when the click was taken as an answer
     * (the page then does nothing else with it). The right node is whatever the engine says now.
     */
    public boolean pickNode(String node) {
        if (stepIndex.get() < 0 || !(step().question() instanceof Lesson.ClickNode c) || answered.get()) {
            return false;
        }
        List<String> right = answerNow(c.answer());
        if (right.contains(node)) {
            right(c.explain());
        } else {
            wrong("Not " + node + ": it is not " + c.answer().describe() + ". Look again"
                    + (step().hint() == null ? "." : ": " + step().hint()));
        }
        return true;
    }

    /** Shows the right answer after a wrong one, so a stuck student can go on. */
    public void showAnswer() {
        Lesson.Question q = step().question();
        if (q == null || answered.get()) {
            return;
        }
        String answer;
        if (q instanceof Lesson.Choice c) {
            answer = "The answer is: " + c.options().get(c.answer()) + ".";
        } else {
            List<String> right = answerNow(((Lesson.ClickNode) q).answer());
            answer = right.isEmpty() ? "No node is " + ((Lesson.ClickNode) q).answer().describe() + " right now."
                    : "It is " + String.join(" or ", right) + ".";
        }
        answered.set(true);
        feedback.set(Feedback.SHOWN);
        feedbackText.set(answer + (q.explain() == null ? "" : " " + q.explain()));
    }

    private void right(String explain) {
        answered.set(true);
        feedback.set(Feedback.RIGHT);
        feedbackText.set("Right." + (explain == null ? "" : " " + explain));
    }

    private void wrong(String text) {
        wrongAnswers++;
        feedback.set(Feedback.WRONG);
        feedbackText.set(text);
    }

    // ============================================================================================ highlights

    /** The nodes to ring on the page now: named ones, and "leader" as it was when the step started. */
    public List<String> highlightedNodes() {
        if (stepIndex.get() < 0 || finished.get()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Lesson.Highlight h : step().highlights()) {
            if (h.kind().equals("node")) {
                if (!h.target().equals("leader")) {
                    out.add(h.target());
                } else {
                    List<String> l = answerNow(new NodeQuery.Leader());
                    out.addAll(l.isEmpty() && leaderAtStart != null ? List.of(leaderAtStart) : l);
                }
            }
        }
        return out;
    }

    /** What the step points at besides nodes (messages, keys...), for the page to draw where it can. */
    public List<Lesson.Highlight> otherHighlights() {
        if (stepIndex.get() < 0 || finished.get()) {
            return List.of();
        }
        return step().highlights().stream().filter(h -> !h.kind().equals("node")).toList();
    }

    /** The other things a step points at, in words for the panel: "the RequestVote messages". */
    public List<String> lookAt() {
        List<String> out = new ArrayList<>();
        for (Lesson.Highlight h : step().highlights()) {
            switch (h.kind()) {
                case "node" -> { }
                case "message" -> out.add("the " + h.target() + " messages");
                case "finger" -> out.add("finger " + h.target() + " in the finger table");
                case "key" -> out.add("the key " + h.target());
                case "log" -> out.add("the log, at " + h.target());
                case "chart" -> out.add("the " + h.target() + " chart");
                case "panel" -> out.add("the " + h.target());
                default -> out.add(h.kind() + " " + h.target());
            }
        }
        return out;
    }
}
