package io.distviz.raft;

import java.io.Serializable;
import java.util.Objects;

/** A key-value store command. {@code expected} of a compare-and-set is null for "absent". */
public record KvCommand(Kind kind, String key, String value, String expected) implements Serializable {
    public enum Kind { PUT, GET, DELETE, CAS }

    public KvCommand {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        if ((kind == Kind.PUT || kind == Kind.CAS) && value == null) {
            throw new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT) + " needs a value");
        }
    }

    public static KvCommand put(String key, String value) {
        return new KvCommand(Kind.PUT, key, value, null);
    }

    public static KvCommand get(String key) {
        return new KvCommand(Kind.GET, key, null, null);
    }

    public static KvCommand delete(String key) {
        return new KvCommand(Kind.DELETE, key, null, null);
    }

    public static KvCommand cas(String key, String expected, String value) {
        return new KvCommand(Kind.CAS, key, value, expected);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PUT -> "put " + key + "=" + value;
            case GET -> "get " + key;
            case DELETE -> "delete " + key;
            case CAS -> "cas " + key + " " + expected + "->" + value;
        };
    }
}
