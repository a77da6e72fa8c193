package io.distviz.ui.clocks;

import io.distviz.clocks.ClockEvent;
import io.distviz.clocks.SyncAlgorithm;
import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One synchronization as the trace told it: a node's poll of its servers (NTP), its question to the time server
 * (Cristian), or a master's round over its followers (Berkeley), with every message's true send and arrival
 * times and what each side computed from it. Built by {@link ClockHistory} as the events come in, so a round
 * still in progress is incomplete; the exchange panel draws it either way.
 */
final class SyncRound {

    /** The exchange with one server (or one Berkeley follower). */
    static final class Leg {
        final NodeId peer;
        Message request;
        long requestDeliveredMicros = -1;
        Message reply;
        long replyDeliveredMicros = -1;
        /** Berkeley: the master's adjustment to this follower. */
        Message adjust;
        long adjustDeliveredMicros = -1;
        ClockEvent.ClockAdjusted applied;
        ClockEvent.SyncSample sample;
        /** The server's clock (as served) minus the client's at the moment of the sample: what the estimate aimed at. */
        double trueOffsetNanos = Double.NaN;
        String rejected;
        boolean lost;

        Leg(NodeId peer) {
            this.peer = peer;
        }

        void delivered(Message m, long t) {
            if (m.equals(request) || m.id() == idOf(request)) {
                requestDeliveredMicros = t;
            } else if (m.id() == idOf(reply)) {
                replyDeliveredMicros = t;
            } else if (m.id() == idOf(adjust)) {
                adjustDeliveredMicros = t;
            }
        }

        void dropped(Message m, long t) {
            lost = true;
        }

        void applied(ClockEvent.ClockAdjusted a) {
            applied = a;
        }

        private static long idOf(Message m) {
            return m == null ? Long.MIN_VALUE : m.id();
        }
    }

    private final SyncAlgorithm algorithm;
    private final NodeId initiator;
    private final long startMicros;
    private final List<Leg> legs = new ArrayList<>();
    private ClockEvent.ClockAdjusted adjustment;
    private ClockEvent.SelectionResult selection;
    private ClockEvent.BerkeleyRound berkeley;
    private final List<String> notes = new ArrayList<>();

    SyncRound(SyncAlgorithm algorithm, NodeId initiator, long startMicros) {
        this.algorithm = algorithm;
        this.initiator = initiator;
        this.startMicros = startMicros;
    }

    SyncAlgorithm algorithm() {
        return algorithm;
    }

    /** The client (Cristian, NTP) or the master (Berkeley). */
    NodeId initiator() {
        return initiator;
    }

    long startMicros() {
        return startMicros;
    }

    List<Leg> legs() {
        return Collections.unmodifiableList(legs);
    }

    /** The initiator's own correction, or null (none yet, or the answer was not used). */
    ClockEvent.ClockAdjusted adjustment() {
        return adjustment;
    }

    /** NTP: the last clock selection of this round, or null. */
    ClockEvent.SelectionResult selection() {
        return selection;
    }

    /** Berkeley: the master's average, or null before the round ends. */
    ClockEvent.BerkeleyRound berkeley() {
        return berkeley;
    }

    List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    boolean involves(NodeId node) {
        if (initiator.equals(node)) {
            return true;
        }
        for (Leg l : legs) {
            if (l.peer.equals(node)) {
                return true;
            }
        }
        return false;
    }

    Leg leg(NodeId peer) {
        for (Leg l : legs) {
            if (l.peer.equals(peer)) {
                return l;
            }
        }
        return null;
    }

    /** The last moment anything of this round happened (or is due: a message in flight). */
    long endMicros() {
        long end = startMicros;
        for (Leg l : legs) {
            for (Message m : new Message[] {l.request, l.reply, l.adjust}) {
                if (m != null) {
                    end = Math.max(end, m.deliverAtMicros());
                }
            }
        }
        return end;
    }

    void forEachMessageId(LongConsumer action) {
        for (Leg l : legs) {
            for (Message m : new Message[] {l.request, l.reply, l.adjust}) {
                if (m != null) {
                    action.accept(m.id());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ building

    Leg request(NodeId to, Message m) {
        Leg l = new Leg(to);
        l.request = m;
        legs.add(l);
        return l;
    }

    Leg reply(NodeId from, Message m) {
        Leg l = leg(from);
        if (l != null && l.reply == null) {
            l.reply = m;
            return l;
        }
        return null;
    }

    Leg adjustMessage(NodeId to, Message m) {
        Leg l = leg(to);
        if (l != null) {
            l.adjust = m;
        }
        return l;
    }

    void sample(ClockEvent.SyncSample s, double trueOffsetNanos) {
        Leg l = leg(s.server());
        if (l != null) {
            l.sample = s;
            l.trueOffsetNanos = trueOffsetNanos;
        }
    }

    void rejected(ClockEvent.SyncRejected r) {
        Leg l = leg(r.server());
        if (l != null) {
            l.rejected = r.reason();
        } else {
            notes.add(r.server() + ": " + r.reason());
        }
    }

    void selection(ClockEvent.SelectionResult s) {
        selection = s;
    }

    void berkeley(ClockEvent.BerkeleyRound b) {
        berkeley = b;
    }

    void adjusted(ClockEvent.ClockAdjusted a) {
        adjustment = a;
    }
}
