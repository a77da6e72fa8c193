package io.distviz.chord.experiment;

import io.distviz.chord.ChordRing;
import io.distviz.chord.IdentifierCircle;
import io.distviz.sim.SimRandom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Load balance (Stoica et al. 2001, section 6.2): how many keys each node is responsible
 * for. With one identifier per node the arcs between neighbours vary a lot, so the 99th percentile is
 * several times the mean and some nodes own no key; giving each physical node v virtual nodes (v ≈ log N)
 * evens the load out.
 *
 * <p>This is consistent hashing only: node and key identifiers are SHA-1 hashes, and each key belongs to
 * the successor of its identifier. The ring is placed by hashing; no message is simulated.
 *
 * <p>The physical nodes are {@code nodes} distinct addresses in 10.0.0.0/8 drawn from the seed; virtual node
 * j of address A (j = 0 .. v − 1) has identifier hash(A + "#" + j), and an address is passed over if any of
 * its identifiers is already taken. Key i is the string {@code "key-" + i}.
 */
public final class LoadExperiment {

    public static final int MIN_NODES = 1;
    public static final int MAX_NODES = 1_000_000;
    public static final int MAX_KEYS = 50_000_000;
    public static final int MAX_VIRTUAL_NODES = 1_000;
    /** Identifiers held in memory at once (nodes × virtual nodes). */
    public static final long MAX_IDENTIFIERS = 2_000_000;

    /**
     * @param nodes        physical nodes N
     * @param keys         keys K
     * @param virtualNodes values of v, one row each
     * @param bits         m, identifier bits
     * @param seed         chooses the nodes' addresses
     */
    public record Settings(int nodes, int keys, List<Integer> virtualNodes, int bits, long seed) {
        public Settings {
            virtualNodes = Collections.unmodifiableList(new ArrayList<>(virtualNodes));
            if (nodes < MIN_NODES || nodes > MAX_NODES) {
                throw new IllegalArgumentException(nodes + " nodes is out of range (" + MIN_NODES + " to "
                        + MAX_NODES + ")");
            }
            if (keys < 1 || keys > MAX_KEYS) {
                throw new IllegalArgumentException(keys + " keys is out of range (1 to " + MAX_KEYS + ")");
            }
            if (virtualNodes.isEmpty()) {
                throw new IllegalArgumentException("give at least one number of virtual nodes");
            }
            IdentifierCircle circle = new IdentifierCircle(bits);
            for (int v : virtualNodes) {
                if (v < 1 || v > MAX_VIRTUAL_NODES) {
                    throw new IllegalArgumentException(v + " virtual nodes per node is out of range (1 to "
                            + MAX_VIRTUAL_NODES + ")");
                }
                long ids = (long) nodes * v;
                if (ids > MAX_IDENTIFIERS) {
                    throw new IllegalArgumentException(nodes + " nodes × " + v + " virtual nodes = " + ids
                            + " identifiers, more than the " + MAX_IDENTIFIERS + " this experiment holds");
                }
                ExperimentSupport.requireRoom(circle, ids);
            }
        }
    }

    /**
     * One value of v. Key counts are per physical node (summed over its virtual nodes).
     *
     * @param meanKeys        K / N
     * @param p1Keys          1st percentile of keys per node
     * @param p99Keys         99th percentile of keys per node
     * @param maxKeys         the most keys any node holds
     * @param nodesWithNoKeys physical nodes responsible for no key
     */
    public record Row(int nodes, int keys, int virtualNodes, double meanKeys, int p1Keys, int p99Keys, int maxKeys,
                      int nodesWithNoKeys) {
    }

    /** @param skippedAddresses addresses passed over because an identifier was taken, over all rows */
    public record Result(Settings settings, List<Row> rows, int skippedAddresses) {
    }

    private final Settings settings;

