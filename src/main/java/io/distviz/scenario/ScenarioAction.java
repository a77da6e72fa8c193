package io.distviz.scenario;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.distviz.raft.KvCommand;
import io.distviz.sim.LinkProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Something a scenario, a lesson or a person does to an engine, in a form that can be written to JSON and
 * read back: the unit a trace records so that it can be replayed exactly. Node names are the engines' own
 * (s1, c1 for Raft; an address for Chord; n1, ref for clocks). Each action knows its JSON form; {@code do}
 * names it. {@link ScenarioLoader} reads them, a protocol driver applies them.
 */
public sealed interface ScenarioAction {

    /** The value of {@code do} in the file. */
    String verb();

    /** The action as a timeline entry (without its timing). */
    JsonObject toJson();

    private static JsonObject start(String verb) {
        JsonObject o = new JsonObject();
        o.addProperty("do", verb);
        return o;
    }

    private static JsonArray array(List<String> names) {
        JsonArray a = new JsonArray();
        names.forEach(a::add);
        return a;
    }

    // ============================================================================================ any protocol

    /** Stops a node at once: it loses its volatile state, and messages reaching it while down are lost. */
    record Crash(String node) implements ScenarioAction {
        public String verb() {
            return "crash";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            return o;
        }
    }

    record Restart(String node) implements ScenarioAction {
        public String verb() {
            return "restart";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            return o;
        }
    }

    /** A graceful removal: a Chord node leaves handing its keys over; a Raft server leaves the configuration. */
    record Remove(String node) implements ScenarioAction {
        public String verb() {
            return "remove";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            return o;
        }
    }

    /** Groups that cannot reach each other, both ways; nodes in no group still reach everyone. */
    record Partition(List<List<String>> groups) implements ScenarioAction {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }

