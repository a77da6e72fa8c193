package io.distviz.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The ordered record of everything that happened in a simulation. Append-only, except for time travel. */
public final class Trace {
    private final List<TraceEvent> events = new ArrayList<>();
    private final List<TraceListener> listeners = new CopyOnWriteArrayList<>();

    void append(TraceEvent event) {
        events.add(event);
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
