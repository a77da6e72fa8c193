package io.distviz.bench;

import java.util.Arrays;

/** Median, minimum and maximum of a few samples: how a benchmark figure varied over its repeats. */
public record Spread(double median, double min, double max) {

    public static Spread of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one sample");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1]);
    }

    /** (max - min) / median: the run-to-run noise as a fraction of the typical value. */
    public double relativeRange() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
