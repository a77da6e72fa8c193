package io.distviz.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.Version;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app shell, headless: pages switch; the toolbar plays, pauses and steps a real simulation. */
@ExtendWith(ApplicationExtension.class)
class AppShellTest {
    private AppShell shell;
    private PingPage ping;
    private DiagramPage diagramPage;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        ping = new PingPage();
        diagramPage = new DiagramPage();
        Appearance appearance = new Appearance();
        List<Page> pages = new ArrayList<>(DistVizApp.defaultPages(appearance, id -> shell.show(id)));
        pages.add(ping);
        pages.add(diagramPage);
        shell = new AppShell(pages, appearance);
        shell.install(stage);
        stage.show();
    }

    private SimulationSession session() {
        return ping.session().orElseThrow();
    }

    private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    /** Waits until the frame driver has drawn {@code n} more frames (instead of sleeping). */
    private void waitFrames(int n) throws TimeoutException {
        long target = shell.driver().framesProperty().get() + n;
        waitUntil(() -> shell.driver().framesProperty().get() >= target);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowOpensOnTheHomePage(FxRobot robot) {
        Stage stage = (Stage) robot.lookup("#app-root").query().getScene().getWindow();
        assertEquals("DistViz", stage.getTitle());
        assertTrue(robot.lookup("#page-home").query().isVisible());
        assertTrue(robot.lookup("#card-chord").tryQuery().isPresent());
        assertTrue(robot.lookup("#play").queryAs(ToggleButton.class).isDisabled(),
                "the home page has no simulation, so the toolbar is off");
    }

    @Test
    void pagesSwitchFromTheNavigationAndFromTheHomeCards(FxRobot robot) {
        robot.clickOn("#nav-chord");
        assertEquals("chord", shell.currentPageProperty().get().id());
        assertTrue(robot.lookup("#page-chord").query().isVisible());
        assertTrue(robot.lookup("#chord-canvas").query().isVisible(), "the Chord page draws its engine");
        assertTrue(robot.lookup("#page-home").tryQuery().isEmpty(), "only the shown page is in the scene");

        robot.clickOn("#nav-home");
        robot.clickOn("#open-raft");
        assertEquals("raft", shell.currentPageProperty().get().id());
        assertTrue(robot.lookup("#nav-raft").queryAs(ToggleButton.class).isSelected());

        robot.clickOn("#nav-clocks");
        assertTrue(robot.lookup("#page-clocks").query().isVisible());
        robot.clickOn("#nav-clocks"); // clicking the shown page again keeps it shown
        assertTrue(robot.lookup("#nav-clocks").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void playAdvancesVirtualTimeAndPauseStopsIt(FxRobot robot) throws TimeoutException {
        robot.clickOn("#nav-ping");
        assertEquals(0, session().virtualTimeMicrosProperty().get());
        robot.clickOn("#play");
        waitUntil(() -> session().virtualTimeMicrosProperty().get() > 50_000);
        assertTrue(session().eventsProcessedProperty().get() > 0);
        assertTrue(robot.lookup("#virtual-time").queryAs(Label.class).getText().startsWith("t = 0."));

        robot.clickOn("#play");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(session().runningProperty().get());
        long stoppedAt = session().virtualTimeMicrosProperty().get();
        waitFrames(10);
        assertEquals(stoppedAt, session().virtualTimeMicrosProperty().get());
    }

    @Test
    void spaceTogglesPlay(FxRobot robot) throws TimeoutException {
        robot.clickOn("#nav-ping");
        robot.type(KeyCode.SPACE);
        waitUntil(() -> session().virtualTimeMicrosProperty().get() > 0);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(session().runningProperty().get());
    }

    @Test
    void withoutASimulationSpacePressesTheFocusedButtonAsUsual(FxRobot robot) {
        robot.clickOn("#nav-home");
        robot.interact(() -> robot.lookup("#open-clocks").query().requestFocus());
        robot.type(KeyCode.SPACE);
        assertEquals("clocks", shell.currentPageProperty().get().id());
    }

    @Test
    void stepAdvancesExactlyOneEvent(FxRobot robot) {
        robot.clickOn("#nav-ping");
        long nextTime = session().simulation().nextEventTime().getAsLong();
        robot.clickOn("#step");
        assertEquals(1, session().eventsProcessedProperty().get());
        assertEquals(nextTime, session().virtualTimeMicrosProperty().get());
        assertEquals(1, session().simulation().trace().events().stream()
                .filter(e -> e.timeMicros() > 0).map(e -> e.timeMicros()).distinct().count());

        robot.type(KeyCode.RIGHT);
        assertEquals(2, session().eventsProcessedProperty().get());
        assertEquals("2 events", robot.lookup("#events").queryAs(Label.class).getText());
    }

    @Test
    void aBadSeedIsRefusedAndLosesNothingAndAGoodOneResets(FxRobot robot) {
        robot.clickOn("#nav-ping");
        robot.clickOn("#step");
        robot.clickOn("#step");
        TextField seed = robot.lookup("#seed").queryAs(TextField.class);
        robot.doubleClickOn(seed).eraseText(seed.getText().length() + 2).write("banana");
        robot.clickOn("#reset");
        assertTrue(shell.status().showsError());
        assertTrue(shell.status().text().contains("banana"), shell.status().text());
        assertEquals(2, session().eventsProcessedProperty().get(), "nothing was lost");
        assertEquals(42, session().seedProperty().get());

        robot.doubleClickOn(seed).eraseText(seed.getText().length() + 2).write("7").type(KeyCode.ENTER);
        assertFalse(shell.status().showsError());
        assertEquals(7, session().seedProperty().get());
        assertEquals(0, session().eventsProcessedProperty().get());
    }

    @Test
    void leavingAPagePausesItsSimulation(FxRobot robot) throws TimeoutException {
        robot.clickOn("#nav-ping");
        robot.clickOn("#play");
        waitUntil(() -> session().virtualTimeMicrosProperty().get() > 0);
        robot.clickOn("#nav-home");
        assertFalse(session().runningProperty().get());
        assertTrue(robot.lookup("#step").queryAs(Button.class).isDisabled());
    }

    @Test
    void themesAndProjectorModeChangeTheLookedUpColoursAndFontSize(FxRobot robot) {
        String light = shell.root().getScene().getStylesheets().get(0);
        robot.interact(() -> shell.appearance().themeProperty().set(Theme.DARK));
        String dark = shell.root().getScene().getStylesheets().get(0);
        assertNotEquals(light, dark);
        assertTrue(shell.appearance().themeCss().contains("-dv-bg: #0f141a"), shell.appearance().themeCss());
        assertTrue(shell.root().getStyleClass().contains("theme-dark"));
        // The window's background really is the dark palette's, resolved through the looked-up colour.
        javafx.scene.layout.Region holder = robot.lookup("#page-holder").queryAs(javafx.scene.layout.Region.class);
        assertEquals(Theme.DARK.palette().background(), holder.getBackground().getFills().get(0).getFill());

        double before = robot.lookup(".hero-title").queryAs(Label.class).getFont().getSize();
        robot.interact(() -> shell.appearance().projectorProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> shell.root().applyCss());
        double after = robot.lookup(".hero-title").queryAs(Label.class).getFont().getSize();
        assertTrue(after > before * 1.3, before + " -> " + after);
    }

    /** A page that draws a space-time diagram only while asked to, as a page with a hideable diagram would. */
    private static final class DiagramPage implements Page, DiagramSource {
        final Canvas canvas = new Canvas(240, 160);
        final StackPane view = new StackPane(canvas);
        boolean showsDiagram;

        DiagramPage() {
            view.setId("page-diagram");
            canvas.getGraphicsContext2D().fillRect(10, 10, 100, 50);
        }

        @Override
        public String id() {
            return "diagram";
        }

        @Override
        public String title() {
            return "Diagram";
        }

        @Override
        public String summary() {
            return "a page with a space-time diagram";
        }

        @Override
        public Node view() {
            return view;
        }

        @Override
        public Optional<Node> spaceTimeDiagram() {
            return showsDiagram ? Optional.of(canvas) : Optional.empty();
        }
    }

    @Test
    void theFileMenuOffersScenariosTracesAndPicturesWhereTheyMakeSense(FxRobot robot) throws Exception {
        MenuItem saveScenario = shell.menuItem("menu-save-scenario");
        MenuItem diagram = shell.menuItem("menu-export-diagram");
        assertEquals(KeyCombination.keyCombination("Shortcut+Shift+O"),
                shell.menuItem("menu-open-scenario").getAccelerator());
        assertEquals(KeyCombination.keyCombination("Shortcut+Shift+S"), saveScenario.getAccelerator());
        assertTrue(saveScenario.isDisable(), "the home page has no run to save");
        assertTrue(diagram.isDisable());
        assertFalse(shell.menuItem("menu-open-scenario").isDisable());

        robot.interact(() -> shell.show("raft"));
        assertFalse(saveScenario.isDisable());
        assertTrue(diagram.isDisable(), "the Raft page has no space-time diagram here");

        robot.interact(() -> shell.show("diagram"));
        assertTrue(diagram.isDisable(), "the page does not show its diagram now");
        diagramPage.showsDiagram = true;
        robot.interact(() -> shell.show("home"));
        robot.interact(() -> shell.show("diagram"));
        assertFalse(diagram.isDisable());

        // The diagram alone, at twice its size.
        Path png = dir.resolve("diagram.png");
        robot.interact(() -> shell.exportPicture(diagramPage.spaceTimeDiagram().orElseThrow(), 2, png));
        waitUntil(() -> shell.status().text().startsWith("Wrote " + png));
        assertEquals(List.of(480, 320), FileActionsTest.pngSize(png));

        diagramPage.showsDiagram = false;
        robot.interact(() -> shell.menuItem("menu-export-diagram").fire());
        assertTrue(shell.status().showsError());
        assertTrue(shell.status().text().contains("no space-time diagram"), shell.status().text());
    }

    @Test
    void theShortcutsListNamesEveryMenuShortcut() {
        String list = shell.shortcuts();
        for (String id : List.of("menu-open-scenario", "menu-save-scenario", "menu-open-trace", "menu-save-trace",
                "menu-quit", "projector-mode")) {
            MenuItem item = shell.menuItem(id);
            assertTrue(list.contains(item.getAccelerator().getDisplayText() + ": " + item.getText().replace("…", "")),
                    id + " in\n" + list);
        }
        assertTrue(list.contains("Space: play or pause"), list);
        assertTrue(list.contains(": go to the Raft page"), list);
        assertTrue(AppShell.HOW_TO.contains("Save scenario") && AppShell.HOW_TO.contains("Open scenario"));
    }

    @Test
    void aboutNamesTheVersionsAndCreditsTheSeedArticles() {
        String about = AppShell.about();
        assertTrue(about.startsWith("DistViz " + Version.current()), about);
        assertTrue(about.contains("Java " + System.getProperty("java.version")), about);
        assertTrue(about.contains("JavaFX " + System.getProperty("javafx.runtime.version")), about);
        assertTrue(about.contains("Distributed Hash Tables, Part I"), about);
        assertTrue(about.contains("Gurpreet Singh"), about);
    }
}
