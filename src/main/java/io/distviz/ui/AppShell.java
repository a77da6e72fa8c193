package io.distviz.ui;

import io.distviz.Version;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Theme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The main window's frame: menu, simulation toolbar, page navigation, the shown page and the status bar.
 * The pages are given to it, so tests can add a page of their own.
 */
public final class AppShell {
    public static final String TITLE = "DistViz";
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    /** The Help menu's short guide. */
    static final String HOW_TO = "Each protocol page runs a real engine on a simulated network. Nothing moves until "
            + "you press Play (or Space); Step (or the Right arrow) runs exactly one event, and Speed slows time "
            + "down or speeds it up. Every dot that moves is a message the engine really sent.\n\n"
            + "Click and right-click the drawing to act: add, crash, restart or remove nodes, start lookups, send "
            + "requests, cut the network. Hover over anything to have it explained. Undo takes back your last "
            + "action; Reset starts again from the seed, and the same seed with the same clicks always gives the "
            + "same run.\n\n"
            + "Lessons walk you through one idea at a time, beside the page: read, answer, act, and use Back to "
            + "see a step again. Experiments rerun the papers' measurements as charts.\n\n"
            + "File > Save trace keeps a run; File > Open trace brings it back exactly, for a class or a bug "
            + "report. Export trace as writes it for ShiViz, Perfetto, spreadsheets and slides.";

    private final Map<String, Page> pages = new LinkedHashMap<>();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<Page> current = new ReadOnlyObjectWrapper<>(this, "currentPage");
    private final Appearance appearance;
    private final StatusLine status = new StatusLine();
    private final SimToolbar toolbar = new SimToolbar(status);
    private final FrameDriver driver = new FrameDriver(current::get);
    private final StackPane pageHolder = new StackPane();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final BorderPane root = new BorderPane();

    public AppShell(List<Page> pageList, Appearance appearance) {
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        for (Page p : pageList) {
            if (pages.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("two pages have the id " + p.id());
            }
        }
        pageHolder.setId("page-holder");
        pageHolder.getStyleClass().add("page-holder");

        VBox top = new VBox(menuBar(), toolbar.view());
        root.setTop(top);
        root.setLeft(navigation());
        root.setCenter(pageHolder);
        root.setBottom(status.view());
        root.getStyleClass().add("app-root");
        root.setId("app-root");

        current.addListener((obs, old, now) -> {
            if (old != null) {
                old.session().ifPresent(SimulationSession::pause);
            }
            pageHolder.getChildren().setAll(now.view());
            toolbar.sessionProperty().set(now.session().orElse(null));
            ToggleButton b = navButtons.get(now.id());
            if (b != null) {
                b.setSelected(true);
            }
            status.info(now.title() + (now.session().isPresent() ? "" : "  ·  no simulation on this page"));
        });
        // A nav toggle may not be unselected by clicking it again: one page is always shown.
        navGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        show(pageList.get(0).id());
    }

    public Parent root() {
        return root;
    }

    /** Puts the shell in {@code stage}: scene, stylesheet, keyboard shortcuts, and starts the frame driver. */
    public void install(Stage stage) {
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        appearance.applyTo(scene, Objects.requireNonNull(AppShell.class.getResource("app.css")).toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        stage.setTitle(TITLE);
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.setOnHidden(e -> driver.stop());
        driver.start();
    }

    /** Shows the page with this id. */
    public void show(String pageId) {
        Page p = pages.get(pageId);
        if (p == null) {
            throw new IllegalArgumentException("no page " + pageId);
        }
        current.set(p);
    }

    public ReadOnlyObjectProperty<Page> currentPageProperty() {
        return current.getReadOnlyProperty();
    }

    public Page page(String id) {
        return pages.get(id);
    }

    public FrameDriver driver() {
        return driver;
    }

    public SimToolbar toolbar() {
        return toolbar;
    }

    public StatusLine status() {
        return status;
    }

    public Appearance appearance() {
        return appearance;
    }

    /**
     * On a page with a simulation, Space plays or pauses and Right steps, unless the keys are typing into a
     * field or moving a slider.
     */
    private void onKey(KeyEvent e) {
        Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        boolean simulating = current.get() != null && current.get().session().isPresent();
        // Without a simulation the keys keep their usual meaning (Space presses the focused button).
        if (!simulating || focus instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            toolbar.togglePlay();
            e.consume();
        } else if (e.getCode() == KeyCode.RIGHT && !(focus instanceof Slider)) {
            toolbar.stepOnce();
            e.consume();
        }
    }

    private Node navigation() {
        VBox nav = new VBox(4);
        nav.setId("nav");
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(12, 8, 12, 8));
        for (Page p : pages.values()) {
            ToggleButton b = new ToggleButton(p.title());
            b.setId("nav-" + p.id());
            b.getStyleClass().add("nav-button");
            b.setToggleGroup(navGroup);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setTooltip(new Tooltip(p.summary()));
            b.setOnAction(e -> show(p.id()));
            navButtons.put(p.id(), b);
            nav.getChildren().add(b);
        }
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Label version = new Label("v" + Version.current());
        version.getStyleClass().addAll("muted", "nav-version");
        nav.getChildren().addAll(grow, version);
        return nav;
    }

    private FileActions files() {
        java.util.Map<io.distviz.scenario.Scenario.Protocol, io.distviz.ui.engine.EnginePage> engines =
                new java.util.EnumMap<>(io.distviz.scenario.Scenario.Protocol.class);
        for (Page p : pages.values()) {
            if (p instanceof io.distviz.ui.engine.EnginePage e) {
                engines.put(e.model().settings().protocol(), e);
            }
        }
        return new FileActions(engines, this::show);
    }

