package io.distviz.ui.timeline;

import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import io.distviz.ui.theme.Appearance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;

/**
 * The event log: every event of the session's timeline in a table (virtual time, node, kind, description), with
 * filters by node, by kind and by text, and the events after the page's current moment dimmed.
 *
 * <p>The session's list grows by appends as the run goes on; each frame only the new events are classified
 * (their node and kind go into two int arrays) and the ones that pass the filters are appended to the rows.
 * Changing a filter rescans those arrays in a plain loop; a filter that only narrows the last one (a longer
 * search, a kind unticked) rescans just the rows shown. The rows are trace indices, so the table never holds
 * an event. A list that stops being an extension of the last one (a fork, an undo) is indexed afresh.
 *
 * <p>A text search has to build each event's line, about 3 µs apiece: 1.5 s for half a million events. So a
 * scan runs in slices of {@value #SLICE_MILLIS} ms, one per frame (on a timer of its own that runs only while
 * a scan is unfinished), appending what it finds as it goes; the count says how far it is. Scans without text
 * finish in the first slice.
 */
public final class EventLogView {

    /** The event a person selected, with its position in the session's timeline. */
    public record Selection(int index, TraceEvent event) {
    }

    static final PseudoClass FUTURE = PseudoClass.getPseudoClass("future");
    static final String ALL_NODES = "All nodes";
    /** How long typing pauses before the search runs: one rescan per word, not per key. */
    static final Duration DEFAULT_SEARCH_DELAY = Duration.millis(200);
    /** The longest a filter scan may hold the FX thread in one frame. */
    static final long SLICE_MILLIS = 6;

    /** What passes: a node code (-1 for every node), a mask of {@link EventKind} bits and a lower-case text. */
    private record Filter(int node, int kinds, String query) {
        /** Whether every event this filter passes also passed {@code old}: then only old's rows need a look. */
        boolean narrows(Filter old) {
            return (old.node < 0 || old.node == node) && (kinds & ~old.kinds) == 0 && query.contains(old.query);
        }
    }

    private final Appearance appearance;
    private final VBox root = new VBox();
    private final TableView<Integer> table = new TableView<>();
    /** The rows shown; a new filter gets a new list, which the table takes without diffing half a million rows. */
    private IndexList rows = new IndexList();
    private final ComboBox<String> nodeChoice = new ComboBox<>();
    private final CheckComboBox<EventKind> kindChoice =
            new CheckComboBox<>(FXCollections.observableArrayList(EventKind.values()));
    private final CheckBox timers = new CheckBox("Timers");
    private final TextField search = new TextField();
    private final Label count = new Label();
    private final Label placeholder = new Label("No events yet.");
    private final SimpleIntegerProperty shownUpTo = new SimpleIntegerProperty(this, "shownUpTo", 0);
    private final PauseTransition searchPause = new PauseTransition(DEFAULT_SEARCH_DELAY);
    private final InvalidationListener projectorChanged = o -> sizeToFont();
    /** Whether a filter scan is unfinished: each {@link #update} (once a frame) runs one slice of it. */
    private boolean scanning;

    private List<TraceEvent> events = List.of();
    private final TraceCursor cursor = new TraceCursor();
    /** Per trace index: the node's code (-1 for none) and the {@link EventKind} ordinal. */
    private int[] nodeOf = new int[0];
    private byte[] kindOf = new byte[0];
    private final HashMap<NodeId, Integer> nodeCodes = new HashMap<>();
    private final List<NodeId> nodesByCode = new ArrayList<>();
    private Filter filter = new Filter(-1, EventKind.allBits(), "");
    private Duration searchDelay = DEFAULT_SEARCH_DELAY;
    private Consumer<Selection> onSelect = s -> {
    };
    /** Set while this view changes the selection itself, so that only a person's selection reaches the handler. */
    private boolean selectingProgrammatically;
    private boolean syncingKinds;
    /** Set while a new timeline is indexed: the node list is refilled then, and must not start a second scan. */
    private boolean indexing;
    private String countText = "";
    private int countedRows = -1;
    private int countedEvents = -1;
    private boolean countedWhileScanning;
    private long lastFilterNanos;
    /** The filter pass under way, or null. */
    private Scan scan;
    private long sliceNanos = SLICE_MILLIS * 1_000_000L;

