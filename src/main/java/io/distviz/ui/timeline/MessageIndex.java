package io.distviz.ui.timeline;

import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Every message of a timeline, in send order, with where its send and its end (delivery or drop) are in the
 * trace: what the space-time diagram needs to find the arrows of a time window without reading the events
 * outside it. Built incrementally as events are appended.
 *
 * <p>Sends are appended in time order, so a binary search on send time finds the last message sent before a
 * window ends. A message sent long before the window may still cross it, so each position also keeps the
 * latest due time of any message up to it (a non-decreasing array): a binary search on that finds the first
 * message that can still reach the window. The kernel ends every message at its due time (a drop too: the
 * network decides at send time, the trace records it when the message would have arrived), so the due time
 * bounds where an arrow can end, in flight or not.
 *
 * <p>A delivery or drop whose send is not in the trace (a trace cut from a longer run) has no arrow.
 */
final class MessageIndex {
    private record Copy(long id, int copy) {
    }

    private int count;
    private long[] ids = new long[256];
    private int[] sendIndex = new int[256];
    private int[] endIndex = new int[256];
    private long[] sendMicros = new long[256];
    private long[] dueMicros = new long[256];
    private long[] latestDueUpTo = new long[256];
    /** Messages sent and not yet delivered or dropped, by id and copy: looked up, never iterated. */
    private final HashMap<Copy, Integer> open = new HashMap<>();
    /** Trace indices of node lifecycle events (crashes, restarts): few, and drawn on the lanes. */
    private int[] lifecycle = new int[16];
    private int lifecycleCount;
    /** Every node that sent or received a message or changed, in the order first seen. */
    private final List<NodeId> nodesSeen = new ArrayList<>();
    private final HashMap<NodeId, Boolean> nodeSet = new HashMap<>();

    void clear() {
        count = 0;
        open.clear();
        lifecycleCount = 0;
        nodesSeen.clear();
        nodeSet.clear();
    }

    /** Indexes events {@code from..events.size()}. */
    void append(List<? extends TraceEvent> events, int from) {
        for (int i = from, n = events.size(); i < n; i++) {
            TraceEvent e = events.get(i);
            if (e instanceof TraceEvent.MessageSent s) {
                addSend(i, s.message());
            } else if (e instanceof TraceEvent.MessageDelivered d) {
                end(i, d.message());
            } else if (e instanceof TraceEvent.MessageDropped d) {
                end(i, d.message());
            } else if (e instanceof TraceEvent.NodeLifecycle) {
                if (lifecycleCount == lifecycle.length) {
                    lifecycle = Arrays.copyOf(lifecycle, lifecycleCount * 2);
                }
                lifecycle[lifecycleCount++] = i;
                see(e.node());
            }
        }
    }

    private void addSend(int traceIndex, Message m) {
        if (count == ids.length) {
            int capacity = count * 2;
            ids = Arrays.copyOf(ids, capacity);
            sendIndex = Arrays.copyOf(sendIndex, capacity);
            endIndex = Arrays.copyOf(endIndex, capacity);
            sendMicros = Arrays.copyOf(sendMicros, capacity);
            dueMicros = Arrays.copyOf(dueMicros, capacity);
            latestDueUpTo = Arrays.copyOf(latestDueUpTo, capacity);
        }
        ids[count] = m.id();
        sendIndex[count] = traceIndex;
        endIndex[count] = -1;
        sendMicros[count] = m.sentAtMicros();
        long due = Math.max(m.deliverAtMicros(), m.sentAtMicros());
        dueMicros[count] = due;
        latestDueUpTo[count] = count == 0 ? due : Math.max(latestDueUpTo[count - 1], due);
        open.put(new Copy(m.id(), m.copy()), count);
        count++;
        see(m.from());
        see(m.to());
    }

    private void end(int traceIndex, Message m) {
        Integer position = open.remove(new Copy(m.id(), m.copy()));
        if (position != null) {
            endIndex[position] = traceIndex;
        }
    }

    private void see(NodeId node) {
        if (node != null && nodeSet.putIfAbsent(node, Boolean.TRUE) == null) {
            nodesSeen.add(node);
        }
    }

    int count() {
        return count;
    }

    long id(int position) {
        return ids[position];
    }

    int sendIndex(int position) {
        return sendIndex[position];
    }

    /** The trace index of the delivery or drop, or -1 while the message is in flight at the end of the trace. */
    int endIndex(int position) {
        return endIndex[position];
    }

    long sendMicros(int position) {
        return sendMicros[position];
    }

    long dueMicros(int position) {
        return dueMicros[position];
    }

    /** The first position whose message, or an earlier one, can still be in the air at {@code micros}. */
    int firstReaching(long micros) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (latestDueUpTo[mid] < micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first position sent after {@code micros} (the end of a window's positions). */
    int firstSentAfter(long micros) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sendMicros[mid] <= micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The position of the first copy of message {@code id}, or -1. Ids are handed out in send order. */
    int positionOf(long id) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ids[mid] < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < count && ids[lo] == id ? lo : -1;
    }

    int lifecycleCount() {
        return lifecycleCount;
    }

    int lifecycleIndex(int k) {
        return lifecycle[k];
    }

    List<NodeId> nodesSeen() {
        return nodesSeen;
    }
}
