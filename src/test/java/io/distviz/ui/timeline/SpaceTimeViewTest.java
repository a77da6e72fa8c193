package io.distviz.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.clocks.logical.LogicalClocks;
import io.distviz.clocks.logical.LogicalStamp;
import io.distviz.clocks.logical.LogicalTimeline;
import io.distviz.clocks.logical.VectorClock;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import io.distviz.ui.AppShell;
import io.distviz.ui.theme.Appearance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.geometry.Point2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The space-time diagram, headless, fed a real Raft trace: the arrows drawn are the trace's messages in the
 * window, each from its sender's lane to its receiver's and ending where the trace says; a click selects the
 * message under it; the clocks written are {@link LogicalClocks}'; zoom and follow move the window.
 */
@ExtendWith(ApplicationExtension.class)
class SpaceTimeViewTest {
    private static final double EPS = 1e-6;

    private SpaceTimeView view;
    private ProtocolDriver driver;
    private List<TraceEvent> events;
    private List<NodeId> nodes;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        view = new SpaceTimeView(appearance);
        Scene scene = new Scene((Parent) view.view(), 1100, 520);
        appearance.applyTo(scene, Objects.requireNonNull(AppShell.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void feed(FxRobot robot) {
        driver = RaftRuns.run(5, 4_000_000);
        events = driver.simulation().trace().events();
        nodes = driver.simulation().nodeIds();
        frame(robot);
    }

    private void frame(FxRobot robot) {
        robot.interact(() -> view.update(events, events.size(), driver.simulation().nowMicros(), nodes));
    }

    private void showWindow(FxRobot robot, long fromMicros, long toMicros) {
        robot.interact(() -> view.showWindow(fromMicros, toMicros));
        frame(robot);
    }

    private double xOf(long micros) {
        SpaceTimeView.Drawn d = view.drawn();
        return d.plotLeft() + (micros - d.fromMicros()) * (d.plotRight() - d.plotLeft()) / (d.toMicros() - d.fromMicros());
    }

    /** The trace index of each message copy's delivery or drop. */
    private Map<List<Long>, Integer> ends() {
        Map<List<Long>, Integer> out = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Message m = events.get(i).messageOrNull();
            if (m != null && !(events.get(i) instanceof TraceEvent.MessageSent)) {
                out.put(List.of(m.id(), (long) m.copy()), i);
            }
        }
        return out;
    }

    private long firstDropMicros() {
        return events.stream().filter(e -> e instanceof TraceEvent.MessageDropped).findFirst().orElseThrow()
                .timeMicros();
    }

    @Test
    void theArrowsAreTheTracesMessagesInTheWindowFromSenderToReceiver(FxRobot robot) {
        long drop = firstDropMicros();
        long from = drop - 300_000;
        long to = drop + 300_000;
        showWindow(robot, from, to);
        SpaceTimeView.Drawn d = view.drawn();
        assertEquals(from, d.fromMicros(), 1);
        assertEquals(to, d.toMicros(), 1);
        Map<List<Long>, Integer> ends = ends();

        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TraceEvent.MessageSent s) {
                Message m = s.message();
                Integer end = ends.get(List.of(m.id(), (long) m.copy()));
                long endsAt = end == null ? m.deliverAtMicros() : events.get(end).timeMicros();
                if (m.sentAtMicros() <= d.toMicros() && endsAt >= d.fromMicros()) {
                    expected.add(m.id() + "." + m.copy());
                }
            }
        }
        TreeSet<String> drawnIds = d.arrows().stream().map(a -> a.messageId() + "." + a.copy())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, drawnIds);
        assertEquals(1, d.stride());

        int drops = 0;
        for (SpaceTimeView.DrawnArrow a : d.arrows()) {
            Message m = ((TraceEvent.MessageSent) events.get(a.sendIndex())).message();
            assertEquals(m.id(), a.messageId());
            assertEquals(d.laneY().get(m.from()), a.y1(), EPS, "starts on the sender's lane");
            assertEquals(xOf(m.sentAtMicros()), a.x1(), EPS, "starts at the send time");
            Integer end = ends.get(List.of(m.id(), (long) m.copy()));
            assertEquals(end == null ? -1 : end, a.endIndex());
            if (end == null) {
                continue;
            }
            TraceEvent e = events.get(end);
            assertEquals(xOf(e.timeMicros()), a.x2(), EPS, "ends at the delivery or drop time");
            if (e instanceof TraceEvent.MessageDropped) {
                drops++;
                assertEquals(SpaceTimeView.Ending.DROPPED, a.ending());
                double yFrom = d.laneY().get(m.from());
                assertTrue(Math.abs(a.y2() - yFrom) < Math.abs(d.laneY().get(m.to()) - yFrom),
                        "a drop stops short of the receiver");
            } else {
                assertEquals(SpaceTimeView.Ending.DELIVERED, a.ending());
                assertEquals(d.laneY().get(m.to()), a.y2(), EPS, "ends on the receiver's lane");
            }
        }
        assertTrue(drops > 0, "the window holds a drop");
    }

    @Test
    void clickingTheMiddleOfAnArrowSelectsThatMessage(FxRobot robot) {
        long drop = firstDropMicros();
        showWindow(robot, drop - 200_000, drop + 200_000);
        SpaceTimeView.DrawnArrow target = null;
        for (SpaceTimeView.DrawnArrow a : view.drawn().arrows()) {
            double mx = (a.x1() + a.x2()) / 2;
            double my = (a.y1() + a.y2()) / 2;
            if (Math.hypot(a.x2() - a.x1(), a.y2() - a.y1()) > 40 && a.sameMessage(view.arrowAt(mx, my))
                    && view.drawn().arrows().stream().filter(b -> b.distanceTo(mx, my) < 8).count() == 1) {
                target = a;
                break;
            }
        }
        assertNotNull(target, "an arrow with room around its middle");
        List<SpaceTimeView.MessageSelection> got = new ArrayList<>();
        view.setOnSelectMessage(got::add);
        Canvas canvas = view.canvas();
        SpaceTimeView.DrawnArrow t = target;
        robot.clickOn(canvas.localToScreen((t.x1() + t.x2()) / 2, (t.y1() + t.y2()) / 2), MouseButton.PRIMARY);
        assertEquals(1, got.size());
        SpaceTimeView.MessageSelection s = got.get(0);
        assertEquals(t.messageId(), s.messageId());
        assertEquals(t.sendIndex(), s.sendIndex());
        assertEquals(t.endIndex(), s.endIndex());
        assertEquals(((TraceEvent.MessageSent) events.get(s.sendIndex())).message(), s.message());
        assertEquals(t.messageId(), view.selectedMessageId());
    }

    @Test
    void clickingEmptySpaceAsksForThatTime(FxRobot robot) {
        showWindow(robot, 1_000_000, 1_400_000);
        SpaceTimeView.Drawn d = view.drawn();
        double lane1 = d.laneY().get(nodes.get(0));
        double lane2 = d.laneY().get(nodes.get(1));
        Point2D empty = null;
        for (double x = d.plotLeft() + 20; x < d.plotRight() - 20 && empty == null; x += 7) {
            double y = (lane1 + lane2) / 2;
            double fx = x;
            if (d.arrows().stream().noneMatch(a -> a.distanceTo(fx, y) < 12)) {
                empty = new Point2D(x, y);
            }
        }
        assertNotNull(empty, "somewhere with no arrow");
        long[] asked = {-1};
        view.setOnSelectTime(t -> asked[0] = t);
        robot.clickOn(view.canvas().localToScreen(empty));
        double micros = d.fromMicros() + (empty.getX() - d.plotLeft()) * (d.toMicros() - d.fromMicros())
                / (d.plotRight() - d.plotLeft());
        double microsPerPx = (d.toMicros() - d.fromMicros()) / (d.plotRight() - d.plotLeft());
        assertEquals(micros, asked[0], microsPerPx, "the time under the click");
    }

    @Test
    void lamportAndVectorStampsAreLogicalClocksStamps(FxRobot robot) {
        LogicalTimeline expected = LogicalClocks.stamp(events);
        showWindow(robot, 3_000_000, 3_150_000);
        robot.interact(() -> view.setStamps(SpaceTimeView.Stamps.LAMPORT));
        frame(robot);
        List<SpaceTimeView.DrawnStamp> stamps = view.drawn().stamps();
        assertTrue(stamps.size() >= 10, "stamps are written when zoomed in: " + stamps.size());
        for (SpaceTimeView.DrawnStamp s : stamps) {
            LogicalStamp st = expected.at(s.traceIndex());
            assertNotNull(st);
            assertEquals(Long.toString(st.lamport()), s.text(), "Lamport clock of event " + s.traceIndex());
            TraceEvent e = events.get(s.traceIndex());
            assertTrue(e instanceof TraceEvent.MessageSent || e instanceof TraceEvent.MessageDelivered,
                    "written on sends and receipts");
        }

        robot.interact(() -> view.setStamps(SpaceTimeView.Stamps.VECTOR));
        frame(robot);
        stamps = view.drawn().stamps();
        assertFalse(stamps.isEmpty());
        for (SpaceTimeView.DrawnStamp s : stamps) {
            VectorClock v = expected.at(s.traceIndex()).vector();
            assertEquals(v, view.vectorAt(s.traceIndex()));
            String inLaneOrder = nodes.stream().map(n -> Long.toString(v.get(n)))
                    .collect(Collectors.joining(",", "[", "]"));
            assertEquals(inLaneOrder, s.text(), "vector clock of event " + s.traceIndex());
        }

        // Zoomed out to the whole run there is no room: no stamps.
        robot.clickOn("#space-time-fit");
        frame(robot);
        assertTrue(view.drawn().stamps().isEmpty());
    }

    @Test
    void zoomChangesTheWindowAndFitShowsTheWholeRun(FxRobot robot) {
        showWindow(robot, 2_000_000, 3_000_000);
        double span = view.drawn().toMicros() - view.drawn().fromMicros();
        robot.clickOn("#space-time-zoom-in");
        double zoomedIn = view.drawn().toMicros() - view.drawn().fromMicros();
        assertEquals(span / SpaceTimeView.ZOOM_STEP, zoomedIn, 1);
        robot.clickOn("#space-time-zoom-out");
        robot.clickOn("#space-time-zoom-out");
        assertEquals(span * SpaceTimeView.ZOOM_STEP, view.drawn().toMicros() - view.drawn().fromMicros(), 1);

        // The wheel zooms about the pointer: the time under it stays put.
        SpaceTimeView.Drawn d = view.drawn();
        double x = (d.plotLeft() + d.plotRight()) / 2 + 100;
        double y = d.laneY().get(nodes.get(0));
        double before = d.fromMicros() + (x - d.plotLeft()) * (d.toMicros() - d.fromMicros()) / (d.plotRight() - d.plotLeft());
        robot.moveTo(view.canvas().localToScreen(x, y));
        robot.scroll(javafx.geometry.VerticalDirection.UP);
        SpaceTimeView.Drawn after = view.drawn();
        assertTrue(after.toMicros() - after.fromMicros() != d.toMicros() - d.fromMicros(), "the wheel zooms");
        double underPointer = after.fromMicros()
                + (x - after.plotLeft()) * (after.toMicros() - after.fromMicros()) / (after.plotRight() - after.plotLeft());
        assertEquals(before, underPointer, 1);

        robot.clickOn("#space-time-fit");
        d = view.drawn();
        assertTrue(d.fromMicros() <= events.get(0).timeMicros());
        assertTrue(d.toMicros() >= events.get(events.size() - 1).timeMicros());
        assertTrue(d.toMicros() - d.fromMicros() < 1.2 * events.get(events.size() - 1).timeMicros());
    }

    @Test
    void followKeepsTheNowLineInViewAsTimeRuns(FxRobot robot) {
        assertTrue(robot.lookup("#space-time-follow").queryAs(ToggleButton.class).isSelected(), "on by default");
        for (long until = 5_000_000; until <= 9_000_000; until += 1_000_000) {
            long u = until;
            robot.interact(() -> driver.simulation().runUntil(u));
            frame(robot);
            SpaceTimeView.Drawn d = view.drawn();
            assertTrue(d.nowX() >= d.plotLeft() && d.nowX() <= d.plotRight(), "now in view at " + until);
            assertTrue(d.toMicros() >= until);
        }
        robot.clickOn("#space-time-follow");
        robot.interact(() -> driver.simulation().runUntil(20_000_000));
        frame(robot);
        assertTrue(view.drawn().nowX() > view.drawn().plotRight(), "not following: now runs out of the window");
        robot.clickOn("#space-time-follow");
        frame(robot);
        assertTrue(view.drawn().nowX() <= view.drawn().plotRight());
    }

    @Test
    void draggingPansAndStopsFollowing(FxRobot robot) {
        SpaceTimeView.Drawn d = view.drawn();
        double y = d.laneY().get(nodes.get(0)) + 9;
        robot.drag(view.canvas().localToScreen(d.plotRight() - 50, y), MouseButton.PRIMARY)
                .dropTo(view.canvas().localToScreen(d.plotRight() - 350, y));
        assertFalse(view.followProperty().get());
        SpaceTimeView.Drawn after = view.drawn();
        double microsPerPx = (d.toMicros() - d.fromMicros()) / (d.plotRight() - d.plotLeft());
        assertEquals(d.fromMicros() + 300 * microsPerPx, after.fromMicros(), 2 * microsPerPx);
    }

    @Test
    void theFutureIsFadedAndMessagesInFlightAtNowEndAtTheirEnds(FxRobot robot) {
        int shownUpTo = events.size() / 2;
        long now = events.get(shownUpTo - 1).timeMicros();
        robot.interact(() -> {
            view.showWindow(now - 200_000, now + 200_000);
            view.update(events, shownUpTo, now, nodes);
        });
        SpaceTimeView.Drawn d = view.drawn();
        assertTrue(d.arrows().stream().anyMatch(SpaceTimeView.DrawnArrow::future));
        assertTrue(d.arrows().stream().anyMatch(a -> !a.future()));
        for (SpaceTimeView.DrawnArrow a : d.arrows()) {
            assertEquals(a.sendIndex() >= shownUpTo, a.future(), "message " + a.messageId());
        }
        assertEquals(xOf(now), d.nowX(), EPS);
    }

    @Test
    void selectMessageHighlightsItAndScrollsItIntoView(FxRobot robot) {
        TraceEvent.MessageSent early = (TraceEvent.MessageSent) events.stream()
                .filter(e -> e instanceof TraceEvent.MessageSent && e.timeMicros() > 400_000).findFirst().orElseThrow();
        assertTrue(view.drawn().arrows().stream().noneMatch(a -> a.messageId() == early.message().id()),
                "following the end of the run, the early message is out of view");
        robot.interact(() -> view.selectMessage(early.message().id()));
        assertTrue(view.drawn().arrows().stream().anyMatch(a -> a.messageId() == early.message().id()));
        assertFalse(view.followProperty().get(), "a message in the past stops following");
        assertEquals(early.message().id(), view.selectedMessageId());
    }

    @Test
    void aForkRedrawsFromTheNewTimeline(FxRobot robot) {
        List<TraceEvent> forked = List.copyOf(events.subList(0, events.size() / 3));
        long now = forked.get(forked.size() - 1).timeMicros();
        robot.interact(() -> {
            view.showWindow(0, now);
            view.update(forked, forked.size(), now, nodes);
        });
        assertFalse(view.drawn().arrows().isEmpty());
        assertTrue(view.drawn().arrows().stream().allMatch(a -> a.sendIndex() < forked.size()));
        assertTrue(view.drawn().arrows().stream().allMatch(a -> a.endIndex() < forked.size()));
    }

    @Test
    void manyLanesScrollAndKeepTheirMinimumHeight(FxRobot robot) {
        List<NodeId> many = new ArrayList<>(nodes);
        for (int i = 0; i < 95; i++) {
            many.add(NodeId.of("spare" + i));
        }
        robot.interact(() -> view.update(events, events.size(), driver.simulation().nowMicros(), many));
        assertTrue(robot.lookup("#space-time-lanes").queryAs(ScrollBar.class).isVisible());
        Map<NodeId, Double> y = view.drawn().laneY();
        assertTrue(y.get(many.get(1)) - y.get(many.get(0)) >= SpaceTimeView.MIN_LANE_PX - EPS);
        assertTrue(y.get(many.get(99)) > view.canvas().getHeight(), "the last lane is below the fold");
    }
}
