package io.distviz.export;

import com.google.gson.stream.JsonWriter;
import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.SoftwareClock;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A trace in the Chrome Trace Event Format (JSON object form) for Perfetto (ui.perfetto.dev) and chrome://tracing.
 * {@code ts} is virtual time in microseconds, the format's own unit. One process holds these threads (tracks):
 * <ul>
 * <li>tid 1, "user actions": what a person or scenario did, and notes and facts that belong to no node;</li>
 * <li>tid {@code 2 + 2k} for the k-th node to appear, named after it: a 1 µs step slice for each microsecond in
 * which it sent or received messages ("receive RequestVote, send RequestVoteReply", their texts in its args), and
 * instants for protocol events, timer fires, drops, lifecycle changes and state that is neither role nor number;</li>
 * <li>tid {@code 3 + 2k}, "node · status and role": "up" or "crashed" for each stretch of its life, and inside
 * each "up" one slice per role ("role: LEADER") until the next change, a crash, a removal or the last event.</li>
 * </ul>
 * Slices on one thread must nest or Perfetto drops them. Status and role have their own thread because a node
 * may send at the very microsecond it crashes, and that step would stick out of its "up" slice.
 *
 * <p>A delivered message gets a flow arrow: {@code s} at the send, {@code f} with {@code bp:"e"} at the delivery.
 * Perfetto binds a flow event to the innermost slice open on its thread, and at equal timestamps imports every X
 * slice before any other event; with a slice per message, all arrows of a microsecond would land on its last
 * slice (a node typically receives a request and sends the reply in the same microsecond). Hence one step slice
 * per node and microsecond, and flow events written before instants, which are zero-length slices that would
 * catch them. A lost message gets no arrow, only a drop instant on the receiver's thread (where the kernel puts
 * it). Numeric state becomes counters "node field" (counters belong to the process, so the node is in the name);
 * a clock node's offset from true time, from the clock function its events carry, is "node
 * offsetFromTrueTimeNanos". The same events give the same bytes.
 */
public final class ChromeTraceExport {
    static final int PID = 1;
    static final int USER_TID = 1;
    /** The state field whose values are drawn as slices rather than instants. */
    static final String ROLE_FIELD = "role";
    /** A step lasts its microsecond, so it encloses the flow events at that microsecond and no later ones. */
    static final long STEP_MICROS = 1;
    static final String OFFSET_COUNTER = "offsetFromTrueTimeNanos";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    public static void write(List<? extends TraceEvent> events, Appendable out) throws IOException {
        new ChromeTraceExport(events, out).export();
    }

    /**
     * What one node did with messages in one microsecond: the slice its arrows bind to. {@code labels} counts
     * "send AppendEntries" and the like in order of first occurrence.
     */
    private record Step(int tid, Map<String, Integer> labels, List<String> sent, List<String> received) {
        String name() {
            List<String> parts = new ArrayList<>();
            labels.forEach((label, n) -> parts.add(n > 1 ? label + " ×" + n : label));
            return String.join(", ", parts);
        }
    }

    /** An event written once the microsecond it belongs to is complete. */
    private interface Deferred {
        void write() throws IOException;
    }

    /** A node's two threads, and its open status and role slices (null when none), written when they close. */
    private static final class Track {
        final NodeId node;
        final int eventsTid;
        final int statusTid;
        boolean lifecycleSeen;
        String status;
        long statusSinceMicros;
        String role;
        long roleSinceMicros;

        Track(NodeId node, int index) {
            this.node = node;
            this.eventsTid = 2 + 2 * index;
            this.statusTid = 3 + 2 * index;
        }
    }

    private final List<? extends TraceEvent> events;
    private final Appendable out;
    private final Writer writer;
    private final Map<NodeId, Track> tracks = new LinkedHashMap<>();
    /** Copies whose send and delivery are both in the trace; only these get an arrow. */
    private final Set<String> delivered = new HashSet<>();
    private final Map<String, Long> flowIds = new HashMap<>();
    /** The clock function each clock node last reported, to compute its offset at each of its events. */
    private final Map<NodeId, SoftwareClock> clocks = new HashMap<>();
    /** The microsecond being gathered: its steps (by tid), then its flow events, then everything else. */
    private long bufferedMicros = Long.MIN_VALUE;
    private final Map<Integer, Step> steps = new LinkedHashMap<>();
    private final List<Deferred> flows = new ArrayList<>();
    private final List<Deferred> marks = new ArrayList<>();
    private long nextFlowId = 1;
    private int written;

    private ChromeTraceExport(List<? extends TraceEvent> events, Appendable out) {
        this.events = events;
        this.out = out;
        this.writer = new AppendableWriter(out);
    }

