package io.distviz.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Theme;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Theme, projector mode and the last page come back in the next run; nonsense in the store is ignored. */
@ExtendWith(ApplicationExtension.class)
class AppPreferencesTest {
    private final Preferences node = Preferences.userRoot().node("io/distviz/test-app-" + System.nanoTime());
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void clean() throws Exception {
        node.removeNode();
    }

    private AppShell open(Appearance a) {
        AppShell[] shell = new AppShell[1];
        shell[0] = new AppShell(DistVizApp.defaultPages(a, id -> shell[0].show(id)), a);
        new AppPreferences(node).bind(a, shell[0]);
        return shell[0];
    }

    @Test
    void whatWasChosenComesBackNextTime(FxRobot robot) {
        robot.interact(() -> {
            Appearance a = new Appearance();
            AppShell s = open(a);
            a.themeProperty().set(Theme.DARK);
            a.projectorProperty().set(true);
            s.show("clocks");
        });
        robot.interact(() -> {
            Appearance a = new Appearance();
            AppShell s = open(a);
            assertEquals(Theme.DARK, a.themeProperty().get());
            assertTrue(a.projectorProperty().get());
            assertEquals("clocks", s.currentPageProperty().get().id());
        });
    }

    @Test
    void nonsenseInTheStoreIsIgnored(FxRobot robot) {
        node.put("theme", "PURPLE");
        node.put("page", "no-such-page");
        robot.interact(() -> {
            Appearance a = new Appearance();
            AppShell s = open(a);
            assertEquals(Theme.LIGHT, a.themeProperty().get());
            assertEquals("home", s.currentPageProperty().get().id());
        });
    }
}
