package io.distviz.ui;

import io.distviz.sim.PingNode;
import io.distviz.sim.SimConfig;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** A page for tests: the kernel's PingNode test protocol, so the toolbar has a real simulation to drive. */
final class PingPage implements Page {
    static final String ID = "ping";
    private final SimulationSession session = new SimulationSession(
            seed -> PingNode.cluster(SimConfig.seeded(seed), 4), 42);
    private final Label view = new Label("ping test page");
    int frames;

    PingPage() {
        view.setId("page-ping");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Ping";
    }

    @Override
    public String summary() {
        return "test protocol";
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Optional<SimulationSession> session() {
        return Optional.of(session);
    }

    @Override
    public void onFrame() {
        frames++;
    }
}
