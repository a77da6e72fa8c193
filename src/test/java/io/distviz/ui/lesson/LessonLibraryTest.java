package io.distviz.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.raft.RaftConfig;
import io.distviz.scenario.Lesson;
import io.distviz.scenario.LessonCheck;
import io.distviz.scenario.LessonLoader;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.ui.engine.EngineModel;
import io.distviz.ui.raft.RaftSettings;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding lessons (folder and jar), remembering progress, and recording a lesson skeleton; no stage. */
class LessonLibraryTest {
    private static final Path TEST_LESSONS = Path.of("src/test/resources/lessons-test");

    @Test
    void aBrokenFileIsListedWithItsErrorAndTheOthersLoad() {
        List<LessonLibrary.Entry> entries = LessonLibrary.fromDirectory(TEST_LESSONS);
        assertEquals(List.of("broken.json", "chord-test-keys.json", "clocks-test-drift.json"),
                entries.stream().map(LessonLibrary.Entry::file).toList());
        LessonLibrary.Entry broken = entries.get(0);
        assertTrue(broken.broken());
        assertTrue(broken.error().contains("$.level"), broken.error());
        assertFalse(entries.get(1).broken());
    }

    @Test
    void theTestLessonsPlayThroughHeadless() {
        for (LessonLibrary.Entry e : LessonLibrary.fromDirectory(TEST_LESSONS)) {
            if (!e.broken()) {
                assertEquals(List.of(), LessonCheck.check(e.lesson(), e.file()));
            }
        }
    }

    @Test
    void theBundledLessonsAreFoundOnTheClassPath() {
        List<LessonLibrary.Entry> entries = LessonLibrary.bundled();
        assertTrue(entries.stream().anyMatch(e -> !e.broken() && e.lesson().id().equals("raft-leader-election")));
    }

    @Test
    void lessonsAreFoundInsideAJarToo(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("lessons.jar");
        String text = Files.readString(TEST_LESSONS.resolve("chord-test-keys.json"));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("lessons/"));
            out.closeEntry();
            put(out, "lessons/a.json", text);
            put(out, "lessons/b.json", "{ not json");
            put(out, "lessons/README.md", "not a lesson");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<LessonLibrary.Entry> entries = LessonLibrary.fromClassLoader(loader);
            assertEquals(List.of("a.json", "b.json"), entries.stream().map(LessonLibrary.Entry::file).toList());
            assertEquals("chord-test-keys", entries.get(0).lesson().id());
            assertTrue(entries.get(1).broken());
        }
    }

    private static void put(JarOutputStream out, String name, String text) throws java.io.IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    void progressIsKeptInThePreferencesItIsGiven() throws Exception {
        Preferences node = Preferences.userRoot().node("io/distviz/test-lessons-" + ProcessHandle.current().pid());
        try {
            LessonProgress p = LessonProgress.in(node);
            assertEquals(LessonProgress.Status.NOT_STARTED, p.status("x"));
            p.reached("x", 3);
            LessonProgress again = LessonProgress.in(node);
            assertEquals(LessonProgress.Status.IN_PROGRESS, again.status("x"));
            assertEquals(3, again.stepReached("x"));
            again.done("x");
            again.reached("x", 1);
            assertEquals(LessonProgress.Status.DONE, LessonProgress.in(node).status("x"), "done stays done");
        } finally {
            node.removeNode();
        }
    }

    @Test
    void aRecordedSessionBecomesALessonThatPlaysThrough(@TempDir Path dir) throws Exception {
        EngineModel model = new EngineModel(RaftSettings.defaultScenario(), 3);
        model.simulation().runUntil(400_000);
        model.perform(new ScenarioAction.RaftTimeout("s2"));
        LessonRecorder rec = new LessonRecorder(model);
        model.simulation().runUntil(900_000);
        assertTrue(model.perform(new ScenarioAction.Crash("s1")));
        model.simulation().runUntil(1_500_000);
        assertTrue(model.perform(new ScenarioAction.Restart("s1")));
        assertEquals(2, rec.recorded().size());

        Path file = dir.resolve("my-lesson.json");
        rec.save(file, "My crash lesson", false);
        Lesson lesson = LessonLoader.load(file);
        assertEquals("my-crash-lesson", lesson.id());
        assertEquals(Scenario.Protocol.RAFT, lesson.protocol());
        assertEquals(3, lesson.steps().size(), "the starting point, then one step per recorded action");
        assertEquals(List.of(), LessonCheck.check(lesson, file.toString()));
        assertThrowsExisting(rec, file);
    }

    private static void assertThrowsExisting(LessonRecorder rec, Path file) throws Exception {
        String before = Files.readString(file);
        try {
            rec.save(file, "Another", false);
            throw new AssertionError("an existing file was replaced without asking");
        } catch (FileAlreadyExistsException expected) {
            assertEquals(before, Files.readString(file));
        }
        rec.save(file, "Another", true);
        assertTrue(Files.readString(file).contains("\"Another\""));
    }

    @Test
    void narrationSplitsBoldAndCode() {
        assertEquals(List.of(new Narration.Span("a ", "plain"), new Narration.Span("term", "bold"),
                new Narration.Span(" and ", "plain"), new Narration.Span("s1", "code"),
                new Narration.Span(" **open", "plain")), Narration.spans("a **term** and `s1` **open"));
        assertNull(null);
    }
}
