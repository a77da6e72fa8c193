package io.distviz.raft.check;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvHistoryTest {

    @Test
    void responseBeforeInvocationIsRejectedWithBothTimes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KvHistory.builder().put(4, "x", "1", 100, 90));
        assertEquals("put(x) by client 4: response at 90 µs comes before its invocation at 100 µs", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KvOperation.get(1, "x", null, 5, 4));
    }

    @Test
    void outputsMustFitTheKind() {
        assertThrows(IllegalArgumentException.class,
                () -> new KvOperation(1, KvOperation.Kind.CAS, "x", "2", "1", 0, 10, "yes"));
        assertThrows(IllegalArgumentException.class,
                () -> new KvOperation(1, KvOperation.Kind.CAS, "x", "2", "1", 0, 10, null));
        assertThrows(IllegalArgumentException.class,
                () -> new KvOperation(1, KvOperation.Kind.PUT, "x", "2", null, 0, 10, "2"));
        assertThrows(IllegalArgumentException.class,
                () -> new KvOperation(1, KvOperation.Kind.GET, "x", null, null, 0, 10, Boolean.TRUE));
        assertThrows(IllegalArgumentException.class, () -> KvOperation.put(1, "x", null, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> KvOperation.cas(1, "x", "1", null, true, 0, 10));
        assertThrows(NullPointerException.class, () -> KvOperation.get(1, null, null, 0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> KvOperation.pendingPut(1, "x", "1", KvOperation.NO_RESPONSE));
        assertThrows(NullPointerException.class, () -> KvHistory.builder().add(null));
    }

    @Test
    void describeReadsLikeTheProtocol() {
        assertEquals("get(x) by client 3 at 120–180 µs returned 5",
                KvOperation.get(3, "x", "5", 120, 180).describe());
        assertEquals("get(x) by client 3 at 120–180 µs returned absent",
                KvOperation.get(3, "x", null, 120, 180).describe());
        assertEquals("put(x, 5) by client 1 at 0–10 µs", KvOperation.put(1, "x", "5", 0, 10).toString());
        assertEquals("delete(k) by client 2 at 3–4 µs", KvOperation.delete(2, "k", 3, 4).describe());
        assertEquals("cas(x, absent → 7) by client 2 at 40–50 µs returned false",
                KvOperation.cas(2, "x", null, "7", false, 40, 50).describe());
        assertEquals("cas(x, 1 → 7) by client 2 at 40 µs, no response",
                KvOperation.pendingCas(2, "x", "1", "7", 40).describe());
    }

    @Test
    void recordingAsTheRunGoesLeavesUnansweredRequestsPending() {
        KvHistory.Builder b = KvHistory.builder();
        int put = b.invoke(KvOperation.pendingPut(1, "x", "1", 0));
        int get = b.invoke(KvOperation.pendingGet(2, "x", 5));
        int cas = b.invoke(KvOperation.pendingCas(3, "x", "1", "2", 7));
        b.respond(get, "1", 20).respond(put, null, 15);
        KvHistory h = b.build();
        assertEquals(3, h.size());
        assertEquals(KvOperation.put(1, "x", "1", 0, 15), h.operations().get(put));
        assertEquals(KvOperation.get(2, "x", "1", 5, 20), h.operations().get(get));
        assertTrue(h.operations().get(cas).pending());
        assertFalse(h.operations().get(put).pending());
        assertThrows(IllegalStateException.class, () -> b.respond(get, "1", 30));
        assertThrows(IllegalArgumentException.class, () -> b.respond(cas, Boolean.TRUE, 6));
        assertThrows(IllegalArgumentException.class, () -> b.respond(cas, "true", 8));
        assertThrows(IllegalArgumentException.class, () -> b.invoke(KvOperation.put(1, "x", "1", 0, 1)));
        assertTrue(Linearizability.check(h).linearizable());
    }

    @Test
    void historiesAreImmutableAndSerializable() throws Exception {
        KvHistory h = KvHistory.builder().put(1, "x", "1", 0, 10).cas(2, "x", "1", "2", true, 20, 30)
                .pendingDelete(3, "x", 40).build();
        assertThrows(UnsupportedOperationException.class, () -> h.operations().clear());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(h);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(h, in.readObject());
        }
    }
}
