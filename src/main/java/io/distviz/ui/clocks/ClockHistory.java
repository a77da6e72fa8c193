package io.distviz.ui.clocks;

import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.ClockMessage;
import io.distviz.clocks.SoftwareClock;
import io.distviz.clocks.SyncAlgorithm;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Clocks page remembers of a run, read from the kernel's trace. Every change of a node's clock function
 * is in the trace ({@link ClockEvent.ClockSet} when it starts or is changed by hand, {@link ClockEvent.ClockAdjusted}
 * on each correction), and a clock function is a closed form of true time, so following them gives each node's
 * offset from true time at any moment exactly: the chart samples them on a fixed grid of true time (plus the
 * exact points just before and after each change), whatever the frame rate and however far the run jumped
 * between two frames. Nothing here is estimated: it is the engine's own clocks, evaluated.
 *
 * <p>It also groups the messages of each synchronization into {@link SyncRound}s for the exchange panel. The
 * trace is read from a cursor, so a rebuilt run (undo, reset, new settings) is followed by a new history.
 */
final class ClockHistory {
    /** How often the chart samples every clock, in true time. */
    static final long GRID_MICROS = 500_000;
    /** Correction markers kept (the oldest go first). */
    static final int MAX_MARKS = 20_000;
    /** Finished rounds kept for the exchange panel. */
    static final int MAX_ROUNDS = 64;

    /** One node's clock as the trace has shown it so far. */
    static final class Track {
        final NodeId id;
        final OffsetSeries series = new OffsetSeries();
        SoftwareClock clock;
        boolean up;
        boolean removed;
        boolean reference;
        long lieNanos;

        Track(NodeId id) {
            this.id = id;
        }

        double offsetNanos(long tMicros) {
            return clock.readingNanos(tMicros) - tMicros * 1000.0;
        }

        /** Whether it belongs on the chart: a running machine (a reference's clock is true time). */
        boolean charted() {
            return up && !removed && !reference && clock != null;
        }
    }

    /** A correction that landed: the clock's offset from true time just before and just after. */
    record SyncMark(NodeId node, long timeMicros, double beforeNanos, double afterNanos, SyncAlgorithm algorithm,
                    ClockEvent.Adjustment adjustment, long amountNanos) {
    }

    private final Simulation sim;
    private final Map<NodeId, Track> tracks = new LinkedHashMap<>();
    private final OffsetSeries lowest = new OffsetSeries();
    private final OffsetSeries highest = new OffsetSeries();
    private final List<SyncMark> marks = new ArrayList<>();
    private final Map<NodeId, SyncRound> openRounds = new LinkedHashMap<>();
    private final Deque<SyncRound> finished = new ArrayDeque<>();
    // Looked up by message id, never iterated.
    private final Map<Long, SyncRound.Leg> legByMessage = new HashMap<>();
    private SyncRound latest;
    private int cursor;
    private long nextGridMicros;

    ClockHistory(Simulation sim) {
        this.sim = sim;
    }

    Simulation simulation() {
        return sim;
    }

    /** Reads the events the trace gained since the last call and samples the grid up to now. */
    void update() {
        List<TraceEvent> events = sim.trace().events();
        if (events.size() < cursor) {
            throw new IllegalStateException("the trace was cut back; follow the new run with a new history");
        }
        for (; cursor < events.size(); cursor++) {
            TraceEvent e = events.get(cursor);
            sampleGridBefore(e.timeMicros());
            apply(e);
        }
        sampleGridUpTo(sim.nowMicros());
    }

    // ------------------------------------------------------------------------------------------ reading

