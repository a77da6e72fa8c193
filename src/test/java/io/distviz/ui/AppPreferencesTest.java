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

/**
 * Theme, projector mode, the last page, each page's speed and the picture scale come back in the next run;
 * nonsense in the store is ignored.
 */
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

    private static double speed(AppShell shell, String page) {
        return shell.page(page).session().orElseThrow().speedProperty().get();
    }

    /** Each page keeps its own speed, as the toolbar does; the picture scale is the last one chosen. */
    @Test
    void eachPagesSpeedAndThePictureScaleComeBackNextTime(FxRobot robot) {
        double[] defaults = new double[3];
        robot.interact(() -> {
            AppShell s = open(new Appearance());
            defaults[0] = speed(s, "chord");
            s.page("raft").session().orElseThrow().speedProperty().set(0.1);
            s.page("clocks").session().orElseThrow().speedProperty().set(80);
            s.pngScaleProperty().set(3);
        });
        robot.interact(() -> {
            AppShell s = open(new Appearance());
            assertEquals(0.1, speed(s, "raft"), 1e-12);
            assertEquals(80, speed(s, "clocks"), 1e-12);
            assertEquals(defaults[0], speed(s, "chord"), 1e-12, "a page whose speed was never changed keeps its own");
            assertEquals(3, s.pngScaleProperty().get());
        });
    }

    @Test
    void nonsenseInTheStoreIsIgnored(FxRobot robot) {
        node.put("theme", "PURPLE");
        node.put("page", "no-such-page");
        node.put(AppPreferences.SPEED_PREFIX + "raft", "fast");
        node.put(AppPreferences.SPEED_PREFIX + "chord", "1e9");
        node.put(AppPreferences.SPEED_PREFIX + "clocks", "NaN");
        node.put(AppPreferences.PNG_SCALE, "7");
        double[] defaults = new double[3];
        robot.interact(() -> {
            AppShell fresh = new AppShell(DistVizApp.defaultPages(new Appearance(), id -> { }), new Appearance());
            defaults[0] = speed(fresh, "raft");
            defaults[1] = speed(fresh, "chord");
            defaults[2] = speed(fresh, "clocks");
        });
        robot.interact(() -> {
            Appearance a = new Appearance();
            AppShell s = open(a);
            assertEquals(Theme.LIGHT, a.themeProperty().get());
            assertEquals("home", s.currentPageProperty().get().id());
            assertEquals(defaults[0], speed(s, "raft"), 1e-12);
            assertEquals(defaults[1], speed(s, "chord"), 1e-12);
            assertEquals(defaults[2], speed(s, "clocks"), 1e-12);
            assertEquals(FileActions.DEFAULT_PNG_SCALE, s.pngScaleProperty().get());
        });
    }
}
