package io.distviz.scenario;

import io.distviz.chord.ChordConfig;
import io.distviz.clocks.ClockConfig;
import io.distviz.raft.RaftConfig;
import io.distviz.sim.LinkProfile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A scenario as loaded from its file (format {@value #FORMAT}, version {@value #VERSION}): which protocol runs
 * with which parameters over which network from which seed, then a timeline of steps. docs/SCENARIOS.md
 * describes the file; {@link ScenarioLoader} reads it; {@link ScenarioRunner} runs it.
 *
 * @param endMicros when the run stops if the timeline ends earlier (null: at the last step)
 */
public record Scenario(String title, String description, Protocol protocol, long seed, LinkProfile network,
                       Setup setup, List<Step> timeline, Long endMicros) {

    public static final String FORMAT = "distviz-scenario";
    public static final int VERSION = 1;

    public Scenario {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(setup, "setup");
        timeline = List.copyOf(timeline);
        if (setup.protocol() != protocol) {
            throw new IllegalArgumentException("a " + protocol.word() + " scenario needs " + protocol.word()
                    + " parameters");
        }
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(title, description, protocol, newSeed, network, setup, timeline, endMicros);
    }

    public Scenario withTimeline(List<Step> steps) {
        return new Scenario(title, description, protocol, seed, network, setup, steps, endMicros);
    }

    /** The three engines. */
    public enum Protocol {
        CHORD, RAFT, CLOCKS;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The protocol's parameters: what is fixed for the whole run. */
    public sealed interface Setup permits ChordSetup, RaftSetup, ClockSetup {
        Protocol protocol();
    }

    public record ChordSetup(ChordConfig config) implements Setup {
        public Protocol protocol() {
            return Protocol.CHORD;
        }
    }

    /** A cluster starts with {@code servers} servers named s1, s2, ... */
    public record RaftSetup(RaftConfig config, int servers) implements Setup {
        public Protocol protocol() {
            return Protocol.RAFT;
        }
    }

    public record ClockSetup(ClockConfig config) implements Setup {
        public Protocol protocol() {
            return Protocol.CLOCKS;
        }
    }
}
