package io.distviz.raft;

import java.io.Serializable;

/**
 * What a command returned: for a get the value (null when absent), for a compare-and-set whether it swapped
 * (and the value it found). {@code stale} answers a retry of a command older than the client's latest.
 */
public record KvResult(String value, boolean swapped, boolean stale) implements Serializable {
    public static KvResult done(String value) {
        return new KvResult(value, false, false);
    }

    public static KvResult swapped(boolean swapped, String found) {
        return new KvResult(found, swapped, false);
    }

    public static KvResult staleRetry() {
        return new KvResult(null, false, true);
    }
}
