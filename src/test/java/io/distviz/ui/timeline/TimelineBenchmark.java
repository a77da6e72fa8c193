package io.distviz.ui.timeline;

import io.distviz.raft.RaftConfig;
import io.distviz.scenario.ProtocolDriver;
import io.distviz.scenario.Scenario;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.NodeId;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import io.distviz.ui.theme.Appearance;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the timeline views cost on a half-million-event session, on the FX thread (headless, software
 * rendering): indexing, each kind of filter, an append, and a frame of the space-time diagram at a few zooms.
 * Not part of the build: run it with
 * {@code mvn test -Dtest=TimelineBenchmark -Dsurefire.excludedGroups= -Dgroups=benchmark}. It prints figures
 * and asserts nothing about speed.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class TimelineBenchmark {
    private static final int TARGET_EVENTS = 500_000;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void halfAMillionEvents(FxRobot robot) {
        Scenario raft = new Scenario(null, null, Scenario.Protocol.RAFT, 1, LinkProfile.DEFAULT.withLoss(0.01),
                new Scenario.RaftSetup(RaftConfig.defaults(), 5), List.of(), null);
        ProtocolDriver driver = ProtocolDriver.create(raft);
        Simulation sim = driver.simulation();
        while (sim.trace().size() < TARGET_EVENTS) {
            sim.runFor(10_000_000);
        }
        List<TraceEvent> events = sim.trace().events();
        List<NodeId> nodes = sim.nodeIds();
        System.out.printf(Locale.ROOT, "trace: %,d events over %.0f s of virtual time%n", events.size(),
                sim.nowMicros() / 1e6);

        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long chars = 0;
            for (TraceEvent e : events) {
                chars += e.describe().length();
            }
            long t1 = System.nanoTime();
            int hits = 0;
            for (TraceEvent e : events) {
                String line = e.describe();
                if (EventText.containsIgnoreCase(line, line.indexOf(' ') + 1, "s3")) {
                    hits++;
                }
            }
            System.out.printf(Locale.ROOT, "describe() of every event: %.0f ms (%,d chars); with the text test: %.0f ms (%d hits)%n",
                    (t1 - t0) / 1e6, chars, (System.nanoTime() - t1) / 1e6, hits);
        }
        Appearance appearance = new Appearance();
        EventLogView log = new EventLogView(appearance);
        SpaceTimeView diagram = new SpaceTimeView(appearance);
        robot.interact(() -> {
            stage.setScene(new Scene(new VBox(diagram.view(), log.view()), 1150, 760));
            stage.show();
            log.setSearchDelay(javafx.util.Duration.ZERO);
        });

        // ---- event log
        time(robot, "log: first update (index + rows)", () -> log.update(events, events.size()));
        time(robot, "log: update with nothing new", () -> log.update(events, events.size()));
        filter(robot, log, "log: filter node s3 (full scan)", () -> log.filterNode(NodeId.of("s3")));
        filter(robot, log, "log: back to all nodes (full scan)", () -> log.filterNode(null));
        filter(robot, log, "log: hide timers (narrows)", () -> log.filterKinds(EventKind.SENT, EventKind.DELIVERED,
                EventKind.DROPPED, EventKind.STATE, EventKind.LIFECYCLE, EventKind.USER_ACTION, EventKind.NOTE,
                EventKind.PROTOCOL_EVENT));
        filter(robot, log, "log: all kinds again (full scan)", () -> log.filterKinds(EventKind.values()));
        javafx.scene.control.TextField search = robot.lookup("#event-log-search").queryAs(
                javafx.scene.control.TextField.class);
        filter(robot, log, "log: search \"appendentriesreply\" (full scan, every line built)",
                () -> search.setText("appendentriesreply"));
        filter(robot, log, "log: search \"appendentriesreply[term=1, success=false\" (narrows)",
                () -> search.setText("appendentriesreply[term=1, success=false"));
        filter(robot, log, "log: search \"s3\" (full scan, every line built)", () -> search.setText("s3"));
        filter(robot, log, "log: search cleared (full scan, no text test)", () -> search.setText(""));
        robot.interact(() -> sim.runFor(3_000_000));
        time(robot, "log: update after 3 s of virtual time (~1,100 events)", () -> log.update(events, events.size()));
        double[] perFrame = {Double.MAX_VALUE};
        for (int round = 0; round < 3; round++) {
            robot.interact(() -> {
                long total = 0;
                for (int f = 0; f < 60; f++) {
                    sim.runFor(16_667);
                    long t0 = System.nanoTime();
                    log.update(events, events.size());
                    total += System.nanoTime() - t0;
                }
                perFrame[0] = Math.min(perFrame[0], total / 1e6 / 60);
            });
        }
        System.out.printf(Locale.ROOT, "%-70s %8.2f ms per frame%n", "log: running at speed 1 (a frame's events appended)",
                perFrame[0]);
        int appended = events.size();

        // ---- space-time diagram
        long now = sim.nowMicros();
        time(robot, "diagram: first update (index 500k)", () -> diagram.update(events, events.size(), now, nodes));
        for (long windowMicros : new long[] {1_000_000L, 10_000_000L}) {
            robot.interact(() -> diagram.showWindow(now - windowMicros, now));
            robot.interact(() -> diagram.followProperty().set(true));
            frames(robot, diagram, sim, events, nodes, "diagram: " + windowMicros / 1_000_000 + " s window, following");
        }
        robot.interact(() -> diagram.setStamps(SpaceTimeView.Stamps.LAMPORT));
        robot.interact(() -> diagram.showWindow(now - 300_000, now));
        robot.interact(() -> diagram.followProperty().set(true));
        frames(robot, diagram, sim, events, nodes, "diagram: 0.3 s window, following, Lamport stamps");
        robot.interact(() -> diagram.setStamps(SpaceTimeView.Stamps.VECTOR));
        frames(robot, diagram, sim, events, nodes, "diagram: 0.3 s window, following, vector stamps");
        robot.interact(() -> diagram.setStamps(SpaceTimeView.Stamps.NONE));
        robot.clickOn("#space-time-fit");
        robot.interact(() -> diagram.followProperty().set(false));
        long[] fit = new long[1];
        robot.interact(() -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                diagram.showWindow(events.get(0).timeMicros(), sim.nowMicros() + i);
            }
            fit[0] = (System.nanoTime() - t0) / 20;
        });
        System.out.printf(Locale.ROOT, "%-70s %8.2f ms per frame (%s)%n", "diagram: whole run (Fit)", fit[0] / 1e6,
                robot.lookup("#space-time-info").queryAs(javafx.scene.control.Label.class).getText());

        StampCache cache = new StampCache();
        long t0 = System.nanoTime();
        cache.extendLamport(events, events.size(), Integer.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%-70s %8.2f ms%n", "stamps: Lamport pass over the whole trace",
                (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        cache.extendVectors(events, events.size(), Integer.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%-70s %8.2f ms%n", "stamps: vector pass over the whole trace",
                (System.nanoTime() - t0) / 1e6);
        System.out.printf(Locale.ROOT, "(%,d events appended during the run above)%n", events.size() - appended);
    }

    private static void time(FxRobot robot, String what, Runnable r) {
        long[] best = {Long.MAX_VALUE};
        robot.interact(() -> {
            long t0 = System.nanoTime();
            r.run();
            best[0] = System.nanoTime() - t0;
        });
        System.out.printf(Locale.ROOT, "%-70s %8.2f ms%n", what, best[0] / 1e6);
    }

    /** The frame that changes the filter (its first slice), then the whole scan's work, finished at once. */
    private static void filter(FxRobot robot, EventLogView log, String what, Runnable r) {
        long[] firstFrame = new long[1];
        boolean[] sliced = new boolean[1];
        robot.interact(() -> {
            long t0 = System.nanoTime();
            r.run();
            firstFrame[0] = System.nanoTime() - t0;
            sliced[0] = log.filtering();
            log.finishFiltering();
        });
        System.out.printf(Locale.ROOT, "%-70s first frame %7.2f ms; scan %7.2f ms%s -> %s%n", what,
                firstFrame[0] / 1e6, log.lastFilterNanos() / 1e6, sliced[0] ? " (over frames)" : "", log.countText());
    }

    private static void frames(FxRobot robot, SpaceTimeView diagram, Simulation sim, List<TraceEvent> events,
                               List<NodeId> nodes, String what) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long[] total = new long[1];
            int frames = 60;
            robot.interact(() -> {
                for (int f = 0; f < frames; f++) {
                    sim.runFor(16_667);
                    long t0 = System.nanoTime();
                    diagram.update(events, events.size(), sim.nowMicros(), nodes);
                    total[0] += System.nanoTime() - t0;
                }
            });
            best = Math.min(best, total[0] / 1e6 / frames);
        }
        System.out.printf(Locale.ROOT, "%-70s %8.2f ms per frame (%s)%n", what, best,
                robot.lookup("#space-time-info").queryAs(javafx.scene.control.Label.class).getText());
    }
}
