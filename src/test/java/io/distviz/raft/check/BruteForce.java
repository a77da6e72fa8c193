package io.distviz.raft.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The definition of linearizability, checked by trying every order: no key splitting, no pruning rules, no
 * linked list; only a memo of the (placed operations, store) pairs already known to fail. Exponential, so only
 * for histories of a few dozen operations; it is the reference the real checker is compared with.
 */
final class BruteForce {
    private BruteForce() {
    }

    static boolean linearizable(KvHistory history) {
        List<KvOperation> ops = history.operations();
        return search(ops, new boolean[ops.size()], new TreeMap<>(), new HashSet<>());
    }

    private static boolean search(List<KvOperation> ops, boolean[] placed, Map<String, String> store,
                                  Set<String> failed) {
        String configuration = Arrays.toString(placed) + store;
        if (failed.contains(configuration)) {
            return false;
        }
        boolean allCompletedPlaced = true;
        for (int i = 0; i < ops.size(); i++) {
            if (!placed[i] && ops.get(i).completed()) {
                allCompletedPlaced = false;
            }
        }
        if (allCompletedPlaced) {
            return true; // the pending operations left are the ones that never took effect
        }
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || !minimal(ops, placed, i)) {
                continue;
            }
            KvOperation op = ops.get(i);
            String current = store.get(op.key());
            Map<String, String> after = new TreeMap<>(store);
            boolean ok = switch (op.kind()) {
                case PUT -> {
                    after.put(op.key(), op.value());
                    yield true;
                }
                case DELETE -> {
                    after.remove(op.key());
                    yield true;
                }
                case GET -> op.pending() || Objects.equals(current, op.output());
                case CAS -> {
                    boolean found = Objects.equals(current, op.expected());
                    if (op.pending() || Boolean.TRUE.equals(op.output())) {
                        if (found) {
                            after.put(op.key(), op.value());
                        }
                        yield found;
                    }
                    yield !found;
                }
            };
            if (ok) {
                placed[i] = true;
                if (search(ops, placed, after, failed)) {
                    return true;
                }
                placed[i] = false;
            }
        }
        failed.add(configuration);
        return false;
    }

    /** No operation still to place finished before op i began. */
    private static boolean minimal(List<KvOperation> ops, boolean[] placed, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (j != i && !placed[j] && ops.get(j).responseMicros() < ops.get(i).invokeMicros()) {
                return false;
            }
        }
        return true;
    }
}