    private void apply(TraceEvent e) {
        long t = e.timeMicros();
        if (e instanceof TraceEvent.NodeLifecycle l) {
            Track tr = track(l.node());
            switch (l.change()) {
                case ADDED -> tr.up = true;
                case RESTARTED -> tr.up = true;
                case CRASHED -> {
                    tr.series.addBreak(t);
                    tr.up = false;
                    tr.clock = null;
                }
                case REMOVED -> {
                    tr.series.addBreak(t);
                    tr.up = false;
                    tr.removed = true;
                    tr.clock = null;
                }
            }
        } else if (e instanceof TraceEvent.NodeStateChanged s) {
            Track tr = track(s.node());
            if (s.field().equals("role")) {
                tr.reference = s.value().equals("reference");
            } else if (s.field().equals("lie")) {
                tr.lieNanos = s.value().equals("honest") ? 0 : Long.parseLong(s.value().replace(" ns", ""));
            }
        } else if (e instanceof TraceEvent.ProtocolEvent p && p.detail() instanceof ClockEvent c) {
            clockEvent(t, p.node(), c);
        } else if (e instanceof TraceEvent.MessageSent s && s.message().payload() instanceof ClockMessage m) {
            sent(t, s.message(), m);
        } else if (e instanceof TraceEvent.MessageDelivered d) {
            SyncRound.Leg leg = legByMessage.get(d.message().id());
            if (leg != null) {
                leg.delivered(d.message(), t);
            }
        } else if (e instanceof TraceEvent.MessageDropped d) {
            SyncRound.Leg leg = legByMessage.get(d.message().id());
            if (leg != null) {
                leg.dropped(d.message(), t);
            }
        }
    }

    private void clockEvent(long t, NodeId node, ClockEvent c) {
        Track tr = track(node);
        if (c instanceof ClockEvent.ClockSet s) {
            changeClock(tr, t, s.clock());
        } else if (c instanceof ClockEvent.ClockAdjusted a) {
            double before = tr.clock == null ? Double.NaN : tr.offsetNanos(t);
            changeClock(tr, t, a.clockAfter());
            if (!tr.reference) {
                addMark(new SyncMark(node, t, before, tr.offsetNanos(t), a.algorithm(), a.adjustment(),
                        a.amountNanos()));
            }
            SyncRound r = openRounds.get(node);
            if (r != null) {
                r.adjusted(a);
            }
            // A Berkeley follower applies its master's adjustment: the round is the master's.
            SyncRound.Leg leg = lastAdjustLeg.remove(node);
            if (leg != null) {
                leg.applied(a);
            }
        } else if (c instanceof ClockEvent.SyncSample s) {
            SyncRound r = openRounds.get(node);
            if (r != null) {
                Track server = tracks.get(s.server());
                double truth = Double.NaN;
                if (server != null && server.clock != null && tr.clock != null) {
                    // What the estimate aimed at: the server's clock as served (its lie included) minus ours.
                    truth = server.clock.readingNanos(t) + server.lieNanos - tr.clock.readingNanos(t);
                }
                r.sample(s, truth);
            }
        } else if (c instanceof ClockEvent.SyncRejected s) {
            SyncRound r = openRounds.get(node);
            if (r != null) {
                r.rejected(s);
            }
        } else if (c instanceof ClockEvent.SelectionResult s) {
            SyncRound r = openRounds.get(node);
            if (r != null) {
                r.selection(s);
            }
        } else if (c instanceof ClockEvent.BerkeleyRound b) {
            SyncRound r = openRounds.get(node);
            if (r != null) {
                r.berkeley(b);
            }
        }
    }

    // A Berkeley adjustment message in flight or just delivered, by follower, until the follower applies it.
    private final Map<NodeId, SyncRound.Leg> lastAdjustLeg = new HashMap<>();

