package io.distviz.sim;

import java.io.Serializable;
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
     * Latest delivery time of an in-order message per link, to keep links FIFO. Only entries in the future
     * can hold a message back, so past ones are forgotten (see {@link #forgetPast}); a hash map because it is
     * looked up on every send and never iterated in an order that matters.
     */
    private final HashMap<Link, Long> lastInOrderDelivery = new HashMap<>();
    private int sizeAfterLastForget;
    private final TreeMap<NodeId, SimRandom> senderRandom = new TreeMap<>();

    Network(SimRandom root, LinkProfile defaultProfile) {
        this.root = root;
        this.defaultProfile = defaultProfile;
    }

    public LinkProfile defaultProfile() {
        return defaultProfile;
    }

    /** The profile that applies to {@code from -> to}: its own, or the default. */
    public LinkProfile profile(NodeId from, NodeId to) {
        return profiles.getOrDefault(new Link(from, to), defaultProfile);
    }

    /** Links with a profile of their own. */
    public SortedMap<Link, LinkProfile> linkProfiles() {
        return Collections.unmodifiableSortedMap(profiles);
    }

    public boolean isBlocked(NodeId from, NodeId to) {
        return blocked.contains(new Link(from, to));
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

    /**
     * Decides what happens to a message sent now: one fate for the original and, if the link duplicates
     * it, one for the copy.
     */
    List<Fate> route(NodeId from, NodeId to, long nowMicros) {
        LinkProfile p = profile(from, to);
        SimRandom r = senderRandom.computeIfAbsent(from, n -> root.fork("net/" + n.name()));
        Link link = new Link(from, to);
        if (lastInOrderDelivery.size() > 4_096 && lastInOrderDelivery.size() > 2 * sizeAfterLastForget) {
            forgetPast(nowMicros);
        }
        Fate original = fate(p, r, link, nowMicros, blocked.contains(link));
        if (r.chance(p.duplicateProbability())) {
            // The copy travels on its own: independent delay, not held to FIFO.
            long copyAt = nowMicros + sampleDelay(p, r) + r.nextLong(0, Math.max(1, p.meanLatencyMicros()) + 1);
            DropReason copyDrop = blocked.contains(link) ? DropReason.PARTITION
                    : r.chance(p.lossProbability()) ? DropReason.LOSS : null;
            return List.of(original, new Fate(copyAt, copyDrop));
        }
        return List.of(original);
    }

    private Fate fate(LinkProfile p, SimRandom r, Link link, long nowMicros, boolean isBlocked) {
        long at = nowMicros + sampleDelay(p, r);
        if (r.chance(p.reorderProbability())) {
            at += r.nextLong(0, 2 * Math.max(1, p.meanLatencyMicros()) + 1);
        } else {
            Long last = lastInOrderDelivery.get(link);
            if (last != null && last > at) {
                at = last;
            }
            lastInOrderDelivery.put(link, at);
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
        lastInOrderDelivery.values().removeIf(t -> t <= nowMicros);
        sizeAfterLastForget = lastInOrderDelivery.size();
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
