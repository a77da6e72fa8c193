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

    /** The pages of the app, in navigation order. */
    public static List<Page> defaultPages(java.util.function.Consumer<String> open) {
        List<Page> pages = new ArrayList<>();
        List<Boolean> ready = ProtocolInfo.ALL.stream().map(p -> false).toList();
        pages.add(new HomePage(ProtocolInfo.ALL, ready, open));
        for (ProtocolInfo p : ProtocolInfo.ALL) {
            pages.add(new ComingPage(p));
        }
        return pages;
    }

    @Override
    public void start(Stage stage) {
        AppShell[] shell = new AppShell[1];
        shell[0] = new AppShell(defaultPages(id -> shell[0].show(id)), new Appearance());
        shell[0].install(stage);
        var icon = DistVizApp.class.getResourceAsStream("icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.show();
    }
}
