package io.distviz.scenario;

import io.distviz.chord.ChordEvent;
import io.distviz.chord.ChordNodeState;
import io.distviz.chord.ChordRing;
import io.distviz.chord.NodeRef;
import io.distviz.chord.Purpose;
import io.distviz.chord.RingCheck;
import io.distviz.sim.Simulation;
import io.distviz.sim.TraceEvent;

import java.util.ArrayList;
import java.util.List;
import java.io.Serializable;
import java.util.TreeMap;

/** Drives a {@link ChordRing}; remembers the latest finished lookup of each key for "lookup" conditions. */
public final class ChordDriver extends ProtocolDriver {
    private final ChordRing ring;
    /** Key → its latest LookupDone or LookupFailed among student lookups, stores and fetches. */
    private final TreeMap<String, ChordEvent> lastLookup = new TreeMap<>();

    ChordDriver(Scenario.ChordSetup setup, Simulation sim) {
        super(sim);
        this.ring = new ChordRing(setup.config(), sim);
        sim.trace().addListener(e -> {
            if (e instanceof TraceEvent.ProtocolEvent p) {
                if (p.detail() instanceof ChordEvent.LookupDone d && d.key() != null && d.purpose() != Purpose.JOIN
                        && d.purpose() != Purpose.FIX_FINGER) {
                    lastLookup.put(d.key(), d);
                } else if (p.detail() instanceof ChordEvent.LookupFailed f && f.key() != null
                        && f.purpose() != Purpose.JOIN && f.purpose() != Purpose.FIX_FINGER) {
                    lastLookup.put(f.key(), f);
                }
            }
        });
    }

    public ChordRing ring() {
        return ring;
    }

    private record Saved(Serializable ring, TreeMap<String, ChordEvent> lastLookup) implements Serializable {
    }

    @Override
    protected Serializable saveState() {
        return new Saved(ring.saveState(), new TreeMap<>(lastLookup));
    }

    @Override
    protected void restoreState(Serializable state) {
        Saved s = (Saved) state;
        ring.restoreState(s.ring());
        lastLookup.clear();
        lastLookup.putAll(s.lastLookup());
    }

    @Override
    protected void applyProtocol(ScenarioAction action) {
        if (action instanceof ScenarioAction.ChordAdd a) {
            ring.join(a.node(), a.id() != null ? a.id() : ring.nodeIdFor(a.node()), a.via());
        } else if (action instanceof ScenarioAction.ChordRing r) {
            ring.placeRing(r.nodes());
        } else if (action instanceof ScenarioAction.Crash c) {
            ring.crash(c.node());
        } else if (action instanceof ScenarioAction.Restart r) {
            ring.restart(r.node());
        } else if (action instanceof ScenarioAction.Remove r) {
            ring.leave(r.node());
        } else if (action instanceof ScenarioAction.ChordLookup l) {
            ring.lookup(l.from(), l.key(), l.successorsOnly());
        } else if (action instanceof ScenarioAction.ChordStore s) {
            ring.store(s.from(), s.key(), s.value());
        } else if (action instanceof ScenarioAction.ChordFetch f) {
            ring.fetch(f.from(), f.key());
        } else {
            throw new IllegalArgumentException("a Chord ring cannot do \"" + action.verb() + "\"");
        }
    }

    @Override
    protected Verdict evaluateProtocol(Condition condition) {
        if (condition instanceof Condition.Invariants inv) {
            RingCheck check = ring.check();
            return Verdict.of(check.ok() == inv.hold(), check.toString());
        }
        if (condition instanceof Condition.Ideal ideal) {
            RingCheck check = ring.check();
            return Verdict.of(check.ideal() == ideal.is(), check.toString());
        }
        if (condition instanceof Condition.Members m) {
            int n = ring.liveMembers().size();
            return Verdict.of(m.compare().test(n), n + " live members");
        }
        if (condition instanceof Condition.Holder h) {
            return holder(h);
        }
        if (condition instanceof Condition.Lookup l) {
            return lookup(l);
        }
        throw new IllegalArgumentException("a Chord ring cannot check: " + condition.describe());
    }

    @Override
    protected List<String> answerProtocol(NodeQuery query) {
        if (query instanceof NodeQuery.Responsible r) {
            NodeRef n = ring.responsibleFor(ring.keyId(r.key()));
            return n == null ? List.of() : List.of(n.address().name());
        }
        throw new IllegalArgumentException("a Chord ring cannot answer: " + query.describe());
    }

    private Verdict holder(Condition.Holder h) {
        long id = ring.keyId(h.key());
        List<String> holders = new ArrayList<>();
        for (ChordNodeState s : ring.states()) {
            for (ChordNodeState.StoredKey k : s.keys()) {
                if (k.primary() && k.item().key().equals(h.key())) {
                    holders.add(s.self().address().name());
                }
            }
        }
        String expected = h.node();
        String why = "";
        if (expected.equals("responsible")) {
            NodeRef r = ring.responsibleFor(id);
            if (r == null) {
                return Verdict.of(false, "the ring has no live member");
            }
            expected = r.address().name();
            why = ", and " + expected + " is responsible for id " + id;
        }
        String shown = h.key() + " (id " + id + ") is held by " + (holders.isEmpty() ? "no node"
                : String.join(", ", holders)) + why;
        return Verdict.of(holders.contains(expected), shown);
    }

    private Verdict lookup(Condition.Lookup l) {
        ChordEvent last = lastLookup.get(l.key());
        if (last == null) {
            return Verdict.of(false, "no lookup of " + l.key() + " has finished");
        }
        if (last instanceof ChordEvent.LookupFailed f) {
            boolean holds = Boolean.TRUE.equals(l.failed()) && l.hops() == null && l.result() == null;
            return Verdict.of(holds, "the last lookup of " + l.key() + " from " + f.origin().address() + " failed: "
                    + f.reason());
        }
        ChordEvent.LookupDone d = (ChordEvent.LookupDone) last;
        String shown = "the last lookup of " + l.key() + " from " + d.origin().address() + " found "
                + d.result().address() + " in " + d.hops() + " hop" + (d.hops() == 1 ? "" : "s");
        boolean holds = !Boolean.TRUE.equals(l.failed());
        if (l.hops() != null) {
            holds &= l.hops().test(d.hops());
        }
        if (l.result() != null) {
            String expected = l.result();
            if (expected.equals("responsible")) {
                NodeRef r = ring.responsibleFor(d.target());
                expected = r == null ? "" : r.address().name();
                shown += "; " + (r == null ? "no node" : expected) + " is responsible now";
            }
            holds &= d.result().address().name().equals(expected);
        }
        return Verdict.of(holds, shown);
    }
}
