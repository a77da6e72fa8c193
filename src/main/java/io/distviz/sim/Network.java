package io.distviz.sim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated network: per-link latency, loss, duplication, reordering and partitions, all changeable
 * while the simulation runs. It decides the fate of each message when it is sent (when it will arrive,
 * whether it is lost, whether a copy follows), drawing from the sender's own random stream so that one
 * node's traffic never shifts another's draws. Whether a partition or a crash stops it is decided again
 * when it arrives.
 */
public final class Network implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A directed link. */
    public record Link(NodeId from, NodeId to) implements Comparable<Link>, Serializable {
        @Override
        public int compareTo(Link o) {
            int c = from.compareTo(o.from);
            return c != 0 ? c : to.compareTo(o.to);
        }

        @Override
        public String toString() {
            return from + "->" + to;
        }
    }

    /** What the network decided for one copy of a message at send time. */
    record Fate(long deliverAtMicros, DropReason dropReason) implements Serializable {
    }

    private final SimRandom root;
    private LinkProfile defaultProfile;
    private final TreeMap<Link, LinkProfile> profiles = new TreeMap<>();
    private final TreeSet<Link> blocked = new TreeSet<>();
    /**
     * A number for every node name the network has seen, in the order it first saw them, never reused: the
     * kernel keeps each node's number and the hot path below works on numbers, not names. A name keeps its
     * number if the node is removed and added again, so its links stay FIFO across that, as before.
     */
    private final HashMap<NodeId, Integer> numbers = new HashMap<>();
    /**
     * Latest delivery time of an in-order message per link, to keep links FIFO. Only entries in the future
     * can hold a message back, so past ones are forgotten (see {@link #forgetPast}).
     */
    private final InOrderDeliveries lastInOrderDelivery = new InOrderDeliveries();
    /** Each sender's stream, by the sender's number; forked from the seed by name when it first sends. */
    private SimRandom[] senderRandom = new SimRandom[16];

    Network(SimRandom root, LinkProfile defaultProfile) {
        this.root = root;
        this.defaultProfile = defaultProfile;
    }

    public LinkProfile defaultProfile() {
        return defaultProfile;
    }

    /** The profile that applies to {@code from -> to}: its own, or the default. */
    public LinkProfile profile(NodeId from, NodeId to) {
        // Most runs give no link a profile of its own: skip the tree lookup (a name comparison per level).
        return profiles.isEmpty() ? defaultProfile : profiles.getOrDefault(new Link(from, to), defaultProfile);
    }

    /** Links with a profile of their own. */
    public SortedMap<Link, LinkProfile> linkProfiles() {
        return Collections.unmodifiableSortedMap(profiles);
    }

    public boolean isBlocked(NodeId from, NodeId to) {
        return !blocked.isEmpty() && blocked.contains(new Link(from, to));
    }

    public SortedSet<Link> blockedLinks() {
        return Collections.unmodifiableSortedSet(blocked);
    }

    void setDefaultProfile(LinkProfile profile) {
        this.defaultProfile = profile;
    }

    void setProfile(NodeId from, NodeId to, LinkProfile profile) {
        if (profile == null) {
            profiles.remove(new Link(from, to));
        } else {
            profiles.put(new Link(from, to), profile);
        }
    }

    void block(NodeId from, NodeId to) {
        blocked.add(new Link(from, to));
    }

    void unblock(NodeId from, NodeId to) {
        blocked.remove(new Link(from, to));
    }

    void partition(Collection<? extends Set<NodeId>> groups) {
        List<? extends Set<NodeId>> list = List.copyOf(groups);
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < list.size(); j++) {
                if (i == j) {
                    continue;
                }
                for (NodeId a : new TreeSet<>(list.get(i))) {
                    for (NodeId b : new TreeSet<>(list.get(j))) {
                        if (!a.equals(b)) {
                            blocked.add(new Link(a, b));
                        }
                    }
                }
            }
        }
    }

    void heal() {
        blocked.clear();
    }

    /** The number of node name {@code id}, given to it now if the network has not seen it before. */
    int number(NodeId id) {
        Integer n = numbers.get(id);
        if (n == null) {
            n = numbers.size();
            numbers.put(id, n);
        }
        return n;
    }

    /**
     * Decides what happens to a message sent now from {@code from} (numbered {@code fromNumber}, see
     * {@link #number}) to {@code to}: one fate for the original and, if the link duplicates it, one for the copy.
     */
    List<Fate> route(int fromNumber, NodeId from, int toNumber, NodeId to, long nowMicros) {
        LinkProfile p = profile(from, to);
        SimRandom r = senderRandom(fromNumber, from);
        long link = InOrderDeliveries.link(fromNumber, toNumber);
        boolean isBlocked = isBlocked(from, to);
        Fate original = fate(p, r, link, nowMicros, isBlocked);
        if (r.chance(p.duplicateProbability())) {
            // The copy travels on its own: independent delay, not held to FIFO.
            long copyAt = nowMicros + sampleDelay(p, r) + r.nextLong(0, Math.max(1, p.meanLatencyMicros()) + 1);
            DropReason copyDrop = isBlocked ? DropReason.PARTITION
                    : r.chance(p.lossProbability()) ? DropReason.LOSS : null;
            return List.of(original, new Fate(copyAt, copyDrop));
        }
        return List.of(original);
    }

    private SimRandom senderRandom(int fromNumber, NodeId from) {
        if (fromNumber >= senderRandom.length) {
            senderRandom = Arrays.copyOf(senderRandom, Math.max(fromNumber + 1, senderRandom.length * 2));
        }
        SimRandom r = senderRandom[fromNumber];
        if (r == null) {
            r = root.fork("net/" + from.name());
            senderRandom[fromNumber] = r;
        }
        return r;
    }

    private Fate fate(LinkProfile p, SimRandom r, long link, long nowMicros, boolean isBlocked) {
        long at = nowMicros + sampleDelay(p, r);
        if (r.chance(p.reorderProbability())) {
            at += r.nextLong(0, 2 * Math.max(1, p.meanLatencyMicros()) + 1);
        } else {
            long last = lastInOrderDelivery.get(link);
            if (last != InOrderDeliveries.NONE && last > at) {
                at = last;
            }
            lastInOrderDelivery.put(link, at, nowMicros);
        }
        boolean lost = r.chance(p.lossProbability());
        DropReason drop = isBlocked ? DropReason.PARTITION : lost ? DropReason.LOSS : null;
        return new Fate(at, drop);
    }

    /**
     * Drops FIFO bookkeeping that can no longer matter: a message sent at or after {@code nowMicros} arrives
     * no earlier than now, so a link whose last in-order delivery is not in the future constrains nothing.
     * Changes no run; keeps checkpoints from growing with every link ever used.
     */
    void forgetPast(long nowMicros) {
        lastInOrderDelivery.forgetAtOrBefore(nowMicros);
    }

    private static long sampleDelay(LinkProfile p, SimRandom r) {
        if (p.jitterMicros() == 0) {
            return p.meanLatencyMicros();
        }
        long d = Math.round(p.meanLatencyMicros() + p.jitterMicros() * r.nextGaussian());
        return Math.max(p.minLatencyMicros(), d);
    }

    /** For the views: blocked links as a plain map from sender to the receivers it cannot reach. */
    public Map<NodeId, SortedSet<NodeId>> blockedBySender() {
        TreeMap<NodeId, SortedSet<NodeId>> m = new TreeMap<>();
        for (Link l : blocked) {
            m.computeIfAbsent(l.from(), k -> new TreeSet<>()).add(l.to());
        }
        return Collections.unmodifiableMap(m);
    }
}
