package io.distviz.ui.clocks;

import java.util.Arrays;

/**
 * One node's offset from true time over the run, as (true time, offset) points in time order, with a bounded
 * number of points. When it is full, the older half is thinned: each run of four points becomes its lowest and
 * its highest, in time order. Old history gets coarser but keeps its extremes, so a step or a peak never
 * disappears from the chart, and an hour of samples costs the same to draw as a minute.
 *
 * <p>A point whose value is NaN is a break in the line (the node was crashed).
 */
final class OffsetSeries {
    static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private long[] timeMicros;
    private double[] valueNanos;
    private int size;

    OffsetSeries() {
        this(DEFAULT_CAPACITY);
    }

    OffsetSeries(int capacity) {
        if (capacity < 16 || capacity % 8 != 0) {
            throw new IllegalArgumentException("capacity must be a multiple of 8, at least 16: " + capacity);
        }
        this.capacity = capacity;
        this.timeMicros = new long[capacity];
        this.valueNanos = new double[capacity];
    }

    int size() {
        return size;
    }

    long timeMicros(int i) {
        return timeMicros[i];
    }

    double valueNanos(int i) {
        return valueNanos[i];
    }

    /** The last point's time, or Long.MIN_VALUE when empty. */
    long lastTimeMicros() {
        return size == 0 ? Long.MIN_VALUE : timeMicros[size - 1];
    }

    boolean lastIsBreak() {
        return size > 0 && Double.isNaN(valueNanos[size - 1]);
    }

    void add(long tMicros, double nanos) {
        if (size > 0 && tMicros < timeMicros[size - 1]) {
            throw new IllegalArgumentException("points must come in time order: " + tMicros + " after "
                    + timeMicros[size - 1]);
        }
        if (size == capacity) {
            thin();
        }
        timeMicros[size] = tMicros;
        valueNanos[size] = nanos;
        size++;
    }

    void addBreak(long tMicros) {
        if (!lastIsBreak() && size > 0) {
            add(tMicros, Double.NaN);
        }
    }

    /** The index of the first point at or after {@code tMicros} (size when none). */
    int firstAtOrAfter(long tMicros) {
        int i = Arrays.binarySearch(timeMicros, 0, size, tMicros);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && timeMicros[i - 1] == tMicros) {
            i--;
        }
        return i;
    }

    /** Halves the older half: groups of four points become their minimum and maximum, in time order. */
    private void thin() {
        int half = size / 2;
        int out = 0;
        for (int g = 0; g < half; g += 4) {
            int end = Math.min(g + 4, half);
            int lo = -1;
            int hi = -1;
            int gap = -1;
            for (int i = g; i < end; i++) {
                double v = valueNanos[i];
                if (Double.isNaN(v)) {
                    gap = i;
                    continue;
                }
                if (lo < 0 || v < valueNanos[lo]) {
                    lo = i;
                }
                if (hi < 0 || v > valueNanos[hi]) {
                    hi = i;
                }
            }
            int first = lo < 0 ? -1 : Math.min(lo, hi);
            int second = lo < 0 ? -1 : Math.max(lo, hi);
            // A break stays where it was relative to the kept points, so the line is still cut there.
            int[] keep = {first, second, gap};
            Arrays.sort(keep);
            int last = -1;
            for (int k : keep) {
                if (k >= 0 && k != last) {
                    timeMicros[out] = timeMicros[k];
                    valueNanos[out] = valueNanos[k];
                    out++;
                    last = k;
                }
            }
        }
        System.arraycopy(timeMicros, half, timeMicros, out, size - half);
        System.arraycopy(valueNanos, half, valueNanos, out, size - half);
        size = out + (size - half);
    }
}
