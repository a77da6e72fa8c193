package io.distviz.export;

import io.distviz.sim.Message;
import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace as a Mermaid sequence diagram, for notes and slides: one participant per node in order of first
 * appearance, an arrow per message when it is delivered ({@code ->>}) or dropped ({@code -x}, with the reason).
 * Diagrams of thousands of arrows are unreadable, so at most {@code maxMessages} are drawn and a note at the
 * end says how many were left out.
 */
public final class MermaidExport {
    public static final int DEFAULT_MAX_MESSAGES = 200;

    private MermaidExport() {
    }

    public static void write(List<? extends TraceEvent> events, Appendable out, int maxMessages) throws IOException {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("at least one message must be drawn, not " + maxMessages);
        }
        Map<NodeId, String> participants = new LinkedHashMap<>();
        List<String> arrows = new ArrayList<>();
        int total = 0;
        for (TraceEvent e : events) {
            Message m = null;
            String arrow = null;
            String label = null;
            if (e instanceof TraceEvent.MessageDelivered d) {
                m = d.message();
                arrow = "->>";
                label = m.payload().kind();
            } else if (e instanceof TraceEvent.MessageDropped d) {
                m = d.message();
                arrow = "-x";
                label = m.payload().kind() + " (lost: " + d.reason().name().toLowerCase(java.util.Locale.ROOT) + ")";
            }
            if (m == null) {
                continue;
            }
            total++;
            if (arrows.size() >= maxMessages) {
                continue;
            }
            String from = participants.computeIfAbsent(m.from(), k -> "p" + (participants.size() + 1));
            String to = participants.computeIfAbsent(m.to(), k -> "p" + (participants.size() + 1));
            arrows.add("    " + from + arrow + to + ": " + safe(label) + " @" + e.timeMicros() + "µs");
        }
        out.append("sequenceDiagram\n");
        for (Map.Entry<NodeId, String> p : participants.entrySet()) {
            out.append("    participant ").append(p.getValue()).append(" as ").append(safe(p.getKey().name()))
                    .append('\n');
        }
        for (String a : arrows) {
            out.append(a).append('\n');
        }
        if (total > arrows.size() && !participants.isEmpty()) {
            String first = participants.values().iterator().next();
            out.append("    Note over ").append(first).append(": cut after ").append(Integer.toString(arrows.size()))
                    .append(" of ").append(Integer.toString(total)).append(" messages\n");
        }
    }

    /** Mermaid reads ';' and '#' specially (written as its entity codes) and ends a message at a line break. */
    private static String safe(String s) {
        return s.replace("#", "\u0000").replace(";", "#59;").replace("\u0000", "#35;").replace('\n', ' ');
    }
}
