package io.distviz.raft;

import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The replicated state machine: a key-value map, plus each client's last applied sequence number and result,
 * so that a command retried after a timeout is applied once and answered with the first result
 * (dissertation section 6.3). Immutable: applying returns a new store, so snapshots and views can share it.
 */
public final class KvStore implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The last command applied for one client and what it returned. */
    public record Session(long sequence, KvResult result) implements Serializable {
    }

    private final TreeMap<String, String> data;
    private final TreeMap<Long, Session> sessions;

    public KvStore() {
        this(new TreeMap<>(), new TreeMap<>());
    }

    private KvStore(TreeMap<String, String> data, TreeMap<Long, Session> sessions) {
        this.data = data;
        this.sessions = sessions;
    }

    /** A store holding copies of {@code data} and {@code sessions}. */
    static KvStore of(java.util.SortedMap<String, String> data, java.util.SortedMap<Long, Session> sessions) {
        return new KvStore(new TreeMap<>(data), new TreeMap<>(sessions));
    }

    /** The outcome of applying {@code op}: the new store and the result for the client. */
    public record Applied(KvStore store, KvResult result) {
    }

    public Applied apply(Operation.Kv op) {
        Session s = sessions.get(op.clientId());
        if (s != null && op.sequence() <= s.sequence()) {
            // A duplicate of a command already applied: answer as the first time, change nothing.
            return new Applied(this, s.sequence() == op.sequence() ? s.result() : KvResult.staleRetry());
        }
        KvCommand c = op.command();
        TreeMap<String, String> next = data;
        KvResult result;
        switch (c.kind()) {
            case PUT -> {
                next = new TreeMap<>(data);
                next.put(c.key(), c.value());
                result = KvResult.done(null);
            }
            case GET -> result = KvResult.done(data.get(c.key()));
            case DELETE -> {
                next = new TreeMap<>(data);
                next.remove(c.key());
                result = KvResult.done(null);
            }
            case CAS -> {
                String current = data.get(c.key());
                boolean match = current == null ? c.expected() == null : current.equals(c.expected());
                if (match) {
                    next = new TreeMap<>(data);
                    next.put(c.key(), c.value());
                }
                result = KvResult.swapped(match, current);
            }
            default -> throw new IllegalStateException();
        }
        TreeMap<Long, Session> nextSessions = new TreeMap<>(sessions);
        nextSessions.put(op.clientId(), new Session(op.sequence(), result));
        return new Applied(new KvStore(next, nextSessions), result);
    }

    public SortedMap<String, String> data() {
        return Collections.unmodifiableSortedMap(data);
    }

    public SortedMap<Long, Session> sessions() {
        return Collections.unmodifiableSortedMap(sessions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvStore k && k.data.equals(data) && k.sessions.equals(sessions);
    }

    @Override
    public int hashCode() {
        return data.hashCode() * 31 + sessions.hashCode();
    }

    @Override
    public String toString() {
        return data.toString();
    }
}
