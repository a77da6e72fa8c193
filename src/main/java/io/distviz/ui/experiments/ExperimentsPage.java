package io.distviz.ui.experiments;

import io.distviz.ui.Page;
import io.distviz.ui.theme.Appearance;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * Reproduce the papers' results: each experiment of the engines as a card with its parameters, Run and Cancel,
 * and its chart. The figures equal the headless {@code experiment} commands' for the same seed.
 */
public final class ExperimentsPage implements Page {
    public static final String ID = "experiments";
    private final List<ExperimentCard> cards;
    private final ScrollPane view;

    public ExperimentsPage(Appearance appearance) {
        cards = List.of(new Cards.Paths(appearance), new Cards.Load(appearance), new Cards.Failures(appearance),
                new Cards.Churn(appearance), new Cards.Election(appearance), new Cards.Sync(appearance));
        Label title = new Label("Experiments");
        title.getStyleClass().add("page-title");
        Label lead = new Label("Students believe a result they can reproduce. Each card runs one of the papers' "
                + "experiments on the real engines, headless and deterministic: the same seed gives the same numbers "
                + "here and on the command line (distviz.jar experiment ...). Runs go on in the background, so "
                + "the window stays responsive, and Cancel stops them.");
        lead.setWrapText(true);
        lead.getStyleClass().add("page-subtitle");
        VBox content = new VBox(18, title, lead);
        cards.forEach(c -> content.getChildren().add(c.view()));
        content.setPadding(new Insets(24, 32, 24, 32));
        content.getStyleClass().add("page-content");
        view = new ScrollPane(content);
        view.setFitToWidth(true);
        view.getStyleClass().add("page-scroll");
        view.setId("page-experiments");
    }

    ExperimentCard card(String id) {
        return cards.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Experiments";
    }

    @Override
    public String summary() {
        return "Reproduce the papers' results as charts";
    }

    @Override
    public Node view() {
        return view;
    }
}
