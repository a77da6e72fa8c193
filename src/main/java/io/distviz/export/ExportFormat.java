package io.distviz.export;

import java.util.Locale;

/** The formats a trace can be written in, by the names the command line and the app's menu use. */
public enum ExportFormat {
    /** DistViz's own trace: replayable, opens again in DistViz. */
    JSON("json", ".json", "DistViz trace (replayable)"),
    CSV("csv", ".csv", "CSV, one row per event (spreadsheets)"),
    SHIVIZ("shiviz", ".log", "ShiViz log (space-time diagram at bestchai.bitbucket.io/shiviz)"),
    CHROME("chrome", ".trace.json", "Chrome trace event JSON (Perfetto, chrome://tracing)"),
    MERMAID("mermaid", ".mmd", "Mermaid sequence diagram (notes, slides)"),
    EDN("edn", ".edn", "Jepsen-style EDN history of the Raft clients (Knossos)");

    private final String word;
    private final String extension;
    private final String description;

    ExportFormat(String word, String extension, String description) {
        this.word = word;
        this.extension = extension;
        this.description = description;
    }

    public String word() {
        return word;
    }

    public String extension() {
        return extension;
    }

    public String description() {
        return description;
    }

    /** The format named {@code text} ({@code perfetto} is another name for chrome). */
    public static ExportFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("perfetto")) {
            return CHROME;
        }
        for (ExportFormat f : values()) {
            if (f.word.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; expected one of " + names());
    }

    /** The format a file name implies, or null when it implies none (or several). */
    public static ExportFormat fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".trace.json") || n.endsWith(".perfetto.json") || n.endsWith(".chrome.json")) {
            return CHROME;
        }
        if (n.endsWith(".json")) {
            return JSON;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".log") || n.endsWith(".shiviz")) {
            return SHIVIZ;
        }
        if (n.endsWith(".mmd") || n.endsWith(".mermaid")) {
            return MERMAID;
        }
        return n.endsWith(".edn") ? EDN : null;
    }

    public static String names() {
        StringBuilder b = new StringBuilder();
        for (ExportFormat f : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(f.word);
        }
        return b.toString();
    }
}
