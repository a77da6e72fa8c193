package io.distviz.ui.timeline;

import io.distviz.sim.NodeId;
import io.distviz.sim.TraceEvent;
import java.util.Comparator;

/**
 * How the timeline views write an event for a person: its time, its kind and the rest of the trace's own
 * canonical line ({@link TraceEvent#describe()}), so the log reads exactly like the trace file and the CSV export.
 */
final class EventText {

    /** Node names as a person orders them: s2 before s10 (digit runs compare as numbers). */
    static final Comparator<NodeId> NATURAL_ORDER = (a, b) -> compareNatural(a.name(), b.name());

    private EventText() {
    }

    /**
     * Virtual time as seconds with every microsecond shown, grouped by three ({@code 12.345 678 s}): one width
     * and one unit for every row, so a column of times lines up and reads without converting units.
     */
    static String time(long micros) {
        StringBuilder sb = new StringBuilder(16);
        if (micros < 0) {
            sb.append('-');
            micros = -micros;
        }
        long seconds = micros / 1_000_000L;
        int fraction = (int) (micros % 1_000_000L);
        sb.append(seconds).append('.');
        pad3(sb, fraction / 1000);
        sb.append(' ');
        pad3(sb, fraction % 1000);
        return sb.append(" s").toString();
    }

    private static void pad3(StringBuilder sb, int v) {
        if (v < 100) {
            sb.append('0');
        }
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    /**
     * The event's canonical line without its leading time and kind, which the log shows in columns of their own.
     * A drop keeps its reason ({@code (LOSS) #12 s1->s2 ...}).
     */
    static String description(TraceEvent e) {
        String line = e.describe();
        int start = line.indexOf(' ') + 1;
        String kind = e.kind();
        if (line.startsWith(kind, start)) {
            start += kind.length();
            while (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
        }
        return line.substring(start);
    }

    /** The kind as the log's column shows it: a lifecycle event says what happened to the node. */
    static String kindLabel(TraceEvent e) {
        if (e instanceof TraceEvent.NodeLifecycle l) {
            return switch (l.change()) {
                case ADDED -> "Added";
                case CRASHED -> "Crashed";
                case RESTARTED -> "Restarted";
                case REMOVED -> "Removed";
            };
        }
        return EventKind.of(e).label();
    }


    /** Whether {@code text} contains {@code lowerNeedle} (already lower case), ignoring case, from {@code from}. */
    static boolean containsIgnoreCase(String text, int from, String lowerNeedle) {
        int n = lowerNeedle.length();
        if (n == 0) {
            return true;
        }
        char first = lowerNeedle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = from, last = text.length() - n; i <= last; i++) {
            char c = text.charAt(i);
            // Checking the first character by hand skips regionMatches' setup at almost every position.
            if ((c == first || c == firstUpper) && text.regionMatches(true, i, lowerNeedle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (si < a.length() && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < b.length() && b.charAt(sj) == '0') {
                    sj++;
                }
                int ei = si;
                int ej = sj;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int byLength = Integer.compare(ei - si, ej - sj);
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = a.substring(si, ei).compareTo(b.substring(sj, ej));
                if (byDigits != 0) {
                    return byDigits;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }
}
