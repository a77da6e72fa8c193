package io.distviz.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A file that cannot be used, with every problem found in it (not just the first). */
public final class ScenarioException extends Exception {
    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public static ScenarioException of(String file, String path, String message) {
        return new ScenarioException(List.of(new Problem(file, path, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
