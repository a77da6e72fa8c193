package io.distviz.scenario;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Something that may hold of a running engine: who leads, what is committed where, who holds a key, how many
 * hops a lookup took, whether the invariants hold, how far the clocks are off. Expectations check one; a wait
 * runs until one holds. A protocol driver evaluates it against the engine's real state.
 */
public sealed interface Condition {

    /** The condition as it is written in a file: an object with one key. */
    JsonObject toJson();

    /** A short reading for results: {@code leader is s2}. */
    String describe();

    private static JsonObject one(String key, JsonElement value) {
        JsonObject o = new JsonObject();
        o.add(key, value);
        return o;
    }

    // ============================================================================================ helpers

    /** A numeric test: at least, at most, exactly; whichever are given must all hold. */
    record Compare(Long atLeast, Long atMost, Long equals) {
        public Compare {
            if (atLeast == null && atMost == null && equals == null) {
                throw new IllegalArgumentException("a comparison needs atLeast, atMost or equals");
            }
        }

        public boolean test(double v) {
            return (atLeast == null || v >= atLeast) && (atMost == null || v <= atMost)
                    && (equals == null || v == equals);
        }

        public String describe(LongFunction<String> unit) {
            StringBuilder b = new StringBuilder();
            if (equals != null) {
                b.append("exactly ").append(unit.apply(equals));
            }
            if (atLeast != null) {
                b.append(b.length() > 0 ? " and " : "").append("at least ").append(unit.apply(atLeast));
            }
            if (atMost != null) {
                b.append(b.length() > 0 ? " and " : "").append("at most ").append(unit.apply(atMost));
            }
            return b.toString();
        }

        public JsonObject toJson(LongFunction<JsonElement> unit) {
            JsonObject o = new JsonObject();
            if (atLeast != null) {
                o.add("atLeast", unit.apply(atLeast));
            }
            if (atMost != null) {
                o.add("atMost", unit.apply(atMost));
            }
            if (equals != null) {
                o.add("equals", unit.apply(equals));
            }
            return o;
        }

        static JsonElement count(long v) {
            return new JsonPrimitive(v);
        }

        static JsonElement nanos(long v) {
            return new JsonPrimitive(Durations.formatNanos(v));
        }
    }

    /** Which servers something must be true on: all of them, a majority, or the ones named. */
    record Scope(Kind kind, List<String> nodes) {
        public enum Kind { ALL, MAJORITY, LISTED }

        public Scope {
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
        }

        public static final Scope ALL = new Scope(Kind.ALL, null);
        public static final Scope MAJORITY = new Scope(Kind.MAJORITY, null);

        JsonElement toJson() {
            if (kind == Kind.LISTED) {
                JsonArray a = new JsonArray();
                nodes.forEach(a::add);
                return a;
            }
            return new JsonPrimitive(kind.name().toLowerCase(Locale.ROOT));
        }

        String describe() {
            return kind == Kind.LISTED ? String.join(", ", nodes) : kind == Kind.ALL ? "every server" : "a majority";
        }
    }

    // ============================================================================================ any protocol

