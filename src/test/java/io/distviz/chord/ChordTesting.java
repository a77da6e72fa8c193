package io.distviz.chord;

import io.distviz.sim.TraceEvent;

import java.util.ArrayList;
import java.util.List;

/** Shared helpers for the Chord tests. */
final class ChordTesting {
    private ChordTesting() {
    }

    /** The protocol events of one kind in the ring's trace, in order. */
    static <T extends ChordEvent> List<T> events(ChordRing ring, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : ring.simulation().trace().events()) {
            if (e instanceof TraceEvent.ProtocolEvent p && type.isInstance(p.detail())) {
                out.add(type.cast(p.detail()));
            }
        }
        return out;
    }

    /** A key string whose identifier on {@code circle} is {@code id}, found by trying key-0, key-1, ... */
    static String keyWithId(IdentifierCircle circle, long id) {
        for (int i = 0; i < 1_000_000; i++) {
            String k = "key-" + i;
            if (circle.hash(k) == id) {
                return k;
            }
        }
        throw new IllegalStateException("no key hashes to " + id);
    }

    /** The addresses of the nodes holding {@code key}, primary copies only. */
    static List<String> primaryHolders(ChordRing ring, String key) {
        List<String> out = new ArrayList<>();
        for (ChordNodeState s : ring.states()) {
            for (ChordNodeState.StoredKey k : s.keys()) {
                if (k.item().key().equals(key) && k.primary()) {
                    out.add(s.self().address().name());
                }
            }
        }
        return out;
    }

    /** The addresses of every node holding a copy of {@code key}. */
    static List<String> holders(ChordRing ring, String key) {
        List<String> out = new ArrayList<>();
        for (ChordNodeState s : ring.states()) {
            for (ChordNodeState.StoredKey k : s.keys()) {
                if (k.item().key().equals(key)) {
                    out.add(s.self().address().name());
                }
            }
        }
        return out;
    }
}
