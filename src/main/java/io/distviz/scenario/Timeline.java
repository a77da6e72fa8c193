package io.distviz.scenario;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.distviz.chord.ChordConfig;
import io.distviz.clocks.ClockKind;
import io.distviz.clocks.HardwareClock;
import io.distviz.clocks.SyncRole;
import io.distviz.raft.KvCommand;
import io.distviz.sim.LinkProfile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads timeline entries one after another, keeping track of what a reader of the file would: which nodes exist
 * at this point (so that a name that does not exist yet is caught before anything runs) and how early and how
 * late the clock can be (so that a time going backwards is caught too). Lessons read their steps' actions
 * through the same class.
 */
public final class Timeline {
    private static final String ANY = "any";

    private final Scenario.Protocol protocol;
    private final Fields.Report report;
    /** Existing nodes and what each is: server, client, node, machine or reference. */
    private final Map<String, String> nodes = new LinkedHashMap<>();
    /** Every name that ever existed, for conditions such as "s3 is removed". */
    private final Set<String> ever = new LinkedHashSet<>();
    private int nextServer;
    private int nextClient = 1;
    private int nextMachine = 1;
    private int nextReference = 1;
    /** The clock's earliest and latest possible reading after the steps so far (a wait-until makes a range). */
    private long earliest;
    private long latest;
    private String lastTimedPath;

    Timeline(Scenario.Protocol protocol, Scenario.Setup setup, Fields.Report report) {
        this.protocol = protocol;
        this.report = report;
        if (setup instanceof Scenario.RaftSetup r) {
            for (int i = 1; i <= r.servers(); i++) {
                add("s" + i, "server");
            }
            nextServer = r.servers() + 1;
        }
    }

    /** A reader of steps for {@code scenario}'s protocol whose problems carry the name {@code file}. */
    public static Timeline forScenario(Scenario scenario, String file, List<Problem> problems) {
        Fields.Report r = new Fields.Report(file);
        Timeline t = new Timeline(scenario.protocol(), scenario.setup(), r);
        t.sink = problems;
        return t;
    }

    private List<Problem> sink;

    /** Reads one entry at {@code path}; returns null (with its problems reported) when it cannot be used. */
    public Step read(JsonElement element, String path) {
        int before = report.problems.size();
        Step step = readStep(element, path);
        if (sink != null) {
            sink.addAll(report.problems.subList(before, report.problems.size()));
        }
        return report.problems.size() == before ? step : null;
    }

    /** Reads a condition at {@code path} for this protocol (null, with the problems reported, if unusable). */
    public Condition readCondition(JsonElement element, String path) {
        int before = report.problems.size();
        Condition c = condition(element, path, true);
        if (sink != null) {
            sink.addAll(report.problems.subList(before, report.problems.size()));
        }
        return report.problems.size() == before ? c : null;
    }

    /** Whether a node of this name exists at this point of the timeline. */
    public boolean knows(String name) {
        return nodes.containsKey(name);
    }

    /** The protocol the steps are read for. */
    public Scenario.Protocol protocol() {
        return protocol;
    }

    private void add(String name, String kind) {
        nodes.put(name, kind);
        ever.add(name);
    }

    // ============================================================================================ steps

    private Step readStep(JsonElement element, String path) {
        Fields f = Fields.of(element, path, report);
        if (f == null) {
            return null;
        }
        Step.Timing timing = timing(f);
        String verb = f.string("do");
        Step.Instruction in = null;
        if (verb != null) {
            in = switch (verb) {
                case "wait" -> waitStep(f);
                case "expect" -> {
                    Condition c = condition(f.raw("that"), f.pathOf("that"), true);
                    yield c == null ? null : new Step.Expect(c);
                }
                default -> {
                    ScenarioAction a = action(verb, f);
                    yield a == null ? null : new Step.Perform(a);
                }
            };
        }
        f.finish();
        return in == null || timing == null ? null : new Step(path, timing, in);
    }