    /** Every one holds. */
    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }

        public JsonObject toJson() {
            JsonArray a = new JsonArray();
            conditions.forEach(c -> a.add(c.toJson()));
            return one("all", a);
        }

        public String describe() {
            return "all of (" + String.join("; ", conditions.stream().map(Condition::describe).toList()) + ")";
        }
    }

    /** At least one holds. */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }

        public JsonObject toJson() {
            JsonArray a = new JsonArray();
            conditions.forEach(c -> a.add(c.toJson()));
            return one("any", a);
        }

        public String describe() {
            return "any of (" + String.join("; ", conditions.stream().map(Condition::describe).toList()) + ")";
        }
    }

    record Not(Condition condition) implements Condition {
        public JsonObject toJson() {
            return one("not", condition.toJson());
        }

        public String describe() {
            return "not (" + condition.describe() + ")";
        }
    }

    /** A node is {@code up}, {@code crashed} or {@code removed}. */
    record Status(String node, String is) implements Condition {
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("node", node);
            o.addProperty("is", is);
            return one("status", o);
        }

        public String describe() {
            return node + " is " + is;
        }
    }

    /**
     * The protocol's invariants hold ({@code true}) or at least one is broken ({@code false}, for the what-if
     * lessons). Chord: Zave's ring invariants now. Raft: the safety properties over the whole run so far.
     */
    record Invariants(boolean hold) implements Condition {
        public JsonObject toJson() {
            return one("invariants", new JsonPrimitive(hold));
        }

        public String describe() {
            return hold ? "every invariant holds" : "some invariant is broken";
        }
    }

    // ============================================================================================ Raft

    /** {@code any}: some server leads; {@code none}: none does; else the named server leads. */
    record Leader(String who) implements Condition {
        public JsonObject toJson() {
            return one("leader", new JsonPrimitive(who));
        }

        public String describe() {
            return switch (who) {
                case "any" -> "there is a leader";
                case "none" -> "there is no leader";
                default -> "the leader is " + who;
            };
        }
    }

    /** The highest current term among running servers. */
    record Term(Compare compare) implements Condition {
        public JsonObject toJson() {
            return one("term", compare.toJson(Compare::count));
        }

        public String describe() {
            return "the term is " + compare.describe(Long::toString);
        }
    }

    /** A server's role: follower, candidate or leader. */
    record Role(String node, String is) implements Condition {
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("node", node);
            o.addProperty("is", is);
            return one("role", o);
        }

        public String describe() {
            return node + " is " + is;
        }
    }

    /**
     * An entry is committed on the servers of {@code on}: the entry at {@code index}, or the latest entry that
     * writes {@code key = value}.
     */
    record Committed(Long index, String key, String value, Scope on) implements Condition {
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            if (index != null) {
                o.addProperty("index", index);
            } else {
                o.addProperty("key", key);
                o.addProperty("value", value);
            }
            o.add("on", on.toJson());
            return one("committed", o);
        }

        public String describe() {
            return (index != null ? "entry " + index : "the write " + key + "=" + value) + " is committed on "
                    + on.describe();
        }
    }

    /** The replicated store holds {@code key = value} (or no {@code key}, when value is null) on {@code on}. */
    record Stored(String key, String value, Scope on) implements Condition {
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("key", key);
            if (value != null) {
                o.addProperty("value", value);
            } else {
                o.addProperty("absent", true);
            }
            o.add("on", on.toJson());
            return one("stored", o);
        }

        public String describe() {
            return (value == null ? key + " is absent" : key + " = " + value) + " on " + on.describe();
        }
    }

    // ============================================================================================ Chord

    /** The ring is ideal: every successor list, predecessor and finger exactly right. */
    record Ideal(boolean is) implements Condition {
        public JsonObject toJson() {
            return one("ideal", new JsonPrimitive(is));
        }

        public String describe() {
            return is ? "the ring is ideal" : "the ring is not ideal yet";
        }
    }

    /**
     * Node {@code node} holds {@code key} as its primary copy; {@code node} may be {@code responsible}: the node
     * the ring's oracle says should hold it.
     */
    record Holder(String key, String node) implements Condition {
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("key", key);
            o.addProperty("node", node);
            return one("holder", o);
        }

        public String describe() {
            return key + " is held by " + (node.equals("responsible") ? "the node responsible for it" : node);
        }
    }

    /**
     * The latest finished lookup of {@code key}: it took a number of hops ({@code hops}), found {@code result}
     * (a node, or {@code responsible}), or failed ({@code failed: true}).
     */
    record Lookup(String key, Compare hops, String result, Boolean failed) implements Condition {
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("key", key);
            if (hops != null) {
                o.add("hops", hops.toJson(Compare::count));
            }
            if (result != null) {
                o.addProperty("result", result);
            }
            if (failed != null) {
                o.addProperty("failed", failed);
            }
            return one("lookup", o);
        }

        public String describe() {
            StringBuilder b = new StringBuilder("the last lookup of " + key);
            if (failed != null) {
                b.append(failed ? " failed" : " succeeded");
            }
            if (result != null) {
                b.append(" found ").append(result.equals("responsible") ? "the responsible node" : result);
            }
            if (hops != null) {
                b.append(" in ").append(hops.describe(Long::toString)).append(" hops");
            }
            return b.toString();
        }
    }

    /** How many nodes are live members of the ring. */
    record Members(Compare compare) implements Condition {
        public JsonObject toJson() {
            return one("members", compare.toJson(Compare::count));
        }

        public String describe() {
            return "the ring has " + compare.describe(Long::toString) + " members";
        }
    }

    // ============================================================================================ clocks

    /** The largest offset of a running machine's clock from true time, in absolute value. */
    record MaxOffset(Compare nanos) implements Condition {
        public JsonObject toJson() {
            return one("maxOffset", nanos.toJson(Compare::nanos));
        }

        public String describe() {
            return "the largest offset from true time is " + nanos.describe(Durations::formatNanos);
        }
    }

    /** The largest difference between two running machines' clocks. */
    record MaxSkew(Compare nanos) implements Condition {
        public JsonObject toJson() {
            return one("maxSkew", nanos.toJson(Compare::nanos));
        }

        public String describe() {
            return "the largest difference between two clocks is " + nanos.describe(Durations::formatNanos);
        }
    }

    /** One clock's signed offset from true time. */
    record Offset(String node, Compare nanos) implements Condition {
        public JsonObject toJson() {
            JsonObject o = nanos.toJson(Compare::nanos);
            o.addProperty("node", node);
            return one("offset", o);
        }

        public String describe() {
            return node + "'s offset from true time is " + nanos.describe(Durations::formatNanos);
        }
    }
}
