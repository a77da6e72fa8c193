package io.distviz.sim;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The latest delivery time of an in-order message on each directed link, which keeps links FIFO (see
 * {@link Network}). A link is a pair of node numbers (the network numbers every name it sees), packed into one
 * {@code long}, and the table is open addressing over two {@code long} arrays: the network looks a link up on
 * every send, and a hash map of {@code Link} records to boxed times allocated three objects per send and
 * hashed two names per lookup. Only entries in the future matter, so when the table fills up the past ones are
 * dropped ({@link #forgetAtOrBefore}) before it grows; nothing iterates the table in an order that could
 * change a run.
 */
final class InOrderDeliveries implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** No key is negative: node numbers are not. */
    private static final long EMPTY = -1;
    /** Returned by {@link #get} for a link with no entry. */
    static final long NONE = Long.MIN_VALUE;
    private static final int MIN_CAPACITY = 1_024;

    private transient long[] keys;
    private transient long[] times;
    private transient int size;
    /** Where {@link #forgetAtOrBefore} gathers the entries it keeps; reused. */
    private transient long[] keptKeys = new long[0];
    private transient long[] keptTimes = new long[0];

    InOrderDeliveries() {
        allocate(MIN_CAPACITY);
    }

    static long link(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFF_FFFFL);
    }

    int size() {
        return size;
    }

    /** The latest in-order delivery time on {@code link}, or {@link #NONE}. */
    long get(long link) {
        int mask = keys.length - 1;
        for (int i = slot(link, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == link) {
                return times[i];
            }
            if (k == EMPTY) {
                return NONE;
            }
        }
    }

    /**
     * Sets the time of {@code link}. When the table is half full, the entries at or before
     * {@code nowMicros} (which no longer constrain anything) are dropped first, and it grows only if that
     * leaves it more than a quarter full.
     */
    void put(long link, long timeMicros, long nowMicros) {
        int mask = keys.length - 1;
        for (int i = slot(link, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == link) {
                times[i] = timeMicros;
                return;
            }
            if (k == EMPTY) {
                keys[i] = link;
                times[i] = timeMicros;
                size++;
                if (size * 2 > keys.length) {
                    forgetAtOrBefore(nowMicros);
                    if (size * 4 > keys.length) {
                        rehash(keys.length * 2);
                    }
                }
                return;
            }
        }
    }

    /** Drops every entry whose time is at or before {@code nowMicros}. */
    void forgetAtOrBefore(long nowMicros) {
        if (keptKeys.length < size) {
            keptKeys = new long[keys.length / 2 + 1];
            keptTimes = new long[keys.length / 2 + 1];
        }
        int kept = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && times[i] > nowMicros) {
                keptKeys[kept] = keys[i];
                keptTimes[kept] = times[i];
                kept++;
            }
        }
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < kept; i++) {
            insertNew(keptKeys[i], keptTimes[i]);
        }
    }

    private static int slot(long link, int mask) {
        return (int) SimRandom.mix64(link) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        times = new long[capacity];
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        long[] oldTimes = times;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insertNew(oldKeys[i], oldTimes[i]);
            }
        }
    }

    /** Inserts a key known to be absent, with room to spare. */
    private void insertNew(long link, long timeMicros) {
        int mask = keys.length - 1;
        int i = slot(link, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = link;
        times[i] = timeMicros;
        size++;
    }

    /** Checkpoints hold the entries only. */
    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out.writeLong(keys[i]);
                out.writeLong(times[i]);
            }
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative size " + n);
        }
        allocate(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, n) * 4 - 1) << 1));
        keptKeys = new long[0];
        keptTimes = new long[0];
        for (int i = 0; i < n; i++) {
            insertNew(in.readLong(), in.readLong());
        }
    }
}
