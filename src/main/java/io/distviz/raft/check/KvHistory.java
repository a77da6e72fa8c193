package io.distviz.raft.check;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client history of the key-value store: every operation any client invoked, in the order they were
 * recorded. The order carries no meaning for the checker (the times do); it only fixes the order in which
 * ties are broken, so the same history always gives the same answer and the same explanation.
 *
 * <p>Build one from finished operations ({@link Builder#add}, {@link Builder#put}...) or record it as the run
 * goes: {@link Builder#invoke} when a client sends a request, {@link Builder#respond} when the answer
 * arrives; whatever has no answer at {@link Builder#build} stays pending.
 *
 * @param operations the operations, in recording order
 */
public record KvHistory(List<KvOperation> operations) implements Serializable {
    private static final long serialVersionUID = 1L;

    public KvHistory {
        Objects.requireNonNull(operations, "operations");
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) == null) {
                throw new IllegalArgumentException("operation " + i + " of the history is null");
            }
        }
        operations = List.copyOf(operations);
    }

    public static KvHistory of(List<KvOperation> operations) {
        return new KvHistory(operations);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return operations.size();
    }

    /** Collects operations; not thread-safe, like everything in an engine. */
    public static final class Builder {
        private final List<KvOperation> operations = new ArrayList<>();

        private Builder() {
        }

        /** Adds a finished or pending operation; it is validated when it is made. */
        public Builder add(KvOperation operation) {
            operations.add(Objects.requireNonNull(operation, "operation"));
            return this;
        }

        public Builder put(long clientId, String key, String value, long invokeMicros, long responseMicros) {
            return add(KvOperation.put(clientId, key, value, invokeMicros, responseMicros));
        }

        public Builder get(long clientId, String key, String observed, long invokeMicros, long responseMicros) {
            return add(KvOperation.get(clientId, key, observed, invokeMicros, responseMicros));
        }

        public Builder delete(long clientId, String key, long invokeMicros, long responseMicros) {
            return add(KvOperation.delete(clientId, key, invokeMicros, responseMicros));
        }

        public Builder cas(long clientId, String key, String expected, String newValue, boolean succeeded,
                           long invokeMicros, long responseMicros) {
            return add(KvOperation.cas(clientId, key, expected, newValue, succeeded, invokeMicros, responseMicros));
        }

        public Builder pendingPut(long clientId, String key, String value, long invokeMicros) {
            return add(KvOperation.pendingPut(clientId, key, value, invokeMicros));
        }

        public Builder pendingDelete(long clientId, String key, long invokeMicros) {
            return add(KvOperation.pendingDelete(clientId, key, invokeMicros));
        }

        public Builder pendingCas(long clientId, String key, String expected, String newValue, long invokeMicros) {
            return add(KvOperation.pendingCas(clientId, key, expected, newValue, invokeMicros));
        }

        /**
         * Records a request as the client sends it (for example {@code KvOperation.pendingPut(...)}) and
         * returns its handle for {@link #respond}.
         */
        public int invoke(KvOperation request) {
            if (!request.pending()) {
                throw new IllegalArgumentException("an invocation has no response yet: " + request);
            }
            add(request);
            return operations.size() - 1;
        }

        /**
         * Records the answer to the request with this handle: the value read by a get, true or false for a
         * cas, null for put and delete.
         *
         * @throws IllegalArgumentException if the answer comes before the request or does not fit its kind
         * @throws IllegalStateException    if the request already has an answer
         */
        public Builder respond(int handle, Serializable output, long responseMicros) {
            Objects.checkIndex(handle, operations.size());
            operations.set(handle, operations.get(handle).completedWith(output, responseMicros));
            return this;
        }

        public int size() {
            return operations.size();
        }

        public KvHistory build() {
            return new KvHistory(operations);
        }
    }
}
