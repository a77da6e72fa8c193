package io.distviz.ui;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Runs the File menu's long jobs (writing a large trace, running a scenario, encoding a big picture) off the
 * FX thread, so the window stays live. A small dialog with the job's progress and Cancel appears only when
 * the job is still running after {@link #SHOW_AFTER}: a small trace is written before a dialog could flash
 * up. The outcome comes back on the FX thread.
 *
 * <p>Cancel asks the job to stop; the job is over only when it has returned or thrown, so the outcome
 * handlers run after any file it was writing has been cleaned up. The executor is given (as in JabRef), so a
 * test can hold a job back.
 */
public final class JobRunner {
    /** How long a job runs before its dialog shows. */
    public static final Duration SHOW_AFTER = Duration.millis(300);

    /** What a job reports to: how far it is, and whether Cancel was pressed. */
    public interface Progress {
        /** Throws {@link CancellationException} once Cancel was pressed: call it often. */
        void checkCancelled();

        /** {@code done} of {@code total} (a negative total: unknown), and a few words on where it is. */
        void update(double done, double total, String message);
    }

    /** Work that takes long: it reports to {@code progress} and throws CancellationException when cancelled. */
    @FunctionalInterface
    public interface Job<T> {
        T run(Progress progress) throws Exception;
    }

    /** What to do with a job's outcome, on the FX thread. */
    public interface Outcome<T> {
        void succeeded(T result);

        void failed(Throwable error);

        void cancelled();
    }

    private final Executor executor;
    private final Duration showAfter;
    private final Supplier<Window> owner;
    private final ReadOnlyObjectWrapper<Dialog<ButtonType>> dialog = new ReadOnlyObjectWrapper<>(this, "dialog");

    public JobRunner(Executor executor, Duration showAfter, Supplier<Window> owner) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.showAfter = Objects.requireNonNull(showAfter, "showAfter");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * Jobs on one daemon thread, started when first needed: they run one after another (two writes to the
     * same file cannot race), and a job still running does not keep the app from quitting.
     */
    public static JobRunner background(Supplier<Window> owner) {
        return new JobRunner(new Executor() {
            private ExecutorService service;

            @Override
            public synchronized void execute(Runnable command) {
                if (service == null) {
                    service = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "distviz-file-job");
                        t.setDaemon(true);
                        return t;
                    });
                }
                service.execute(command);
            }
        }, SHOW_AFTER, owner);
    }

    /** The progress dialog while one is shown, else null. */
    public ReadOnlyObjectProperty<Dialog<ButtonType>> dialogProperty() {
        return dialog.getReadOnlyProperty();
    }

    /** Starts {@code job} (call on the FX thread); {@code title} heads its dialog. */
    public <T> void run(String title, Job<T> job, Outcome<T> outcome) {
        JobTask<T> task = new JobTask<>(job);
        PauseTransition wait = new PauseTransition(showAfter);
        wait.setOnFinished(e -> {
            if (!task.finished) {
                showDialog(title, task);
            }
        });
        task.setOnSucceeded(e -> {
            finish(task, wait);
            outcome.succeeded(task.getValue());
        });
        task.setOnFailed(e -> {
            finish(task, wait);
            if (task.getException() instanceof CancellationException) {
                outcome.cancelled();
            } else {
                outcome.failed(task.getException());
            }
        });
        wait.play();
        executor.execute(task);
    }

    private void finish(JobTask<?> task, PauseTransition wait) {
        task.finished = true;
        wait.stop();
        Dialog<ButtonType> d = dialog.get();
        if (d != null) {
            dialog.set(null);
            d.close();
        }
    }

    private void showDialog(String title, JobTask<?> task) {
        Label message = new Label();
        message.textProperty().bind(task.messageProperty());
        message.getStyleClass().add("muted");
        ProgressBar bar = new ProgressBar();
        bar.setId("job-progress");
        bar.setPrefWidth(360);
        bar.progressProperty().bind(task.progressProperty());
        VBox content = new VBox(8, message, bar);
        content.setPadding(new Insets(12));

        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(title);
        d.setHeaderText(title);
        d.getDialogPane().setId("job-dialog");
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
        ((Button) d.getDialogPane().lookupButton(ButtonType.CANCEL)).setId("job-cancel");
        Window w = owner.get();
        // A dialog takes its owner's stylesheets, so an owner needs a scene.
        if (w != null && w.getScene() != null) {
            d.initOwner(w);
            d.initModality(Modality.WINDOW_MODAL);
            d.getDialogPane().getStylesheets().addAll(w.getScene().getStylesheets());
        }
        // Cancel, Escape and the window's close button all close the dialog: each asks the job to stop.
        d.setOnHidden(e -> {
            if (!task.finished) {
                task.cancelRequested = true;
                message.textProperty().unbind();
            }
        });
        dialog.set(d);
        d.show();
    }

    /**
     * The job as a JavaFX task. Cancel is a request the job sees through {@link Progress#checkCancelled}, not
     * {@link Task#cancel()}, which would report the job over while it may still be cleaning up its file.
     */
    private static final class JobTask<T> extends Task<T> implements Progress {
        private final Job<T> job;
        volatile boolean cancelRequested;
        /** Read and written on the FX thread only. */
        boolean finished;

        JobTask(Job<T> job) {
            this.job = job;
        }

        @Override
        protected T call() throws Exception {
            checkCancelled(); // cancelled while it waited for the thread
            return job.run(this);
        }

        @Override
        public void checkCancelled() {
            if (cancelRequested) {
                throw new CancellationException("cancelled");
            }
        }

        @Override
        public void update(double done, double total, String message) {
            if (total > 0) {
                updateProgress(done, total);
            }
            updateMessage(message);
        }
    }
}
