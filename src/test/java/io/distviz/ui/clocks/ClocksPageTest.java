package io.distviz.ui.clocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.clocks.ClockNetwork;
import io.distviz.clocks.ClockNodeState;
import io.distviz.clocks.logical.LogicalClocks;
import io.distviz.clocks.logical.LogicalStamp;
import io.distviz.clocks.logical.LogicalTimeline;
import io.distviz.clocks.logical.VectorClock;
import io.distviz.sim.NodeId;
import io.distviz.ui.AppShell;
import io.distviz.ui.DistVizApp;
import io.distviz.ui.Page;
import io.distviz.ui.theme.Appearance;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Clocks page in the real shell, headless. Each test drives the page as a person does (clicks, typing) and
 * then compares what the renderer says it drew ({@link ClocksDrawn}) with the engine's own state.
 */
@ExtendWith(ApplicationExtension.class)
class ClocksPageTest {
    private AppShell shell;
    private ClocksPage page;

    @Start
    void start(Stage stage) {
        Appearance appearance = new Appearance();
        List<Page> pages = DistVizApp.defaultPages(appearance, id -> shell.show(id));
        shell = new AppShell(pages, appearance);
        shell.install(stage);
        // Frames are drawn by hand here, so the timer cannot move the run between a test's steps.
        shell.driver().stop();
        stage.show();
        shell.show("clocks");
        page = (ClocksPage) shell.page("clocks");
    }

    private ClockNetwork network() {
        return page.network();
    }

    /** Runs true time to {@code micros} and draws one frame. */
    private ClocksDrawn runTo(FxRobot robot, long micros) {
        robot.interact(() -> {
            page.model().simulation().runUntil(micros);
            page.onFrame();
        });
        return page.drawn();
    }

    private ClocksDrawn frame(FxRobot robot) {
        robot.interact(page::onFrame);
        return page.drawn();
    }

    private static ClocksDrawn.Card card(ClocksDrawn d, String node) {
        return d.cards().stream().filter(c -> c.node().equals(node)).findFirst().orElseThrow();
    }

    private void type(FxRobot robot, String fieldId, String text) {
        TextField f = robot.lookup("#" + fieldId).queryAs(TextField.class);
        robot.interact(() -> f.setText(""));
        robot.clickOn(f).write(text);
    }

    @Test
    void theRunStartsWithAReferenceAndFourFreeQuartzMachinesThatAreNotUndoable(FxRobot robot) {
        ClocksDrawn d = runTo(robot, 1_000_000);
        assertEquals(List.of("ref", "n1", "n2", "n3", "n4"), d.cards().stream().map(ClocksDrawn.Card::node).toList());
        assertFalse(page.model().canUndo());
        assertEquals(ClocksPage.DEFAULT_SPEED, page.model().session().speedProperty().get());
    }

    @Test
    void changingASkewChangesTheDrawnDrift(FxRobot robot) {
        ClocksDrawn before = runTo(robot, 10_000_000);
        ClockNodeState n1 = network().state(NodeId.of("n1"));
        assertEquals(n1.effectiveFrequencyErrorPpm(), card(before, "n1").driftPpm(), 1e-9);
        double slopeBefore = before.chart().line("n1").recentSlopePpm();
        assertEquals(n1.effectiveFrequencyErrorPpm(), slopeBefore, 0.5, "the line's slope is the clock's drift");

        robot.interact(() -> robot.lookup("#clocks-selected").queryAs(ChoiceBox.class).setValue("n1"));
        type(robot, "clocks-skew", "250");
        robot.clickOn("#clocks-set-skew");
        assertEquals(1, page.model().actions().size(), page.messageLabel().getText());

        ClocksDrawn after = runTo(robot, 20_000_000);
        ClockNodeState now = network().state(NodeId.of("n1"));
        assertEquals(250, now.frequencyErrorPpm(), 2.0, "the engine took the new skew");
        assertEquals(now.effectiveFrequencyErrorPpm(), card(after, "n1").driftPpm(), 1e-9);
        double slopeAfter = after.chart().line("n1").recentSlopePpm();
        assertEquals(now.effectiveFrequencyErrorPpm(), slopeAfter, 0.5);
        assertTrue(slopeAfter - slopeBefore > 200, slopeBefore + " -> " + slopeAfter);
        // Another machine's line is untouched.
        assertEquals(network().state(NodeId.of("n2")).effectiveFrequencyErrorPpm(),
                after.chart().line("n2").recentSlopePpm(), 0.5);
    }

    @Test
    void aBadSkewIsRefusedWithAMessageAndChangesNothing(FxRobot robot) {
        runTo(robot, 1_000_000);
        type(robot, "clocks-skew", "fast");
        robot.clickOn("#clocks-set-skew");
        assertTrue(page.messageLabel().getText().contains("not a number"), page.messageLabel().getText());
        type(robot, "clocks-skew", "5000");
        robot.clickOn("#clocks-set-skew");
        assertTrue(page.messageLabel().getText().contains("ppm"), page.messageLabel().getText());
        assertTrue(page.model().actions().isEmpty());
    }

