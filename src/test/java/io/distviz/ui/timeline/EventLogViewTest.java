package io.distviz.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.scenario.ProtocolDriver;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import io.distviz.ui.AppShell;
import io.distviz.ui.theme.Appearance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The event log, headless, fed a real Raft trace: each filter shows exactly the events the trace says pass it,
 * a person's selection reaches the handler, the future is dimmed, and growth and forks of the timeline are
 * followed.
 */
@ExtendWith(ApplicationExtension.class)
class EventLogViewTest {
    private EventLogView log;
    private ProtocolDriver driver;
    private List<TraceEvent> events;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        log = new EventLogView(appearance);
        log.setSearchDelay(Duration.ZERO);
        Scene scene = new Scene((Parent) log.view(), 1000, 600);
        appearance.applyTo(scene, Objects.requireNonNull(AppShell.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void feed(FxRobot robot) {
        driver = RaftRuns.run(5, 4_000_000);
        events = driver.simulation().trace().events();
        robot.interact(() -> log.update(events, events.size()));
    }

    private int[] indicesWhere(IntPredicate p) {
        return IntStream.range(0, events.size()).filter(p).toArray();
    }

    private String countLabel() {
        return ((Label) new FxRobot().lookup("#event-log-count").query()).getText();
    }

    @Test
    void everyEventIsListedAtFirstAndTheCountSaysSo(FxRobot robot) {
        assertEquals(events.size(), shown(robot).length);
        assertEquals(String.format(Locale.ROOT, "%,d of %,d events", events.size(), events.size()), countLabel());
    }

    @Test
    void filteringByNodeShowsOnlyThatNodesEvents(FxRobot robot) {
        NodeId s3 = NodeId.of("s3");
        ComboBox<?> nodes = robot.lookup("#event-log-nodes").queryAs(ComboBox.class);
        assertTrue(nodes.getItems().contains("s3"), "the node list holds the trace's nodes");
        robot.interact(() -> log.filterNode(s3));
        int[] expected = indicesWhere(i -> s3.equals(events.get(i).node()));
        assertTrue(expected.length > 0);
        assertArrayEquals(expected, shown(robot));
        assertEquals(String.format(Locale.ROOT, "%,d of %,d events", expected.length, events.size()), countLabel());
        robot.interact(() -> log.filterNode(null));
        assertEquals(events.size(), shown(robot).length);
    }

    @Test
    void theTimersBoxHidesTheThreeTimerKindsAndTheKindsChoiceTheRest(FxRobot robot) {
        robot.clickOn("#event-log-timers");
        assertFalse(robot.lookup("#event-log-timers").queryAs(CheckBox.class).isSelected());
        int[] noTimers = indicesWhere(i -> !(events.get(i) instanceof TraceEvent.TimerSet
                || events.get(i) instanceof TraceEvent.TimerFired || events.get(i) instanceof TraceEvent.TimerCancelled));
        assertTrue(noTimers.length < events.size(), "a Raft trace has timers");
        assertArrayEquals(noTimers, shown(robot));

        robot.interact(() -> log.filterKinds(EventKind.DROPPED, EventKind.LIFECYCLE));
        int[] dropsAndLifecycle = indicesWhere(i -> events.get(i) instanceof TraceEvent.MessageDropped
                || events.get(i) instanceof TraceEvent.NodeLifecycle);
        assertTrue(IntStream.of(dropsAndLifecycle).anyMatch(i -> events.get(i) instanceof TraceEvent.MessageDropped));
        assertArrayEquals(dropsAndLifecycle, shown(robot));

        // Kinds and node together.
        robot.interact(() -> log.filterNode(NodeId.of("s2")));
        assertArrayEquals(indicesWhere(i -> IntStream.of(dropsAndLifecycle).anyMatch(j -> j == i)
                && NodeId.of("s2").equals(events.get(i).node())), shown(robot));
    }

    @Test
    void searchIsACaseInsensitiveSubstringOfTheDescriptionOrTheNode(FxRobot robot) {
        robot.clickOn("#event-log-search").write("requestVOTE");
        int[] expected = indicesWhere(i -> matches(events.get(i), "requestvote"));
        assertTrue(expected.length > 0, "the election's RequestVotes");
        assertArrayEquals(expected, shown(robot));

        // Backspacing widens the search again: the rows come back.
        robot.interact(() -> robot.lookup("#event-log-search").queryTextInputControl().setText("c1"));
        int[] client = indicesWhere(i -> matches(events.get(i), "c1"));
        assertTrue(IntStream.of(client).anyMatch(i -> NodeId.of("c1").equals(events.get(i).node())));
        assertTrue(IntStream.of(client).anyMatch(i -> !NodeId.of("c1").equals(events.get(i).node())),
                "descriptions that name c1 (messages to it) match too");
        assertArrayEquals(client, shown(robot));
        robot.interact(() -> robot.lookup("#event-log-search").queryTextInputControl().setText(""));
        assertEquals(events.size(), shown(robot).length);
    }

    private static boolean matches(TraceEvent e, String lowerQuery) {
        String line = e.describe();
        String afterTime = line.substring(line.indexOf(' ') + 1).toLowerCase(Locale.ROOT);
        return afterTime.contains(lowerQuery)
                || (e.node() != null && e.node().name().toLowerCase(Locale.ROOT).contains(lowerQuery));
    }

    @Test
    void aLongSearchRunsInSlicesOverFramesAndFindsTheSameRows(FxRobot robot) throws Exception {
        robot.interact(() -> {
            log.setSliceNanos(0);
            robot.lookup("#event-log-search").queryTextInputControl().setText("appendentriesreply");
        });
        assertTrue(log.filtering(), "one slice was not enough");
        assertTrue(countLabel().contains("searching"), countLabel());
        // Asked to select an event the scan has not reached: it is selected when found.
        int[] expected = indicesWhere(i -> matches(events.get(i), "appendentriesreply"));
        int late = expected[expected.length - 2];
        List<EventLogView.Selection> got = new ArrayList<>();
        log.setOnSelect(got::add);
        robot.interact(() -> log.select(late));
        // Each frame's update (the page calls it once a frame) runs one slice more, until the scan is done.
        log.setSliceNanos(2_000_000);
        for (int frame = 0; frame < 100_000 && log.filtering(); frame++) {
            robot.interact(() -> log.update(events, events.size()));
        }
        assertArrayEquals(expected, log.shownIndices());
        assertFalse(countLabel().contains("searching"));
        assertEquals(late, log.table().getSelectionModel().getSelectedItem());
        assertTrue(got.isEmpty(), "a selection asked for by the page is not reported back");
    }

    @Test
    void aPersonsSelectionReachesTheHandlerAndSelectDoesNot(FxRobot robot) {
        List<EventLogView.Selection> got = new ArrayList<>();
        log.setOnSelect(got::add);
        robot.interact(() -> log.filterNode(NodeId.of("s1")));
        int[] shown = shown(robot);
        TableRow<?> third = visibleRow(robot, shown[2]);
        assertNotNull(third, "the third row is on screen");
        robot.clickOn(third);
        assertEquals(1, got.size());
        assertEquals(shown[2], got.get(0).index());
        assertEquals(events.get(shown[2]), got.get(0).event());

        // select(i) far down the log: selected and scrolled to, and the handler stays quiet.
        int far = shown[shown.length - 40];
        robot.interact(() -> log.select(far));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(far, log.table().getSelectionModel().getSelectedItem());
        assertNotNull(visibleRow(robot, far), "scrolled to the selected event");
        assertEquals(1, got.size());
        // An event the filters hide is not selected.
        int hidden = indicesWhere(i -> NodeId.of("s4").equals(events.get(i).node()))[0];
        robot.interact(() -> log.select(hidden));
        assertNull(log.table().getSelectionModel().getSelectedItem());
    }

    @Test
    void theSelectionSurvivesAFilterThatStillShowsIt(FxRobot robot) {
        int[] s1 = indicesWhere(i -> NodeId.of("s1").equals(events.get(i).node()));
        robot.interact(() -> log.select(s1[10]));
        robot.interact(() -> log.filterNode(NodeId.of("s1")));
        assertEquals(s1[10], log.table().getSelectionModel().getSelectedItem());
    }

    @Test
    void eventsAfterThePagesMomentAreDimmed(FxRobot robot) {
        int shownUpTo = 12;
        robot.interact(() -> log.update(events, shownUpTo));
        WaitForAsyncUtils.waitForFxEvents();
        List<TableRow<?>> rows = visibleRows(robot);
        assertTrue(rows.stream().anyMatch(r -> (Integer) r.getItem() < shownUpTo));
        assertTrue(rows.stream().anyMatch(r -> (Integer) r.getItem() >= shownUpTo));
        for (TableRow<?> r : rows) {
            assertEquals((Integer) r.getItem() >= shownUpTo, r.getPseudoClassStates().contains(EventLogView.FUTURE),
                    "row of event " + r.getItem());
        }
        // The future is still there to select.
        robot.clickOn(rows.stream().filter(r -> (Integer) r.getItem() == shownUpTo + 1).findFirst().orElseThrow());
        assertEquals(shownUpTo + 1, log.table().getSelectionModel().getSelectedItem());
        robot.interact(() -> log.update(events, events.size()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(visibleRows(robot).stream().noneMatch(r -> r.getPseudoClassStates().contains(EventLogView.FUTURE)));
    }

    @Test
    void eventsAppendedAsTheRunGoesOnAreAddedNotRebuilt(FxRobot robot) {
        NodeId s1 = NodeId.of("s1");
        robot.interact(() -> log.filterNode(s1));
        int before = events.size();
        int rowsBefore = shown(robot).length;
        List<String> changes = new ArrayList<>();
        log.table().getItems().addListener((ListChangeListener<Integer>) c -> {
            while (c.next()) {
                changes.add((c.wasAdded() ? "+" + c.getFrom() + ".." + c.getTo() : "")
                        + (c.wasRemoved() ? "-" + c.getRemovedSize() : ""));
            }
        });
        robot.interact(() -> {
            driver.simulation().runUntil(6_000_000);
            log.update(events, events.size());
        });
        assertTrue(events.size() > before);
        assertArrayEquals(indicesWhere(i -> s1.equals(events.get(i).node())), shown(robot));
        assertEquals(List.of("+" + rowsBefore + ".." + shown(robot).length), changes,
                "one append of the new rows");
        // Nothing new: nothing changes.
        robot.interact(() -> log.update(events, events.size()));
        assertEquals(1, changes.size());
    }

    @Test
    void aShorterOrDifferentListIsIndexedAfresh(FxRobot robot) {
        robot.interact(() -> log.filterNode(NodeId.of("s1")));
        // The person forks the timeline at its middle.
        List<TraceEvent> forked = List.copyOf(events.subList(0, events.size() / 2));
        robot.interact(() -> log.update(forked, forked.size()));
        assertArrayEquals(IntStream.range(0, forked.size())
                .filter(i -> NodeId.of("s1").equals(forked.get(i).node())).toArray(), shown(robot));
        assertTrue(countLabel().endsWith(String.format(Locale.ROOT, "of %,d events", forked.size())));

        // A rebuilt run as long as the last one, but with other events from the fork on.
        List<TraceEvent> other = RaftRuns.run(6, 4_000_000).simulation().trace().events();
        List<TraceEvent> rebuilt = new ArrayList<>(forked);
        rebuilt.addAll(other.subList(forked.size(), Math.min(other.size(), 2 * forked.size())));
        robot.interact(() -> log.update(rebuilt, rebuilt.size()));
        assertArrayEquals(IntStream.range(0, rebuilt.size())
                .filter(i -> NodeId.of("s1").equals(rebuilt.get(i).node())).toArray(), shown(robot));
    }

    /** The rows shown once the filter pass under way has finished. */
    private int[] shown(FxRobot robot) {
        robot.interact(log::finishFiltering);
        return log.shownIndices();
    }

    private static List<TableRow<?>> visibleRows(FxRobot robot) {
        List<TableRow<?>> rows = new ArrayList<>();
        for (var n : robot.lookup("#event-log-table .table-row-cell").queryAll()) {
            TableRow<?> r = (TableRow<?>) n;
            if (r.isVisible() && !r.isEmpty() && r.getItem() != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static TableRow<?> visibleRow(FxRobot robot, int eventIndex) {
        return visibleRows(robot).stream().filter(r -> (Integer) r.getItem() == eventIndex).findFirst().orElse(null);
    }
}