    private void export() throws IOException {
        long endMicros = 0;
        Set<String> sent = new HashSet<>();
        for (TraceEvent e : events) {
            endMicros = Math.max(endMicros, e.timeMicros());
            if (e.node() != null && !tracks.containsKey(e.node())) {
                tracks.put(e.node(), new Track(e.node(), tracks.size()));
            }
            if (e instanceof TraceEvent.MessageSent s) {
                sent.add(key(s.message()));
            } else if (e instanceof TraceEvent.MessageDelivered d && sent.contains(key(d.message()))) {
                delivered.add(key(d.message()));
            }
        }
        out.append("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
        metadata("process_name", USER_TID, "name", "DistViz simulation");
        thread(USER_TID, "user actions");
        for (Track t : tracks.values()) {
            thread(t.eventsTid, t.node.name());
            thread(t.statusTid, t.node.name() + " · status and role");
        }
        for (TraceEvent e : events) {
            if (e.timeMicros() != bufferedMicros) {
                flush();
                bufferedMicros = e.timeMicros();
            }
            convert(e);
        }
        flush();
        for (Track t : tracks.values()) {
            closeStatus(t, endMicros);
        }
        out.append("\n],\n\"otherData\":");
        JsonWriter w = new JsonWriter(writer);
        w.beginObject().name("exporter").value("DistViz ChromeTraceExport")
                .name("time").value("virtual time; ts in microseconds")
                .name("traceEvents").value(events.size()).endObject();
        out.append("}\n");
    }

    private void convert(TraceEvent e) throws IOException {
        long t = e.timeMicros();
        Track track = e.node() == null ? null : tracks.get(e.node());
        int tid = track == null ? USER_TID : track.eventsTid;
        if (track != null && !track.lifecycleSeen && !(e instanceof TraceEvent.NodeLifecycle)
                && !(e instanceof TraceEvent.MessageDropped)) {
            // The trace began after this node was added: it is acting, so it is up.
            track.lifecycleSeen = true;
            openStatus(track, "up", t);
        }
        if (e instanceof TraceEvent.MessageSent s) {
            Message m = s.message();
            step(tid, "send " + m.kind()).sent().add(m.describe());
            if (delivered.contains(key(m))) {
                long flowId = nextFlowId++;
                flowIds.put(key(m), flowId);
                flows.add(() -> flow("s", m, t, tid, flowId));
            }
        } else if (e instanceof TraceEvent.MessageDelivered d) {
            Message m = d.message();
            step(tid, "receive " + m.kind()).received().add(m.describe());
            Long flowId = flowIds.remove(key(m));
            if (flowId != null) {
                flows.add(() -> flow("f", m, t, tid, flowId));
            }
        } else if (e instanceof TraceEvent.MessageDropped d) {
            Message m = d.message();
            marks.add(() -> instant("drop (" + d.reason() + ")", "drop", t, tid, "message", m.describe(),
                    "messageId", m.id(), "copy", m.copy()));
        } else if (e instanceof TraceEvent.TimerFired f) {
            marks.add(() -> instant("timer " + f.timer().tag(), "timer", t, tid, "timer", f.timer().describe()));
        } else if (e instanceof TraceEvent.NodeStateChanged c) {
            stateChanged(c, track, tid);
        } else if (e instanceof TraceEvent.NodeLifecycle l) {
            lifecycle(l, track);
        } else if (e instanceof TraceEvent.UserActionPerformed u) {
            String text = u.action().describe();
            marks.add(() -> instant(text, "user", t, USER_TID, "action", text));
        } else if (e instanceof TraceEvent.Annotation a) {
            marks.add(() -> instant(a.text(), "note", t, tid, "text", a.text()));
        } else if (e instanceof TraceEvent.ProtocolEvent p) {
            marks.add(() -> instant(p.detail().kind(), "event", t, tid, "detail", String.valueOf(p.detail())));
            if (track != null) {
                clockOffset(p, track);
            }
        }
        // Timers set and cancelled are left out: every heartbeat would add two marks that say little.
    }

    private Step step(int tid, String label) {
        Step step = steps.computeIfAbsent(tid, k -> new Step(k, new LinkedHashMap<>(), new ArrayList<>(),
                new ArrayList<>()));
        step.labels().merge(label, 1, Integer::sum);
        return step;
    }

    /** Writes the gathered microsecond: steps first (as Perfetto imports them), then arrows, then marks. */
    private void flush() throws IOException {
        for (Step s : steps.values()) {
            end(begin("X", s.name(), "message", bufferedMicros, s.tid()).name("dur").value(STEP_MICROS),
                    "sent", s.sent(), "received", s.received());
        }
        for (Deferred d : flows) {
            d.write();
        }
        for (Deferred d : marks) {
            d.write();
        }
        steps.clear();
        flows.clear();
        marks.clear();
    }

    private void stateChanged(TraceEvent.NodeStateChanged c, Track track, int tid) throws IOException {
        long t = c.timeMicros();
        if (c.field().equals(ROLE_FIELD) && track != null) {
            closeRole(track, t);
            track.role = ROLE_FIELD + ": " + c.value();
            track.roleSinceMicros = t;
        } else if (NUMBER.matcher(c.value()).matches()) {
            BigDecimal value = new BigDecimal(c.value());
            marks.add(() -> counter(c.node() + " " + c.field(), t, tid, value));
        } else {
            marks.add(() -> instant(c.field() + " = " + c.value(), "state", t, tid, c.field(), c.value()));
        }
    }

    private void lifecycle(TraceEvent.NodeLifecycle l, Track track) throws IOException {
        long t = l.timeMicros();
        track.lifecycleSeen = true;
        marks.add(() -> instant(l.kind(), "lifecycle", t, track.eventsTid, "node", track.node.name()));
        closeStatus(track, t);
        if (l.change() != TraceEvent.NodeLifecycle.Change.REMOVED) {
            openStatus(track, l.change() == TraceEvent.NodeLifecycle.Change.CRASHED ? "crashed" : "up", t);
        }
    }

    /**
     * A clock node's offset from true time at each of its clock events, from the latest clock function it
     * reported (ClockSet and ClockAdjusted carry the whole function): its sawtooth shows drift and correction.
     */
    private void clockOffset(TraceEvent.ProtocolEvent p, Track track) {
        if (!(p.detail() instanceof ClockEvent ce)) {
            return;
        }
        SoftwareClock clock = ce instanceof ClockEvent.ClockSet s ? s.clock()
                : ce instanceof ClockEvent.ClockAdjusted a ? a.clockAfter() : clocks.get(track.node);
        if (clock == null) {
            return;
        }
        clocks.put(track.node, clock);
        long t = p.timeMicros();
        long offsetNanos = Math.round(clock.readingNanos(t) - t * 1000.0);
        marks.add(() -> counter(track.node + " " + OFFSET_COUNTER, t, track.eventsTid, offsetNanos));
    }

    private static void openStatus(Track track, String status, long t) {
        track.status = status;
        track.statusSinceMicros = t;
    }

    /**
     * Closes the status slice and the role inside it, the status first: at equal start and length Perfetto keeps
     * file order, and the enclosing slice must come first to be drawn as the parent.
     */
    private void closeStatus(Track track, long t) throws IOException {
        if (track.status != null) {
            slice(track.status, "status", track.statusSinceMicros, t, track.statusTid);
            track.status = null;
        }
        closeRole(track, t);
    }

    private void closeRole(Track track, long t) throws IOException {
        if (track.role != null) {
            slice(track.role, ROLE_FIELD, track.roleSinceMicros, t, track.statusTid);
            track.role = null;
        }
    }

    private void slice(String name, String cat, long startMicros, long endMicros, int tid) throws IOException {
        end(begin("X", name, cat, startMicros, tid).name("dur").value(endMicros - startMicros));
    }

    /** A message copy: a duplicate keeps the id and has its own copy number. */
    private static String key(Message m) {
        return m.id() + "/" + m.copy();
    }

    /** Same name, category and id at both ends: that is how a viewer pairs them. */
    private void flow(String ph, Message m, long t, int tid, long flowId) throws IOException {
        JsonWriter w = begin(ph, m.kind(), "message", t, tid);
        w.name("id").value(flowId);
        if (ph.equals("f")) {
            w.name("bp").value("e");
        }
        end(w, "messageId", m.id(), "copy", m.copy());
    }

    private void instant(String name, String cat, long t, int tid, Object... args) throws IOException {
        end(begin("i", name, cat, t, tid).name("s").value("t"), args);
    }

    private void counter(String name, long t, int tid, Number value) throws IOException {
        end(begin("C", name, "counter", t, tid), "value", value);
    }

    private void thread(int tid, String name) throws IOException {
        metadata("thread_name", tid, "name", name);
        metadata("thread_sort_index", tid, "sort_index", tid);
    }

    private void metadata(String name, int tid, String key, Object value) throws IOException {
        end(begin("M", name, null, 0, tid), key, value);
    }

    /** One event per line, so a diff of two exports reads event by event. */
    private JsonWriter begin(String ph, String name, String cat, long t, int tid) throws IOException {
        if (written++ > 0) {
            out.append(",\n");
        }
        JsonWriter w = new JsonWriter(writer);
        w.beginObject().name("ph").value(ph).name("name").value(name);
        if (cat != null) {
            w.name("cat").value(cat);
        }
        return w.name("ts").value(t).name("pid").value(PID).name("tid").value(tid);
    }

    /** Writes {@code args} (key, value, ...; a value is a string, a number or a list) and closes the event. */
    private static void end(JsonWriter w, Object... args) throws IOException {
        if (args.length > 0) {
            w.name("args").beginObject();
            for (int i = 0; i < args.length; i += 2) {
                Object value = args[i + 1];
                if (value instanceof Number n) {
                    w.name((String) args[i]).value(n);
                } else if (value instanceof List<?> list && !list.isEmpty()) {
                    w.name((String) args[i]).beginArray();
                    for (Object x : list) {
                        w.value(String.valueOf(x));
                    }
                    w.endArray();
                } else if (!(value instanceof List<?>)) {
                    w.name((String) args[i]).value(String.valueOf(value));
                }
            }
            w.endObject();
        }
        w.endObject();
    }

    /** Lets Gson's JsonWriter, which escapes strings, write straight onto any Appendable. */
    private static final class AppendableWriter extends Writer {
        private final Appendable out;

        AppendableWriter(Appendable out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            out.append(new String(chars, offset, length));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
