package io.distviz.scenario;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every lesson file in lessons/ loads and plays through headless, as {@code lesson FILE --check} does. */
class LessonFilesTest {

    static Stream<Path> lessonFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("lessons"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertFalse(list.isEmpty(), "lessons/ has no lesson");
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("lessonFiles")
    void everyLessonLoadsAndPlaysThrough(Path file) throws ScenarioException {
        Lesson lesson = LessonLoader.load(file);
        assertFalse(lesson.steps().isEmpty());
        List<Problem> problems = LessonCheck.check(lesson, file.toString());
        assertTrue(problems.isEmpty(), () -> file + ":\n" + String.join("\n", problems.stream()
                .map(Problem::toString).toList()));
        // The file name starts with the protocol, so the picker and the folder agree.
        assertTrue(file.getFileName().toString().startsWith(lesson.protocol().word() + "-"), file.toString());
    }

    @ParameterizedTest
    @MethodSource("lessonFiles")
    void lessonIdsAreUnique(Path file) throws Exception {
        String id = LessonLoader.load(file).id();
        long same = lessonFiles().filter(p -> {
            try {
                return LessonLoader.load(p).id().equals(id);
            } catch (ScenarioException e) {
                return false;
            }
        }).count();
        assertEquals(1, same, "the id " + id + " is used by more than one lesson");
    }
}
