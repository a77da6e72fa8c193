package io.distviz.ui.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.distviz.raft.KvCommand;
import io.distviz.raft.LogEntry;
import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftServerState;
import io.distviz.scenario.Scenario;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.NodeStatus;
import io.distviz.sim.Simulation;
import io.distviz.ui.AppShell;
import io.distviz.ui.DistVizApp;
import io.distviz.ui.theme.Appearance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Raft page, headless, in the real app shell. The simulation is run directly (paused, so the frame timer
 * adds nothing) and frames are drawn with the shell's frame driver; the assertions read what the renderer
 * says it drew and compare it with the engine's own state.
 */
@ExtendWith(ApplicationExtension.class)
class RaftPageTest {
    private AppShell shell;
    private RaftPage page;

    @Start
    void start(Stage stage) {
        AppShell[] holder = new AppShell[1];
        Appearance appearance = new Appearance();
        shell = new AppShell(DistVizApp.defaultPages(appearance, id -> holder[0].show(id)), appearance);
        holder[0] = shell;
        shell.install(stage);
        stage.show();
        page = (RaftPage) shell.page("raft");
    }

    @BeforeEach
    void open(FxRobot robot) {
        robot.clickOn("#nav-raft");
        assertEquals("raft", shell.currentPageProperty().get().id());
    }

    private Simulation sim() {
        return page.raftModel().simulation();
    }

    private RaftCluster cluster() {
        return page.raftModel().cluster();
    }

    /** Runs the engine (on the FX thread, as the page does) until {@code condition}, or fails. */
    private void runUntil(FxRobot robot, BooleanSupplier condition, long limitMicros) {
        robot.interact(() -> {
            sim().runUntil(condition, sim().nowMicros() + limitMicros);
            page.model().session().publish();
        });
        assertTrue(onFx(robot, condition), "the engine never got there (t = " + sim().nowMicros() + " µs)");
    }

    private static boolean onFx(FxRobot robot, BooleanSupplier s) {
        boolean[] out = new boolean[1];
        robot.interact(() -> out[0] = s.getAsBoolean());
        return out[0];
    }

    /** Draws one frame now (the session is paused, so a frame only draws). */
    private RaftView.Drawing frame(FxRobot robot) {
        robot.interact(() -> shell.driver().tick(System.nanoTime()));
        return page.drawing();
    }

