package io.distviz.clocks.logical;

/**
 * A hybrid logical clock value (Kulkarni, Demirbas, Madappa, Avva and Leone, "Logical physical clocks", 2014):
 * {@code l} is the largest physical time the node has heard of, in nanoseconds, and {@code c} counts events
 * that share that {@code l}. Ordered by {@code l}, then {@code c}; if e happened before f then
 * {@code hlc(e) < hlc(f)}.
 */
public record HybridTimestamp(long l, long c) implements Comparable<HybridTimestamp> {

    /** The value after a local or send event at physical time {@code pt}. */
    public HybridTimestamp local(long pt) {
        long newL = Math.max(l, pt);
        return new HybridTimestamp(newL, newL == l ? c + 1 : 0);
    }

    /** The value after receiving a message stamped {@code m} at physical time {@code pt}. */
    public HybridTimestamp receive(HybridTimestamp m, long pt) {
        long newL = Math.max(Math.max(l, m.l), pt);
        long newC;
        if (newL == l && newL == m.l) {
            newC = Math.max(c, m.c) + 1;
        } else if (newL == l) {
            newC = c + 1;
        } else if (newL == m.l) {
            newC = m.c + 1;
        } else {
            newC = 0;
        }
        return new HybridTimestamp(newL, newC);
    }

    @Override
    public int compareTo(HybridTimestamp o) {
        int x = Long.compare(l, o.l);
        return x != 0 ? x : Long.compare(c, o.c);
    }
}
