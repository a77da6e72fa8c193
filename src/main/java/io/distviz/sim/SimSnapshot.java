package io.distviz.sim;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/** An immutable picture of the kernel's state for a view to draw: who is up, what is in flight. */
public record SimSnapshot(long nowMicros, long eventsProcessed, SortedMap<NodeId, NodeStatus> nodes,
                         List<Message> inFlight, SortedSet<Network.Link> blockedLinks) {
}
