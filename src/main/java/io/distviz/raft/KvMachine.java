package io.distviz.raft;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * A server's working copy of the state machine: the same rules as {@link KvStore}, applied in place, so that
 * a busy server does not copy its maps for every command. Immutable {@link KvStore} pictures are taken from
 * it for snapshots and views.
 */
final class KvMachine implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> data;
    private final TreeMap<Long, KvStore.Session> sessions;

    private KvMachine(TreeMap<String, String> data, TreeMap<Long, KvStore.Session> sessions) {
        this.data = data;
        this.sessions = sessions;
    }

    static KvMachine from(KvStore store) {
        return new KvMachine(new TreeMap<>(store.data()), new TreeMap<>(store.sessions()));
    }

    /** An immutable picture of the current state. */
    KvStore toStore() {
        return KvStore.of(data, sessions);
    }

    KvStore.Session session(long clientId) {
        return sessions.get(clientId);
    }

    /** Applies {@code op} (once per client sequence number, dissertation 6.3) and returns its result. */
    KvResult apply(Operation.Kv op) {
        KvStore.Session s = sessions.get(op.clientId());
        if (s != null && op.sequence() <= s.sequence()) {
            return s.sequence() == op.sequence() ? s.result() : KvResult.staleRetry();
        }
        KvCommand c = op.command();
        KvResult result = switch (c.kind()) {
            case PUT -> {
                data.put(c.key(), c.value());
                yield KvResult.done(null);
            }
            case GET -> KvResult.done(data.get(c.key()));
            case DELETE -> {
                data.remove(c.key());
                yield KvResult.done(null);
            }
            case CAS -> {
                String current = data.get(c.key());
                boolean match = current == null ? c.expected() == null : current.equals(c.expected());
                if (match) {
                    data.put(c.key(), c.value());
                }
                yield KvResult.swapped(match, current);
            }
        };
        sessions.put(op.clientId(), new KvStore.Session(op.sequence(), result));
        return result;
    }
}
