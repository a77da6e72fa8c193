package io.distviz.export;

import io.distviz.raft.KvCommand;
import io.distviz.raft.KvResult;
import io.distviz.raft.RaftEvent;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The Raft key-value clients' operations as a Jepsen-style EDN history, one map per line, for
 * linearizability checkers such as Knossos: an {@code :invoke} when a client sends a command, then
 * {@code :ok} with what it observed, {@code :fail} for a compare-and-set that did not swap (it certainly had no
 * effect), and {@code :info} at the end for a command never answered (it may or may not have taken effect).
 * {@code :f} is {@code :read}, {@code :write}, {@code :cas} or {@code :delete}; {@code :key} names the key;
 * {@code :time} is virtual time in nanoseconds; {@code :process} is the client id.
 */
public final class EdnExport {
    private EdnExport() {
    }

    public static void write(List<? extends TraceEvent> events, Appendable out) throws IOException {
        TreeMap<String, RaftEvent.ClientInvoked> open = new TreeMap<>();
        long lastMicros = 0;
        for (TraceEvent e : events) {
            lastMicros = Math.max(lastMicros, e.timeMicros());
            if (!(e instanceof TraceEvent.ProtocolEvent p)) {
                continue;
            }
            if (p.detail() instanceof RaftEvent.ClientInvoked i) {
                open.put(i.clientId() + "/" + i.sequence(), i);
                line(out, "invoke", i.clientId(), i.command(), invokeValue(i.command()), e.timeMicros());
            } else if (p.detail() instanceof RaftEvent.ClientCompleted c) {
                open.remove(c.clientId() + "/" + c.sequence());
                KvCommand cmd = c.command();
                KvResult r = c.result();
                boolean failed = cmd.kind() == KvCommand.Kind.CAS && r != null && !r.swapped();
                String value = cmd.kind() == KvCommand.Kind.GET ? str(r == null ? null : r.value())
                        : invokeValue(cmd);
                line(out, failed ? "fail" : "ok", c.clientId(), cmd, value, e.timeMicros());
            }
        }
        for (RaftEvent.ClientInvoked i : open.values()) {
            line(out, "info", i.clientId(), i.command(), invokeValue(i.command()), lastMicros);
        }
    }

    private static String invokeValue(KvCommand c) {
        return switch (c.kind()) {
            case GET, DELETE -> "nil";
            case PUT -> str(c.value());
            case CAS -> "[" + str(c.expected()) + " " + str(c.value()) + "]";
        };
    }

    private static void line(Appendable out, String type, long process, KvCommand c, String value, long micros)
            throws IOException {
        String f = switch (c.kind()) {
            case GET -> "read";
            case PUT -> "write";
            case CAS -> "cas";
            case DELETE -> "delete";
        };
        out.append(String.format(Locale.ROOT, "{:type :%s, :f :%s, :key %s, :value %s, :process %d, :time %d}%n",
                type, f, str(c.key()), value, process, micros * 1000));
    }

    /** An EDN string, or nil. */
    static String str(String s) {
        if (s == null) {
            return "nil";
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
