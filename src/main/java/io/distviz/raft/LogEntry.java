package io.distviz.raft;

import java.io.Serializable;
import java.util.Objects;

/** One entry of a Raft log: its index, the term in which a leader created it, and what it carries. */
public record LogEntry(long index, long term, Operation operation) implements Serializable {
    public LogEntry {
        Objects.requireNonNull(operation, "operation");
    }

    @Override
    public String toString() {
        return index + "@" + term + " " + operation;
    }
}
