package io.distviz.ui.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * How far the student got in each lesson, remembered between runs of the app. The store is injected: the
 * app keeps it in the user's {@link Preferences}; tests keep it in memory.
 */
public final class LessonProgress {

    public enum Status {
        NOT_STARTED("Not started"), IN_PROGRESS("In progress"), DONE("Done");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Preferences prefs;
    private final Map<String, String> memory = new LinkedHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();

    private LessonProgress(Preferences prefs) {
        this.prefs = prefs;
    }

    /** Kept in {@code node} (the app uses the user's preferences under io/distviz/lessons). */
    public static LessonProgress in(Preferences node) {
        return new LessonProgress(node);
    }

    /** The user's own, kept between runs. */
    public static LessonProgress user() {
        return in(Preferences.userRoot().node("io/distviz/lessons"));
    }

    /** Kept only while the app runs: for tests. */
    public static LessonProgress inMemory() {
        return new LessonProgress(null);
    }

    public Status status(String lessonId) {
        String v = get(lessonId);
        if (v == null) {
            return Status.NOT_STARTED;
        }
        return v.equals("done") ? Status.DONE : Status.IN_PROGRESS;
    }

    /** The step (counting from 0) the student last reached in a lesson in progress. */
    public int stepReached(String lessonId) {
        String v = get(lessonId);
        if (v == null || !v.startsWith("step ")) {
            return 0;
        }
        try {
            return Integer.parseInt(v.substring(5));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The student reached step {@code index}; a lesson already done stays done. */
    public void reached(String lessonId, int index) {
        if (status(lessonId) != Status.DONE) {
            put(lessonId, "step " + index);
        }
    }

    public void done(String lessonId) {
        put(lessonId, "done");
    }

    public void forget(String lessonId) {
        if (prefs == null) {
            memory.remove(lessonId);
        } else {
            prefs.remove(lessonId);
        }
        changed();
    }

    /** Called after every change (the picker redraws its status chips). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private String get(String key) {
        return prefs == null ? memory.get(key) : prefs.get(key, null);
    }

    private void put(String key, String value) {
        if (value.equals(get(key))) {
            return;
        }
        if (prefs == null) {
            memory.put(key, value);
        } else {
            prefs.put(key, value);
            try {
                prefs.flush();
            } catch (BackingStoreException e) {
                // Progress is a convenience: if it cannot be kept, the lesson still works.
            }
        }
        changed();
    }

    private void changed() {
        List.copyOf(listeners).forEach(Runnable::run);
    }
}