    public LoadExperiment(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Result run() {
        return run(row -> {
        });
    }

    public Result run(Consumer<Row> onRow) {
        IdentifierCircle circle = new IdentifierCircle(settings.bits());
        long[] keyIds = keyIds(circle);
        List<Row> rows = new ArrayList<>();
        int skipped = 0;
        for (int v : settings.virtualNodes()) {
            Ring ring = place(circle, v);
            skipped += ring.skipped;
            Row row = count(ring, v, keyIds);
            rows.add(row);
            onRow.accept(row);
        }
        return new Result(settings, Collections.unmodifiableList(rows), skipped);
    }

    /** Identifiers in ring order, with the physical node (0 .. N − 1) each belongs to. */
    private record Ring(long[] ids, int[] owners, int skipped) {
    }

    private Ring place(IdentifierCircle circle, int v) {
        int n = settings.nodes();
        long[] ids = new long[n * v];
        int[] owners = new int[n * v];
        SimRandom random = new SimRandom(settings.seed()).fork("chord-load/addresses");
        HashSet<Integer> usedAddresses = new HashSet<>(); // membership tests only, never iterated
        HashSet<Long> taken = new HashSet<>();
        int skipped = 0;
        int placed = 0;
        long[] mine = new long[v];
        while (placed < n) {
            if (usedAddresses.size() >= ExperimentSupport.ADDRESS_SPACE) {
                throw new IllegalArgumentException("could not find " + n + " addresses with distinct identifiers on "
                        + "the " + circle + "; use more bits");
            }
            int index = random.nextInt(ExperimentSupport.ADDRESS_SPACE);
            if (!usedAddresses.add(index)) {
                continue;
            }
            String address = ChordRing.address(index);
            boolean clash = false;
            for (int j = 0; j < v && !clash; j++) {
                mine[j] = circle.hash(address + "#" + j);
                clash = taken.contains(mine[j]);
                for (int k = 0; k < j && !clash; k++) {
                    clash = mine[k] == mine[j];
                }
            }
            if (clash) {
                skipped++;
                continue;
            }
            for (int j = 0; j < v; j++) {
                taken.add(mine[j]);
                ids[placed * v + j] = mine[j];
                owners[placed * v + j] = placed;
            }
            placed++;
        }
        // Sort identifiers, carrying each one's owner along.
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
        long[] sortedIds = new long[ids.length];
        int[] sortedOwners = new int[ids.length];
        for (int i = 0; i < order.length; i++) {
            sortedIds[i] = ids[order[i]];
            sortedOwners[i] = owners[order[i]];
        }
        return new Ring(sortedIds, sortedOwners, skipped);
    }

    /** Keys per physical node (in the order the nodes were placed) with v virtual nodes each. */
    int[] keysPerNode(int v) {
        IdentifierCircle circle = new IdentifierCircle(settings.bits());
        return keysPerNode(place(circle, v), keyIds(circle));
    }

    private long[] keyIds(IdentifierCircle circle) {
        long[] keyIds = new long[settings.keys()];
        for (int i = 0; i < keyIds.length; i++) {
            keyIds[i] = circle.hash("key-" + i);
        }
        return keyIds;
    }

    private int[] keysPerNode(Ring ring, long[] keyIds) {
        int[] perNode = new int[settings.nodes()];
        for (long key : keyIds) {
            perNode[ring.owners[successorIndex(ring.ids, key)]]++;
        }
        return perNode;
    }

    private Row count(Ring ring, int v, long[] keyIds) {
        int n = settings.nodes();
        int[] perNode = keysPerNode(ring, keyIds);
        int empty = 0;
        for (int c : perNode) {
            if (c == 0) {
                empty++;
            }
        }
        Arrays.sort(perNode);
        return new Row(n, keyIds.length, v, keyIds.length / (double) n, percentile(perNode, 1),
                percentile(perNode, 99), perNode[n - 1], empty);
    }

    /** Index of successor(id) in {@code sortedIds}: the first identifier ≥ id, wrapping to the first. */
    static int successorIndex(long[] sortedIds, long id) {
        int i = Arrays.binarySearch(sortedIds, id);
        if (i < 0) {
            i = -i - 1;
        }
        return i == sortedIds.length ? 0 : i;
    }

    /** Nearest-rank percentile of sorted values. */
    static int percentile(int[] sorted, int percent) {
        int rank = (int) Math.max(1, ((long) percent * sorted.length + 99) / 100);
        return sorted[rank - 1];
    }
}