    private Step.Timing timing(Fields f) {
        boolean at = f.has("at");
        boolean after = f.has("after");
        if (at && after) {
            f.problem("after", "a step has \"at\" (an absolute time) or \"after\" (a delay), not both");
            return null;
        }
        if (at) {
            long t = f.duration("at", 0, ScenarioLoader.MAX_TIME_MICROS, 0L);
            if (t < earliest) {
                f.problem("at", "time goes backwards: " + Durations.formatMicros(t) + " is before "
                        + Durations.formatMicros(earliest) + ", which " + lastTimedPath + " reaches at the earliest");
                return null;
            }
            earliest = t;
            latest = Math.max(latest, t);
            lastTimedPath = f.path();
            return Step.Timing.at(t);
        }
        long d = f.duration("after", 0, ScenarioLoader.MAX_TIME_MICROS, 0L);
        advance(f, d, d, "after");
        return Step.Timing.after(d);
    }

    private void advance(Fields f, long minMicros, long maxMicros, String field) {
        if (latest + maxMicros > ScenarioLoader.MAX_TIME_MICROS) {
            f.problem(field, "the timeline would run past " + Durations.formatMicros(ScenarioLoader.MAX_TIME_MICROS));
            return;
        }
        earliest += minMicros;
        latest += maxMicros;
        lastTimedPath = f.path();
    }

    private Step.Instruction waitStep(Fields f) {
        if (f.has("for") == f.has("until")) {
            f.problem(null, "a wait has either \"for\" (a duration) or \"until\" (a condition) and \"timeout\"");
            f.raw("for");
            f.raw("until");
            f.raw("timeout");
            return null;
        }
        if (f.has("for")) {
            long d = f.duration("for", 0, ScenarioLoader.MAX_TIME_MICROS, 0L);
            advance(f, d, d, "for");
            return new Step.WaitFor(d);
        }
        Condition c = condition(f.raw("until"), f.pathOf("until"), true);
        Long timeout = f.duration("timeout", 1, ScenarioLoader.MAX_TIME_MICROS, null);
        if (timeout == null) {
            return null;
        }
        advance(f, 0, timeout, "timeout");
        return c == null ? null : new Step.WaitUntil(c, timeout);
    }

    // ============================================================================================ actions

    private ScenarioAction action(String verb, Fields f) {
        switch (verb) {
            case "crash": {
                JsonElement n = f.raw("node");
                if (protocol == Scenario.Protocol.RAFT && n != null && n.isJsonPrimitive()
                        && n.getAsString().equals("leader")) {
                    return new ScenarioAction.Crash("leader");
                }
                String node = name(f, "node", null);
                return node == null ? null : new ScenarioAction.Crash(node);
            }
            case "restart": {
                String node = name(f, "node", null);
                return node == null ? null : new ScenarioAction.Restart(node);
            }
            case "remove":
                return remove(f);
            case "partition":
                return partition(f);
            case "block": {
                String from = name(f, "from", null);
                String to = name(f, "to", null);
                return from == null || to == null ? null : sameNode(f, from, to) ? null
                        : new ScenarioAction.Block(from, to);
            }
            case "heal":
                return new ScenarioAction.Heal();
            case "network":
                return network(f);
            case "note": {
                String text = f.string("text");
                return text == null ? null : new ScenarioAction.Note(text);
            }
            default:
                break;
        }
        ScenarioAction a = switch (protocol) {
            case CHORD -> chordAction(verb, f);
            case RAFT -> raftAction(verb, f);
            case CLOCKS -> clockAction(verb, f);
        };
        if (a == null && !known(verb)) {
            f.problem("do", "unknown action \"" + verb + "\" in a " + protocol.word() + " scenario; expected one of "
                    + String.join(", ", verbs()));
            f.acceptAll(); // its other fields mean nothing without the action: no second message about them
        }
        return a;
    }

