package io.distviz.ui.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftServerState;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.scenario.RaftDriver;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.Simulation;
import io.distviz.ui.AppShell;
import io.distviz.ui.DistVizApp;
import io.distviz.ui.engine.TimelineBar;
import io.distviz.ui.engine.TimelineMarkers;
import io.distviz.ui.theme.Appearance;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The timeline under the Raft page, driven with the mouse: dragging the scrubber back shows the cluster as it
 * was then (what is drawn equals the engine's state, and a fresh replay's), Live returns to the end, and the
 * marks show the person's actions and the elections.
 */
@ExtendWith(ApplicationExtension.class)
class RaftTimelineTest {
    private AppShell shell;
    private RaftPage page;

    @Start
    void start(Stage stage) {
        AppShell[] holder = new AppShell[1];
        Appearance appearance = new Appearance();
        shell = new AppShell(DistVizApp.defaultPages(appearance, id -> holder[0].show(id)), appearance);
        holder[0] = shell;
        shell.install(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
        page = (RaftPage) shell.page("raft");
    }

    @BeforeEach
    void open(FxRobot robot) {
        robot.clickOn("#nav-raft");
    }

    private Simulation sim() {
        return page.model().simulation();
    }

    private RaftCluster cluster() {
        return ((RaftDriver) page.model().driver()).cluster();
    }

    private void runUntil(FxRobot robot, BooleanSupplier condition, long limitMicros) {
        robot.interact(() -> {
            sim().runUntil(condition, sim().nowMicros() + limitMicros);
            page.model().session().publish();
        });
    }

    private RaftView.Drawing frame(FxRobot robot) {
        robot.interact(() -> shell.driver().tick(System.nanoTime()));
        return page.drawing();
    }

    /** The drawn servers' role and term, by name, against the engine's. */
    private static void assertDrawnAsEngine(RaftView.Drawing d, RaftCluster c, Simulation sim) {
        for (NodeId id : c.serverIds()) {
            RaftView.DrawnServer ds = d.server(id.name()).orElseThrow();
            if (sim.status(id) != NodeStatus.UP) {
                assertEquals("crashed", ds.role(), id.name());
                continue;
            }
            RaftServerState s = c.state(id);
            assertEquals(RaftView.roleWord(s.role()), ds.role(), id.name());
            assertEquals(s.currentTerm(), ds.term(), id.name());
        }
    }

    @Test
    void draggingTheScrubberBackShowsTheClusterAsItWasThen(FxRobot robot) {
        runUntil(robot, () -> cluster().leader() != null, 3_000_000);
        String leader = cluster().leader().name();
        long termBefore = cluster().state(NodeId.of(leader)).currentTerm();
        runUntil(robot, () -> false, 400_000);
        robot.interact(() -> assertTrue(page.model().perform(new ScenarioAction.Crash(leader))));
        long crashedAt = sim().nowMicros();
        runUntil(robot, () -> cluster().leader() != null && !cluster().leader().name().equals(leader), 3_000_000);
        runUntil(robot, () -> false, 500_000);
        long end = sim().nowMicros();
        String endHash = sim().trace().hash();
        frame(robot);

        TimelineBar bar = page.timeline();
        List<TimelineMarkers.Marker> marks = bar.markers();
        assertTrue(marks.stream().anyMatch(m -> m.kind() == TimelineMarkers.Kind.ACTION
                && m.timeMicros() == crashedAt), marks::toString);
        assertTrue(marks.stream().filter(m -> m.kind() == TimelineMarkers.Kind.LEADER).count() >= 2, marks::toString);

        // Drag the handle from the end to a moment before the crash.
        Canvas strip = robot.lookup("#raft-timeline").queryAs(Canvas.class);
        Bounds b = strip.localToScreen(strip.getBoundsInLocal());
        double y = b.getMinY() + b.getHeight() / 2;
        double fromX = b.getMinX() + bar.xOf(end);
        double toX = b.getMinX() + bar.xOf(crashedAt * 2 / 3);
        robot.moveTo(new javafx.geometry.Point2D(fromX, y)).press(javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D((fromX + toX) / 2, y))
                .moveTo(new javafx.geometry.Point2D(toX, y)).release(javafx.scene.input.MouseButton.PRIMARY);
        RaftView.Drawing d = frame(robot);
        long t = sim().nowMicros();
        assertTrue(t < crashedAt, "went back to " + t + ", the crash was at " + crashedAt);
        assertFalse(page.model().atHorizon());
        assertEquals(NodeStatus.UP, sim().status(NodeId.of(leader)));
        assertDrawnAsEngine(d, cluster(), sim());
        assertEquals(t, d.nowMicros());
        // ...and the engine's state is the one the run really had then: a fresh replay agrees.
        List<ScenarioRunner.PerformedAction> upTo = page.model().asRun().actions();
        ProtocolDriver fresh = ProtocolDriver.replay(page.model().settings(), upTo);
        fresh.simulation().runUntil(t);
        assertEquals(fresh.simulation().trace().hash(), sim().trace().hash());
        RaftCluster then = ((RaftDriver) fresh).cluster();
        for (NodeId id : then.serverIds()) {
            assertEquals(then.state(id).currentTerm(), cluster().state(id).currentTerm());
            assertEquals(then.state(id).role(), cluster().state(id).role());
        }
        assertTrue(cluster().state(NodeId.of(leader)).currentTerm() <= termBefore);

        // Live: back to the furthest moment, exactly as it was.
        robot.clickOn("#raft-timeline-live");
        RaftView.Drawing atEnd = frame(robot);
        assertEquals(end, sim().nowMicros());
        assertEquals(endHash, sim().trace().hash());
        assertEquals("crashed", atEnd.server(leader).orElseThrow().role());
        assertNotEquals(leader, cluster().leader().name());
        assertDrawnAsEngine(atEnd, cluster(), sim());
    }

    @Test
    void pickingAMessageInTheEventLogMovesThePageThereAndRingsIt(FxRobot robot) throws Exception {
        runUntil(robot, () -> cluster().leader() != null, 3_000_000);
        runUntil(robot, () -> false, 400_000);
        frame(robot);
        robot.clickOn("#raft-drawer-toggle");
        frame(robot);
        // The log lists the run's events; find a vote request sent early on (long before the moment shown).
        List<io.distviz.sim.TraceEvent> events = page.model().timelineEvents();
        int index = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof io.distviz.sim.TraceEvent.MessageSent s
                    && s.message().payload() instanceof io.distviz.raft.RaftMessage.RequestVote) {
                index = i;
                break;
            }
        }
        assertTrue(index >= 0, "a vote was requested");
        io.distviz.sim.Message vote = ((io.distviz.sim.TraceEvent.MessageSent) events.get(index)).message();
        javafx.scene.control.TableView<?> table = robot.lookup("#event-log-table").queryAs(javafx.scene.control.TableView.class);
        for (int i = 0; i < 20 && rowOf(robot, table, index) < 0; i++) {
            frame(robot); // a long log is indexed over a few frames
        }
        int row = rowOf(robot, table, index);
        assertTrue(row >= 0, "the event is listed");
        robot.interact(() -> table.scrollTo(row));
        frame(robot);
        javafx.scene.Node cell = robot.lookup(".event-log-table .table-row-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getIndex() == row)
                .findFirst().orElseThrow();
        robot.clickOn(cell);
        frame(robot);
        assertEquals(vote.sentAtMicros(), sim().nowMicros(), "the page moved to the moment it was sent");
        assertTrue(sim().inFlight().stream().anyMatch(m -> m.id() == vote.id()), "and it is on its way there");
        assertEquals(vote.from().name() + "→" + vote.to().name() + " #" + vote.id(), page.picked());
    }