    @Test
    void aSyncRoundReducesTheDrawnOffsets(FxRobot robot) {
        ClocksDrawn before = runTo(robot, 20_000_000);
        double worstBefore = worstHead(before);
        assertTrue(worstBefore > 5e6, "quartz clocks start tens of ms apart: " + worstBefore);

        robot.interact(() -> {
            robot.lookup("#clocks-algorithm").queryAs(ChoiceBox.class).setValue("Cristian");
            robot.lookup("#clocks-server").queryAs(ChoiceBox.class).setValue("ref");
        });
        robot.clickOn("#clocks-use");
        robot.clickOn("#clocks-sync-all");
        assertNotNull(page.model().actions());
        ClocksDrawn after = runTo(robot, 21_000_000);

        double worstAfter = worstHead(after);
        assertTrue(worstAfter < worstBefore / 10, worstBefore + " -> " + worstAfter);
        for (ClocksDrawn.Line l : after.chart().lines()) {
            assertEquals(network().offsetFromTrueTimeNanos(NodeId.of(l.node())), l.headNanos(), 1.0,
                    "the line ends where the engine says the clock is");
        }
        assertTrue(after.chart().marksDrawn() >= 4, "every corrected clock is marked: " + after.chart().marksDrawn());
        assertEquals(network().maxPairwiseSkewNanos(), after.chart().skewNowNanos(), 1.0);
        // The exchange panel shows a Cristian exchange with the server's answer and the estimate's bound.
        ClocksDrawn.Exchange ex = after.exchange();
        assertEquals("cristian", ex.algorithm());
        ClocksDrawn.Leg leg = ex.legs().get(0);
        assertEquals("ref", leg.peer());
        assertNotNull(leg.t2Nanos());
        assertTrue(leg.errorBoundNanos() > 0 && leg.errorBoundNanos() < leg.delayNanos());
    }

    private static double worstHead(ClocksDrawn d) {
        return d.chart().lines().stream().mapToDouble(l -> Math.abs(l.headNanos())).max().orElseThrow();
    }

    @Test
    void theHappenedBeforeAnswerMatchesTheVectorClocks(FxRobot robot) {
        runTo(robot, 1_000_000);
        robot.interact(() -> robot.lookup("#clocks-algorithm").queryAs(ChoiceBox.class).setValue("NTP"));
        robot.clickOn("#clocks-use");
        ClocksDrawn d = runTo(robot, 30_000_000);
        List<ClocksDrawn.Event> events = d.spaceTime().events();
        assertTrue(events.size() >= 10, "the diagram shows recent events: " + events.size());

        // The whole trace stamped independently: the page stamps only its recent end.
        LogicalTimeline full = LogicalClocks.stamp(page.model().simulation().trace().events(),
                ClockNetwork.physicalTime(), CausalWindow.EVENTS);
        // Pairs in both orders (a earlier, a later), until each answer was given twice.
        int[] asked = new int[VectorClock.Order.values().length];
        for (int i = 0; i < events.size(); i++) {
            for (int j = i + 1; j < events.size(); j++) {
                boolean forward = (i + j) % 2 == 0;
                ClocksDrawn.Event a = events.get(forward ? i : j);
                ClocksDrawn.Event b = events.get(forward ? j : i);
                VectorClock.Order expected = full.at(a.traceIndex()).vector().compare(full.at(b.traceIndex()).vector());
                if (asked[expected.ordinal()] >= 2) {
                    continue;
                }
                asked[expected.ordinal()]++;
                String answer = clickPair(robot, a, b);
                switch (expected) {
                    case BEFORE -> assertTrue(answer.startsWith("a → b"), answer);
                    case AFTER -> assertTrue(answer.startsWith("b → a"), answer);
                    case CONCURRENT -> assertTrue(answer.startsWith("a ∥ b"), answer);
                    case EQUAL -> throw new AssertionError("two events with one vector clock");
                }
            }
        }
        assertEquals(2, asked[VectorClock.Order.BEFORE.ordinal()], "a → b was asked");
        assertEquals(2, asked[VectorClock.Order.AFTER.ordinal()], "b → a was asked");
        assertEquals(2, asked[VectorClock.Order.CONCURRENT.ordinal()], "a ∥ b was asked");
        // The drawn stamps are the independent ones (the Lamport numbers count from the window's start).
        LogicalStamp last = full.at(events.get(events.size() - 1).traceIndex());
        assertEquals(last.vector().entries().size(),
                page.window().stamp(events.get(events.size() - 1).traceIndex()).vector().entries().size());
    }

    /** Clicks two drawn events on the canvas, a then b, and returns the sentence under the diagram. */
    private String clickPair(FxRobot robot, ClocksDrawn.Event a, ClocksDrawn.Event b) {
        Canvas canvas = robot.lookup("#clocks-canvas").queryAs(javafx.scene.layout.Pane.class).getChildren().stream()
                .filter(Canvas.class::isInstance).map(Canvas.class::cast).findFirst().orElseThrow();
        for (ClocksDrawn.Event e : List.of(a, b)) {
            Point2D p = canvas.localToScreen(e.x(), e.y());
            robot.clickOn(p);
        }
        ClocksDrawn d = frame(robot);
        assertEquals(a.traceIndex(), d.spaceTime().pickA());
        assertEquals(b.traceIndex(), d.spaceTime().pickB());
        return d.spaceTime().answer();
    }
}
