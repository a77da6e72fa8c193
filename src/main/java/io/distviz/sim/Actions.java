package io.distviz.sim;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The kernel's own user actions. Engines add their own (a Raft client put, a Chord lookup) beside these. */
public final class Actions {
    private Actions() {
    }

    public record AddNode(NodeId node, NodeFactory factory) implements UserAction {
        public AddNode {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(factory, "factory");
        }

        public void apply(SimControl c) {
            c.addNode(node, factory);
        }

        public String describe() {
            return "add " + node;
        }
    }

    public record Crash(NodeId node) implements UserAction {
        public void apply(SimControl c) {
            c.crash(node);
        }

        public String describe() {
            return "crash " + node;
        }
    }

    public record Restart(NodeId node) implements UserAction {
        public void apply(SimControl c) {
            c.restart(node);
        }

        public String describe() {
            return "restart " + node;
        }
    }

    public record Remove(NodeId node) implements UserAction {
        public void apply(SimControl c) {
            c.remove(node);
        }

        public String describe() {
            return "remove " + node;
        }
    }

    /** Hands a command to a node, as a click or a client request would. */
    public record Command(NodeId node, Serializable command) implements UserAction {
        public void apply(SimControl c) {
            c.command(node, command);
        }

        public String describe() {
            return "command " + node + " " + command;
        }
    }

    /** Splits the network into groups that cannot talk to each other (both ways). */
    public record Partition(List<Set<NodeId>> groups) implements UserAction {
        public Partition {
            // Sorted sets, never Set.copyOf: the iteration order of Set.of/copyOf changes from one JVM run to
            // the next, which would make a replay differ.
            groups = groups.stream()
                    .map(g -> (Set<NodeId>) Collections.unmodifiableSortedSet(new TreeSet<>(g)))
                    .toList();
        }

        public void apply(SimControl c) {
            c.partition(groups);
        }

        public String describe() {
            return "partition " + groups.stream()
                    .map(g -> g.stream().sorted().map(NodeId::name).collect(Collectors.joining(",", "{", "}")))
                    .collect(Collectors.joining(" | "));
        }
    }

    /** Blocks one direction only: {@code from} can no longer reach {@code to}, but not the other way round. */
    public record BlockOneWay(NodeId from, NodeId to) implements UserAction {
        public void apply(SimControl c) {
            c.block(from, to);
        }

        public String describe() {
            return "block " + from + "->" + to;
        }
    }

    public record Heal() implements UserAction {
        public void apply(SimControl c) {
            c.heal();
        }

        public String describe() {
            return "heal";
        }
    }

    public record SetDefaultLink(LinkProfile profile) implements UserAction {
        public SetDefaultLink {
            Objects.requireNonNull(profile, "profile");
        }

        public void apply(SimControl c) {
            c.setDefaultLink(profile);
        }

        public String describe() {
            return "link * " + profile;
        }
    }

    /** Sets one directed link's profile; a {@code null} profile returns it to the default. */
    public record SetLink(NodeId from, NodeId to, LinkProfile profile) implements UserAction {
        public void apply(SimControl c) {
            c.setLink(from, to, profile);
        }

        public String describe() {
            return "link " + from + "->" + to + " " + (profile == null ? "default" : profile);
        }
    }

    public record Annotate(String text) implements UserAction {
        public void apply(SimControl c) {
            c.annotate(text);
        }

        public String describe() {
            return "note " + text;
        }
    }
}
