package io.distviz.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
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
    private final List<TraceEvent> events = new ArrayList<>();
    private final List<TraceListener> listeners = new CopyOnWriteArrayList<>();

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
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.MessageDelivered || e instanceof TraceEvent.MessageDropped
                    || e instanceof TraceEvent.TimerFired) {
                processed++;
            } else if (e instanceof TraceEvent.UserActionPerformed u) {
                actions.add(new LoggedAction(u.timeMicros(), processed, u.action()));
            }
        }
        long end = events.isEmpty() ? 0 : events.get(events.size() - 1).timeMicros();
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
            events.add(event);
        }
        for (TraceListener l : listeners) {
            l.onEvent(event);
        }
    }

    void truncate(int size) {
        if (size < events.size()) {
            events.subList(size, events.size()).clear();
            for (TraceListener l : listeners) {
                l.onTruncated(size);
            }
        }
    }

    public int size() {
        return events.size();
    }

    public TraceEvent get(int index) {
        return events.get(index);
    }

    /** A read-only view of the events (it changes as the simulation runs; copy it to keep it). */
    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public void addListener(TraceListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TraceListener listener) {
        listeners.remove(listener);
    }

    /** SHA-256 over the canonical lines of the events: equal runs have equal hashes. */
    public String hash() {
        return hashOf(events);
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
