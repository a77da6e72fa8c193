package io.distviz.scenario;

/** Whether a condition holds, and what the engine showed: {@code the leader is s3 (term 4)}. */
public record Verdict(boolean holds, String detail) {
    public static Verdict of(boolean holds, String detail) {
        return new Verdict(holds, detail);
    }
}
