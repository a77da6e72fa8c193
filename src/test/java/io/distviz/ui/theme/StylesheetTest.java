package io.distviz.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.util.List;
import javafx.css.CssParser;
import org.junit.jupiter.api.Test;

/**
 * The app's stylesheet parses without a single error. JavaFX only logs a broken rule and drops what follows it,
 * so a brace lost in a merge would silently unstyle part of the app.
 */
class StylesheetTest {
    @Test
    void theStylesheetParsesCleanly() throws Exception {
        URL css = getClass().getResource("/io/distviz/ui/app.css");
        assertNotNull(css);
        CssParser.errorsProperty().clear();
        new CssParser().parse(css);
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors);
    }
}
