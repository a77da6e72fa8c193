package io.distviz.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The honest page for a protocol whose engine has not landed: what the page will teach and that nothing is
 * simulated yet. It has no simulation, so the toolbar is disabled here.
 */
public final class ComingPage implements Page {
    private final ProtocolInfo info;
    private final ScrollPane view;

    public ComingPage(ProtocolInfo info) {
        this.info = info;
        Label title = new Label(info.title());
        title.getStyleClass().add("page-title");
        Label tagline = new Label(info.tagline());
        tagline.getStyleClass().add("page-subtitle");

        Label state = new Label(info.engineState());
        state.setId(info.id() + "-state");
        state.getStyleClass().addAll("notice", "notice-coming");
        state.setWrapText(true);
        state.setMaxWidth(Double.MAX_VALUE);

        Label teaches = new Label(info.teaches());
        teaches.setWrapText(true);
        teaches.getStyleClass().add("body-text");

        Label willHeading = new Label("When it lands, you will");
        willHeading.getStyleClass().add("section-title");
        VBox will = new VBox(6);
        for (String item : info.youWill()) {
            Label l = new Label("•  " + item);
            l.setWrapText(true);
            l.getStyleClass().add("body-text");
            will.getChildren().add(l);
        }

        VBox content = new VBox(14, title, tagline, state, teaches, willHeading, will);
        content.getStyleClass().add("page-content");
        content.setPadding(new Insets(28, 36, 28, 36));
        content.setMaxWidth(820);
        view = new ScrollPane(content);
        view.setFitToWidth(true);
        view.getStyleClass().add("page-scroll");
        view.setId("page-" + info.id());
    }

    @Override
    public String id() {
        return info.id();
    }

    @Override
    public String title() {
        return info.title();
    }

    @Override
    public String summary() {
        return info.tagline();
    }

    @Override
    public Node view() {
        return view;
    }
}
