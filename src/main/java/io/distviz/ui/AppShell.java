package io.distviz.ui;

import io.distviz.Version;
import io.distviz.export.ExportFormat;
import io.distviz.export.RunCopy;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioException;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.theme.Appearance;
import io.distviz.ui.theme.Theme;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The main window's frame: menu, simulation toolbar, page navigation, the shown page and the status bar.
 * The pages are given to it, so tests can add a page of their own.
 *
 * <p>The File menu only chooses files here; {@link FileActions} does the work with the paths chosen, and
 * the package-private methods taking a path ({@link #openScenario(Path)} and the like) are what a menu item
 * does once its file is chosen, so tests run them without the platform's file dialogs.
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
            + "The timeline under each drawing is the whole run so far, with marks for your actions, elections, "
            + "commits, joins, key moves and clock corrections. Drag it to see the page as it was at any earlier "
            + "moment; Play from there replays what happened, and acting there starts a new future (Undo brings "
            + "the old one back). Live (Alt+End) returns to the furthest moment. Log & diagram opens every event "
            + "and the space-time diagram of the messages: pick one and the page goes to that moment.\n\n"
            + "Lessons walk you through one idea at a time, beside the page: read, answer, act, and use Back to "
            + "see a step again. Experiments rerun the papers' measurements as charts.\n\n"
            + "File > Save trace keeps a run exactly; File > Open trace brings it back, event for event, for a "
            + "class or a bug report. File > Save scenario writes the run as a scenario you can read and edit: "
            + "the settings, then each of your actions at its virtual time. File > Open scenario runs one (yours, "
            + "or one from the scenarios folder) to its end and shows it on its page. Export trace as writes the "
            + "run for ShiViz, Perfetto, spreadsheets and slides; Export page as PNG takes a picture at 1× to 4× "
            + "the size on screen. A long job shows its progress and can be cancelled, and a file is replaced "
            + "only once you have confirmed it.";

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
    private final FileActions files;
    private final JobRunner jobs = JobRunner.background(this::window);
    /** The scale pictures are exported at, as last chosen (remembered by {@link AppPreferences}). */
    private final IntegerProperty pngScale = new SimpleIntegerProperty(this, "pngScale", FileActions.DEFAULT_PNG_SCALE);
    private final List<MenuItem> menuItems = new ArrayList<>();

    public AppShell(List<Page> pageList, Appearance appearance) {
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        Map<Scenario.Protocol, EnginePage> engines = new EnumMap<>(Scenario.Protocol.class);
        for (Page p : pageList) {
            if (pages.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("two pages have the id " + p.id());
            }
            if (p instanceof EnginePage e) {
                engines.put(e.model().settings().protocol(), e);
            }
        }
        files = new FileActions(engines, this::show);
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

    /** Every page, in navigation order. */
    public List<Page> pages() {
        return List.copyOf(pages.values());
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

    /** What the File menu does once a file is chosen. */
    public FileActions files() {
        return files;
    }

    /** Where the File menu's long jobs run, and their progress dialog. */
    public JobRunner jobs() {
        return jobs;
    }

    /** The scale, 1 to 4, that pictures are exported at: the last one chosen. */
    public IntegerProperty pngScaleProperty() {
        return pngScale;
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

    // ============================================================================================ File menu

    /** The shown page when it runs an engine, else null (with a word in the status line on what to do). */
    private EnginePage enginePage() {
        if (current.get() instanceof EnginePage e) {
            return e;
        }
        status.error("This page has no simulation to save; open a protocol's page first");
        return null;
    }

    /** The space-time diagram of the shown page, when it draws one now. */
    private Optional<Node> diagram() {
        return current.get() instanceof DiagramSource d ? d.spaceTimeDiagram() : Optional.empty();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private Optional<Path> chooseOpen(String title, String what) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(what, "*.json"),
                new FileChooser.ExtensionFilter("Every file", "*"));
        return Optional.ofNullable(fc.showOpenDialog(window())).map(File::toPath);
    }

    /**
     * A file to write, chosen in the platform's save dialog, which asks before replacing a file. A name typed
     * without the extension gets it; the dialog did not ask about that file, so this asks when it exists.
     */
    private Optional<Path> chooseSave(String what, String extension, String name) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save " + what);
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, "*" + extension));
        File f = fc.showSaveDialog(window());
        if (f == null) {
            return Optional.empty();
        }
        Path chosen = f.toPath();
        if (chosen.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension)) {
            return Optional.of(chosen);
        }
        Path withExtension = chosen.resolveSibling(chosen.getFileName() + extension);
        if (Files.exists(withExtension)) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, withExtension.getFileName()
                    + " exists. Replace it?", ButtonType.YES, ButtonType.NO);
            ask.setHeaderText("Replace " + withExtension.getFileName() + "?");
            if (owned(ask).showAndWait().orElse(ButtonType.NO) != ButtonType.YES) {
                return Optional.empty();
            }
        }
        return Optional.of(withExtension);
    }

    private void openScenario() {
        chooseOpen("Open a DistViz scenario", "DistViz scenario").ifPresent(this::openScenario);
    }

    /**
     * Opens a scenario: checks it here (a broken file is refused in a dialog and nothing changes), runs it to
     * its end on the job thread, since a long timeline can take seconds, and puts the run on its page.
     */
    void openScenario(Path file) {
        Scenario scenario;
        try {
            scenario = files.readScenario(file);
        } catch (ScenarioException e) {
            cannotOpen("scenario", file, e);
            return;
        }
        String name = file.getFileName().toString();
        status.info("Running " + name + "…");
        jobs.run("Running " + name, FileActions.scenarioJob(scenario), new JobRunner.Outcome<>() {
            @Override
            public void succeeded(ScenarioRunner.Result run) {
                files.show(run);
                String outcome = FileActions.outcome(run, name);
                if (run.ok()) {
                    status.info(outcome);
                } else {
                    status.error(outcome);
                }
            }

            @Override
            public void failed(Throwable error) {
                status.error("Could not run " + name + ": " + FileActions.explain(error) + ". Nothing changed.");
            }

            @Override
            public void cancelled() {
                status.info("Stopped running " + name + "; nothing changed.");
            }
        });
    }

    private void saveScenario() {
        EnginePage page = enginePage();
        if (page != null) {
            chooseSave("DistViz scenario", ".json", page.id() + "-scenario.json")
                    .ifPresent(path -> saveScenario(page, path));
        }
    }

    /** Writes the shown run as a scenario: small, so on the FX thread. */
    void saveScenario(EnginePage page, Path file) {
        try {
            FileActions.saveScenario(page, file);
            int n = page.model().asRun().actions().size();
            status.info("Wrote " + file + ": the settings and " + n + (n == 1 ? " action" : " actions")
                    + " at their times; File > Open scenario runs it again.");
        } catch (IOException | RuntimeException e) {
            cannotWrite(file, e);
        }
    }

    private void openTrace() {
        chooseOpen("Open a DistViz trace", "DistViz trace").ifPresent(this::openTrace);
    }

    /**
     * Opens a saved trace: read and replayed on the job thread (a long run takes seconds, with progress and
     * Cancel), then put on its page. A file that is broken, or that the engines would not replay to the same
     * events, is refused in a dialog and nothing changes.
     */
    void openTrace(Path file) {
        String name = file.getFileName().toString();
        status.info("Replaying " + name + "…");
        jobs.run("Replaying " + name, files.traceJob(file), new JobRunner.Outcome<>() {
            @Override
            public void succeeded(ScenarioRunner.Result run) {
                files.show(run);
                status.info("Opened " + file + ": replayed exactly; press Play to go on from its end, or drag "
                        + "the timeline to go back");
            }

            @Override
            public void failed(Throwable error) {
                if (error instanceof ScenarioException e) {
                    cannotOpen("trace", file, e);
                } else {
                    status.error("Could not open " + name + ": " + FileActions.explain(error) + ". Nothing changed.");
                }
            }

            @Override
            public void cancelled() {
                status.info("Stopped replaying " + name + "; nothing changed.");
            }
        });
    }

    private void exportTrace(ExportFormat format) {
        EnginePage page = enginePage();
        if (page != null) {
            chooseSave(format.description(), format.extension(), page.id() + "-run" + format.extension())
                    .ifPresent(path -> exportTrace(page, format, path));
        }
    }

    /**
     * Writes the shown run on the job thread, from a copy taken now: the simulation may play on meanwhile,
     * and what is written is the run as it was when asked.
     */
    void exportTrace(EnginePage page, ExportFormat format, Path file) {
        RunCopy copy = FileActions.copyOf(page);
        status.info("Writing " + file.getFileName() + "…");
        jobs.run("Writing " + file.getFileName(), FileActions.exportJob(copy, format, file), written(file,
                String.format(Locale.ROOT, "%,d events", copy.events().size())));
    }

    /** Asks for the scale, then the file; {@code suffix} tells pictures of the same page apart by name. */
    private void exportPicture(String what, String suffix, Node node) {
        Optional<Integer> scale = chooseScale(what, node);
        if (scale.isEmpty()) {
            return;
        }
        pngScale.set(scale.get());
        String name = current.get().id() + suffix + "@" + scale.get() + "x.png";
        chooseSave("PNG image", ".png", name).ifPresent(path -> exportPicture(node, scale.get(), path));
    }

    /** Takes the picture now (FX thread), then encodes and writes it on the job thread. */
    void exportPicture(Node node, int scale, Path file) {
        Image image = FileActions.snapshot(node, scale);
        jobs.run("Writing " + file.getFileName(), FileActions.pngJob(image, file), written(file,
                String.format(Locale.ROOT, "%.0f × %.0f pixels", image.getWidth(), image.getHeight())));
    }

    /** Asks for a scale, offering the last one chosen, and shows the size of the picture each would make. */
    private Optional<Integer> chooseScale(String what, Node node) {
        double w = node.getLayoutBounds().getWidth();
        double h = node.getLayoutBounds().getHeight();
        List<String> choices = new ArrayList<>();
        for (int s : FileActions.PNG_SCALES) {
            choices.add(String.format(Locale.ROOT, "%d× (%.0f × %.0f pixels)", s, Math.ceil(w * s), Math.ceil(h * s)));
        }
        int last = FileActions.PNG_SCALES.indexOf(pngScale.get());
        ChoiceDialog<String> d = new ChoiceDialog<>(choices.get(Math.max(0, last)), choices);
        d.setTitle("Export " + what + " as PNG");
        d.setHeaderText("Export " + what + " as PNG");
        d.setContentText("Scale (2× is sharp on a slide):");
        return owned(d).showAndWait().map(c -> FileActions.PNG_SCALES.get(choices.indexOf(c)));
    }

    /** What to say when a write job ends. */
    private JobRunner.Outcome<Path> written(Path file, String size) {
        return new JobRunner.Outcome<>() {
            @Override
            public void succeeded(Path result) {
                status.info("Wrote " + result + " (" + size + ").");
            }

            @Override
            public void failed(Throwable error) {
                cannotWrite(file, error);
            }

            @Override
            public void cancelled() {
                status.info("Cancelled: " + file.getFileName() + " was not written"
                        + (Files.exists(file) ? "; the file there is as it was." : "."));
            }
        };
    }

    private void cannotOpen(String what, Path file, ScenarioException e) {
        status.error("Could not open " + file.getFileName() + " (details in the dialog); nothing changed");
        problem("Cannot open the " + what, file.getFileName() + " cannot be opened", FileActions.describe(e.problems()));
    }

    private void cannotWrite(Path file, Throwable e) {
        String why = FileActions.explain(e);
        String kept = Files.exists(file) ? " The file that was there is unchanged." : "";
        status.error("Could not write " + file + ": " + why + "." + kept);
        problem("Cannot write the file", file.getFileName() + " was not written", why + "." + kept);
    }

    /** A dialog that says what went wrong; it does not wait, so the window (and a test) carries on. */
    private void problem(String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(header);
        a.getDialogPane().setId("problem-dialog");
        owned(a).show();
    }

    /** {@code d} owned by the window and drawn in the app's theme, as every dialog of the app is. */
    private <D extends Dialog<?>> D owned(D d) {
        Window w = window();
        if (w != null) {
            d.initOwner(w);
            d.getDialogPane().getStylesheets().addAll(w.getScene().getStylesheets());
        }
        return d;
    }

    // ============================================================================================ menus

    private MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        menuItems.add(item);
        return item;
    }

    /** The menu item with this id (File menu items are named {@code menu-...}), for tests. */
    MenuItem menuItem(String id) {
        return menuItems.stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no menu item " + id));
    }

    private MenuBar menuBar() {
        MenuItem openScenario = item("Open scenario…", "menu-open-scenario", "Shortcut+Shift+O",
                this::openScenario);
        MenuItem saveScenario = item("Save scenario…", "menu-save-scenario", "Shortcut+Shift+S",
                this::saveScenario);
        MenuItem open = item("Open trace…", "menu-open-trace", "Shortcut+O", this::openTrace);
        MenuItem save = item("Save trace…", "menu-save-trace", "Shortcut+S", () -> exportTrace(ExportFormat.JSON));
        Menu export = new Menu("Export trace as");
        export.setId("menu-export-trace");
        for (ExportFormat fmt : ExportFormat.values()) {
            if (fmt != ExportFormat.JSON) {
                export.getItems().add(item(fmt.description(), "menu-export-" + fmt.word(), null,
                        () -> exportTrace(fmt)));
            }
        }
        MenuItem png = item("Export page as PNG…", "menu-export-png", null,
                () -> exportPicture("the page", "", current.get().view()));
        MenuItem diagramPng = item("Export space-time diagram as PNG…", "menu-export-diagram", null, () -> {
            Optional<Node> d = diagram();
            if (d.isPresent()) {
                exportPicture("the space-time diagram", "-diagram", d.get());
            } else {
                status.error("The shown page draws no space-time diagram now: open Log & diagram under the "
                        + "drawing and pick Space-time diagram");
            }
        });
        current.addListener((obs, o, n) -> {
            boolean engine = n instanceof EnginePage;
            saveScenario.setDisable(!engine);
            save.setDisable(!engine);
            export.setDisable(!engine);
            diagramPng.setDisable(diagram().isEmpty());
        });
        MenuItem quit = item("Quit", "menu-quit", "Shortcut+Q", Platform::exit);
        Menu file = new Menu("File", null, openScenario, saveScenario, new SeparatorMenuItem(), open, save, export,
                new SeparatorMenuItem(), png, diagramPng, new SeparatorMenuItem(), quit);
        // A page may show or hide its diagram at any time: look again each time the menu opens.
        file.setOnShowing(e -> diagramPng.setDisable(diagram().isEmpty()));

        ToggleGroup themes = new ToggleGroup();
        Menu themeMenu = new Menu("Theme");
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.label());
            item.setId("theme-" + t.name().toLowerCase(Locale.ROOT));
            item.setToggleGroup(themes);
            item.setSelected(appearance.themeProperty().get() == t);
            item.setOnAction(e -> appearance.themeProperty().set(t));
            themeMenu.getItems().add(item);
        }
        CheckMenuItem projector = new CheckMenuItem("Projector mode");
        projector.setId("projector-mode");
        projector.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+P"));
        projector.selectedProperty().bindBidirectional(appearance.projectorProperty());
        menuItems.add(projector);
        Menu view = new Menu("View", null, themeMenu, projector);

        Menu go = new Menu("Go");
        int n = 1;
        for (Page p : pages.values()) {
            go.getItems().add(item(p.title(), "menu-go-" + p.id(), n <= 9 ? "Shortcut+" + n : null,
                    () -> show(p.id())));
            n++;
        }
        // The timeline under the shown protocol page, from the keyboard.
        MenuItem tStart = item("Timeline: start of the run", "menu-timeline-start", "Alt+Home",
                () -> timeline(io.distviz.ui.engine.TimelineBar::toStart));
        MenuItem tPrevious = item("Timeline: previous mark", "menu-timeline-previous", "Alt+Left",
                () -> timeline(io.distviz.ui.engine.TimelineBar::previousMark));
        MenuItem tNext = item("Timeline: next mark", "menu-timeline-next", "Alt+Right",
                () -> timeline(io.distviz.ui.engine.TimelineBar::nextMark));
        MenuItem tLive = item("Timeline: live (the furthest moment)", "menu-timeline-live", "Alt+End",
                () -> timeline(io.distviz.ui.engine.TimelineBar::toLive));
        go.getItems().addAll(new SeparatorMenuItem(), tStart, tPrevious, tNext, tLive);

        MenuItem how = item("How to use DistViz", "menu-how-to", null, () -> info("How to use DistViz", HOW_TO));
        MenuItem keys = item("Keyboard shortcuts", "menu-shortcuts", null,
                () -> info("Keyboard shortcuts", shortcuts()));
        MenuItem about = item("About DistViz", "menu-about", null, () -> info("About DistViz", about()));
        Menu help = new Menu("Help", null, how, keys, about);

        MenuBar bar = new MenuBar(file, view, go, help);
        bar.setId("menu-bar");
        return bar;
    }

    /** Runs {@code move} on the shown page's timeline, or says why it cannot. */
    private void timeline(java.util.function.Consumer<io.distviz.ui.engine.TimelineBar> move) {
        if (!(current.get() instanceof EnginePage page)) {
            status.error("This page has no timeline; open a protocol's page first");
        } else if (!page.model().canSeek()) {
            status.error("The lesson drives the timeline: use Back in the lesson panel");
        } else {
            move.accept(page.timeline());
        }
    }

    /** Every shortcut, read from the menus themselves so the list cannot fall behind them. */
    String shortcuts() {
        StringBuilder b = new StringBuilder("Space: play or pause\nRight arrow: run exactly one event\n");
        for (MenuItem i : menuItems) {
            if (i.getAccelerator() != null) {
                String text = i.getText().replace("…", "");
                b.append(i.getAccelerator().getDisplayText()).append(": ").append(i.getId().startsWith("menu-go-")
                        ? "go to the " + text + " page" : text).append('\n');
            }
        }
        return b.toString().strip();
    }

    /** The About box: the version, what it runs on, and where its ideas come from. */
    static String about() {
        return "DistViz " + Version.current() + "\n\n"
                + "Real Chord, Raft and clock-synchronization engines on one deterministic simulation kernel, "
                + "drawn as they run.\n\n"
                + "Running on Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ") with JavaFX " + System.getProperty("javafx.runtime.version", "(version unknown)") + ".\n\n"
                + "DistViz started from two articles and retells their ideas in its own words and code; nothing of "
                + "their text or code is copied, and each remains its author's work:\n"
                + "• \"Distributed Hash Tables, Part I\", Brandon Wiley, Linux Journal (2003): the Chord ring, "
                + "successors, joins and finger tables.\n"
                + "• \"Exploring Key Distributed System Algorithms and Concepts\", series 9, Gurpreet Singh, Medium: "
                + "distributed hash tables, Raft consensus and physical clocks.\n\n"
                + "The engines follow the papers: Chord (Stoica et al., 2001, with Zave's corrections), Raft "
                + "(Ongaro and Ousterhout, 2014), Cristian's algorithm, Berkeley averaging and NTP. Built with "
                + "OpenJFX, ControlsFX, Gson and picocli.";
    }

    private void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(title);
        owned(a).showAndWait();
    }
}
