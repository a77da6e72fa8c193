package io.distviz.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.distviz.clocks.ClockConfig;
import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.ClockKind;
import io.distviz.clocks.ClockNetwork;
import io.distviz.clocks.SyncRole;
import io.distviz.raft.KvCommand;
import io.distviz.raft.RaftCluster;
import io.distviz.raft.RaftConfig;
import io.distviz.sim.LinkProfile;
import io.distviz.sim.Message;
import io.distviz.sim.Micros;
import io.distviz.sim.NodeId;
import io.distviz.sim.SimConfig;
import io.distviz.sim.SimControl;
import io.distviz.sim.TraceEvent;
import io.distviz.sim.UserAction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChromeTraceExportTest {

    /**
     * Raft over a lossy, duplicating network with a client, and the first leader crashed and restarted: sends,
     * deliveries, drops, copies, role changes, crashes and user actions.
     */
    private static RaftCluster raftRun(long seed) {
        SimConfig config = SimConfig.seeded(seed)
                .withDefaultLink(LinkProfile.DEFAULT.withLoss(0.1).withDuplication(0.1));
        RaftCluster c = new RaftCluster(RaftConfig.defaults(), config, 3);
        NodeId client = c.addClient();
        c.simulation().runFor(Micros.ofSeconds(1));
        c.submit(client, KvCommand.put("x", "a,b \"quoted\"\nnext line"));
        c.simulation().runFor(Micros.ofSeconds(1));
        NodeId first = c.leader();
        assertNotNull(first, "a leader within two seconds");
        c.crash(first);
        c.simulation().runFor(Micros.ofSeconds(1));
        c.restart(first);
        c.simulation().runFor(Micros.ofSeconds(1));
        return c;
    }

    private static List<TraceEvent> events(RaftCluster c) {
        return List.copyOf(c.simulation().trace().events());
    }

    private static String export(List<? extends TraceEvent> events) throws IOException {
        StringBuilder out = new StringBuilder();
        ChromeTraceExport.write(events, out);
        return out.toString();
    }

    /** The exported trace events, parsed; the parse itself checks the JSON. */
    private static List<JsonObject> parse(String json) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("ms", root.get("displayTimeUnit").getAsString());
        assertTrue(root.get("otherData").isJsonObject());
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("traceEvents")) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    private static String ph(JsonObject e) {
        return e.get("ph").getAsString();
    }

    private static long ts(JsonObject e) {
        return e.get("ts").getAsLong();
    }

    private static int tid(JsonObject e) {
        return e.get("tid").getAsInt();
    }

    private static String name(JsonObject e) {
        return e.get("name").getAsString();
    }

    private static String arg(JsonObject e, String key) {
        JsonObject args = e.getAsJsonObject("args");
        return args == null || !args.has(key) ? null : args.get(key).getAsString();
    }

    /** Thread name to tid, from the thread_name metadata (each name once). */
    private static Map<String, Integer> threads(List<JsonObject> trace) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonObject e : trace) {
            if (ph(e).equals("M") && name(e).equals("thread_name")) {
                Integer before = out.put(arg(e, "name"), tid(e));
                assertNull(before, "one thread_name per name: " + arg(e, "name"));
            }
        }
        return out;
    }

    private static boolean sameMessage(JsonObject e, Message m) {
        return String.valueOf(m.id()).equals(arg(e, "messageId")) && String.valueOf(m.copy()).equals(arg(e, "copy"));
    }

    @Test
    void everyEventHasItsFieldsAndEveryNodeItsNamedThread() throws IOException {
        List<TraceEvent> events = events(raftRun(3));
        List<JsonObject> trace = parse(export(events));
        for (JsonObject e : trace) {
            for (String field : List.of("ph", "ts", "pid", "tid", "name")) {
                assertTrue(e.has(field), field + " missing in " + e);
            }
        }
        Map<String, Integer> threads = threads(trace);
        List<NodeId> nodes = events.stream().map(TraceEvent::node).filter(n -> n != null).distinct().toList();
        assertTrue(nodes.size() >= 4, "three servers and a client: " + nodes);
        for (NodeId n : nodes) {
            assertTrue(threads.containsKey(n.name()), "a thread named " + n);
        }
        assertEquals(threads.size(), threads.values().stream().distinct().count(), "one tid per thread");
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("i") && tid(e) == threads.get("user actions")
                && name(e).startsWith("crash ")), "the crash is on the user actions track");
    }

    @Test
    void everyDeliveredMessageHasOneArrowFromItsSendSliceToItsDeliverySlice() throws IOException {
        List<TraceEvent> events = events(raftRun(3));
        List<JsonObject> trace = parse(export(events));
        Map<String, Integer> threads = threads(trace);
        Map<String, TraceEvent.MessageSent> sends = new TreeMap<>();
        int delivered = 0;
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.MessageSent s) {
                sends.put(s.message().id() + "/" + s.message().copy(), s);
            } else if (e instanceof TraceEvent.MessageDelivered d) {
                Message m = d.message();
                TraceEvent.MessageSent s = sends.get(m.id() + "/" + m.copy());
                assertNotNull(s, "every delivery in this trace has its send");
                List<JsonObject> starts = trace.stream().filter(x -> ph(x).equals("s") && sameMessage(x, m)).toList();
                List<JsonObject> ends = trace.stream().filter(x -> ph(x).equals("f") && sameMessage(x, m)).toList();
                assertEquals(1, starts.size(), m.describe());
                assertEquals(1, ends.size(), m.describe());
                JsonObject start = starts.get(0);
                JsonObject end = ends.get(0);
                assertEquals(start.get("id"), end.get("id"));
                assertEquals(name(start), name(end));
                assertEquals(start.get("cat"), end.get("cat"));
                assertEquals("e", end.get("bp").getAsString(), "the end binds to the enclosing slice");
                assertEquals(s.timeMicros(), ts(start));
                assertEquals(d.timeMicros(), ts(end));
                assertEquals((int) threads.get(m.from().name()), tid(start));
                assertEquals((int) threads.get(m.to().name()), tid(end));
                assertEnclosed(trace, start, m);
                assertEnclosed(trace, end, m);
                delivered++;
            } else if (e instanceof TraceEvent.MessageDropped d) {
                Message m = d.message();
                assertFalse(trace.stream().anyMatch(x -> (ph(x).equals("s") || ph(x).equals("f")) && sameMessage(x, m)),
                        "no arrow for a lost message: " + m.describe());
                assertTrue(trace.stream().anyMatch(x -> ph(x).equals("i") && ts(x) == d.timeMicros()
                        && tid(x) == threads.get(m.to().name()) && sameMessage(x, m)
                        && name(x).equals("drop (" + d.reason() + ")")), "a drop mark: " + m.describe());
            }
        }
        assertTrue(delivered > 0);
        assertEquals(delivered, trace.stream().filter(x -> ph(x).equals("s")).count(), "arrows only for deliveries");
        assertEquals(delivered, trace.stream().filter(x -> ph(x).equals("f")).count());
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.MessageDelivered d && d.message().copy() > 0),
                "the run delivers a duplicate, whose arrow is its own");
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.MessageDropped), "the run loses messages");
    }

    /** A flow event lies inside a step slice on its own thread that lists its message among those sent or received. */
    private static void assertEnclosed(List<JsonObject> trace, JsonObject flow, Message m) {
        String list = ph(flow).equals("s") ? "sent" : "received";
        assertTrue(trace.stream().anyMatch(x -> ph(x).equals("X") && tid(x) == tid(flow) && ts(x) <= ts(flow)
                        && ts(flow) < end(x) && lists(x, list, m)), "a slice encloses " + flow);
    }

    private static boolean lists(JsonObject slice, String list, Message m) {
        JsonObject args = slice.getAsJsonObject("args");
        return args != null && args.has(list) && args.getAsJsonArray(list).contains(new JsonPrimitive(m.describe()));
    }

    /**
     * Imports the trace the way Perfetto's JSON importer does and checks where each arrow lands: events sorted by
     * time, at equal times X slices first (longest first) and then the rest in file order; a thread-scoped instant
     * is a zero-length slice; a slice closes when a later one starts at or after its end (two zero-length ones
     * stack); a flow event binds to the innermost slice open on its thread.
     */
    @Test
    void underPerfettosImportOrderEachArrowBindsToTheStepOfItsOwnMessage() throws IOException {
        List<TraceEvent> events = events(raftRun(3));
        List<JsonObject> trace = parse(export(events));
        Map<String, Message> messages = new TreeMap<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.MessageSent s) {
                messages.put(s.message().id() + "/" + s.message().copy(), s.message());
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> ts(trace.get(i)))
                .thenComparingLong(i -> ph(trace.get(i)).equals("X") ? -trace.get(i).get("dur").getAsLong() : 1)
                .thenComparingInt(i -> i));
        Map<Integer, Deque<JsonObject>> stacks = new TreeMap<>();
        int bound = 0;
        for (int i : order) {
            JsonObject e = trace.get(i);
            Deque<JsonObject> stack = stacks.computeIfAbsent(tid(e), k -> new ArrayDeque<>());
            if (ph(e).equals("X") || ph(e).equals("i")) {
                long dur = ph(e).equals("X") ? e.get("dur").getAsLong() : 0;
                while (!stack.isEmpty() && (sliceEnd(stack.peek()) < ts(e)
                        || (sliceEnd(stack.peek()) == ts(e) && !(sliceDur(stack.peek()) == 0 && dur == 0)))) {
                    stack.pop();
                }
                stack.push(e);
            } else if (ph(e).equals("s") || ph(e).equals("f")) {
                Message m = messages.get(arg(e, "messageId") + "/" + arg(e, "copy"));
                JsonObject top = stack.peek();
                assertNotNull(top, "a slice is open for " + e);
                assertTrue(lists(top, ph(e).equals("s") ? "sent" : "received", m),
                        e + " binds to " + top + ", not to the step of " + m.describe());
                bound++;
            }
        }
        assertTrue(bound > 0);
    }

    private static long sliceDur(JsonObject slice) {
        return ph(slice).equals("X") ? slice.get("dur").getAsLong() : 0;
    }

    private static long sliceEnd(JsonObject slice) {
        return ts(slice) + sliceDur(slice);
    }

    @Test
    void slicesNestOnEveryThreadAndRolesFollowTheTrace() throws IOException {
        RaftCluster c = raftRun(3);
        List<TraceEvent> events = events(c);
        List<JsonObject> trace = parse(export(events));
        Map<String, Integer> threads = threads(trace);
        Map<Integer, List<JsonObject>> byThread = trace.stream().filter(e -> ph(e).equals("X"))
                .collect(Collectors.groupingBy(ChromeTraceExportTest::tid, TreeMap::new, Collectors.toList()));
        for (List<JsonObject> slices : byThread.values()) {
            assertNested(slices);
            List<JsonObject> roles = slices.stream().filter(e -> "role".equals(e.get("cat").getAsString()))
                    .sorted(Comparator.comparingLong(ChromeTraceExportTest::ts)).toList();
            for (int i = 0; i + 1 < roles.size(); i++) {
                assertTrue(end(roles.get(i)) <= ts(roles.get(i + 1)), "roles do not overlap: " + roles.get(i));
            }
            for (JsonObject r : roles) {
                assertTrue(slices.stream().anyMatch(u -> name(u).equals("up") && ts(u) <= ts(r) && end(r) <= end(u)),
                        "a role lies inside an up slice: " + r);
            }
        }
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.NodeStateChanged s && s.field().equals("role")) {
                int statusTid = threads.get(s.node() + " · status and role");
                assertTrue(trace.stream().anyMatch(x -> ph(x).equals("X") && tid(x) == statusTid
                        && ts(x) == s.timeMicros() && name(x).equals("role: " + s.value())), s.describe());
            } else if (e instanceof TraceEvent.NodeLifecycle l
                    && l.change() == TraceEvent.NodeLifecycle.Change.CRASHED) {
                int statusTid = threads.get(l.node() + " · status and role");
                assertTrue(trace.stream().anyMatch(x -> ph(x).equals("X") && tid(x) == statusTid
                        && ts(x) == l.timeMicros() && name(x).equals("crashed")), l.describe());
            }
        }
        NodeId leader = c.leader();
        assertNotNull(leader);
        int leaderTid = threads.get(leader + " · status and role");
        JsonObject last = byThread.get(leaderTid).stream().filter(e -> "role".equals(e.get("cat").getAsString()))
                .max(Comparator.comparingLong(ChromeTraceExportTest::ts)).orElseThrow();
        assertEquals("role: LEADER", name(last));
        assertEquals(events.get(events.size() - 1).timeMicros(), end(last),
                "the leader's role runs to the trace's last event");
    }

    private static long end(JsonObject slice) {
        return ts(slice) + slice.get("dur").getAsLong();
    }

    /** Slices on one thread either contain one another or do not meet, as Perfetto requires. */
    private static void assertNested(List<JsonObject> slices) {
        List<JsonObject> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingLong(ChromeTraceExportTest::ts)
                .thenComparing(Comparator.comparingLong(ChromeTraceExportTest::end).reversed()));
        Deque<JsonObject> open = new ArrayDeque<>();
        for (JsonObject s : sorted) {
            while (!open.isEmpty() && end(open.peek()) <= ts(s)) {
                open.pop();
            }
            if (!open.isEmpty()) {
                assertTrue(end(s) <= end(open.peek()), s + " sticks out of " + open.peek());
            }
            open.push(s);
        }
    }

    @Test
    void numericStateBecomesCountersNamedByNodeAndField() throws IOException {
        List<TraceEvent> events = events(raftRun(3));
        List<JsonObject> trace = parse(export(events));
        List<String> fields = List.of("term", "commitIndex");
        for (String field : fields) {
            Map<String, List<BigDecimal>> expected = new TreeMap<>();
            for (TraceEvent e : events) {
                if (e instanceof TraceEvent.NodeStateChanged s && s.field().equals(field)) {
                    expected.computeIfAbsent(s.node() + " " + field, k -> new ArrayList<>())
                            .add(new BigDecimal(s.value()));
                }
            }
            assertFalse(expected.isEmpty(), field);
            Map<String, List<BigDecimal>> actual = new TreeMap<>();
            for (JsonObject e : trace) {
                if (ph(e).equals("C") && expected.containsKey(name(e))) {
                    actual.computeIfAbsent(name(e), k -> new ArrayList<>())
                            .add(e.getAsJsonObject("args").get("value").getAsBigDecimal());
                }
            }
            assertEquals(expected, actual);
        }
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("i") && name(e).startsWith("votedFor = ")),
                "a field that is not a number is a mark");
    }

    @Test
    void aClockNodesOffsetFromTrueTimeIsACounter() throws IOException {
        ClockNetwork net = new ClockNetwork(ClockConfig.defaults(), SimConfig.seeded(5));
        NodeId ref = net.addReference(SyncRole.ReferenceKind.GPS);
        List<NodeId> machines = List.of(net.addNode(ClockKind.QUARTZ), net.addNode(ClockKind.QUARTZ));
        net.useCristian(ref);
        net.simulation().runFor(Micros.ofSeconds(120));
        for (NodeId m : machines) {
            net.readClock(m);
        }
        List<TraceEvent> events = List.copyOf(net.simulation().trace().events());
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.ProtocolEvent p
                && p.detail() instanceof ClockEvent.ClockAdjusted), "the run corrects a clock");
        List<JsonObject> trace = parse(export(events));
        for (NodeId m : machines) {
            List<JsonObject> offsets = trace.stream().filter(e -> ph(e).equals("C")
                    && name(e).equals(m + " " + ChromeTraceExport.OFFSET_COUNTER)).toList();
            assertTrue(offsets.size() > 2, m.toString());
            JsonObject last = offsets.get(offsets.size() - 1);
            assertEquals(net.simulation().nowMicros(), ts(last), "the reading by hand is the last point");
            assertEquals(Math.round(net.offsetFromTrueTimeNanos(m)),
                    last.getAsJsonObject("args").get("value").getAsLong(),
                    "the counter agrees with the network's own oracle");
            assertTrue(offsets.stream().map(e -> e.getAsJsonObject("args").get("value")).distinct().count() > 1,
                    "the offset drifts and is corrected");
        }
        Map<String, Integer> threads = threads(trace);
        int statusTid = threads.get(machines.get(0) + " · status and role");
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("X") && tid(e) == statusTid
                && name(e).startsWith("role: ")), "clock roles are slices too");
    }

    @Test
    void theSameEventsGiveTheSameBytes() throws IOException {
        List<TraceEvent> events = events(raftRun(7));
        assertEquals(export(events), export(events));
        assertEquals(export(events), export(events(raftRun(7))), "the same seed, the same file");
    }

    @Test
    void quotesNewlinesAndOddValuesSurviveTheTripThroughJson() throws IOException {
        NodeId odd = NodeId.of("we\"ird\\node\n2");
        String note = "say \"hi\"\nthen\ttab \\ and </script> \u2028";
        UserAction action = new UserAction() {
            public void apply(SimControl control) {
            }

            public String describe() {
                return "poke \"" + odd + "\"";
            }
        };
        List<TraceEvent> events = List.of(
                new TraceEvent.UserActionPerformed(0, action),
                new TraceEvent.NodeLifecycle(0, odd, TraceEvent.NodeLifecycle.Change.ADDED),
                new TraceEvent.NodeStateChanged(5, odd, "role", "the \"boss\""),
                new TraceEvent.NodeStateChanged(6, odd, "weight", "NaN"),
                new TraceEvent.NodeStateChanged(7, odd, "weight", "1.5e3"),
                new TraceEvent.Annotation(8, odd, note),
                new TraceEvent.NodeLifecycle(9, odd, TraceEvent.NodeLifecycle.Change.CRASHED));
        List<JsonObject> trace = parse(export(events));
        assertTrue(threads(trace).containsKey(odd.name()));
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("i") && note.equals(arg(e, "text"))));
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("i") && action.describe().equals(name(e))));
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("X") && name(e).equals("role: the \"boss\"")
                && ts(e) == 5 && end(e) == 9), "the role ends when the node crashes");
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("i") && name(e).equals("weight = NaN")),
                "NaN is no JSON number, so it stays a mark");
        assertTrue(trace.stream().anyMatch(e -> ph(e).equals("C") && name(e).equals(odd + " weight")
                && e.getAsJsonObject("args").get("value").getAsDouble() == 1500.0));
    }
}