    private boolean known(String verb) {
        return verbs().contains(verb);
    }

    /** Every action a scenario of this protocol can take, for messages. */
    public List<String> verbs() {
        List<String> v = new ArrayList<>(List.of("crash", "restart", "remove", "partition", "block", "heal",
                "network", "note", "wait", "expect"));
        v.addAll(switch (protocol) {
            case CHORD -> List.of("add", "ring", "lookup", "store", "fetch");
            case RAFT -> List.of("add", "client", "put", "get", "delete", "cas", "timeout");
            case CLOCKS -> List.of("add", "reference", "kind", "skew", "offset", "lie", "sync", "algorithm");
        });
        return v;
    }

    private ScenarioAction remove(Fields f) {
        String kind = protocol == Scenario.Protocol.RAFT ? "server" : null;
        String node = name(f, "node", kind);
        if (node == null) {
            return null;
        }
        if (protocol != Scenario.Protocol.RAFT) {
            nodes.remove(node);
        }
        return new ScenarioAction.Remove(node);
    }

    private ScenarioAction partition(Fields f) {
        List<List<String>> groups = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean ok = true;
        List<Map.Entry<String, JsonElement>> items = f.array("groups", true);
        if (items.isEmpty() && f.has("groups")) {
            f.problem("groups", "a partition needs at least one group");
            return null;
        }
        for (Map.Entry<String, JsonElement> g : items) {
            List<String> group = new ArrayList<>();
            if (!g.getValue().isJsonArray() || g.getValue().getAsJsonArray().isEmpty()) {
                report.add(g.getKey(), "expected a non-empty array of node names, found "
                        + Fields.kindOf(g.getValue()));
                ok = false;
                continue;
            }
            int i = 0;
            for (JsonElement n : g.getValue().getAsJsonArray()) {
                String at = g.getKey() + "[" + i++ + "]";
                String name = n.isJsonPrimitive() && n.getAsJsonPrimitive().isString() ? n.getAsString() : null;
                if (name == null) {
                    report.add(at, "expected a node name, found " + Fields.kindOf(n));
                    ok = false;
                } else if (!nodes.containsKey(name)) {
                    report.add(at, noSuchNode(name, null));
                    ok = false;
                } else if (!seen.add(name)) {
                    report.add(at, name + " is in two groups");
                    ok = false;
                } else {
                    group.add(name);
                }
            }
            groups.add(group);
        }
        return ok && !groups.isEmpty() ? new ScenarioAction.Partition(groups) : null;
    }

    private ScenarioAction network(Fields f) {
        boolean link = f.has("from") || f.has("to");
        String from = null;
        String to = null;
        if (link) {
            from = name(f, "from", null);
            to = name(f, "to", null);
            if (from == null || to == null || sameNode(f, from, to)) {
                return null;
            }
        }
        int before = report.problems.size();
        LinkProfile p = ScenarioLoader.readLink(f, LinkProfile.DEFAULT);
        return p == null || report.problems.size() != before ? null : new ScenarioAction.SetNetwork(from, to, p);
    }

    private boolean sameNode(Fields f, String from, String to) {
        if (from.equals(to)) {
            f.problem("to", "a link joins two different nodes, not " + from + " to itself");
            return true;
        }
        return false;
    }

    // -------------------------------------------------------------------------------------------- Chord

