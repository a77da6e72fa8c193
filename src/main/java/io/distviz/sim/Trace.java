package io.distviz.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ordered record of everything that happened in a simulation. Append-only, except for time travel.
 *
 * <p>It is enough to reproduce the run: it knows the configuration (with the seed), every user action is in
 * it with its time, and its position between events is the number of processed events before it, because
 * each processed event leaves exactly one delivery, drop or timer-fired event. See {@link #recording()}.
 */
public final class Trace {
    private final SimConfig config;
    /**
     * The events of the whole timeline: the first {@link #size} have happened; the rest are a recorded future
     * the simulation went back before ({@link Simulation#restoreCheckpoint}) and will replay, event for event.
     */
    private final List<TraceEvent> events = new ArrayList<>();
    private int size;
    private final List<TraceListener> listeners = new CopyOnWriteArrayList<>();
    /** What happened so far, as a live view that survives appends (a subList would not). */
    private final List<TraceEvent> happened = new Window(false);
    private final List<TraceEvent> timeline = new Window(true);

    private final class Window extends AbstractList<TraceEvent> implements RandomAccess {
        private final boolean whole;

        Window(boolean whole) {
            this.whole = whole;
        }

        @Override
        public TraceEvent get(int index) {
            Objects.checkIndex(index, size());
            return events.get(index);
        }

        @Override
        public int size() {
            return whole ? events.size() : size;
        }
    }

    Trace(SimConfig config) {
        this.config = config;
    }

    /** The configuration, seed included, of the run this trace records. */
    public SimConfig config() {
        return config;
    }

    /** What reproduces the run up to the last event of this trace. */
    public Recording recording() {
        List<LoggedAction> actions = new ArrayList<>();
        long processed = 0;
        for (TraceEvent e : happened) {
            if (e instanceof TraceEvent.MessageDelivered || e instanceof TraceEvent.MessageDropped
                    || e instanceof TraceEvent.TimerFired) {
                processed++;
            } else if (e instanceof TraceEvent.UserActionPerformed u) {
                actions.add(new LoggedAction(u.timeMicros(), processed, u.action()));
            }
        }
        long end = size == 0 ? 0 : events.get(size - 1).timeMicros();
        return new Recording(config, actions, end);
    }

    /**
     * Whether anyone wants events: the kernel skips building them otherwise, which matters in experiments
     * over millions of messages.
     */
    boolean active() {
        return config.retainTrace() || !listeners.isEmpty();
    }

    void append(TraceEvent event) {
        if (config.retainTrace()) {
            if (size < events.size()) {
                events.set(size, event); // the recorded future happening again: the same event
            } else {
                events.add(event);
            }
            size++;
        }
        for (TraceListener l : listeners) {
            l.onEvent(event);
        }
    }

    /** Cuts the trace back to its first {@code newSize} events, the recorded future with them. */
    void truncate(int newSize) {
        if (newSize < events.size()) {
            events.subList(newSize, events.size()).clear();
        }
        if (newSize < size) {
            size = newSize;
            for (TraceListener l : listeners) {
                l.onTruncated(newSize);
            }
        }
    }

    /**
     * Moves to the point where {@code newSize} events had happened, keeping the later ones as the recorded
     * future (a checkpoint restored, back or ahead). Listeners are told, as for a cut.
     */
    void moveTo(int newSize) {
        if (newSize > events.size()) {
            throw new IllegalStateException("the trace holds " + events.size() + " events, not " + newSize);
        }
        size = newSize;
        for (TraceListener l : listeners) {
            l.onTruncated(newSize);
        }
    }

    /** Takes away the recorded future (a different one begins) and returns it. */
    List<TraceEvent> dropFuture() {
        List<TraceEvent> tail = new ArrayList<>(events.subList(size, events.size()));
        events.subList(size, events.size()).clear();
        return tail;
    }

    /** Puts back a future taken by {@link #dropFuture()}, when the trace is again at the point it was taken. */
    void restoreFuture(List<TraceEvent> tail) {
        dropFuture();
        events.addAll(tail);
    }

    /** How many events have happened. */
    public int size() {
        return size;
    }

    public TraceEvent get(int index) {
        return happened.get(index);
    }

    /** A read-only live view of the events that have happened (it grows as the simulation runs). */
    public List<TraceEvent> events() {
        return happened;
    }

    /**
     * A read-only live view of the whole timeline: the events that have happened, then the recorded future the
     * simulation was moved back from, which it will replay event for event unless someone acts differently.
     */
    public List<TraceEvent> timeline() {
        return timeline;
    }

    public void addListener(TraceListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TraceListener listener) {
        listeners.remove(listener);
    }

    /**
     * The index of the first of {@code events}' first {@code size} events at or after {@code timeMicros}
     * ({@code size} when there is none): a binary search, since a trace is in time order.
     */
    public static int firstAtOrAfter(List<? extends TraceEvent> events, int size, long timeMicros) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).timeMicros() < timeMicros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** SHA-256 over the canonical lines of the events: equal runs have equal hashes. */
    public String hash() {
        return hashOf(happened);
    }

    public static String hashOf(List<? extends TraceEvent> events) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (TraceEvent e : events) {
            digest.update(e.describe().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
