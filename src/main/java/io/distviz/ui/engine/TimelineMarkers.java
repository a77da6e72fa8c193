package io.distviz.ui.engine;

import io.distviz.chord.ChordEvent;
import io.distviz.chord.Purpose;
import io.distviz.clocks.ClockEvent;
import io.distviz.raft.RaftEvent;
import io.distviz.sim.TraceEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The moments worth a mark on a page's timeline, read from the trace: what the person did, and what a
 * teacher would point at (a leader elected, a request committed, a node joining or crashing, keys changing
 * hands, a clock synchronized). Kept up to date incrementally as the timeline grows; read again from the
 * start when the timeline forks.
 */
public final class TimelineMarkers {
    /** What a mark stands for; each kind has its own row and colour on the timeline. */
    public enum Kind {
        ACTION("your actions"),
        LEADER("leaders elected"),
        COMMIT("requests committed"),
        MEMBERSHIP("joins, leaves, crashes"),
        KEYS("keys moved"),
        SYNC("clocks synchronized");

        private final String legend;

        Kind(String legend) {
            this.legend = legend;
        }

        public String legend() {
            return legend;
        }
    }

    public record Marker(long timeMicros, int eventIndex, Kind kind, String label) {
    }

    private final List<Marker> markers = new ArrayList<>();
    private int scanned;
    private long version = Long.MIN_VALUE;

    /**
     * Brings the marks up to date with {@code timeline}. {@code timelineVersion} changes when the timeline was
     * cut or replaced (a fork, an undo, a new run): then every mark is found again.
     */
    public void update(List<TraceEvent> timeline, long timelineVersion) {
        if (timelineVersion != version || timeline.size() < scanned) {
            markers.clear();
            scanned = 0;
            version = timelineVersion;
        }
        for (int i = scanned; i < timeline.size(); i++) {
            Marker m = classify(i, timeline.get(i));
            if (m != null) {
                markers.add(m);
            }
        }
        scanned = timeline.size();
    }

    /** The marks, in time order. */
    public List<Marker> markers() {
        return Collections.unmodifiableList(markers);
    }

    /** The first mark after {@code timeMicros}, or null. */
    public Marker next(long timeMicros) {
        int i = firstAtOrAfter(markers, timeMicros + 1);
        return i < markers.size() ? markers.get(i) : null;
    }

    /** The last mark before {@code timeMicros}, or null. */
    public Marker previous(long timeMicros) {
        int i = firstAtOrAfter(markers, timeMicros);
        return i > 0 ? markers.get(i - 1) : null;
    }

    /** The index of the first of {@code marks} (in time order) at or after {@code timeMicros}. */
    static int firstAtOrAfter(List<Marker> marks, long timeMicros) {
        int lo = 0;
        int hi = marks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (marks.get(mid).timeMicros() < timeMicros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String nanos(long ns) {
        double abs = Math.abs((double) ns);
        if (abs >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.3f ms", ns / 1e6);
        }
        if (abs >= 1e3) {
            return String.format(java.util.Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        return ns + " ns";
    }

    /** The mark an event makes, or null for the many that make none. */
    static Marker classify(int index, TraceEvent e) {
        long t = e.timeMicros();
        if (e instanceof TraceEvent.UserActionPerformed u) {
            return new Marker(t, index, Kind.ACTION, u.action().describe());
        }
        if (e instanceof TraceEvent.NodeLifecycle l) {
            return new Marker(t, index, Kind.MEMBERSHIP, l.node().name() + " " + l.change().name().toLowerCase(
                    java.util.Locale.ROOT));
        }
        if (!(e instanceof TraceEvent.ProtocolEvent p)) {
            return null;
        }
        String node = p.node().name();
        Object d = p.detail();
        if (d instanceof RaftEvent.BecameLeader b) {
            return new Marker(t, index, Kind.LEADER, node + " leader of term " + b.term());
        }
        if (d instanceof RaftEvent.ClientCompleted c) {
            return new Marker(t, index, Kind.COMMIT, node + ": " + c.command() + " → " + c.result());
        }
        if (d instanceof RaftEvent.ConfigurationChanged c && c.servers() != null) {
            return null; // every server reports it; the lifecycle and the leader's entry say enough
        }
        if (d instanceof ChordEvent.Joined j) {
            return new Marker(t, index, Kind.MEMBERSHIP, j.node() + " joined");
        }
        if (d instanceof ChordEvent.Left l) {
            return new Marker(t, index, Kind.MEMBERSHIP, l.node() + " left, " + l.keysHandedOver() + " keys handed over");
        }
        if (d instanceof ChordEvent.KeyMoved k) {
            return new Marker(t, index, Kind.KEYS, k.key() + ": " + k.from() + " → " + k.to() + " (" + k.reason() + ")");
        }
        if (d instanceof ChordEvent.LookupDone l && l.key() != null && l.purpose() != Purpose.JOIN
                && l.purpose() != Purpose.FIX_FINGER) {
            return new Marker(t, index, Kind.COMMIT, "lookup of " + l.key() + " done at " + l.result());
        }
        if (d instanceof ClockEvent.ClockAdjusted a) {
            return new Marker(t, index, Kind.SYNC, node + " " + a.adjustment().name().toLowerCase(java.util.Locale.ROOT)
                    + " by " + nanos(a.amountNanos()) + " (" + a.algorithm() + ")");
        }
        if (d instanceof ClockEvent.BerkeleyRound r) {
            return new Marker(t, index, Kind.SYNC, node + ": Berkeley round " + r.round());
        }
        return null;
    }
}