    private ScenarioAction chordAction(String verb, Fields f) {
        switch (verb) {
            case "add": {
                String node = f.string("node");
                Long id = f.has("id") ? f.optInteger("id", 0, Long.MAX_VALUE, 0) : null;
                String via = f.has("via") ? name(f, "via", null) : null;
                if (node == null || (f.has("via") && via == null)) {
                    return null;
                }
                if (nodes.containsKey(node)) {
                    f.problem("node", "there is already a node " + node);
                    return null;
                }
                add(node, "node");
                return new ScenarioAction.ChordAdd(node, id, via);
            }
            case "ring": {
                List<String> names = f.strings("nodes", true);
                if (!ever.isEmpty()) {
                    f.problem("do", "a ring is placed all at once before any node is added; add nodes to an "
                            + "existing ring one by one with \"add\"");
                    return null;
                }
                if (names.isEmpty()) {
                    if (f.has("nodes")) {
                        f.problem("nodes", "a ring needs at least one node");
                    }
                    return null;
                }
                for (int i = 0; i < names.size(); i++) {
                    if (nodes.containsKey(names.get(i)) || names.subList(0, i).contains(names.get(i))) {
                        report.add(f.pathOf("nodes") + "[" + i + "]", "there is already a node " + names.get(i));
                        return null;
                    }
                }
                names.forEach(n -> add(n, "node"));
                return new ScenarioAction.ChordRing(names);
            }
            case "lookup":
            case "fetch": {
                String from = name(f, "from", null);
                String key = f.string("key");
                if (from == null || key == null) {
                    return null;
                }
                if (verb.equals("lookup")) {
                    ChordConfig.Routing routing = f.choice("routing", Fields.words(ChordConfig.Routing.class),
                            ChordConfig.Routing.FINGERS);
                    return new ScenarioAction.ChordLookup(from, key, routing == ChordConfig.Routing.SUCCESSORS_ONLY);
                }
                return new ScenarioAction.ChordFetch(from, key);
            }
            case "store": {
                String from = name(f, "from", null);
                String key = f.string("key");
                String value = f.string("value");
                return from == null || key == null || value == null ? null
                        : new ScenarioAction.ChordStore(from, key, value);
            }
            default:
                return null;
        }
    }

    // -------------------------------------------------------------------------------------------- Raft

    private ScenarioAction raftAction(String verb, Fields f) {
        switch (verb) {
            case "add": {
                String name = "s" + nextServer++;
                add(name, "server");
                return new ScenarioAction.RaftAddServer();
            }
            case "client": {
                String server = f.has("server") ? name(f, "server", "server") : null;
                if (f.has("server") && server == null) {
                    return null;
                }
                add("c" + nextClient++, "client");
                return new ScenarioAction.RaftAddClient(server);
            }
            case "timeout": {
                String node = name(f, "node", "server");
                return node == null ? null : new ScenarioAction.RaftTimeout(node);
            }
            case "put":
            case "get":
            case "delete":
            case "cas":
                return request(verb, f);
            default:
                return null;
        }
    }

    private ScenarioAction request(String verb, Fields f) {
        if (f.has("client") && f.has("server")) {
            f.problem("server", "a request goes through its \"client\" or to a \"server\" (by a new client), "
                    + "not both");
            return null;
        }
        String client = null;
        String server = null;
        if (f.has("client")) {
            client = name(f, "client", "client");
            if (client == null) {
                return null;
            }
        } else if (f.has("server")) {
            server = name(f, "server", "server");
            if (server == null) {
                return null;
            }
        } else if (nodes.containsKey("c1")) {
            client = "c1";
        } else {
            server = "s1";
        }
        String key = f.string("key");
        String value = verb.equals("put") || verb.equals("cas") ? f.string("value") : null;
        String expected = verb.equals("cas") ? f.optString("expected", null) : null;
        if (key == null || ((verb.equals("put") || verb.equals("cas")) && value == null)) {
            return null;
        }
        KvCommand command = switch (verb) {
            case "put" -> KvCommand.put(key, value);
            case "get" -> KvCommand.get(key);
            case "delete" -> KvCommand.delete(key);
            default -> KvCommand.cas(key, expected, value);
        };
        if (server != null) {
            add("c" + nextClient++, "client");
        }
        return new ScenarioAction.RaftRequest(client, server, command);
    }

    // -------------------------------------------------------------------------------------------- clocks

