package io.distviz.scenario;

import java.util.Objects;

/**
 * One entry of a scenario's timeline: when it happens and what it does.
 *
 * @param path   where it is in the file ({@code $.timeline[3]}), so results and errors can point at it
 * @param timing at an absolute virtual time, or after the previous step
 */
public record Step(String path, Timing timing, Instruction instruction) {
    public Step {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(instruction, "instruction");
    }

    /** {@code at} an absolute time, or {@code after} a delay from when the previous step finished. */
    public record Timing(boolean absolute, long micros) {
        public static final Timing NOW = new Timing(false, 0);

        public Timing {
            if (micros < 0) {
                throw new IllegalArgumentException("a time must not be negative");
            }
        }

        public static Timing at(long micros) {
            return new Timing(true, micros);
        }

        public static Timing after(long micros) {
            return new Timing(false, micros);
        }
    }

    /** What a step does. */
    public sealed interface Instruction permits Perform, WaitFor, WaitUntil, Expect {
    }

    /** Acts on the engine: the only kind of step a trace records for replay. */
    public record Perform(ScenarioAction action) implements Instruction {
    }

    /** Lets virtual time run. */
    public record WaitFor(long micros) implements Instruction {
    }

    /** Lets time run until the condition holds; not holding by the timeout is a failure. */
    public record WaitUntil(Condition condition, long timeoutMicros) implements Instruction {
    }

    /** Checks a condition now and reports whether it holds. */
    public record Expect(Condition condition) implements Instruction {
    }
}