    private void sent(long t, Message msg, ClockMessage m) {
        NodeId from = msg.from();
        NodeId to = msg.to();
        if (m instanceof ClockMessage.CristianRequest || m instanceof ClockMessage.NtpRequest
                || m instanceof ClockMessage.BerkeleyPoll) {
            SyncAlgorithm alg = m instanceof ClockMessage.CristianRequest ? SyncAlgorithm.CRISTIAN
                    : m instanceof ClockMessage.NtpRequest ? SyncAlgorithm.NTP : SyncAlgorithm.BERKELEY;
            SyncRound r = openRounds.get(from);
            // One poll sends to every server at the same instant: that is one round.
            if (r == null || r.startMicros() != t || r.algorithm() != alg) {
                if (r != null) {
                    finish(r);
                }
                r = new SyncRound(alg, from, t);
                openRounds.put(from, r);
                latest = r;
            }
            legByMessage.put(msg.id(), r.request(to, msg));
        } else if (m instanceof ClockMessage.BerkeleyAdjust) {
            SyncRound r = openRounds.get(from);
            if (r != null) {
                SyncRound.Leg leg = r.adjustMessage(to, msg);
                if (leg != null) {
                    legByMessage.put(msg.id(), leg);
                    lastAdjustLeg.put(to, leg);
                }
            }
        } else {
            // A reply goes back to whoever asked: the leg of that node's open round with this server.
            SyncRound r = openRounds.get(to);
            if (r != null) {
                SyncRound.Leg leg = r.reply(from, msg);
                if (leg != null) {
                    legByMessage.put(msg.id(), leg);
                }
            }
        }
    }

    private void finish(SyncRound r) {
        finished.addLast(r);
        while (finished.size() > MAX_ROUNDS) {
            SyncRound old = finished.removeFirst();
            old.forEachMessageId(legByMessage::remove);
        }
    }

    private void changeClock(Track tr, long t, SoftwareClock next) {
        boolean had = tr.clock != null && tr.up && !tr.reference;
        if (had) {
            tr.series.add(t, tr.offsetNanos(t));
        }
        tr.clock = next;
        if (tr.up && !tr.reference) {
            tr.series.add(t, tr.offsetNanos(t));
        }
    }

    private void addMark(SyncMark m) {
        marks.add(m);
        if (marks.size() > MAX_MARKS) {
            marks.subList(0, MAX_MARKS / 4).clear();
        }
    }

    private Track track(NodeId id) {
        return tracks.computeIfAbsent(id, Track::new);
    }

    // ------------------------------------------------------------------------------------------ sampling

    private void sampleGridBefore(long tMicros) {
        while (nextGridMicros < tMicros) {
            sampleAt(nextGridMicros);
            nextGridMicros += GRID_MICROS;
        }
    }

    private void sampleGridUpTo(long tMicros) {
        while (nextGridMicros <= tMicros) {
            sampleAt(nextGridMicros);
            nextGridMicros += GRID_MICROS;
        }
    }

    private void sampleAt(long t) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (Track tr : tracks.values()) {
            if (tr.charted()) {
                double o = tr.offsetNanos(t);
                tr.series.add(t, o);
                lo = Math.min(lo, o);
                hi = Math.max(hi, o);
                n++;
            }
        }
        if (n >= 2) {
            lowest.add(t, lo);
            highest.add(t, hi);
        } else {
            lowest.addBreak(t);
            highest.addBreak(t);
        }
    }

    // ------------------------------------------------------------------------------------------ views

    /** Every node the trace has shown, in the order they appeared. */
    List<Track> tracks() {
        return List.copyOf(tracks.values());
    }

    Track track(String name) {
        return tracks.get(NodeId.of(name));
    }

    /** The lowest running machine's offset on the grid: with {@link #highest()}, the band whose height is the skew. */
    OffsetSeries lowest() {
        return lowest;
    }

    OffsetSeries highest() {
        return highest;
    }

    List<SyncMark> marks() {
        return Collections.unmodifiableList(marks);
    }

    /** The newest round, open or finished, or null. */
    SyncRound latestRound() {
        return latest;
    }

    /** The newest round that {@code node} started or took part in, or null. */
    SyncRound latestRoundOf(NodeId node) {
        SyncRound open = openRounds.get(node);
        if (open != null) {
            return open;
        }
        SyncRound best = null;
        for (SyncRound r : openRounds.values()) {
            if (r.involves(node) && (best == null || r.startMicros() > best.startMicros())) {
                best = r;
            }
        }
        if (best != null) {
            return best;
        }
        for (var it = finished.descendingIterator(); it.hasNext(); ) {
            SyncRound r = it.next();
            if (r.involves(node)) {
                return r;
            }
        }
        return null;
    }
}
