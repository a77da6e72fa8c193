package io.distviz.ui.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A step's narration as nodes: one paragraph per entry, {@code **bold**} and {@code `code`} inside, and a
 * paragraph starting "- " drawn as a list item.
 */
final class Narration {
    private Narration() {
    }

    /** A run of text and how it is set: plain, bold or code. */
    record Span(String text, String kind) {
    }

    /** Splits a paragraph into plain, bold and code spans; an unclosed marker stays as typed. */
    static List<Span> spans(String paragraph) {
        List<Span> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < paragraph.length()) {
            if (paragraph.startsWith("**", i)) {
                int end = paragraph.indexOf("**", i + 2);
                if (end > i + 2) {
                    flush(plain, out);
                    out.add(new Span(paragraph.substring(i + 2, end), "bold"));
                    i = end + 2;
                    continue;
                }
            } else if (paragraph.charAt(i) == '`') {
                int end = paragraph.indexOf('`', i + 1);
                if (end > i + 1) {
                    flush(plain, out);
                    out.add(new Span(paragraph.substring(i + 1, end), "code"));
                    i = end + 1;
                    continue;
                }
            }
            plain.append(paragraph.charAt(i));
            i++;
        }
        flush(plain, out);
        return out;
    }

    private static void flush(StringBuilder plain, List<Span> out) {
        if (!plain.isEmpty()) {
            out.add(new Span(plain.toString(), "plain"));
            plain.setLength(0);
        }
    }

    static TextFlow flow(String paragraph) {
        TextFlow flow = new TextFlow();
        for (Span s : spans(paragraph)) {
            Text t = new Text(s.text());
            t.getStyleClass().addAll("lesson-text", "lesson-" + s.kind());
            flow.getChildren().add(t);
        }
        flow.getStyleClass().add("lesson-paragraph");
        return flow;
    }

    /** The narration of one step. */
    static VBox of(List<String> paragraphs) {
        VBox box = new VBox();
        box.getStyleClass().add("lesson-narration");
        for (String p : paragraphs) {
            Node n;
            if (p.startsWith("- ")) {
                Label bullet = new Label("•");
                bullet.getStyleClass().add("lesson-bullet");
                TextFlow f = flow(p.substring(2));
                HBox.setHgrow(f, Priority.ALWAYS);
                HBox item = new HBox(bullet, f);
                item.getStyleClass().add("lesson-list-item");
                n = item;
            } else {
                n = flow(p);
            }
            box.getChildren().add(n);
        }
        return box;
    }
}
