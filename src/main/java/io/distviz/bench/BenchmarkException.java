package io.distviz.bench;

/** A benchmark could not produce a trustworthy figure (the run stopped early, a restore went wrong). */
public final class BenchmarkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchmarkException(String message) {
        super(message);
    }
}