    private ScenarioAction clockAction(String verb, Fields f) {
        switch (verb) {
            case "add": {
                boolean custom = f.has("skew") || f.has("offset");
                if (custom && f.has("kind")) {
                    f.problem("kind", "a machine has a \"kind\" or custom \"skew\" and \"offset\", not both");
                    return null;
                }
                ScenarioAction a;
                if (custom) {
                    Long skew = skewPpt(f, "skew", false);
                    long offset = f.nanos("offset", -maxOffsetNanos(), maxOffsetNanos(), 0L);
                    a = skew == null && f.has("skew") ? null : new ScenarioAction.ClockAdd(null,
                            skew == null ? 0L : skew, offset);
                } else {
                    ClockKind k = f.choice("kind", ScenarioLoader.clockKinds(), ClockKind.QUARTZ);
                    a = new ScenarioAction.ClockAdd(ScenarioJson.word(k), null, 0);
                }
                if (a != null) {
                    add("n" + nextMachine++, "machine");
                }
                return a;
            }
            case "reference": {
                SyncRole.ReferenceKind k = f.choice("kind", Fields.words(SyncRole.ReferenceKind.class),
                        SyncRole.ReferenceKind.GPS);
                String name;
                do {
                    name = nextReference == 1 ? "ref" : "ref" + nextReference;
                    nextReference++;
                } while (nodes.containsKey(name));
                add(name, "reference");
                return new ScenarioAction.ClockAddReference(ScenarioJson.word(k));
            }
            case "kind": {
                String node = name(f, "node", "machine");
                ClockKind k = f.choice("kind", ScenarioLoader.clockKinds(), null);
                return node == null || k == null ? null : new ScenarioAction.ClockSetKind(node, ScenarioJson.word(k));
            }
            case "skew": {
                String node = name(f, "node", "machine");
                Long ppt = skewPpt(f, "ppm", true);
                return node == null || ppt == null ? null : new ScenarioAction.ClockSetSkew(node, ppt);
            }
            case "offset":
            case "lie": {
                String node = name(f, "node", verb.equals("offset") ? "machine" : null);
                Long nanos = f.nanos("offset", -maxOffsetNanos(), maxOffsetNanos(), null);
                if (node == null || nanos == null) {
                    return null;
                }
                return verb.equals("offset") ? new ScenarioAction.ClockSetOffset(node, nanos)
                        : new ScenarioAction.ClockLie(node, nanos);
            }
            case "sync": {
                String node = name(f, "node", "machine");
                return node == null ? null : new ScenarioAction.ClockSync(node);
            }
            case "algorithm":
                return algorithm(f);
            default:
                return null;
        }
    }

    private static long maxOffsetNanos() {
        return 86_400_000_000_000L;
    }

    private Long skewPpt(Fields f, String field, boolean required) {
        BigDecimal max = BigDecimal.valueOf(HardwareClock.MAX_SKEW_PPT / ClockKind.PPT_PER_PPM);
        BigDecimal ppm = f.decimal(field, max.negate(), max, required);
        if (ppm == null) {
            return null;
        }
        BigDecimal ppt = ppm.movePointRight(6);
        if (ppt.stripTrailingZeros().scale() > 0) {
            f.problem(field, Fields.shown(ppm) + " ppm is finer than a part per trillion (0.000001 ppm)");
            return null;
        }
        return ppt.longValueExact();
    }

    private ScenarioAction algorithm(Fields f) {
        String name = f.choice("name", words("none", "cristian", "berkeley", "ntp"), null);
        if (name == null) {
            return null;
        }
        switch (name) {
            case "none":
                return new ScenarioAction.ClockAlgorithm("none", null, null, null);
            case "cristian": {
                String server = name(f, "server", null);
                return server == null ? null : new ScenarioAction.ClockAlgorithm("cristian", server, null, null);
            }
            case "berkeley": {
                String master = name(f, "master", "machine");
                return master == null ? null : new ScenarioAction.ClockAlgorithm("berkeley", master, null, null);
            }
            default:
                return ntp(f);
        }
    }

