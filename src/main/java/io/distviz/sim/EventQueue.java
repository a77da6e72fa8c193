package io.distviz.sim;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The kernel's event queue: a min-heap ordered by (virtual time, insertion sequence). Since no two entries
 * share a sequence number, that order is total, and every correct priority queue hands out the entries in
 * exactly the same order; this one is built for large runs.
 *
 * <p>It is a 4-ary heap whose keys live in two {@code long} arrays beside the entries, so sifting reads
 * only those arrays and never the entry objects. With a million entries in the queue (a 100,000-node Chord
 * ring) a binary heap of objects, such as {@link java.util.PriorityQueue}, misses the cache two or three
 * times per level over twenty levels on every poll; this one reads one or two cache lines per level over ten.
 *
 * @param <E> the entries
 */
final class EventQueue<E> implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int ARITY = 4;
    private static final int INITIAL_CAPACITY = 64;

    private transient long[] times = new long[INITIAL_CAPACITY];
    private transient long[] seqs = new long[INITIAL_CAPACITY];
    private transient Object[] entries = new Object[INITIAL_CAPACITY];
    private transient int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long timeMicros, long seq, E entry) {
        if (size == entries.length) {
            int capacity = entries.length * 2;
            times = Arrays.copyOf(times, capacity);
            seqs = Arrays.copyOf(seqs, capacity);
            entries = Arrays.copyOf(entries, capacity);
        }
        siftUp(size++, timeMicros, seq, entry);
    }

    /** The first entry, or null when the queue is empty. */
    @SuppressWarnings("unchecked")
    E peek() {
        return size == 0 ? null : (E) entries[0];
    }

    /** Removes and returns the first entry, or null when the queue is empty. */
    @SuppressWarnings("unchecked")
    E poll() {
        if (size == 0) {
            return null;
        }
        E first = (E) entries[0];
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Object e = entries[last];
        entries[last] = null;
        if (last > 0) {
            siftDown(0, t, s, e);
        }
        return first;
    }

    /** Calls {@code action} with every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<? super E> action) {
        for (int i = 0; i < size; i++) {
            action.accept((E) entries[i]);
        }
    }

    /** Removes every entry that {@code filter} accepts, in one pass, and rebuilds the heap. */
    @SuppressWarnings("unchecked")
    void removeIf(Predicate<? super E> filter) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!filter.test((E) entries[i])) {
                times[kept] = times[i];
                seqs[kept] = seqs[i];
                entries[kept] = entries[i];
                kept++;
            }
        }
        Arrays.fill(entries, kept, size, null);
        size = kept;
        heapify();
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void siftUp(int index, long t, long s, Object e) {
        int i = index;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (!before(t, s, times[parent], seqs[parent])) {
                break;
            }
            times[i] = times[parent];
            seqs[i] = seqs[parent];
            entries[i] = entries[parent];
            i = parent;
        }
        times[i] = t;
        seqs[i] = s;
        entries[i] = e;
    }

    private void siftDown(int index, long t, long s, Object e) {
        int i = index;
        while (true) {
            int firstChild = ARITY * i + 1;
            if (firstChild >= size) {
                break;
            }
            int best = firstChild;
            long bestTime = times[firstChild];
            long bestSeq = seqs[firstChild];
            int end = Math.min(firstChild + ARITY, size);
            for (int c = firstChild + 1; c < end; c++) {
                if (before(times[c], seqs[c], bestTime, bestSeq)) {
                    best = c;
                    bestTime = times[c];
                    bestSeq = seqs[c];
                }
            }
            if (!before(bestTime, bestSeq, t, s)) {
                break;
            }
            times[i] = bestTime;
            seqs[i] = bestSeq;
            entries[i] = entries[best];
            i = best;
        }
        times[i] = t;
        seqs[i] = s;
        entries[i] = e;
    }

    private void heapify() {
        for (int i = (size - 2) / ARITY; i >= 0; i--) {
            siftDown(i, times[i], seqs[i], entries[i]);
        }
    }

    /** Checkpoints hold the entries only, not the spare capacity. */
    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(times[i]);
            out.writeLong(seqs[i]);
            out.writeObject(entries[i]);
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative queue size " + n);
        }
        int capacity = Math.max(INITIAL_CAPACITY, n);
        times = new long[capacity];
        seqs = new long[capacity];
        entries = new Object[capacity];
        for (int i = 0; i < n; i++) {
            times[i] = in.readLong();
            seqs[i] = in.readLong();
            entries[i] = in.readObject();
        }
        size = n;
    }
}
