package io.distviz.clocks;

import io.distviz.sim.NodeId;

import java.io.Serializable;
import java.util.List;

/**
 * What a node does to keep its clock right; chosen by {@link ClockNetwork}. Whatever its role, every node
 * answers Cristian requests, Berkeley polls and NTP requests from its own clock: serving time is not a role.
 */
public sealed interface SyncRole extends Serializable {

    /** A short name for views: {@code free}, {@code cristian}, {@code reference}... */
    String label();

    /** Nobody adjusts this clock (it may still serve others). */
    record FreeRunning() implements SyncRole {
        public String label() {
            return "free";
        }
    }

    /**
     * A reference source at stratum 0 (a GPS receiver or an atomic standard): its clock is true time, up to its
     * read jitter, and it never synchronizes. The only node whose readings come from true time.
     */
    record Reference(ReferenceKind kind) implements SyncRole {
        public String label() {
            return "reference";
        }
    }

    /** Asks {@code server} every poll interval and sets its clock from the answer (Cristian 1989). */
    record CristianClient(NodeId server) implements SyncRole {
        public String label() {
            return "cristian";
        }
    }

    /** Polls {@code followers}, averages and sends each an adjustment (Gusella and Zatti 1989). */
    record BerkeleyMaster(List<NodeId> followers) implements SyncRole {
        public BerkeleyMaster {
            followers = List.copyOf(followers);
        }

        public String label() {
            return "berkeley-master";
        }
    }

    /** Answers its master's polls and applies the adjustments it sends (and only its). */
    record BerkeleyFollower(NodeId master) implements SyncRole {
        public String label() {
            return "berkeley-follower";
        }
    }

    /** An NTP client of {@code servers} (which may in turn be clients of others: the stratum hierarchy). */
    record NtpClient(List<NodeId> servers) implements SyncRole {
        public NtpClient {
            servers = List.copyOf(servers);
        }

        public String label() {
            return "ntp";
        }
    }

    /** What kind of reference source. */
    enum ReferenceKind {
        /** A GPS timing receiver's pulse per second: about 30 ns of jitter. */
        GPS(30),
        /** A caesium or hydrogen-maser standard: about a nanosecond. */
        ATOMIC(1);

        private final long readJitterNanos;

        ReferenceKind(long readJitterNanos) {
            this.readJitterNanos = readJitterNanos;
        }

        public long readJitterNanos() {
            return readJitterNanos;
        }
    }
}