    private ScenarioAction ntp(Fields f) {
        if (f.has("servers") == f.has("reference")) {
            f.problem(null, "NTP needs either \"servers\" (each client's list of servers) or \"reference\" and "
                    + "\"firstTier\" (a two-tier hierarchy)");
            f.raw("firstTier");
            return null;
        }
        if (f.has("reference")) {
            String ref = name(f, "reference", "reference");
            long tier = f.integer("firstTier", 1, 64);
            return ref == null ? null : new ScenarioAction.ClockAlgorithm("ntp", ref, null, (int) tier);
        }
        Fields m = f.optObject("servers");
        if (m == null) {
            return null;
        }
        TreeMap<String, List<String>> map = new TreeMap<>();
        boolean ok = true;
        for (String client : new ArrayList<>(m.keys())) {
            if (!"machine".equals(nodes.get(client))) {
                m.problem(client, noSuchNode(client, "machine"));
                m.raw(client);
                ok = false;
                continue;
            }
            List<String> servers = m.strings(client, true);
            for (int i = 0; i < servers.size(); i++) {
                String s = servers.get(i);
                if (!nodes.containsKey(s)) {
                    report.add(m.pathOf(client) + "[" + i + "]", noSuchNode(s, null));
                    ok = false;
                }
            }
            if (servers.isEmpty()) {
                m.problem(client, client + " needs at least one NTP server");
                ok = false;
            }
            map.put(client, servers);
        }
        m.finish();
        return ok ? new ScenarioAction.ClockAlgorithm("ntp", null, map, null) : null;
    }

