package io.distviz.ui;

import io.distviz.ui.theme.Appearance;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: one window, the {@link AppShell} with the home page and a page per protocol. */
public final class DistVizApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(DistVizApp.class, args);
    }

    /** The pages of the app, in navigation order; the protocol pages draw with {@code appearance}'s colours. */
    public static List<Page> defaultPages(Appearance appearance, java.util.function.Consumer<String> open) {
        return defaultPages(appearance, open, io.distviz.ui.lesson.LessonProgress.inMemory());
    }

    /** The pages, with lesson progress kept in {@code progress} (the app keeps it between runs). */
    public static List<Page> defaultPages(Appearance appearance, java.util.function.Consumer<String> open,
                                          io.distviz.ui.lesson.LessonProgress progress) {
        List<Page> protocolPages = new ArrayList<>();
        java.util.Map<io.distviz.scenario.Scenario.Protocol, io.distviz.ui.engine.EnginePage> engines =
                new java.util.EnumMap<>(io.distviz.scenario.Scenario.Protocol.class);
        for (ProtocolInfo p : ProtocolInfo.ALL) {
            Page page = protocolPage(p, appearance);
            protocolPages.add(page);
            if (page instanceof io.distviz.ui.engine.EnginePage e) {
                engines.put(e.model().settings().protocol(), e);
            }
        }
        List<Page> pages = new ArrayList<>();
        List<Boolean> ready = protocolPages.stream().map(p -> !(p instanceof ComingPage)).toList();
        pages.add(new HomePage(ProtocolInfo.ALL, ready, open));
        pages.add(new io.distviz.ui.lesson.LessonsPage(io.distviz.ui.lesson.LessonLibrary.bundled(),
                new io.distviz.ui.lesson.LessonDock(engines, open, progress)));
        pages.addAll(protocolPages);
        pages.add(new io.distviz.ui.experiments.ExperimentsPage(appearance));
        return pages;
    }

    /** The page that draws {@code p}'s engine, or the page that says it is coming. */
    private static Page protocolPage(ProtocolInfo p, Appearance appearance) {
        return switch (p.id()) {
            case "chord" -> new io.distviz.ui.chord.ChordPage(appearance);
            case "clocks" -> new io.distviz.ui.clocks.ClocksPage(p, appearance);
            case "raft" -> new io.distviz.ui.raft.RaftPage(p, appearance);
            default -> new ComingPage(p);
        };
    }

    @Override
    public void start(Stage stage) {
        AppShell[] shell = new AppShell[1];
        Appearance appearance = new Appearance();
        shell[0] = new AppShell(defaultPages(appearance, id -> shell[0].show(id),
                "off".equals(System.getProperty("distviz.prefs")) ? io.distviz.ui.lesson.LessonProgress.inMemory()
                        : io.distviz.ui.lesson.LessonProgress.user()), appearance);
        shell[0].install(stage);
        if (!"off".equals(System.getProperty("distviz.prefs"))) {
            // Tests start the app with -Ddistviz.prefs=off, so that a developer's own choices cannot change them.
            AppPreferences.user().bind(appearance, shell[0]);
        }
        var icon = DistVizApp.class.getResourceAsStream("icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.show();
    }
}
