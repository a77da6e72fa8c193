package io.distviz.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real application class starts and shows its window. */
class DistVizAppTest {
    private Application app;

    @BeforeEach
    void launch() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(DistVizApp.class);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void theAppStartsWithItsWindowShowingHome() {
        Stage stage = Window.getWindows().stream().filter(w -> w instanceof Stage s && "DistViz".equals(s.getTitle()))
                .map(w -> (Stage) w).findFirst().orElseThrow();
        assertTrue(stage.isShowing());
        assertEquals(AppShell.WIDTH, stage.getScene().getWidth());
        assertTrue(stage.getScene().lookup("#page-home").isVisible());
        assertTrue(stage.getScene().lookup("#nav-raft") != null);
    }
}
