package io.distviz.raft.check;

import io.distviz.sim.SimRandom;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Test histories that are linearizable by construction: every client runs its operations one after another,
 * each operation gets a linearization point inside its interval, and the outputs come from running the
 * operations on a sequential map in the order of those points.
 */
final class Histories {
    private Histories() {
    }

    /**
     * @param valuePool      values a write picks from, or null for a fresh value per write ("c3.17": client 3,
     *                       operation 17), so that a value read names the one write that made it
     * @param pendingChance  chance that an operation never gets an answer (half of those take effect)
     * @param maxDurationMicros longest interval of a completed operation
     */
    static KvHistory linearizable(SimRandom random, int clients, int opsPerClient, List<String> keys,
                                  List<String> valuePool, double pendingChance, long maxDurationMicros) {
        List<Draft> drafts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long t = random.nextLong(0, 50);
            for (int i = 0; i < opsPerClient; i++) {
                Draft d = new Draft();
                d.client = c;
                d.index = i;
                d.key = keys.get(random.nextInt(keys.size()));
                int roll = random.nextInt(100);
                d.kind = roll < 35 ? KvOperation.Kind.PUT : roll < 70 ? KvOperation.Kind.GET
                        : roll < 80 ? KvOperation.Kind.DELETE : KvOperation.Kind.CAS;
                if (d.kind == KvOperation.Kind.PUT || d.kind == KvOperation.Kind.CAS) {
                    d.value = valuePool == null ? "c" + c + "." + i : valuePool.get(random.nextInt(valuePool.size()));
                }
                d.invoke = t + random.nextLong(1, 20);
                long duration = random.nextLong(1, maxDurationMicros + 1);
                if (random.chance(pendingChance)) {
                    d.pending = true;
                    d.takesEffect = random.chance(0.5);
                    // A request the client gave up on may still be applied later (a retransmission, a slow log).
                    d.point = d.invoke + random.nextLong(0, 3 * maxDurationMicros);
                    t = d.invoke + 2 * maxDurationMicros; // the client's timeout, then it moves on
                } else {
                    d.response = d.invoke + duration;
                    d.point = d.invoke + random.nextLong(0, duration + 1);
                    d.takesEffect = true;
                    t = d.response;
                }
                drafts.add(d);
            }
        }
        List<Draft> byPoint = new ArrayList<>(drafts);
        byPoint.sort(Comparator.<Draft>comparingLong(d -> d.point).thenComparingInt(d -> d.client));
        Map<String, String> store = new TreeMap<>();
        Map<String, List<String>> writtenTo = new TreeMap<>();
        for (Draft d : byPoint) {
            String current = store.get(d.key);
            if (d.kind == KvOperation.Kind.CAS) {
                List<String> written = writtenTo.getOrDefault(d.key, List.of());
                int pick = random.nextInt(4);
                d.expected = pick < 2 ? current : pick == 2 || written.isEmpty() ? null
                        : written.get(random.nextInt(written.size()));
            }
            if (!d.takesEffect) {
                continue;
            }
            switch (d.kind) {
                case PUT -> {
                    store.put(d.key, d.value);
                    writtenTo.computeIfAbsent(d.key, k -> new ArrayList<>()).add(d.value);
                }
                case DELETE -> store.remove(d.key);
                case GET -> d.observed = current;
                case CAS -> {
                    boolean ok = Objects.equals(current, d.expected);
                    if (ok) {
                        store.put(d.key, d.value);
                        writtenTo.computeIfAbsent(d.key, k -> new ArrayList<>()).add(d.value);
                    }
                    d.succeeded = ok;
                }
                default -> throw new IllegalStateException();
            }
        }
        KvHistory.Builder b = KvHistory.builder();
        for (Draft d : drafts) {
            b.add(d.toOperation());
        }
        return b.build();
    }

    /** The same history with operation {@code index} replaced. */
    static KvHistory replace(KvHistory history, int index, KvOperation op) {
        List<KvOperation> ops = new ArrayList<>(history.operations());
        ops.set(index, op);
        return KvHistory.of(ops);
    }

    private static final class Draft {
        int client;
        int index;
        String key;
        KvOperation.Kind kind;
        String value;
        String expected;
        long invoke;
        long response = KvOperation.NO_RESPONSE;
        long point;
        boolean pending;
        boolean takesEffect;
        String observed;
        boolean succeeded;

        KvOperation toOperation() {
            Serializable output = null;
            if (!pending && kind == KvOperation.Kind.GET) {
                output = observed;
            } else if (!pending && kind == KvOperation.Kind.CAS) {
                output = succeeded;
            }
            return new KvOperation(client, kind, key, value, expected, invoke, response, output);
        }
    }
}