    private void waitUntil(BooleanSupplier c) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c::getAsBoolean);
    }

    private String leader(FxRobot robot) {
        runUntil(robot, () -> cluster().leader() != null, 3_000_000);
        return cluster().leader().name();
    }

    /** A leader that every running server knows about: the cluster is settled. */
    private String settledLeader(FxRobot robot) {
        runUntil(robot, () -> {
            NodeId l = cluster().leader();
            return l != null && cluster().states().stream().allMatch(s -> l.equals(s.leaderId()));
        }, 3_000_000);
        return cluster().leader().name();
    }

    private void clickServer(FxRobot robot, String name) {
        RaftView.DrawnServer s = frame(robot).server(name).orElseThrow();
        Point2D p = page.canvasPaneForTest().localToScreen(s.x(), s.y());
        robot.clickOn(p);
    }

    @Test
    void crashingTheLeaderFromItsMenuLeadsToANewLeaderOnScreen(FxRobot robot) throws TimeoutException {
        String old = leader(robot);
        long oldTerm = cluster().state(NodeId.of(old)).currentTerm();
        RaftView.Drawing before = frame(robot);
        assertEquals("leader", before.server(old).orElseThrow().role());
        assertEquals(1, before.servers().stream().filter(s -> s.role().equals("leader")).count());
        assertTrue(before.banner().contains("Leader " + old), before.banner());

        clickServer(robot, old);
        robot.clickOn("Crash " + old);
        assertEquals(NodeStatus.CRASHED, sim().status(NodeId.of(old)));
        assertEquals("crashed", frame(robot).server(old).orElseThrow().role());

        runUntil(robot, () -> cluster().leader() != null && !cluster().leader().name().equals(old), 5_000_000);
        String next = cluster().leader().name();
        RaftView.Drawing after = frame(robot);
        assertEquals("leader", after.server(next).orElseThrow().role());
        assertTrue(after.server(next).get().term() > oldTerm, "a new leader has a higher term");
        assertEquals("crashed", after.server(old).orElseThrow().role());
        assertEquals(1, after.servers().stream().filter(s -> s.role().equals("leader")).count());
        assertTrue(after.banner().contains("Leader " + next), after.banner());
        assertTrue(after.log(old).orElseThrow().crashed());

        // Undo brings the old leader back, as it was just before the click.
        robot.clickOn("#raft-undo");
        assertEquals(NodeStatus.UP, sim().status(NodeId.of(old)));
        assertEquals("leader", frame(robot).server(old).orElseThrow().role());
    }

    @Test
    void aRequestSentToAFollowerIsRedirectedAndCommittedOnAMajority(FxRobot robot) {
        String leader = settledLeader(robot);
        String follower = cluster().serverIds().stream().map(NodeId::name).filter(n -> !n.equals(leader))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            page.requestTargetForTest().setValue(follower);
        });
        TextField key = robot.lookup("#raft-request-key").queryAs(TextField.class);
        TextField value = robot.lookup("#raft-request-value").queryAs(TextField.class);
        robot.interact(() -> {
            key.setText("colour");
            value.setText("blue");
        });
        robot.clickOn("#raft-request-send");
        assertEquals(1, page.model().actions().size(), String.valueOf(page.model().errorProperty().get()));

        runUntil(robot, () -> !page.raftModel().requests().isEmpty()
                && page.raftModel().requests().get(0).outcome() == RaftPageModel.Outcome.COMMITTED, 3_000_000);
        RaftPageModel.Request r = page.raftModel().requests().get(0);
        assertEquals(List.of("sent to " + follower, "redirected to " + leader, "sent to " + leader), r.path(),
                "the follower redirected the client to the leader");
        assertEquals(leader, r.answeredBy());

        // The followers learn the commit with the next AppendEntries.
        runUntil(robot, () -> cluster().states().stream().filter(s -> s.store().data().containsKey("colour"))
                .count() > cluster().serverIds().size() / 2, 1_000_000);
        RaftView.Drawing d = frame(robot);
        long committedOn = d.logs().stream().filter(l -> l.entries().stream()
                .anyMatch(e -> e.text().equals("colour=blue") && e.committed())).count();
        assertTrue(committedOn > cluster().serverIds().size() / 2, "committed on " + committedOn + " rows");
        assertTrue(d.log(leader).orElseThrow().entries().stream()
                .anyMatch(e -> e.text().equals("colour=blue") && e.committed()));

        VBox list = robot.lookup("#raft-requests").queryAs(VBox.class);
        frame(robot);
        String line = ((Label) list.getChildren().get(0)).getText();
        assertTrue(line.contains(follower + " → redirect → " + leader) && line.contains("done by " + leader), line);
    }

    @Test
    void partitioningAMinorityLeavesTheMajorityWorking(FxRobot robot) {
        String oldLeader = leader(robot);
        long oldTerm = cluster().state(NodeId.of(oldLeader)).currentTerm();
        List<String> all = cluster().serverIds().stream().map(NodeId::name).toList();
        String buddy = all.stream().filter(n -> !n.equals(oldLeader)).findFirst().orElseThrow();
        List<String> majority = all.stream().filter(n -> !n.equals(oldLeader) && !n.equals(buddy)).toList();

        robot.clickOn("#raft-partition");
        robot.clickOn("#raft-side-" + oldLeader + "-B");
        robot.clickOn("#raft-side-" + buddy + "-B");
        robot.clickOn("Partition");
        assertTrue(sim().network().isBlocked(NodeId.of(oldLeader), NodeId.of(majority.get(0))));
        RaftView.Drawing split = frame(robot);
        assertNotNull(split.server(oldLeader).orElseThrow().group());
        assertEquals(split.server(oldLeader).get().group(), split.server(buddy).orElseThrow().group());
        assertNotEquals(split.server(oldLeader).get().group(), split.server(majority.get(0)).orElseThrow().group());

        runUntil(robot, () -> cluster().leader() != null && majority.contains(cluster().leader().name()),
                5_000_000);
        String newLeader = cluster().leader().name();
        assertTrue(cluster().state(NodeId.of(newLeader)).currentTerm() > oldTerm);
        robot.interact(() -> assertTrue(page.sendRequest(majority.get(1), KvCommand.put("side", "majority"))));
        robot.interact(() -> assertTrue(page.sendRequest(oldLeader, KvCommand.put("side", "minority"))));
        runUntil(robot, () -> page.raftModel().requests().stream().anyMatch(q -> q.command().value()
                .equals("majority") && q.outcome() == RaftPageModel.Outcome.COMMITTED), 3_000_000);
        runUntil(robot, () -> majority.stream().allMatch(n -> "majority".equals(
                cluster().state(NodeId.of(n)).store().data().get("side"))), 1_000_000);

        RaftView.Drawing d = frame(robot);
        for (String n : majority) {
            assertTrue(d.log(n).orElseThrow().entries().stream()
                    .anyMatch(e -> e.text().equals("side=majority") && e.committed()), n);
        }
        // The old leader still thinks it leads its side, but nothing it takes can commit there.
        for (String n : List.of(oldLeader, buddy)) {
            assertTrue(d.log(n).orElseThrow().entries().stream()
                    .noneMatch(e -> e.text().equals("side=majority")), n);
            assertTrue(d.log(n).orElseThrow().entries().stream()
                    .noneMatch(e -> e.text().equals("side=minority") && e.committed()), n);
        }
        assertTrue(page.raftModel().requests().stream().noneMatch(q -> q.command().value().equals("minority")
                && q.outcome() == RaftPageModel.Outcome.COMMITTED), "the minority committed nothing");

        robot.clickOn("#raft-heal");
        assertTrue(sim().network().blockedLinks().isEmpty());
        assertTrue(frame(robot).servers().stream().allMatch(s -> s.group() == null));

        // Healed, the old leader hears the new term, steps down and cuts its uncommitted entry: the conflict
        // is drawn on its row, and its log then matches the leader's.
        runUntil(robot, () -> page.raftModel().recentConflicts(1_000_000).containsKey(NodeId.of(oldLeader)),
                1_000_000);
        RaftPageModel.Conflict c = page.raftModel().recentConflicts(1_000_000).get(NodeId.of(oldLeader));
        assertTrue(c.removed().stream().anyMatch(e -> e.operation().toString().contains("side=minority")),
                c.removed().toString());
        RaftView.Drawing healed = frame(robot);
        RaftView.DrawnLog row = healed.log(oldLeader).orElseThrow();
        assertTrue(row.entries().stream().anyMatch(RaftView.DrawnEntry::conflict), row.toString());
        assertTrue(row.entries().stream().filter(RaftView.DrawnEntry::conflict)
                .allMatch(e -> e.index() >= c.fromIndex()), row.toString());
        assertTrue(healed.log(majority.get(0)).orElseThrow().entries().stream()
                .noneMatch(RaftView.DrawnEntry::conflict), "only the row that was cut is marked");
    }

    /**
     * Figure 8 of the paper, through the page's own actions: with the what-if switch on, a leader commits an
     * entry of an older term by counting replicas, a later leader overwrites it, and the page raises the
     * alarm and explains it. The same checker stays quiet without the switch (the engine's Figure8Test).
     */
    @Test
    void theWhatIfSwitchCanBreakSafetyAndThePageSaysSoClearly(FxRobot robot) {
        Label alarm = robot.lookup("#raft-alarm").queryAs(Label.class);
        assertFalse(alarm.isVisible());
        robot.interact(() -> {
            page.model().session().reset(8);
            Scenario base = page.model().settings();
            Scenario.RaftSetup r = (Scenario.RaftSetup) base.setup();
            page.model().applySettings(new Scenario(base.title(), null, Scenario.Protocol.RAFT, 8, base.network(),
                    new Scenario.RaftSetup(r.config().withMaxEntriesPerAppend(1).withWhatIfCommitOldTerms(true), 5),
                    List.of(), null));
        });
        NodeId s1 = NodeId.of("s1");
        NodeId s2 = NodeId.of("s2");
        // (a) s1 leads and everyone holds its entries.
        runUntil(robot, () -> cluster().leader() != null, 3_000_000);
        if (!s1.equals(cluster().leader())) {
            act(robot, new io.distviz.scenario.ScenarioAction.RaftTimeout("s1"));
            runUntil(robot, () -> s1.equals(cluster().leader()), 3_000_000);
        }
        runUntil(robot, () -> cluster().states().stream()
                .allMatch(s -> s.commitIndex() == cluster().state(s1).lastIndex()), 2_000_000);
        long k = cluster().state(s1).lastIndex();
        act(robot, new io.distviz.scenario.ScenarioAction.RaftAddClient("s1"));
        act(robot, new io.distviz.scenario.ScenarioAction.Partition(List.of(List.of("s1", "s2", "c1"),
                List.of("s3", "s4", "s5"))));
        act(robot, new io.distviz.scenario.ScenarioAction.RaftRequest("c1", null, KvCommand.put("A", "old")));
        runUntil(robot, () -> cluster().state(s2).lastIndex() == k + 1, 2_000_000);
        LogEntry a = cluster().state(s1).entry(k + 1);
        // (b) the other side elects x, which takes an entry and crashes before sending it anywhere.
        runUntil(robot, () -> cluster().leader() != null
                && List.of("s3", "s4", "s5").contains(cluster().leader().name()), 5_000_000);
        String x = cluster().leader().name();
        isolateAndCrash(robot, x);
        act(robot, new io.distviz.scenario.ScenarioAction.Crash("c1"));
        act(robot, new io.distviz.scenario.ScenarioAction.Heal());
        // (c) s1 or s2 wins, copies A to a third server and, by the what-if rule, commits it; then crashes.
        runUntil(robot, () -> cluster().leader() != null && List.of(s1, s2).contains(cluster().leader())
                && cluster().state(cluster().leader()).currentTerm() > a.term() + 1, 5_000_000);
        NodeId l3 = cluster().leader();
        runUntil(robot, () -> cluster().state(l3).commitIndex() >= k + 1, 3_000_000);
        frame(robot); // the page sees A committed
        isolateAndCrash(robot, l3.name());
        act(robot, new io.distviz.scenario.ScenarioAction.Crash(l3.equals(s1) ? "s2" : "s1"));
        act(robot, new io.distviz.scenario.ScenarioAction.Heal());
        // (d) x comes back, wins, and overwrites A on the survivors.
        act(robot, new io.distviz.scenario.ScenarioAction.Restart(x));
        runUntil(robot, () -> x.equals(cluster().leader() == null ? null : cluster().leader().name()), 10_000_000);
        runUntil(robot, () -> {
            page.raftModel().checkSafety();
            return !page.raftModel().violations().isEmpty();
        }, 1_000_000);

        frame(robot);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(alarm.isVisible(), "the alarm is shown");
        assertTrue(alarm.getText().startsWith("⚠ SAFETY BROKEN"), alarm.getText());
        assertTrue(alarm.getText().contains("committed"), alarm.getText());
        VBox props = robot.lookup("#raft-safety").queryAs(VBox.class);
        assertTrue(props.getChildren().stream().anyMatch(n -> ((Label) n).getText().startsWith("✗ BROKEN")));
    }

    private void act(FxRobot robot, io.distviz.scenario.ScenarioAction a) {
        robot.interact(() -> assertTrue(page.model().perform(a), a + ": " + page.model().errorProperty().get()));
        frame(robot);
    }

    /** Cuts every link from {@code node} (what it sent is dropped on arrival), lets that drain, then crashes it. */
    private void isolateAndCrash(FxRobot robot, String node) {
        for (NodeId other : sim().nodeIds()) {
            if (!other.name().equals(node) && sim().status(other) != NodeStatus.REMOVED) {
                act(robot, new io.distviz.scenario.ScenarioAction.Block(node, other.name()));
            }
        }
        act(robot, new io.distviz.scenario.ScenarioAction.Crash(node));
        runUntil(robot, () -> sim().inFlight().stream().noneMatch(m -> m.from().name().equals(node)), 1_000_000);
    }

    @Test
    void whatIsDrawnIsTheEnginesState(FxRobot robot) {
        // Snapshots every 4 entries, so the compacted prefix is drawn too.
        robot.interact(() -> page.model().applySettings(new RaftSettings("5", "150", "300", "50", "10", "0", "0",
                "4", false, false, false).toScenario(page.model().settings())));
        String leader = leader(robot);
        for (int i = 0; i < 6; i++) {
            int v = i;
            robot.interact(() -> assertTrue(page.sendRequest(leader, KvCommand.put("k" + v, "v" + v))));
            runUntil(robot, () -> page.raftModel().requests().size() == v + 1
                    && page.raftModel().requests().get(v).outcome() == RaftPageModel.Outcome.COMMITTED, 3_000_000);
        }
        String follower = cluster().serverIds().stream().map(NodeId::name).filter(n -> !n.equals(leader))
                .findFirst().orElseThrow();
        robot.interact(() -> assertTrue(page.model().perform(new io.distviz.scenario.ScenarioAction.Crash(follower))));
        // Stop in the middle of things: a heartbeat round on its way.
        runUntil(robot, () -> sim().inFlight().size() >= 3, 200_000);
        RaftView.Drawing d = frame(robot);

        List<String> drawnNames = d.servers().stream().map(RaftView.DrawnServer::name).toList();
        assertEquals(cluster().serverIds().stream().map(NodeId::name).toList(), drawnNames);
        boolean someSnapshot = false;
        for (NodeId id : cluster().serverIds()) {
            RaftView.DrawnServer ds = d.server(id.name()).orElseThrow();
            RaftView.DrawnLog dl = d.log(id.name()).orElseThrow();
            if (sim().status(id) != NodeStatus.UP) {
                assertEquals("crashed", ds.role());
                assertTrue(dl.crashed());
                continue;
            }
            RaftServerState s = cluster().state(id);
            assertEquals(RaftView.roleWord(s.role()), ds.role(), id.name());
            assertEquals(s.currentTerm(), ds.term(), id.name());
            assertEquals(s.votedFor() == null ? null : s.votedFor().name(), ds.votedFor(), id.name());
            assertEquals(s.commitIndex(), dl.commitIndex(), id.name());
            assertEquals(s.lastApplied(), dl.appliedIndex(), id.name());
            assertEquals(s.snapshotIndex(), dl.snapshotIndex(), id.name());
            assertEquals(s.lastIndex(), dl.lastIndex(), id.name());
            someSnapshot |= s.snapshotIndex() > 0;
            // Every entry of the window that the server holds is drawn, once, as it is.
            long from = Math.max(d.firstIndexShown(), s.snapshotIndex() + 1);
            long to = Math.min(d.lastIndexShown(), s.lastIndex());
            assertEquals(Math.max(0, to - from + 1), dl.entries().size(), id.name());
            for (RaftView.DrawnEntry e : dl.entries()) {
                LogEntry real = s.entry(e.index());
                assertNotNull(real, id.name() + " " + e);
                assertEquals(real.term(), e.term());
                assertEquals(RaftView.shortText(real), e.text());
                assertEquals(e.index() <= s.commitIndex(), e.committed(), id.name() + " " + e);
            }
        }
        assertTrue(someSnapshot, "the run compacted some log");

        // Every Raft message in flight is drawn once, between the right ends, and nothing else is.
        List<String> inFlight = new ArrayList<>();
        for (Message m : sim().inFlight()) {
            if (MessageKind.of(m.payload()) != null) {
                inFlight.add(MessageKind.of(m.payload()) + " " + m.from() + ">" + m.to());
            }
        }
        List<String> drawn = d.messages().stream().filter(m -> !m.dropped())
                .map(m -> m.kind() + " " + m.from() + ">" + m.to()).toList();
        assertEquals(inFlight, drawn);
        assertFalse(inFlight.isEmpty(), "something was in flight to compare");
    }

    @Test
    void aDroppedMessageVanishesWhereItWasLost(FxRobot robot) {
        String leader = leader(robot);
        String follower = cluster().serverIds().stream().map(NodeId::name).filter(n -> !n.equals(leader))
                .findFirst().orElseThrow();
        robot.interact(() -> assertTrue(page.model().perform(new io.distviz.scenario.ScenarioAction.Crash(follower))));
        // The next heartbeat to the crashed follower is dropped on arrival.
        runUntil(robot, () -> !page.raftModel().recentDrops(1_000_000).isEmpty(), 200_000);
        RaftView.Drawing d = frame(robot);
        assertTrue(d.messages().stream().anyMatch(m -> m.dropped() && m.to().equals(follower)),
                d.messages().toString());
        assertEquals(page.raftModel().recentDrops(1_000_000).size(),
                d.messages().stream().filter(RaftView.DrawnMessage::dropped).count(), "every recent drop is drawn");
    }

    @Test
    void settingsRefuseNonsenseAndChangeNothingThenApply(FxRobot robot) {
        Scenario before = page.model().settings();
        robot.clickOn("#raft-settings");
        TextField servers = robot.lookup("#raft-set-servers").queryAs(TextField.class);
        robot.interact(() -> servers.setText("twelve"));
        robot.clickOn("Start again with these");
        Label error = robot.lookup("#raft-settings-error").queryAs(Label.class);
        assertTrue(error.getText().contains("Servers"), error.getText());
        assertEquals(before, page.model().settings(), "nothing changed");
        assertTrue(robot.lookup("#raft-settings-dialog").tryQuery().isPresent(), "the dialog stays open");

        robot.interact(() -> servers.setText("7"));
        robot.clickOn("Start again with these");
        assertEquals(7, cluster().serverIds().size());
        assertEquals(7, frame(robot).servers().size());
        assertEquals(RaftPage.DEFAULT_SPEED, page.model().session().speedProperty().get(), 1e-9);
    }

    @Test
    void theDefaultSpeedMakesAnElectionLastSeconds(FxRobot robot) {
        assertEquals(RaftPage.DEFAULT_SPEED, page.model().session().speedProperty().get(), 1e-9);
        Label hint = robot.lookup("#raft-speed-hint").queryAs(Label.class);
        assertTrue(hint.getText().contains("one second on screen is 50 ms"), hint.getText());
    }
}