    private static Map<String, String> words(String... w) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : w) {
            m.put(s, s);
        }
        return m;
    }

    // ============================================================================================ names

    /**
     * The node named by {@code field}, which must exist at this point of the timeline (and be a {@code kind}
     * when that is not null); null, with the problem reported, otherwise.
     */
    private String name(Fields f, String field, String kind) {
        String n = f.string(field);
        if (n == null) {
            return null;
        }
        String k = nodes.get(n);
        if (k == null || (kind != null && !kind.equals(k))) {
            f.problem(field, noSuchNode(n, kind));
            return null;
        }
        return n;
    }

    private String noSuchNode(String n, String kind) {
        String what = kind == null ? "node" : kind;
        List<String> candidates = new ArrayList<>();
        nodes.forEach((name, k) -> {
            if (kind == null || kind.equals(k)) {
                candidates.add(name);
            }
        });
        String now = nodes.containsKey(n) ? n + " is a " + nodes.get(n) + ", not a " + what
                : "there is no " + what + " named \"" + n + "\" at this point of the timeline";
        if (candidates.isEmpty()) {
            return now + " (there is none yet)";
        }
        return now + " (there " + (candidates.size() == 1 ? "is " : "are ") + shortList(candidates) + ")";
    }

    private static String shortList(List<String> names) {
        if (names.size() <= 8) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 8)) + " and " + (names.size() - 8) + " more";
    }

    // ============================================================================================ conditions

    private Condition condition(JsonElement e, String path, boolean required) {
        if (e == null) {
            if (required) {
                report.add(path, "missing; expected a condition such as " + example());
            }
            return null;
        }
        if (!e.isJsonObject() || e.getAsJsonObject().size() != 1) {
            report.add(path, "expected a condition: an object with one key, such as " + example() + "; found "
                    + (e.isJsonObject() ? "an object with " + e.getAsJsonObject().size() + " keys"
                    : Fields.kindOf(e)));
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        String key = o.keySet().iterator().next();
        JsonElement v = o.get(key);
        Fields holder = new Fields(o, path, report);
        String at = holder.pathOf(key);
        List<String> allowed = conditionNames();
        if (!allowed.contains(key)) {
            report.add(at, "unknown condition \"" + key + "\" in a " + protocol.word() + " scenario; expected one of "
                    + String.join(", ", allowed));
            return null;
        }
        switch (key) {
            case "all":
            case "any": {
                if (!v.isJsonArray() || v.getAsJsonArray().isEmpty()) {
                    report.add(at, "expected a non-empty array of conditions, found " + Fields.kindOf(v));
                    return null;
                }
                List<Condition> parts = new ArrayList<>();
                int i = 0;
                for (JsonElement c : v.getAsJsonArray()) {
                    Condition part = condition(c, at + "[" + i++ + "]", true);
                    if (part == null) {
                        return null;
                    }
                    parts.add(part);
                }
                return key.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
            }
            case "not": {
                Condition c = condition(v, at, true);
                return c == null ? null : new Condition.Not(c);
            }
            case "invariants":
            case "ideal": {
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
                    report.add(at, "expected true or false, found " + Fields.kindOf(v));
                    return null;
                }
                return key.equals("ideal") ? new Condition.Ideal(v.getAsBoolean())
                        : new Condition.Invariants(v.getAsBoolean());
            }
            case "leader": {
                String who = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : null;
                if (who == null) {
                    report.add(at, "expected \"any\", \"none\" or a server's name, found " + Fields.kindOf(v));
                    return null;
                }
                if (!who.equals(ANY) && !who.equals("none") && !"server".equals(nodes.get(who))) {
                    report.add(at, noSuchNode(who, "server") + "; or write \"any\" or \"none\"");
                    return null;
                }
                return new Condition.Leader(who);
            }
            default:
                break;
        }
        Fields f = Fields.of(v, at, report);
        if (f == null) {
            return null;
        }
        int before = report.problems.size();
        Condition c = switch (key) {
            case "status" -> {
                String node = f.string("node");
                String is = f.choice("is", words("up", "crashed", "removed"), null);
                if (node != null && !ever.contains(node)) {
                    f.problem("node", noSuchNode(node, null));
                }
                yield new Condition.Status(node, is);
            }
            case "term" -> new Condition.Term(compare(f, false));
            case "members" -> new Condition.Members(compare(f, false));
            case "maxOffset" -> new Condition.MaxOffset(compare(f, true));
            case "maxSkew" -> new Condition.MaxSkew(compare(f, true));
            case "offset" -> new Condition.Offset(name(f, "node", "machine"), compare(f, true));
            case "role" -> new Condition.Role(name(f, "node", "server"),
                    f.choice("is", words("follower", "candidate", "leader"), null));
            case "committed" -> committed(f);
            case "stored" -> stored(f);
            case "holder" -> {
                String node = f.string("node");
                if (node != null && !node.equals("responsible") && !ever.contains(node)) {
                    f.problem("node", noSuchNode(node, null) + "; or write \"responsible\"");
                }
                yield new Condition.Holder(f.string("key"), node);
            }
            case "lookup" -> lookup(f);
            default -> null;
        };
        f.finish();
        return report.problems.size() == before ? c : null;
    }

    private Condition committed(Fields f) {
        Condition.Scope on = scope(f);
        if (f.has("index") == f.has("key")) {
            f.problem(null, "say which entry: its \"index\", or the \"key\" and \"value\" it writes");
            f.raw("value");
            return null;
        }
        if (f.has("index")) {
            return new Condition.Committed(f.integer("index", 1, Long.MAX_VALUE), null, null, on);
        }
        return new Condition.Committed(null, f.string("key"), f.string("value"), on);
    }

    private Condition stored(Fields f) {
        Condition.Scope on = scope(f);
        String key = f.string("key");
        boolean absent = f.bool("absent", false);
        if (absent == f.has("value")) {
            f.problem(null, "say what " + key + " should be: a \"value\", or \"absent\": true");
            return null;
        }
        return new Condition.Stored(key, absent ? null : f.string("value"), on);
    }

    private Condition lookup(Fields f) {
        String key = f.string("key");
        Condition.Compare hops = null;
        if (f.has("hops")) {
            Fields h = f.optObject("hops");
            if (h != null) {
                hops = compare(h, false);
                h.finish();
            }
        }
        String result = f.optString("result", null);
        if (result != null && !result.equals("responsible") && !ever.contains(result)) {
            f.problem("result", noSuchNode(result, null) + "; or write \"responsible\"");
        }
        Boolean failed = f.has("failed") ? f.bool("failed", false) : null;
        if (hops == null && result == null && failed == null && !f.has("hops")) {
            f.problem(null, "say what to check of the lookup: \"hops\", \"result\" or \"failed\"");
        }
        return new Condition.Lookup(key, hops, result, failed);
    }

    private Condition.Scope scope(Fields f) {
        JsonElement on = f.raw("on");
        if (on == null) {
            return Condition.Scope.MAJORITY;
        }
        if (on.isJsonPrimitive() && on.getAsJsonPrimitive().isString()) {
            String s = on.getAsString();
            if (s.equals("all")) {
                return Condition.Scope.ALL;
            }
            if (s.equals("majority")) {
                return Condition.Scope.MAJORITY;
            }
        }
        List<String> names = on.isJsonArray() ? f.strings("on", true) : null;
        if (names == null || names.isEmpty()) {
            f.problem("on", "expected \"all\", \"majority\" or a non-empty array of server names");
            return Condition.Scope.MAJORITY;
        }
        for (int i = 0; i < names.size(); i++) {
            if (!"server".equals(nodes.get(names.get(i)))) {
                report.add(f.pathOf("on") + "[" + i + "]", noSuchNode(names.get(i), "server"));
            }
        }
        return new Condition.Scope(Condition.Scope.Kind.LISTED, names);
    }

    private Condition.Compare compare(Fields f, boolean nanos) {
        Long atLeast;
        Long atMost;
        Long equals;
        if (nanos) {
            long max = Long.MAX_VALUE / 4;
            atLeast = f.nanos("atLeast", -max, max, Long.MIN_VALUE);
            atMost = f.nanos("atMost", -max, max, Long.MIN_VALUE);
            equals = f.nanos("equals", -max, max, Long.MIN_VALUE);
        } else {
            atLeast = f.optInteger("atLeast", 0, Long.MAX_VALUE / 4, Long.MIN_VALUE);
            atMost = f.optInteger("atMost", 0, Long.MAX_VALUE / 4, Long.MIN_VALUE);
            equals = f.optInteger("equals", 0, Long.MAX_VALUE / 4, Long.MIN_VALUE);
        }
        atLeast = atLeast == Long.MIN_VALUE ? null : atLeast;
        atMost = atMost == Long.MIN_VALUE ? null : atMost;
        equals = equals == Long.MIN_VALUE ? null : equals;
        if (atLeast == null && atMost == null && equals == null) {
            f.problem(null, "expected \"atLeast\", \"atMost\" or \"equals\"");
            return null;
        }
        return new Condition.Compare(atLeast, atMost, equals);
    }

    /** The condition names this protocol understands. */
    public List<String> conditionNames() {
        List<String> c = new ArrayList<>(List.of("all", "any", "not", "status"));
        c.addAll(switch (protocol) {
            case CHORD -> List.of("invariants", "ideal", "holder", "lookup", "members");
            case RAFT -> List.of("invariants", "leader", "term", "role", "committed", "stored");
            case CLOCKS -> List.of("maxOffset", "maxSkew", "offset");
        });
        return c;
    }

    private String example() {
        return switch (protocol) {
            case CHORD -> "{\"holder\": {\"key\": \"apple\", \"node\": \"responsible\"}}";
            case RAFT -> "{\"leader\": \"any\"}";
            case CLOCKS -> "{\"maxOffset\": {\"atMost\": \"5ms\"}}";
        } + " (" + protocol.word().toUpperCase(Locale.ROOT).charAt(0) + protocol.word().substring(1) + ")";
    }
}