    public EventLogView(Appearance appearance) {
        this.appearance = Objects.requireNonNull(appearance, "appearance");
        root.setId("event-log");
        root.getStyleClass().add("event-log");
        table.setId("event-log-table");
        table.getStyleClass().add("event-log-table");
        search.setId("event-log-search");
        count.setId("event-log-count");
        count.getStyleClass().addAll("event-log-count", "muted");
        kindChoice.setId("event-log-kinds");
        nodeChoice.setId("event-log-nodes");
        timers.setId("event-log-timers");

        buildFilters();
        buildTable();
        FlowPane bar = new FlowPane(8, 6, nodeChoice, kindChoice, timers, search, count);
        bar.getStyleClass().add("event-log-filters");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(bar, table);
        appearance.projectorProperty().addListener(new WeakInvalidationListener(projectorChanged));
        sizeToFont();
        refreshCount();
    }

    public Node view() {
        return root;
    }

    /**
     * Called once per frame. {@code events} is every event of the session's timeline, in order; the first
     * {@code shownUpTo} have happened at the page's current moment, the rest are the future and are dimmed.
     */
    public void update(List<TraceEvent> events, int shownUpTo) {
        Objects.requireNonNull(events, "events");
        if (cursor.diverged(events)) {
            reindex(events);
        } else if (events.size() > cursor.seen()) {
            this.events = events;
            appendFrom(cursor.seen());
        } else {
            this.events = events;
        }
        this.shownUpTo.set(Math.max(0, Math.min(shownUpTo, events.size())));
        // The app's one animation timer calls update every frame, so a long search goes on here, a slice per
        // frame, rather than on a timer of its own.
        if (scanning) {
            continueScan(sliceNanos);
        }
        refreshCount();
    }

    /** Called when a person selects a row (not when {@link #select} is called). */
    public void setOnSelect(Consumer<Selection> handler) {
        onSelect = handler == null ? s -> {
        } : handler;
    }

    /** Selects the event at {@code eventIndex} and scrolls to it, if it passes the filters; otherwise clears the selection. */
    public void select(int eventIndex) {
        int row = rows.rowOf(eventIndex);
        if (row < 0 && scan != null) {
            // Its row may not have been found yet: the scan selects it when it gets there (finishing the scan
            // now could hold the window for a second).
            scan.reselect = eventIndex;
            scan.scrollWhenFound = true;
        }
        selectingProgrammatically = true;
        try {
            if (row < 0) {
                table.getSelectionModel().clearSelection();
                return;
            }
            table.getSelectionModel().clearAndSelect(row);
        } finally {
            selectingProgrammatically = false;
        }
        // A few rows of context above the event: what led to it is usually what the person looks for next.
        table.scrollTo(Math.max(0, row - 3));
    }

    // ============================================================================================ for tests

    TableView<Integer> table() {
        return table;
    }

    /** The trace indices shown, in order. */
    int[] shownIndices() {
        return rows.toIntArray();
    }

    String countText() {
        return countText;
    }

    int shownUpTo() {
        return shownUpTo.get();
    }

    /** The search runs this long after the last key; zero runs it on every change. */
    void setSearchDelay(Duration delay) {
        searchDelay = delay;
        searchPause.setDuration(delay);
    }

    /** How long the last filter pass spent scanning, in nanoseconds of wall time (all its slices together). */
    long lastFilterNanos() {
        return lastFilterNanos;
    }

    /** How long one slice of a filter scan may run (zero: to the first look at the clock). */
    void setSliceNanos(long nanos) {
        sliceNanos = nanos;
    }

    /** Runs the scan under way to its end now. */
    void finishFiltering() {
        continueScan(Long.MAX_VALUE);
    }

    boolean filtering() {
        return scan != null;
    }

    /** Shows only events at {@code node} (null: every node). */
    void filterNode(NodeId node) {
        nodeChoice.getSelectionModel().select(node == null ? ALL_NODES : node.name());
    }

    void filterKinds(EventKind... shown) {
        syncingKinds = true;
        try {
            kindChoice.getCheckModel().clearChecks();
            for (EventKind k : shown) {
                kindChoice.getCheckModel().check(k);
            }
        } finally {
            syncingKinds = false;
        }
        applyFilter();
    }

    // ============================================================================================ building

