package io.distviz.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Every run of one Chord benchmark invocation. The figures ({@link #spread}) come from the counted repeats
 * only; determinism is judged over the warm-ups too, since they ran with the same seed.
 */
public record ChordBenchmarkResult(ChordWorkload workload, BenchmarkSettings settings, List<ChordRepeat> warmups,
                                   List<ChordRepeat> repeats) {

    public ChordBenchmarkResult {
        warmups = List.copyOf(warmups);
        repeats = List.copyOf(repeats);
        if (repeats.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one repeat");
        }
    }

    public Spread spread(ToDoubleFunction<ChordRepeat> figure) {
        return Spread.of(repeats.stream().mapToDouble(figure).toArray());
    }

    /** Warm-ups and counted repeats. */
    public int runs() {
        return warmups.size() + repeats.size();
    }

    /**
     * What must be equal on every run with the same seed, one entry per distinct outcome in the order they
     * first appeared: the steady state's fingerprint and event count, and when the ring became ideal.
     */
    public List<String> distinctOutcomes() {
        return Stream.concat(warmups.stream(), repeats.stream())
                .map(m -> m.fingerprint() + " (" + m.steadyEvents() + " events, ideal after " + m.idealAtMicros()
                        + " µs)")
                .distinct().toList();
    }

    public boolean deterministic() {
        return distinctOutcomes().size() == 1;
    }
}
