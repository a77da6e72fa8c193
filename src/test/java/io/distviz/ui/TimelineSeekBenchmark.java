package io.distviz.ui;

import io.distviz.chord.ChordConfig;
import io.distviz.raft.KvCommand;
import io.distviz.scenario.Scenario;
import io.distviz.scenario.ScenarioAction;
import io.distviz.sim.CheckpointInfo;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Micros;
import io.distviz.sim.SimRandom;
import io.distviz.ui.chord.ChordPage;
import io.distviz.ui.engine.EnginePage;
import io.distviz.ui.raft.RaftPage;
import io.distviz.ui.theme.Appearance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * How long the timeline takes to show any moment of a 10-minute session: a seek (nearest checkpoint, then a
 * replay with the recorded actions) plus the page's next frame (its views read the trace again and draw), on
 * the FX thread, headless. Two sessions, as the issue names them: a 100-node Chord ring with lookups, crashes
 * and joins, and 5 Raft servers under three clients' steady requests. Not part of the build: run it with
 * {@code mvn test -Dtest=TimelineSeekBenchmark -Dsurefire.excludedGroups= -Dgroups=benchmark}. It prints the
 * figures docs/PERFORMANCE.md quotes and asserts nothing about speed.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class TimelineSeekBenchmark {
    private static final long SESSION = Micros.ofSeconds(600);
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void seekAnywhereInATenMinuteSession(FxRobot robot) {
        robot.interact(() -> {
            Scenario chord = new Scenario(null, null, Scenario.Protocol.CHORD, 1, LinkProfile.DEFAULT,
                    new Scenario.ChordSetup(ChordConfig.defaults().withBits(16)), List.of(), null);
            ChordPage page = new ChordPage(new Appearance(), chord, 100, 1);
            measure("Chord, 100 nodes", page, (p, r, t) -> {
                List<String> members = new ArrayList<>();
                ((io.distviz.scenario.ChordDriver) p.model().driver()).ring().liveMembers()
                        .forEach(n -> members.add(n.address().name()));
                String from = members.get(r.nextInt(members.size()));
                long second = t / Micros.ofSeconds(1);
                if (second % 60 == 30 && members.size() > 90) {
                    p.model().perform(new ScenarioAction.Crash(from));
                } else if (second % 60 == 45) {
                    p.model().perform(new ScenarioAction.ChordAdd("10.9." + second / 256 + "." + second % 256 + ":4000",
                            null, null));
                } else {
                    p.model().perform(new ScenarioAction.ChordLookup(from, "key-" + r.nextInt(10_000), false));
                }
            }, Micros.ofSeconds(2));
        });
        robot.interact(() -> {
            RaftPage page = new RaftPage(ProtocolInfo.RAFT, new Appearance());
            page.model().perform(new ScenarioAction.RaftAddClient(null));
            page.model().perform(new ScenarioAction.RaftAddClient(null));
            page.model().perform(new ScenarioAction.RaftAddClient(null));
            measure("Raft, 5 servers, 3 clients", page, (p, r, t) -> {
                String client = "c" + (1 + r.nextInt(3));
                p.model().perform(new ScenarioAction.RaftRequest(client, null,
                        KvCommand.put("k" + r.nextInt(50), Long.toString(t))));
            }, Micros.ofMillis(150));
        });
    }

    interface Load {
        void act(EnginePage page, SimRandom random, long nowMicros);
    }

    private void measure(String name, EnginePage page, Load load, long every) {
        stage.setScene(new Scene((javafx.scene.Parent) page.view(), 1150, 690));
        stage.show();
        SimRandom r = new SimRandom(7);
        long build = System.nanoTime();
        for (long t = every; t <= SESSION; t += every) {
            page.model().simulation().runUntil(t);
            load.act(page, r, t);
        }
        page.model().simulation().runUntil(SESSION);
        page.model().session().publish();
        page.onFrame();
        double buildSeconds = (System.nanoTime() - build) / 1e9;
        List<CheckpointInfo> cps = page.model().simulation().checkpoints();
        long bytes = cps.stream().mapToLong(CheckpointInfo::bytes).sum();
        int events = page.model().simulation().trace().size();
        int actions = page.model().timelineActions().size();

        // Warm up the code paths, then time seeks to seeded random moments, back and forth.
        SimRandom targets = new SimRandom(11);
        for (int i = 0; i < 10; i++) {
            page.model().seek(targets.nextLong(SESSION));
            page.onFrame();
        }
        int n = 60;
        double[] ms = new double[n];
        double[] seekMs = new double[n];
        for (int i = 0; i < n; i++) {
            long t = targets.nextLong(SESSION);
            long t0 = System.nanoTime();
            page.model().seek(t);
            long t1 = System.nanoTime();
            page.onFrame();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            seekMs[i] = (t1 - t0) / 1e6;
        }
        Arrays.sort(seekMs);
        page.model().seekToHorizon();
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-28s %,9d events %,6d actions %4d checkpoints %6.1f MB (built in %.1f s)%n",
                name, events, actions, cps.size(), bytes / 1e6, buildSeconds);
        System.out.printf(Locale.ROOT, "%-28s seek + frame: median %.1f ms, 90th %.1f ms, max %.1f ms over %d seeks%n",
                "", ms[n / 2], ms[n * 9 / 10], ms[n - 1], n);
        System.out.printf(Locale.ROOT, "%-28s of which the seek: median %.1f ms, 90th %.1f ms, max %.1f ms%n",
                "", seekMs[n / 2], seekMs[n * 9 / 10], seekMs[n - 1]);
        System.out.println("config " + page.model().simulation().config());
    }
}
