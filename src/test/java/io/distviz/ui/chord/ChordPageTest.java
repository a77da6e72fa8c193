package io.distviz.ui.chord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.chord.ChordNodeState;
import io.distviz.chord.NodeRef;
import io.distviz.scenario.ScenarioAction;
import io.distviz.scenario.ScenarioRunner;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.ui.AppShell;
import io.distviz.ui.DistVizApp;
import io.distviz.ui.theme.Appearance;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Chord page, headless: what a click does to the engine, and what is drawn is what the engine holds. */
@ExtendWith(ApplicationExtension.class)
class ChordPageTest {
    private AppShell shell;
    private ChordPage page;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        shell = new AppShell(DistVizApp.defaultPages(appearance, id -> shell.show(id)), appearance);
        shell.install(stage);
        stage.show();
        shell.show("chord");
        page = (ChordPage) shell.page("chord");
    }

    /** Draws one frame on the FX thread, as the frame driver would. */
    private void frame(FxRobot robot) {
        robot.interact(() -> {
            page.onFrame();
            page.refreshNow();
        });
    }

    private void run(FxRobot robot, long micros) {
        robot.interact(() -> {
            page.model().simulation().runFor(micros);
            page.model().session().publish();
        });
        frame(robot);
    }

    /** The screen point of identifier {@code id} on the drawn circle. */
    private Point2D screenPoint(long id) {
        ChordRingView.Drawn d = page.drawn();
        double[] p = d.point(id, d.r());
        return page.canvasPane().localToScreen(p[0], p[1]);
    }

    private long freeId() {
        List<Long> taken = page.chord().ring().states().stream().map(s -> s.self().id()).toList();
        for (long id = 5; id < 64; id += 7) {
            if (!taken.contains(id) && !taken.contains(id - 1) && !taken.contains(id + 1)) {
                return id;
            }
        }
        throw new AssertionError("no free id");
    }

    @Test
    void clickingTheCircleAddsANodeAtTheIdentifierClicked(FxRobot robot) {
        frame(robot);
        long id = freeId();
        robot.clickOn(screenPoint(id));
        ScenarioRunner.PerformedAction last = page.model().actions().get(page.model().actions().size() - 1);
        ScenarioAction.ChordAdd add = (ScenarioAction.ChordAdd) last.action();
        assertEquals(id, add.id());
        run(robot, 8_000_000);
        assertTrue(page.chord().ring().liveMembers().stream().anyMatch(r -> r.id() == id),
                "the engine has a member at " + id);
        assertEquals("member", page.drawn().nodes().get(add.node()).state());
        assertEquals(id, page.drawn().nodes().get(add.node()).id());
    }

    @Test
    void killingANodeFromItsMenuCrashesItInTheEngineAndOnScreen(FxRobot robot) {
        frame(robot);
        NodeRef victim = page.chord().ring().liveMembers().get(3);
        String a = victim.address().name();
        robot.clickOn(screenPoint(victim.id()), MouseButton.SECONDARY);
        robot.clickOn("#chord-menu-kill");
        assertEquals(NodeStatus.CRASHED, page.model().simulation().status(NodeId.of(a)));
        frame(robot);
        assertEquals("crashed", page.drawn().nodes().get(a).state());
        // ...and undo brings it back, as it was.
        robot.clickOn("#chord-undo");
        frame(robot);
        assertEquals(NodeStatus.UP, page.model().simulation().status(NodeId.of(a)));
        assertEquals("member", page.drawn().nodes().get(a).state());
    }

    @Test
    void aLookupAnimationEndsAtTheNodeTheEngineSaysIsResponsible(FxRobot robot) throws TimeoutException {
        frame(robot);
        robot.clickOn("#chord-key").write("apple");
        robot.clickOn("#chord-lookup");
        assertTrue(page.model().session().runningProperty().get(), "a lookup plays the simulation");
        robot.interact(() -> page.model().session().pause());
        long keyId = page.chord().ring().keyId("apple");
        NodeRef responsible = page.chord().ring().responsibleFor(keyId);
        for (int i = 0; i < 100 && (page.activity().latest() == null || !page.activity().latest().finished()); i++) {
            run(robot, 20_000);
            List<String> path = page.drawn().lookupPath();
            assertFalse(path.isEmpty(), "the lookup is drawn while it runs");
        }
        ChordActivity.Lookup l = page.activity().latest();
        assertNotNull(l);
        assertTrue(l.finished());
        // The table followed the lookup: it shows the last node whose pointer was used, with that row lit.
        if (!l.segments.isEmpty()) {
            ChordActivity.Segment lastHop = l.segments.get(l.segments.size() - 1);
            assertEquals(lastHop.from().address().name(), page.selected());
            if (lastHop.route() == io.distviz.chord.Hop.Route.FINGER) {
                assertEquals(lastHop.index(), page.usedFinger());
            }
        }
        assertEquals(responsible.address().name(), page.drawn().lookupResult());
        // The drawn path is the engine's: origin, then every hop of its LookupDone path.
        assertEquals(l.hops + 1, page.drawn().lookupPath().size());
        String side = ((Label) robot.lookup("#chord-lookups .label").query()).getText();
        assertTrue(side.contains("node " + responsible.id() + " in " + l.hops + " hop"), side);
    }

    @Test
    void goingBackToTheMiddleOfALookupShowsItAsFarAsItHadGone(FxRobot robot) {
        frame(robot);
        robot.clickOn("#chord-key").write("apple");
        robot.clickOn("#chord-lookup");
        robot.interact(() -> page.model().session().pause());
        long started = page.model().simulation().nowMicros();
        for (int i = 0; i < 100 && (page.activity().latest() == null || !page.activity().latest().finished()); i++) {
            run(robot, 20_000);
        }
        ChordActivity.Lookup done = page.activity().latest();
        assertTrue(done.finished());
        run(robot, 500_000);
        long end = page.model().simulation().nowMicros();
        // The moment its first request was on the way: the lookup has started and has not finished.
        long firstSend = page.model().timelineEvents().stream()
                .filter(e -> e.timeMicros() >= started && e instanceof io.distviz.sim.TraceEvent.MessageSent m
                        && m.message().payload() instanceof io.distviz.chord.ChordMessage.NextHopRequest)
                .mapToLong(io.distviz.sim.TraceEvent::timeMicros).findFirst().orElseThrow();
        robot.interact(() -> page.model().seek(firstSend));
        frame(robot);
        ChordActivity.Lookup then = page.activity().latest();
        assertNotNull(then, "the lookup is known after the jump");
        assertFalse(then.finished(), "and not finished yet at " + firstSend);
        assertFalse(page.drawn().lookupPath().isEmpty(), "it is drawn as far as it had gone");
        assertTrue(page.model().simulation().inFlight().stream()
                .anyMatch(m -> m.payload() instanceof io.distviz.chord.ChordMessage.NextHopRequest));
        // Live: finished again, the same path.
        robot.clickOn("#chord-timeline-live");
        frame(robot);
        assertEquals(end, page.model().simulation().nowMicros());
        assertTrue(page.activity().latest().finished());
        assertEquals(done.hops, page.activity().latest().hops);
    }

    @Test
    void compareShowsTheSuccessorWalkBesideTheFingerPath(FxRobot robot) {
        frame(robot);
        robot.clickOn("#chord-key").write("walnut");
        robot.clickOn("#chord-compare");
        robot.interact(() -> page.model().session().pause());
        run(robot, 3_000_000);
        List<ChordActivity.Lookup> ls = page.activity().lookups();
        assertEquals(2, ls.size());
        ChordActivity.Lookup walk = ls.stream().filter(l -> Boolean.TRUE.equals(l.successorsOnly)).findFirst()
                .orElseThrow();
        ChordActivity.Lookup jump = ls.stream().filter(l -> l != walk).findFirst().orElseThrow();
        assertEquals(walk.result, jump.result, "both find the same node");
        assertTrue(walk.hops >= jump.hops);
        assertTrue(walk.segments.stream().allMatch(s -> s.route() == io.distviz.chord.Hop.Route.SUCCESSOR));
    }

    @Test
    void theFingerTableShownIsTheEngines(FxRobot robot) {
        frame(robot);
        run(robot, 2_000_000);
        NodeRef n = page.chord().ring().liveMembers().get(5);
        robot.clickOn(screenPoint(n.id()));
        assertEquals(n.address().name(), page.selected());
        frame(robot);
        ChordNodeState s = page.chord().ring().state(n.address().name());
        List<ChordPage.FingerRow> rows = page.fingerRows();
        assertEquals(s.fingers().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ChordNodeState.Finger f = s.fingers().get(i);
            assertEquals(f.index(), rows.get(i).index());
            assertEquals(f.start(), rows.get(i).start());
            assertEquals(f.node() == null ? null : f.node().id(), rows.get(i).node());
        }
        List<Long> distinct = s.fingers().stream().map(f -> f.node().id()).distinct().toList();
        assertEquals(distinct, page.drawn().fingerTargets(), "the chords drawn are the fingers");
    }

    @Test
    void nonsenseInTheSettingsIsRefusedWithAMessageAndChangesNothing(FxRobot robot) throws TimeoutException {
        frame(robot);
        int before = page.chord().ring().states().size();
        robot.clickOn("#chord-settings");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#chord-set-bits").tryQuery().isPresent());
        robot.doubleClickOn("#chord-set-bits").eraseText(3).write("x9");
        robot.clickOn("OK");
        Label error = robot.lookup("#chord-settings-error").queryAs(Label.class);
        assertTrue(error.getText().contains("Identifier bits: 'x9' is not a whole number"), error.getText());
        robot.doubleClickOn("#chord-set-bits").eraseText(3).write("4");
        robot.clickOn("OK");
        // 10 nodes do not fit with room to spare on 16 identifiers: the page says so and keeps its ring.
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(page.messageLabel().getText().contains("do not fit"), page.messageLabel().getText());
        assertEquals(before, page.chord().ring().states().size());
        assertEquals(6, page.chord().ring().circle().bits());
    }
}
