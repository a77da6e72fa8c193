package io.distviz.raft.check;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One client operation on the key-value store, as the client saw it: what it asked, when it asked, when
 * (if ever) the answer came back, and the answer.
 *
 * <p>An operation that never got a response ({@link #pending()}, {@code responseMicros ==}
 * {@link #NO_RESPONSE}) may or may not have taken effect: a checker may place it anywhere after its
 * invocation, or leave it out entirely (Herlihy and Wing, section 3.1: a history is linearizable if it can be
 * extended by responses to some pending invocations, and the rest removed). Its {@code output} is null.
 *
 * @param clientId       the client that issued it
 * @param kind           put, get, delete or compare-and-set
 * @param key            the key it touched
 * @param value          the value a put writes, or the new value a cas writes; null for get and delete
 * @param expected       the value a cas expects to find (null means "absent"); null for the other kinds
 * @param invokeMicros   virtual time the client sent the request
 * @param responseMicros virtual time the client got the answer, or {@link #NO_RESPONSE}
 * @param output         what the client observed: for get the value read (a {@code String}, or null for
 *                       absent); for cas a {@code Boolean}; null for put, delete and pending operations
 */
public record KvOperation(long clientId, Kind kind, String key, String value, String expected,
                          long invokeMicros, long responseMicros, Serializable output) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code responseMicros} of an operation whose answer never came. */
    public static final long NO_RESPONSE = Long.MAX_VALUE;

    public enum Kind {
        PUT, GET, DELETE, CAS
    }

    /**
     * Checks the shape of the operation; times are checked against each other, not against a clock.
     *
     * @throws IllegalArgumentException if the response comes before the invocation, if a put or cas writes
     *                                  no value, or if the output does not fit the kind
     */
    public KvOperation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (invokeMicros == NO_RESPONSE) {
            throw new IllegalArgumentException("invocation time " + invokeMicros + " is reserved for 'no response'");
        }
        if (responseMicros < invokeMicros) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + "(" + key
                    + ") by client " + clientId + ": response at " + responseMicros
                    + " µs comes before its invocation at " + invokeMicros + " µs");
        }
        boolean pending = responseMicros == NO_RESPONSE;
        switch (kind) {
            case PUT -> {
                require(value != null, "put(" + key + ") by client " + clientId + " writes no value");
                require(expected == null, "put has no expected value");
                require(output == null, "put(" + key + ") observes nothing, but output is " + output);
            }
            case DELETE -> {
                require(value == null && expected == null, "delete takes no value");
                require(output == null, "delete(" + key + ") observes nothing, but output is " + output);
            }
            case GET -> {
                require(value == null && expected == null, "get takes no value");
                require(output == null || output instanceof String,
                        "get(" + key + ") must observe a String or null (absent), not " + output);
                require(!pending || output == null, "a pending get observed nothing, but output is " + output);
            }
            case CAS -> {
                require(value != null, "cas(" + key + ") by client " + clientId + " writes no new value");
                require(pending ? output == null : output instanceof Boolean,
                        pending ? "a pending cas observed nothing, but output is " + output
                                : "cas(" + key + ") by client " + clientId + " must observe true or false, not "
                                + output);
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A put that completed. */
    public static KvOperation put(long clientId, String key, String value, long invokeMicros, long responseMicros) {
        return new KvOperation(clientId, Kind.PUT, key, value, null, invokeMicros, responseMicros, null);
    }

    /** A get that completed and read {@code observed} (null: the key was absent). */
    public static KvOperation get(long clientId, String key, String observed, long invokeMicros,
                                  long responseMicros) {
        return new KvOperation(clientId, Kind.GET, key, null, null, invokeMicros, responseMicros, observed);
    }

    /** A delete that completed. */
    public static KvOperation delete(long clientId, String key, long invokeMicros, long responseMicros) {
        return new KvOperation(clientId, Kind.DELETE, key, null, null, invokeMicros, responseMicros, null);
    }

    /** A compare-and-set that completed: {@code succeeded} tells whether it found {@code expected}. */
    public static KvOperation cas(long clientId, String key, String expected, String newValue, boolean succeeded,
                                  long invokeMicros, long responseMicros) {
        return new KvOperation(clientId, Kind.CAS, key, newValue, expected, invokeMicros, responseMicros,
                succeeded);
    }

    /** A put whose answer never came: it may or may not have taken effect. */
    public static KvOperation pendingPut(long clientId, String key, String value, long invokeMicros) {
        return new KvOperation(clientId, Kind.PUT, key, value, null, invokeMicros, NO_RESPONSE, null);
    }

    /** A get whose answer never came (it constrains nothing, but belongs to the history). */
    public static KvOperation pendingGet(long clientId, String key, long invokeMicros) {
        return new KvOperation(clientId, Kind.GET, key, null, null, invokeMicros, NO_RESPONSE, null);
    }

    /** A delete whose answer never came. */
    public static KvOperation pendingDelete(long clientId, String key, long invokeMicros) {
        return new KvOperation(clientId, Kind.DELETE, key, null, null, invokeMicros, NO_RESPONSE, null);
    }

    /** A compare-and-set whose answer never came. */
    public static KvOperation pendingCas(long clientId, String key, String expected, String newValue,
                                         long invokeMicros) {
        return new KvOperation(clientId, Kind.CAS, key, newValue, expected, invokeMicros, NO_RESPONSE, null);
    }

    /** Whether the answer never came. */
    public boolean pending() {
        return responseMicros == NO_RESPONSE;
    }

    /** Whether the answer came. */
    public boolean completed() {
        return !pending();
    }

    /** This operation with its answer: what a client records when the response arrives. */
    public KvOperation completedWith(Serializable observed, long atMicros) {
        if (completed()) {
            throw new IllegalStateException(this + " already has a response");
        }
        return new KvOperation(clientId, kind, key, value, expected, invokeMicros, atMicros, observed);
    }

    /**
     * What a person reads: {@code get(x) by client 3 at 120–180 µs returned 5},
     * {@code cas(x, absent → 7) by client 2 at 40 µs, no response}.
     */
    public String describe() {
        StringBuilder s = new StringBuilder();
        switch (kind) {
            case PUT -> s.append("put(").append(key).append(", ").append(value).append(')');
            case GET -> s.append("get(").append(key).append(')');
            case DELETE -> s.append("delete(").append(key).append(')');
            case CAS -> s.append("cas(").append(key).append(", ").append(show(expected)).append(" → ")
                    .append(value).append(')');
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        s.append(" by client ").append(clientId).append(" at ").append(invokeMicros);
        if (pending()) {
            return s.append(" µs, no response").toString();
        }
        s.append('–').append(responseMicros).append(" µs");
        if (kind == Kind.GET) {
            s.append(" returned ").append(show((String) output));
        } else if (kind == Kind.CAS) {
            s.append(" returned ").append(output);
        }
        return s.toString();
    }

    /** A value as people read it: the value itself, or {@code absent}. */
    static String show(String value) {
        return value == null ? "absent" : value;
    }

    @Override
    public String toString() {
        return describe();
    }
}