    private void buildFilters() {
        nodeChoice.getItems().add(ALL_NODES);
        nodeChoice.getSelectionModel().select(ALL_NODES);
        nodeChoice.setTooltip(new Tooltip("Show the events at one node"));
        nodeChoice.valueProperty().addListener((obs, o, n) -> applyFilter());

        kindChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(EventKind k) {
                return k == null ? "" : k.label();
            }

            @Override
            public EventKind fromString(String s) {
                return null;
            }
        });
        kindChoice.getCheckModel().checkAll();
        kindChoice.setTitle("All kinds");
        kindChoice.setTooltip(new Tooltip("Show these kinds of events"));
        kindChoice.getCheckModel().getCheckedItems().addListener((ListChangeListener<EventKind>) c -> {
            if (!syncingKinds) {
                applyFilter();
            }
        });

        timers.setSelected(true);
        timers.setTooltip(new Tooltip("Timers set, fired and cancelled: most of a trace, and rarely the story"));
        timers.selectedProperty().addListener((obs, o, shown) -> {
            if (syncingKinds) {
                return;
            }
            syncingKinds = true;
            try {
                for (EventKind k : EventKind.values()) {
                    if (k.isTimer()) {
                        if (shown) {
                            kindChoice.getCheckModel().check(k);
                        } else {
                            kindChoice.getCheckModel().clearCheck(k);
                        }
                    }
                }
            } finally {
                syncingKinds = false;
            }
            applyFilter();
        });

        search.setPromptText("Search description or node");
        search.setPrefColumnCount(18);
        HBox.setHgrow(search, Priority.ALWAYS);
        searchPause.setOnFinished(e -> applyFilter());
        search.textProperty().addListener((obs, o, n) -> {
            if (searchDelay.lessThanOrEqualTo(Duration.ZERO)) {
                applyFilter();
            } else {
                searchPause.playFromStart();
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                searchPause.stop();
                applyFilter();
            }
        });
        count.setMinWidth(Region.USE_PREF_SIZE);
    }

    private void buildTable() {
        table.setItems(rows);
        table.setEditable(false);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setPlaceholder(placeholder);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<Integer, String> time = column("Virtual time", i -> EventText.time(events.get(i).timeMicros()));
        time.getStyleClass().add("event-log-time");
        TableColumn<Integer, String> node = column("Node", i -> {
            NodeId n = events.get(i).node();
            return n == null ? "" : n.name();
        });
        TableColumn<Integer, String> kind = column("Kind", i -> EventText.kindLabel(events.get(i)));
        TableColumn<Integer, String> description = column("Description", i -> EventText.description(events.get(i)));
        table.getColumns().setAll(List.of(time, node, kind, description));

        table.setRowFactory(t -> new EventRow());
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, index) -> {
            if (!selectingProgrammatically && index != null && index < events.size()) {
                onSelect.accept(new Selection(index, events.get(index)));
            }
        });
    }

    private TableColumn<Integer, String> column(String title, java.util.function.IntFunction<String> text) {
        TableColumn<Integer, String> c = new TableColumn<>(title);
        // The log is in trace order, which is time order; sorting half a million rows would say nothing new.
        c.setSortable(false);
        c.setReorderable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(
                f.getValue() == null || f.getValue() >= events.size() ? "" : text.apply(f.getValue())));
        return c;
    }

    /** Column widths and row height follow the font, which projector mode enlarges. */
    private void sizeToFont() {
        double em = appearance.fontPx();
        List<TableColumn<Integer, ?>> c = table.getColumns();
        c.get(0).setPrefWidth(9.5 * em);
        c.get(0).setMinWidth(8 * em);
        c.get(1).setPrefWidth(6 * em);
        c.get(2).setPrefWidth(7.5 * em);
        c.get(3).setPrefWidth(30 * em);
        // A fixed row height lets the virtual flow place half a million rows without measuring any of them.
        table.setFixedCellSize(Math.round(em * 1.85));
    }

    /** A row that dims itself when its event is after the page's current moment. */
    private final class EventRow extends TableRow<Integer> {
        private final InvalidationListener moved = o -> restyle();

        EventRow() {
            shownUpTo.addListener(new WeakInvalidationListener(moved));
        }

        @Override
        protected void updateItem(Integer index, boolean empty) {
            super.updateItem(index, empty);
            restyle();
        }

        private void restyle() {
            Integer index = getItem();
            pseudoClassStateChanged(FUTURE, !isEmpty() && index != null && index >= shownUpTo.get());
        }
    }

    // ============================================================================================ indexing

    private void reindex(List<TraceEvent> newEvents) {
        events = newEvents;
        cursor.reset();
        nodeOf = new int[Math.max(16, newEvents.size())];
        kindOf = new byte[nodeOf.length];
        String chosen = nodeChoice.getValue();
        nodeCodes.clear();
        nodesByCode.clear();
        classify(0, newEvents.size());
        cursor.caughtUp(newEvents);
        // The nodes of the new timeline; the chosen one stays chosen if it is still there.
        List<String> names = new ArrayList<>();
        names.add(ALL_NODES);
        List<NodeId> sorted = new ArrayList<>(nodesByCode);
        sorted.sort(EventText.NATURAL_ORDER);
        sorted.forEach(n -> names.add(n.name()));
        indexing = true;
        try {
            nodeChoice.getItems().setAll(names);
            nodeChoice.getSelectionModel().select(names.contains(chosen) ? chosen : ALL_NODES);
        } finally {
            indexing = false;
        }
        filter = currentFilter();
        startScan(filter, null, 0);
    }

    private void appendFrom(int from) {
        int to = events.size();
        int nodesBefore = nodesByCode.size();
        classify(from, to);
        cursor.caughtUp(events);
        if (nodesByCode.size() > nodesBefore) {
            addNodeChoices(nodesBefore);
        }
        if (scan != null) {
            // The scan under way reads up to the newest event, so it will reach these too.
            return;
        }
        int[] out = new int[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (passes(filter, i)) {
                out[n++] = i;
            }
        }
        selectingProgrammatically = true;
        try {
            rows.append(out, n);
        } finally {
            selectingProgrammatically = false;
        }
    }

    private void classify(int from, int to) {
        if (to > nodeOf.length) {
            int capacity = Math.max(to, nodeOf.length * 2);
            nodeOf = Arrays.copyOf(nodeOf, capacity);
            kindOf = Arrays.copyOf(kindOf, capacity);
        }
        for (int i = from; i < to; i++) {
            TraceEvent e = events.get(i);
            NodeId node = e.node();
            int code = -1;
            if (node != null) {
                Integer known = nodeCodes.get(node);
                if (known == null) {
                    known = nodesByCode.size();
                    nodeCodes.put(node, known);
                    nodesByCode.add(node);
                }
                code = known;
            }
            nodeOf[i] = code;
            kindOf[i] = (byte) EventKind.of(e).ordinal();
        }
    }

    private void addNodeChoices(int firstNewCode) {
        List<String> items = nodeChoice.getItems();
        for (int c = firstNewCode; c < nodesByCode.size(); c++) {
            NodeId node = nodesByCode.get(c);
            // Keep "All nodes" first and the rest in natural order.
            int at = 1;
            while (at < items.size() && EventText.compareNatural(items.get(at), node.name()) < 0) {
                at++;
            }
            items.add(at, node.name());
        }
    }

    // ============================================================================================ filtering

    private Filter currentFilter() {
        String chosen = nodeChoice.getValue();
        int node = -1;
        if (chosen != null && !chosen.equals(ALL_NODES)) {
            Integer code = nodeCodes.get(NodeId.of(chosen));
            // A node with no events yet: no code, and nothing passes until it has one.
            node = code == null ? Integer.MAX_VALUE : code;
        }
        int kinds = 0;
        for (EventKind k : kindChoice.getCheckModel().getCheckedItems()) {
            kinds |= k.bit();
        }
        String query = search.getText() == null ? "" : search.getText().strip().toLowerCase(Locale.ROOT);
        return new Filter(node, kinds, query);
    }

    private void applyFilter() {
        if (indexing) {
            return;
        }
        syncKindControls();
        Filter next = currentFilter();
        if (next.equals(filter)) {
            return;
        }
        Filter previous = filter;
        filter = next;
        // Narrowing (a longer search, a kind unticked) need only re-check the rows shown, unless a wider scan is
        // still under way: then its rows are not all there yet.
        if (scan == null && next.narrows(previous)) {
            startScan(next, rows.toIntArray(), cursor.seen());
        } else {
            startScan(next, null, 0);
        }
    }

    /**
     * A filter pass: first over {@code source} (the rows of a wider filter), if any, then over trace indices from
     * {@code nextIndex} to the newest event. What passes is appended to a fresh row list as it is found.
     */
    private static final class Scan {
        final Filter filter;
        final int[] source;
        final int rangeFrom;
        int sourcePosition;
        int nextIndex;
        /** The selected event, reselected when the scan finds it. */
        int reselect;
        /** Whether to scroll to it then (it was asked for by {@link #select}, not just kept). */
        boolean scrollWhenFound;
        long spentNanos;

        Scan(Filter filter, int[] source, int nextIndex, int reselect) {
            this.filter = filter;
            this.source = source;
            this.rangeFrom = nextIndex;
            this.nextIndex = nextIndex;
            this.reselect = reselect;
        }
    }

    private void startScan(Filter f, int[] source, int rangeFrom) {
        Integer selected = table.getSelectionModel().getSelectedItem();
        scan = new Scan(f, source, rangeFrom, selected == null ? -1 : selected);
        rows = new IndexList();
        selectingProgrammatically = true;
        try {
            table.setItems(rows);
        } finally {
            selectingProgrammatically = false;
        }
        continueScan(sliceNanos);
        if (scan != null) {
            scanning = true;
        }
    }

    /** Scans for at most {@code budgetNanos} of wall time, then shows what it found. */
    private void continueScan(long budgetNanos) {
        Scan sc = scan;
        if (sc == null) {
            scanning = false;
            return;
        }
        long t0 = System.nanoTime();
        Filter f = sc.filter;
        int kinds = f.kinds;
        int node = f.node;
        boolean text = !f.query.isEmpty();
        int[] found = new int[1024];
        int n = 0;
        boolean outOfTime = false;
        int sinceClockCheck = 0;
        while (!outOfTime) {
            int i;
            if (sc.source != null && sc.sourcePosition < sc.source.length) {
                i = sc.source[sc.sourcePosition++];
            } else if (sc.nextIndex < cursor.seen()) {
                i = sc.nextIndex++;
            } else {
                break;
            }
            // The two array tests first: the text test builds the event's line and runs only on what they pass.
            if ((kinds & (1 << kindOf[i])) != 0 && (node < 0 || nodeOf[i] == node) && (!text || matchesQuery(f.query, i))) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
            }
            // Reading the clock costs more than a cheap test: look at it every so often, more often for text.
            if (++sinceClockCheck >= (text ? 256 : 16_384)) {
                sinceClockCheck = 0;
                outOfTime = System.nanoTime() - t0 >= budgetNanos;
            }
        }
        boolean done = !outOfTime;
        sc.spentNanos += System.nanoTime() - t0;
        selectingProgrammatically = true;
        try {
            rows.append(found, n);
            if (sc.reselect >= 0) {
                int row = rows.rowOf(sc.reselect);
                if (row >= 0) {
                    table.getSelectionModel().select(row);
                    if (sc.scrollWhenFound) {
                        table.scrollTo(Math.max(0, row - 3));
                    }
                    sc.reselect = -1;
                }
            }
        } finally {
            selectingProgrammatically = false;
        }
        if (done) {
            scan = null;
            lastFilterNanos = sc.spentNanos;
            scanning = false;
        }
        refreshCount();
    }

    private boolean passes(Filter f, int i) {
        return (f.kinds & (1 << kindOf[i])) != 0 && (f.node < 0 || nodeOf[i] == f.node)
                && (f.query.isEmpty() || matchesQuery(f.query, i));
    }

    private boolean matchesQuery(String query, int i) {
        int code = nodeOf[i];
        if (code >= 0 && EventText.containsIgnoreCase(nodesByCode.get(code).name(), 0, query)) {
            return true;
        }
        String line = events.get(i).describe();
        // Past the leading time: a search for "12" means a node or a term, not every time with a 12 in it.
        return EventText.containsIgnoreCase(line, line.indexOf(' ') + 1, query);
    }

    /** Keeps the Timers box and the kinds title in step with the ticked kinds. */
    private void syncKindControls() {
        List<EventKind> checked = kindChoice.getCheckModel().getCheckedItems();
        int total = EventKind.values().length;
        kindChoice.setTitle(checked.size() == total ? "All kinds"
                : checked.isEmpty() ? "No kinds" : checked.size() + " of " + total + " kinds");
        boolean allTimers = true;
        boolean anyTimer = false;
        for (EventKind k : EventKind.values()) {
            if (k.isTimer()) {
                boolean on = checked.contains(k);
                allTimers &= on;
                anyTimer |= on;
            }
        }
        syncingKinds = true;
        try {
            timers.setIndeterminate(anyTimer && !allTimers);
            timers.setSelected(allTimers);
        } finally {
            syncingKinds = false;
        }
    }

    private void refreshCount() {
        // Called every frame: the text is only built again when something in it changed.
        if (scan == null && !countedWhileScanning && rows.size() == countedRows && events.size() == countedEvents) {
            return;
        }
        countedRows = rows.size();
        countedEvents = events.size();
        countedWhileScanning = scan != null;
        placeholder.setText(events.isEmpty() ? "No events yet." : scan != null ? "Searching\u2026"
                : "No events match the filters.");
        String text = String.format(Locale.ROOT, "%,d of %,d events", rows.size(), events.size());
        Scan sc = scan;
        if (sc != null) {
            long total = (sc.source == null ? 0 : sc.source.length) + Math.max(0, cursor.seen() - sc.rangeFrom);
            long done = sc.sourcePosition + (sc.nextIndex - sc.rangeFrom);
            text += String.format(Locale.ROOT, " \u00b7 searching %d%%", total == 0 ? 100 : 100 * done / total);
        }
        if (!text.equals(countText)) {
            countText = text;
            count.setText(text);
        }
    }
}
