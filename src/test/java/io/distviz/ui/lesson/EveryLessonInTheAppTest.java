package io.distviz.ui.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.scenario.Lesson;
import io.distviz.ui.AppShell;
import io.distviz.ui.DistVizApp;
import io.distviz.ui.experiments.Png;
import io.distviz.ui.theme.Appearance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every bundled lesson, played in the app as a student would: its page opens, every step's actions work,
 * every question has its right answer, every step can end, and the last one finishes the lesson. With
 * {@code -Dwalkthrough.dir=DIR} it also saves a picture of the window at every step, for a person to read
 * through (docs/LESSONS.md).
 */
@ExtendWith(ApplicationExtension.class)
class EveryLessonInTheAppTest {
    private AppShell shell;
    private LessonsPage lessons;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Appearance appearance = new Appearance();
        shell = new AppShell(DistVizApp.defaultPages(appearance, id -> shell.show(id), LessonProgress.inMemory()),
                appearance);
        lessons = (LessonsPage) shell.page(LessonsPage.ID);
        shell.install(stage);
        stage.show();
    }

    @Test
    void aStudentCanFinishEveryLesson(FxRobot robot) throws Exception {
        String dir = System.getProperty("walkthrough.dir");
        List<LessonLibrary.Entry> all = lessons.entries();
        assertTrue(all.size() >= 18, "the course has at least 18 lessons: " + all.size());
        for (LessonLibrary.Entry e : all) {
            assertFalse(e.broken(), e.file() + ": " + e.error());
            Lesson lesson = e.lesson();
            LessonRun[] holder = new LessonRun[1];
            robot.interact(() -> holder[0] = lessons.dock().start(lesson));
            LessonRun run = holder[0];
            assertEquals(lesson.protocol().word(), shell.currentPageProperty().get().id());
            for (int i = 0; i < lesson.steps().size(); i++) {
                assertNull(run.problemProperty().get(), lesson.id() + " step " + (i + 1));
                if (dir != null) {
                    robot.interact(() -> shell.driver().tick(System.nanoTime()));
                    Path out = Path.of(dir, lesson.id() + "-" + (i + 1) + ".png");
                    Files.createDirectories(out.getParent());
                    robot.interact(() -> {
                        try {
                            Png.write(out, stage.getScene().snapshot(null));
                        } catch (java.io.IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    });
                }
                LessonStudent.answer(robot, run);
                robot.interact(() -> LessonStudent.satisfy(run));
                WaitForAsyncUtils.waitForFxEvents();
                Button next = robot.lookup("#lesson-next").queryAs(Button.class);
                assertFalse(next.isDisabled(), lesson.id() + " step " + (i + 1) + " may end");
                robot.interact(next::fire);
            }
            assertTrue(run.finishedProperty().get(), lesson.id());
            robot.interact(() -> robot.lookup("#lesson-close").queryAs(Button.class).fire());
        }
    }
}
