package io.distviz.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The JavaFX application. */
public final class DistVizApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(DistVizApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("DistViz");
        stage.setScene(new Scene(new BorderPane(), 1280, 800));
        stage.show();
    }
}
