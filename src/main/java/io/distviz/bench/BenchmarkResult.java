package io.distviz.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Every run of one benchmark invocation, with the settings and workload that produced them. The figures
 * ({@link #spread}) come from the counted repeats only; determinism is judged over the warm-ups too, since
 * they ran with the same seed.
 */
public record BenchmarkResult(String target, String workload, BenchmarkSettings settings,
                              List<Long> restoreTimesMicros, List<RepeatMeasurement> warmups,
                              List<RepeatMeasurement> repeats) {

    public BenchmarkResult {
        restoreTimesMicros = List.copyOf(restoreTimesMicros);
        warmups = List.copyOf(warmups);
        repeats = List.copyOf(repeats);
        if (repeats.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one repeat");
        }
    }

    public Spread spread(ToDoubleFunction<RepeatMeasurement> figure) {
        return Spread.of(repeats.stream().mapToDouble(figure).toArray());
    }

    /** Warm-ups and counted repeats. */
    public int runs() {
        return warmups.size() + repeats.size();
    }

    /** The distinct trace hashes of all runs, in the order they first appeared; one if the runs were deterministic. */
    public List<String> distinctHashes() {
        return Stream.concat(warmups.stream(), repeats.stream()).map(RepeatMeasurement::traceHash).distinct()
                .toList();
    }

    public boolean deterministic() {
        return distinctHashes().size() == 1;
    }
}
