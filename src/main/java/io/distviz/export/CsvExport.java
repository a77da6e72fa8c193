package io.distviz.export;

import io.distviz.sim.Message;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.util.List;

/**
 * A trace as CSV (RFC 4180), one row per event, for spreadsheets. Columns: {@code index} (position in the
 * trace), {@code timeMicros}, {@code kind} (send, deliver, drop, timer-fired, state, event, ...), {@code node}
 * (where it happened), {@code peer} (the other end of a message), {@code messageId} and {@code copy} (link a
 * send to its delivery or drop), and {@code detail} (the event's canonical text).
 */
public final class CsvExport {
    public static final String HEADER = "index,timeMicros,kind,node,peer,messageId,copy,detail";

    private CsvExport() {
    }

    public static void write(List<? extends TraceEvent> events, Appendable out) throws IOException {
        out.append(HEADER).append("\r\n");
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            Message m = e.messageOrNull();
            String peer = "";
            if (m != null) {
                peer = e instanceof TraceEvent.MessageSent ? m.to().name() : m.from().name();
            }
            out.append(Integer.toString(i)).append(',')
                    .append(Long.toString(e.timeMicros())).append(',')
                    .append(quote(e.kind())).append(',')
                    .append(quote(e.node() == null ? "" : e.node().name())).append(',')
                    .append(quote(peer)).append(',')
                    .append(m == null ? "" : Long.toString(m.id())).append(',')
                    .append(m == null ? "" : Integer.toString(m.copy())).append(',')
                    .append(quote(e.describe())).append("\r\n");
        }
    }


    /** A field quoted when it holds a comma, a quote or a line break; quotes are doubled. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