    /** The shown page when it runs an engine, else null. */
    private io.distviz.ui.engine.EnginePage enginePage() {
        return current.get() instanceof io.distviz.ui.engine.EnginePage e ? e : null;
    }

    private java.util.Optional<java.nio.file.Path> chooseSave(String what, String extension, String name) {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle(what);
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(what, "*" + extension));
        java.io.File f = fc.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(java.io.File::toPath);
    }

    private void exportTrace(io.distviz.export.ExportFormat format) {
        io.distviz.ui.engine.EnginePage page = enginePage();
        if (page == null) {
            status.error("This page has no simulation to save; open a protocol's page first");
            return;
        }
        chooseSave("Save " + format.description(), format.extension(), page.id() + "-run" + format.extension())
                .ifPresent(path -> {
                    try {
                        files().export(page, format, path);
                        status.info("Wrote " + path);
                    } catch (java.io.IOException | RuntimeException e) {
                        status.error("Could not write " + path + ": " + e.getMessage());
                    }
                });
    }

    private void openTrace() {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle("Open a DistViz trace");
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("DistViz trace", "*.json"));
        java.io.File f = fc.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            files().open(f.toPath());
            status.info("Opened " + f + ": replayed exactly; press Play to go on from its end");
        } catch (io.distviz.scenario.ScenarioException e) {
            status.error("Could not open " + f.getName() + " (details in the dialog)");
            Alert a = new Alert(Alert.AlertType.ERROR, FileActions.describe(e.problems()), ButtonType.OK);
            a.setTitle("Cannot open the trace");
            a.setHeaderText(f.getName() + " cannot be opened");
            if (root.getScene() != null) {
                a.initOwner(root.getScene().getWindow());
            }
            a.showAndWait();
        }
    }

    private MenuBar menuBar() {
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        MenuItem open = new MenuItem("Open trace…");
        open.setId("menu-open-trace");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> openTrace());
        MenuItem save = new MenuItem("Save trace…");
        save.setId("menu-save-trace");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> exportTrace(io.distviz.export.ExportFormat.JSON));
        Menu export = new Menu("Export trace as");
        for (io.distviz.export.ExportFormat fmt : io.distviz.export.ExportFormat.values()) {
            if (fmt != io.distviz.export.ExportFormat.JSON) {
                MenuItem item = new MenuItem(fmt.description());
                item.setOnAction(e -> exportTrace(fmt));
                export.getItems().add(item);
            }
        }
        MenuItem png = new MenuItem("Export page as PNG…");
        png.setOnAction(e -> chooseSave("PNG image", ".png", current.get().id() + ".png").ifPresent(path -> {
            try {
                // Twice the size on screen: sharp on a projector slide.
                FileActions.exportPng(current.get().view(), 2, path);
                status.info("Wrote " + path);
            } catch (java.io.IOException ex) {
                status.error("Could not write " + path + ": " + ex.getMessage());
            }
        }));
        current.addListener((obs, o, n) -> {
            boolean engine = n instanceof io.distviz.ui.engine.EnginePage;
            save.setDisable(!engine);
            export.setDisable(!engine);
        });
        Menu file = new Menu("File", null, open, save, export, png, new javafx.scene.control.SeparatorMenuItem(),
                quit);

        ToggleGroup themes = new ToggleGroup();
        Menu themeMenu = new Menu("Theme");
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.label());
            item.setId("theme-" + t.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(themes);
            item.setSelected(appearance.themeProperty().get() == t);
            item.setOnAction(e -> appearance.themeProperty().set(t));
            themeMenu.getItems().add(item);
        }
        CheckMenuItem projector = new CheckMenuItem("Projector mode");
        projector.setId("projector-mode");
        projector.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+P"));
        projector.selectedProperty().bindBidirectional(appearance.projectorProperty());
        Menu view = new Menu("View", null, themeMenu, projector);

        Menu go = new Menu("Go");
        int n = 1;
        for (Page p : pages.values()) {
            MenuItem item = new MenuItem(p.title());
            if (n <= 9) {
                item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + n));
            }
            n++;
            item.setOnAction(e -> show(p.id()));
            go.getItems().add(item);
        }

        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> info("Keyboard shortcuts",
                "Space: play or pause\nRight arrow: run exactly one event\nCtrl+1 to Ctrl+" + pages.size()
                        + ": go to a page\nCtrl+O: open a saved trace\nCtrl+S: save the shown run as a trace"
                        + "\nCtrl+Shift+P: projector mode\nCtrl+Q: quit"));
        MenuItem how = new MenuItem("How to use DistViz");
        how.setId("menu-how-to");
        how.setOnAction(e -> info("How to use DistViz", HOW_TO));
        MenuItem about = new MenuItem("About DistViz");
        about.setOnAction(e -> info("About DistViz", "DistViz " + Version.current()
                + "\n\nReal Chord, Raft and clock-synchronization engines on one deterministic simulation "
                + "kernel, drawn as they run.\n\nJava " + System.getProperty("java.version")
                + ", JavaFX " + System.getProperty("javafx.runtime.version")));
        Menu help = new Menu("Help", null, how, keys, about);

        MenuBar bar = new MenuBar(file, view, go, help);
        bar.setId("menu-bar");
        return bar;
    }

    private void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(title);
        if (root.getScene() != null) {
            a.initOwner(root.getScene().getWindow());
            a.getDialogPane().getStylesheets().addAll(root.getScene().getStylesheets());
        }
        a.showAndWait();
    }
}
