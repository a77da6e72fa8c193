package io.distviz.ui;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The first page: what DistViz is and what each protocol page teaches. */
public final class HomePage implements Page {
    public static final String ID = "home";
    private final ScrollPane view;

    /**
     * @param protocols the protocols to offer, with whether each one's engine is running yet
     * @param open      opens a protocol's page by id
     */
    public HomePage(List<ProtocolInfo> protocols, List<Boolean> engineReady, Consumer<String> open) {
        Label title = new Label("DistViz");
        title.getStyleClass().add("hero-title");
        Label lead = new Label("See distributed systems work by running them. Each page runs a real protocol "
                + "engine on a simulated network you control: add and crash nodes, cut links, slow time down, "
                + "and watch every message the engine sends.");
        lead.setWrapText(true);
        lead.getStyleClass().add("hero-lead");

        FlowPane cards = new FlowPane(18, 18);
        cards.setId("home-cards");
        for (int i = 0; i < protocols.size(); i++) {
            cards.getChildren().add(card(protocols.get(i), engineReady.get(i), open));
        }

        Label howTitle = new Label("How it works");
        howTitle.getStyleClass().add("section-title");
        Label how = new Label("Everything runs on one simulation kernel with its own virtual clock. Messages take "
                + "time to cross the network, may be lost or reordered, and stop at partitions; crashed nodes "
                + "lose what they kept in memory. Every random choice comes from the seed in the toolbar, so the "
                + "same seed and the same clicks always replay the same run. Play, pause and step through events "
                + "one at a time with the toolbar, Space and the Right arrow.");
        how.setWrapText(true);
        how.getStyleClass().add("body-text");

        VBox content = new VBox(18, title, lead, cards, howTitle, how);
        content.getStyleClass().add("page-content");
        content.setPadding(new Insets(32, 40, 32, 40));
        view = new ScrollPane(content);
        view.setFitToWidth(true);
        view.getStyleClass().add("page-scroll");
        view.setId("page-home");
    }

    private static Node card(ProtocolInfo p, boolean ready, Consumer<String> open) {
        Label name = new Label(p.title());
        name.getStyleClass().add("card-title");
        Label chip = new Label(ready ? "Ready" : "Page coming");
        chip.getStyleClass().addAll("chip", ready ? "chip-ready" : "chip-coming");
        Label tagline = new Label(p.tagline());
        tagline.getStyleClass().add("card-tagline");
        tagline.setWrapText(true);
        Label teaches = new Label(p.teaches());
        teaches.setWrapText(true);
        teaches.getStyleClass().add("card-text");
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Button go = new Button("Open " + p.title());
        go.setId("open-" + p.id());
        go.getStyleClass().add("card-button");
        go.setOnAction(e -> open.accept(p.id()));

        VBox card = new VBox(10, name, chip, tagline, teaches, grow, go);
        card.getStyleClass().add("card");
        card.setId("card-" + p.id());
        return card;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Home";
    }

    @Override
    public String summary() {
        return "What DistViz is and what each page teaches";
    }

    @Override
    public Node view() {
        return view;
    }
}
