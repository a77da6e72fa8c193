package io.distviz.export;

import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trace as a ShiViz log (Beschastnikh et al.): the parsing regular expression on the first line, a blank
 * line, then two lines per event: the host and its vector clock as JSON, then a description.
 *
 * <p>Only sends and deliveries are logged, and the vector clocks are computed over exactly those events, so
 * each host's own entry counts up by one per logged event and every delivery's clock is the merge of the
 * send's and the receiver's: the rules ShiViz checks when it opens a log.
 */
public final class ShiVizExport {
    /** ShiViz's parser: a host and a JSON clock on one line, the event text on the next. */
    public static final String REGEX = "(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)";

    private ShiVizExport() {
    }

    public static void write(List<? extends TraceEvent> events, Appendable out) throws IOException {
        out.append(REGEX).append("\n\n");
        Map<NodeId, TreeMap<String, Long>> clocks = new HashMap<>();
        Map<String, TreeMap<String, Long>> inFlight = new HashMap<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.MessageSent s) {
                Message m = s.message();
                TreeMap<String, Long> vc = tick(clocks, m.from());
                inFlight.put(m.id() + "/" + m.copy(), new TreeMap<>(vc));
                entry(out, m.from(), vc, "send " + m.payload().kind() + " to " + m.to() + " #" + m.id()
                        + (m.copy() > 0 ? " (copy " + m.copy() + ")" : "") + ": " + m.payload());
            } else if (e instanceof TraceEvent.MessageDelivered d) {
                Message m = d.message();
                TreeMap<String, Long> sent = inFlight.remove(m.id() + "/" + m.copy());
                TreeMap<String, Long> vc = clocks.computeIfAbsent(m.to(), k -> new TreeMap<>());
                if (sent != null) {
                    for (Map.Entry<String, Long> x : sent.entrySet()) {
                        vc.merge(x.getKey(), x.getValue(), Math::max);
                    }
                }
                tick(clocks, m.to());
                entry(out, m.to(), vc, "receive " + m.payload().kind() + " from " + m.from() + " #" + m.id()
                        + ": " + m.payload());
            } else if (e instanceof TraceEvent.MessageDropped d) {
                inFlight.remove(d.message().id() + "/" + d.message().copy());
            }
        }
    }

    private static TreeMap<String, Long> tick(Map<NodeId, TreeMap<String, Long>> clocks, NodeId host) {
        TreeMap<String, Long> vc = clocks.computeIfAbsent(host, k -> new TreeMap<>());
        vc.merge(host.name(), 1L, Long::sum);
        return vc;
    }

    private static void entry(Appendable out, NodeId host, TreeMap<String, Long> vc, String text)
            throws IOException {
        out.append(host.name()).append(' ').append('{');
        boolean first = true;
        for (Map.Entry<String, Long> x : vc.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(json(x.getKey())).append(": ").append(Long.toString(x.getValue()));
        }
        out.append("}\n").append(text.replace('\n', ' ')).append('\n');
    }

    private static String json(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