        public String verb() {
            return "partition";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            JsonArray a = new JsonArray();
            groups.forEach(g -> a.add(array(g)));
            o.add("groups", a);
            return o;
        }
    }

    /** Cuts one direction only: {@code from} can no longer reach {@code to}. */
    record Block(String from, String to) implements ScenarioAction {
        public String verb() {
            return "block";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("from", from);
            o.addProperty("to", to);
            return o;
        }
    }

    /** Ends every partition and one-way block. */
    record Heal() implements ScenarioAction {
        public String verb() {
            return "heal";
        }

        public JsonObject toJson() {
            return start(verb());
        }
    }

    /**
     * Changes latency, jitter or loss: of the whole network when {@code from} and {@code to} are null, else of
     * the one direction {@code from → to}.
     */
    record SetNetwork(String from, String to, LinkProfile profile) implements ScenarioAction {
        public String verb() {
            return "network";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            if (from != null) {
                o.addProperty("from", from);
                o.addProperty("to", to);
            }
            ScenarioJson.writeLink(profile, o);
            return o;
        }
    }

    /** A line of text in the trace, for whoever reads it later. */
    record Note(String text) implements ScenarioAction {
        public String verb() {
            return "note";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("text", text);
            return o;
        }
    }

    // ============================================================================================ Chord

    /**
     * A node joins at {@code address}: at {@code id} when given (a click on the circle), else at the hash of
     * the address; through {@code via} when given, else through the live member with the lowest id.
     */
    record ChordAdd(String node, Long id, String via) implements ScenarioAction {
        public String verb() {
            return "add";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            if (id != null) {
                o.addProperty("id", id);
            }
            if (via != null) {
                o.addProperty("via", via);
            }
            return o;
        }
    }

    /** Places a whole ring at once, already stabilized, as if it had run for a long time. */
    record ChordRing(List<String> nodes) implements ScenarioAction {
        public ChordRing {
            nodes = List.copyOf(nodes);
        }

        public String verb() {
            return "ring";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.add("nodes", array(nodes));
            return o;
        }
    }

    /**
     * A lookup of {@code key} started at node {@code from}; with {@code successorsOnly} it walks the ring by
     * successors whatever the ring's routing (the file says {@code "routing": "successors-only"}).
     */
    record ChordLookup(String from, String key, boolean successorsOnly) implements ScenarioAction {
        public String verb() {
            return "lookup";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("from", from);
            o.addProperty("key", key);
            if (successorsOnly) {
                o.addProperty("routing", "successors-only");
            }
            return o;
        }
    }

    /** Stores {@code key = value} through node {@code from}: a lookup, then a put at the node found. */
    record ChordStore(String from, String key, String value) implements ScenarioAction {
        public String verb() {
            return "store";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("from", from);
            o.addProperty("key", key);
            o.addProperty("value", value);
            return o;
        }
    }

    /** Fetches {@code key} through node {@code from}. */
    record ChordFetch(String from, String key) implements ScenarioAction {
        public String verb() {
            return "fetch";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("from", from);
            o.addProperty("key", key);
            return o;
        }
    }

    // ============================================================================================ Raft

    /** Starts the next server (s6 after s5) and asks the leader to add it to the configuration. */
    record RaftAddServer() implements ScenarioAction {
        public String verb() {
            return "add";
        }

        public JsonObject toJson() {
            return start(verb());
        }
    }

    /** Adds the next client (c1, c2, ...), whose first request goes to {@code server} (null: s1). */
    record RaftAddClient(String server) implements ScenarioAction {
        public String verb() {
            return "client";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            if (server != null) {
                o.addProperty("server", server);
            }
            return o;
        }
    }

    /**
     * A key-value request; {@code do} is the command's kind (put, get, delete, cas). It goes through the
     * existing {@code client}, or, when {@code server} is set instead, through a new client (the next c-number)
     * whose first try is that server: a student's "send this to s3", which a follower redirects.
     */
    record RaftRequest(String client, String server, KvCommand command) implements ScenarioAction {
        public RaftRequest {
            if ((client == null) == (server == null)) {
                throw new IllegalArgumentException("a request names either its client or a server, not both");
            }
        }

        public String verb() {
            return command.kind().name().toLowerCase(java.util.Locale.ROOT);
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            if (client != null) {
                o.addProperty("client", client);
            } else {
                o.addProperty("server", server);
            }
            o.addProperty("key", command.key());
            if (command.kind() == KvCommand.Kind.CAS && command.expected() != null) {
                o.addProperty("expected", command.expected());
            }
            if (command.value() != null) {
                o.addProperty("value", command.value());
            }
            return o;
        }
    }

    /** Makes a server's election timer run out now. */
    record RaftTimeout(String node) implements ScenarioAction {
        public String verb() {
            return "timeout";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            return o;
        }
    }

    // ============================================================================================ clocks

    /**
     * Adds the next machine (n1, n2, ...) with an oscillator of {@code kind} (a ClockKind word); with
     * {@code skewPpt} set, a custom oscillator of exactly that frequency error and {@code offsetNanos} start.
     */
    record ClockAdd(String kind, Long skewPpt, long offsetNanos) implements ScenarioAction {
        public String verb() {
            return "add";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            if (skewPpt != null) {
                o.addProperty("skew", ScenarioJson.ppm(skewPpt));
                o.addProperty("offset", Durations.formatNanos(offsetNanos));
            } else {
                o.addProperty("kind", kind);
            }
            return o;
        }
    }

    /** Adds a reference source (ref, ref2, ...): {@code gps} or {@code atomic}. */
    record ClockAddReference(String kind) implements ScenarioAction {
        public String verb() {
            return "reference";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("kind", kind);
            return o;
        }
    }

    /** Swaps a machine's oscillator for a fresh one of {@code kind}. */
    record ClockSetKind(String node, String kind) implements ScenarioAction {
        public String verb() {
            return "kind";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            o.addProperty("kind", kind);
            return o;
        }
    }

    /** Sets a machine's frequency error, in parts per trillion (the file writes ppm). */
    record ClockSetSkew(String node, long skewPpt) implements ScenarioAction {
        public String verb() {
            return "skew";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            o.addProperty("ppm", ScenarioJson.ppm(skewPpt));
            return o;
        }
    }

    /** Sets a machine's clock by hand to true time plus {@code offsetNanos}. */
    record ClockSetOffset(String node, long offsetNanos) implements ScenarioAction {
        public String verb() {
            return "offset";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            o.addProperty("offset", Durations.formatNanos(offsetNanos));
            return o;
        }
    }

    /** Makes a node serve time {@code offsetNanos} off (a falseticker); 0 makes it honest again. */
    record ClockLie(String node, long offsetNanos) implements ScenarioAction {
        public String verb() {
            return "lie";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            o.addProperty("offset", Durations.formatNanos(offsetNanos));
            return o;
        }
    }

    /** Starts a synchronization round at a node now, outside its schedule. */
    record ClockSync(String node) implements ScenarioAction {
        public String verb() {
            return "sync";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("node", node);
            return o;
        }
    }

    /**
     * Chooses the synchronization algorithm: {@code none}; {@code cristian} with its {@code server};
     * {@code berkeley} with its {@code master}; {@code ntp} with each client's servers ({@code servers}) or a
     * two-tier hierarchy under {@code reference} ({@code firstTier} machines poll it, the rest poll them).
     */
    record ClockAlgorithm(String name, String server, SortedMap<String, List<String>> servers, Integer firstTier)
            implements ScenarioAction {
        public ClockAlgorithm {
            if (servers != null) {
                SortedMap<String, List<String>> copy = new TreeMap<>();
                servers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
                servers = java.util.Collections.unmodifiableSortedMap(copy);
            }
        }

        public String verb() {
            return "algorithm";
        }

        public JsonObject toJson() {
            JsonObject o = start(verb());
            o.addProperty("name", name);
            switch (name) {
                case "cristian" -> o.addProperty("server", server);
                case "berkeley" -> o.addProperty("master", server);
                case "ntp" -> {
                    if (servers != null) {
                        JsonObject m = new JsonObject();
                        for (Map.Entry<String, List<String>> e : servers.entrySet()) {
                            m.add(e.getKey(), array(new ArrayList<>(e.getValue())));
                        }
                        o.add("servers", m);
                    } else {
                        o.addProperty("reference", server);
                        o.addProperty("firstTier", firstTier);
                    }
                }
                default -> {
                }
            }
            return o;
        }
    }
}
