package io.distviz.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Long jobs off the FX thread: a dialog with progress and Cancel only for a job still running after the
 * delay, the outcome on the FX thread, and Cancel reported only once the job has stopped.
 */
@ExtendWith(ApplicationExtension.class)
class JobRunnerTest {
    private Stage stage;
    /** Each job on a thread of its own, as the app's single job thread would run it. */
    private final Executor threads = r -> new Thread(r, "test-job").start();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Records an outcome and checks it arrives on the FX thread. */
    private static final class Recorded<T> implements JobRunner.Outcome<T> {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void succeeded(T result) {
            record(result);
        }

        @Override
        public void failed(Throwable error) {
            record(error);
        }

        @Override
        public void cancelled() {
            record("cancelled");
        }

        private synchronized void record(Object o) {
            assertTrue(Platform.isFxApplicationThread(), "outcomes come on the FX thread");
            seen.add(o);
        }

        synchronized boolean done() {
            return !seen.isEmpty();
        }
    }

    @Test
    void aJobThatEndsBeforeTheDelayShowsNoDialog(FxRobot robot) throws Exception {
        JobRunner runner = new JobRunner(threads, Duration.hours(1), () -> stage);
        List<Object> dialogs = new ArrayList<>();
        Recorded<Integer> outcome = new Recorded<>();
        robot.interact(() -> {
            runner.dialogProperty().addListener((o, a, b) -> dialogs.add(b));
            runner.run("Quick", progress -> 42, outcome);
        });
        waitUntil(outcome::done);
        assertEquals(List.of(42), outcome.seen);
        assertEquals(List.of(), dialogs, "no dialog flashed up");
    }

    @Test
    void aLongJobShowsItsProgressAndCancelStopsIt(FxRobot robot) throws Exception {
        JobRunner runner = new JobRunner(threads, JobRunner.SHOW_AFTER, () -> stage);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        Recorded<String> outcome = new Recorded<>();
        robot.interact(() -> runner.run("Writing big.json", progress -> {
            progress.update(5, 10, "5 of 10 events");
            halfway.countDown();
            goOn.await();
            while (true) {
                progress.checkCancelled();
                Thread.onSpinWait();
            }
        }, outcome));
        assertTrue(halfway.await(20, TimeUnit.SECONDS));
        waitUntil(() -> runner.dialogProperty().get() != null && runner.dialogProperty().get().isShowing());
        assertEquals(0.5, robot.lookup("#job-progress").queryAs(ProgressBar.class).getProgress(), 1e-9);
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> "5 of 10 events".equals(l.getText())));
        robot.clickOn("#job-cancel");
        assertTrue(outcome.seen.isEmpty(), "not over until the job itself has stopped");
        goOn.countDown();
        waitUntil(outcome::done);
        assertEquals(List.of("cancelled"), outcome.seen);
        assertNull(runner.dialogProperty().get());
    }

    @Test
    void aFailedJobHandsOverItsErrorAndClosesItsDialog(FxRobot robot) throws Exception {
        JobRunner runner = new JobRunner(threads, Duration.ZERO, () -> stage);
        IOException full = new IOException("No space left on device");
        CountDownLatch fail = new CountDownLatch(1);
        Recorded<String> outcome = new Recorded<>();
        robot.interact(() -> runner.run("Writing", progress -> {
            fail.await();
            throw full;
        }, outcome));
        waitUntil(() -> runner.dialogProperty().get() != null);
        fail.countDown();
        waitUntil(outcome::done);
        assertSame(full, outcome.seen.get(0));
        assertNull(runner.dialogProperty().get());
    }
}
