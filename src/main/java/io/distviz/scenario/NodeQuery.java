package io.distviz.scenario;

import com.google.gson.JsonObject;

/**
 * A question about which node is which, whose answer the engine's state gives at the moment it is asked: "the
 * node that will store key apple", "the server whose timer runs out first". Lessons ask them; a driver answers
 * ({@link ProtocolDriver#answer}).
 */
public sealed interface NodeQuery {

    JsonObject toJson();

    /** In words, for feedback: "the node responsible for apple". */
    String describe();

    private static JsonObject one(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    /** Chord: the live member that is the key's successor, where the key is (or will be) stored. */
    record Responsible(String key) implements NodeQuery {
        public JsonObject toJson() {
            return one("responsible", key);
        }

        public String describe() {
            return "the node responsible for " + key;
        }
    }

    /** Raft: the leader now. */
    record Leader() implements NodeQuery {
        public JsonObject toJson() {
            return one("leader", "now");
        }

        public String describe() {
            return "the leader";
        }
    }

    /**
     * Raft: the running server whose election timer runs out first (not the leader). With no message in the
     * way, it becomes a candidate first and usually wins; a student predicts it from the timers drawn.
     */
    record FirstTimeout() implements NodeQuery {
        public JsonObject toJson() {
            return one("firstTimeout", "now");
        }

        public String describe() {
            return "the server whose election timer runs out first";
        }
    }

    /** Clocks: the running machine whose clock is furthest from true time (either way). */
    record FurthestOff() implements NodeQuery {
        public JsonObject toJson() {
            return one("furthestOff", "now");
        }

        public String describe() {
            return "the clock furthest from true time";
        }
    }

    /** Clocks: the running machine whose clock is furthest ahead of true time. */
    record MostAhead() implements NodeQuery {
        public JsonObject toJson() {
            return one("mostAhead", "now");
        }

        public String describe() {
            return "the clock furthest ahead";
        }
    }
}
