package io.distviz.ui;

import java.util.List;

/** What the home page and a protocol's page say about one protocol, in our own words. */
public record ProtocolInfo(String id, String title, String tagline, String teaches, List<String> youWill,
                           String engineState) {

    public static final ProtocolInfo CHORD = new ProtocolInfo("chord", "Chord",
            "One hash table spread over a ring of peers",
            "Nodes and keys are hashed onto the same circle of identifiers, and each key lives on the first node "
                    + "at or after it. You will see why a lookup that follows finger tables needs about log N hops "
                    + "where walking the ring needs N, and what a ring does to stay correct while peers come and go.",
            List.of("place nodes on the identifier circle with a click and watch keys find their owner",
                    "follow a lookup hop by hop along the finger that was really used",
                    "add, remove and crash nodes and watch keys migrate and successor lists cover the gap"),
            "The Chord engine runs live on this page: click the circle to add a node, and a node to see its fingers.");

    public static final ProtocolInfo RAFT = new ProtocolInfo("raft", "Raft",
            "A cluster that agrees on one log",
            "Servers hold elections with randomized timeouts, and the winner copies client commands into every "
                    + "follower's log. An entry counts as committed once a majority stores it. You will see how "
                    + "terms and votes keep two leaders from ever committing different things.",
            List.of("watch votes and heartbeats travel between servers as they happen",
                    "crash the leader or cut the network and see a new election settle it",
                    "send client requests and follow them from the leader's log to commitment"),
            "The Raft engine runs live on this page: click a server to crash it, cut it off or send it a request.");

    public static final ProtocolInfo CLOCKS = new ProtocolInfo("clocks", "Clocks",
            "Why no two computers agree on the time",
            "Every real clock runs a little fast or slow, and the error grows. Synchronization protocols measure "
                    + "a round trip to estimate how far apart two clocks are, and logical clocks order events "
                    + "without trusting any clock at all.",
            List.of("watch drifting clocks walk away from true time, node by node",
                    "run Cristian, Berkeley and NTP rounds and see each correction land",
                    "compare Lamport, vector and hybrid timestamps and ask which events are concurrent"),
            "The clocks engine runs on this page: drifting clocks, Cristian, Berkeley and NTP rounds, and logical clocks over the same trace.");

    public static final List<ProtocolInfo> ALL = List.of(CHORD, RAFT, CLOCKS);
}
