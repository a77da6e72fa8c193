package io.distviz.ui.timeline;

import io.distviz.sim.TraceEvent;
import java.util.List;

/**
 * How far a view has read the session's events, and whether the list it is given now still begins with them.
 * Pages may hand over a fresh unmodifiable wrapper every frame, so list identity says nothing; a fork (the
 * trace cut back and run again) or a rebuilt run (undo, reset) shows instead as a shorter list or as a
 * different event object at the last index read. Both are O(1) checks, so a frame with nothing new is free.
 */
final class TraceCursor {
    private int seen;
    private TraceEvent lastSeen;

    /** Whether {@code events} no longer starts with the events read so far: everything built from them is stale. */
    boolean diverged(List<? extends TraceEvent> events) {
        return events.size() < seen || (seen > 0 && events.get(seen - 1) != lastSeen);
    }

    /** How many events have been read. */
    int seen() {
        return seen;
    }

    /** Marks every event of {@code events} as read. */
    void caughtUp(List<? extends TraceEvent> events) {
        seen = events.size();
        lastSeen = seen == 0 ? null : events.get(seen - 1);
    }

    void reset() {
        seen = 0;
        lastSeen = null;
    }
}
