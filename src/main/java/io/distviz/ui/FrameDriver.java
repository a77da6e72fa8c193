package io.distviz.ui;

import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The one {@link AnimationTimer} of the app. Each frame it advances the shown page's simulation by the
 * elapsed wall time (the session applies speed and budget), then lets the page draw.
 */
public final class FrameDriver {
    private final Supplier<Page> activePage;
    private final ReadOnlyLongWrapper frames = new ReadOnlyLongWrapper(this, "frames");
    private long lastNanos = -1;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };

    public FrameDriver(Supplier<Page> activePage) {
        this.activePage = activePage;
    }

    public void start() {
        lastNanos = -1;
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** One frame at wall time {@code nowNanos}. Public so that tests can drive frames by hand. */
    public void tick(long nowNanos) {
        long elapsed = lastNanos < 0 ? 0 : nowNanos - lastNanos;
        lastNanos = nowNanos;
        Page page = activePage.get();
        if (page != null) {
            page.session().ifPresent(s -> s.advance(elapsed));
            page.onFrame();
        }
        frames.set(frames.get() + 1);
    }

    /** Frames drawn so far: lets tests wait for frames instead of sleeping. */
    public ReadOnlyLongProperty framesProperty() {
        return frames.getReadOnlyProperty();
    }
}