    private static int rowOf(FxRobot robot, javafx.scene.control.TableView<?> table, int eventIndex) {
        int[] row = {-1};
        robot.interact(() -> row[0] = table.getItems().indexOf(eventIndex));
        return row[0];
    }

    @Test
    void theMarkButtonsStepFromMarkToMark(FxRobot robot) {
        runUntil(robot, () -> cluster().leader() != null, 3_000_000);
        runUntil(robot, () -> false, 300_000);
        robot.interact(() -> assertTrue(page.model().perform(new ScenarioAction.RaftAddClient(null))));
        long added = sim().nowMicros();
        runUntil(robot, () -> false, 300_000);
        frame(robot);
        robot.clickOn("#raft-timeline-start");
        assertEquals(0, sim().nowMicros());
        long last = 0;
        boolean sawAction = false;
        for (int i = 0; i < 40 && !page.model().atHorizon(); i++) {
            robot.clickOn("#raft-timeline-next");
            long now = sim().nowMicros();
            assertTrue(now > last || page.model().atHorizon(), "moves forward");
            sawAction |= now == added;
            last = now;
        }
        assertTrue(sawAction, "stopped at the client added at " + added);
        // The same from the keyboard (Go menu): the start, then the furthest moment.
        robot.push(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.HOME);
        assertEquals(0, sim().nowMicros());
        robot.push(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.END);
        assertTrue(page.model().atHorizon());
        robot.push(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.LEFT);
        assertTrue(sim().nowMicros() <= added, "back to the last mark, the client at the latest");
        assertFalse(page.model().atHorizon());
    }
}
