package io.distviz.scenario;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON object being read, with its path in the file. Every getter checks the value's type and range, and on
 * a problem records it with its path and returns a harmless default, so the loader goes on and reports every
 * problem of the file at once. {@link #finish()} then reports the keys nobody asked for (a typo such as
 * {@code "nod"} must not be ignored in silence). A key named {@code comment} is allowed everywhere.
 */
final class Fields {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The problems of one file. */
    static final class Report {
        final String file;
        final List<Problem> problems = new ArrayList<>();

        Report(String file) {
            this.file = file;
        }

        void add(String path, String message) {
            problems.add(new Problem(file, path, message));
        }

        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final JsonObject object;
    private final String path;
    private final Report report;
    private final Set<String> asked = new LinkedHashSet<>();

    Fields(JsonObject object, String path, Report report) {
        this.object = object;
        this.path = path;
        this.report = report;
    }

    /** Reads {@code element} as an object, or records that it is not one and returns null. */
    static Fields of(JsonElement element, String path, Report report) {
        if (element == null || !element.isJsonObject()) {
            report.add(path, "expected a JSON object { ... }, found " + kindOf(element));
            return null;
        }
        return new Fields(element.getAsJsonObject(), path, report);
    }

    String path() {
        return path;
    }

    Report report() {
        return report;
    }

    String pathOf(String name) {
        return path + (IDENTIFIER.matcher(name).matches() ? "." + name : "[\"" + name + "\"]");
    }

    boolean has(String name) {
        asked.add(name);
        JsonElement e = object.get(name);
        return e != null && !e.isJsonNull();
    }

    void problem(String name, String message) {
        report.add(name == null ? path : pathOf(name), message);
    }

    JsonElement raw(String name) {
        asked.add(name);
        JsonElement e = object.get(name);
        return e == null || e.isJsonNull() ? null : e;
    }

    private JsonElement required(String name, String expected) {
        JsonElement e = raw(name);
        if (e == null) {
            report.add(pathOf(name), "missing; expected " + expected);
        }
        return e;
    }

    // ------------------------------------------------------------------------------------------ strings

    String string(String name) {
        JsonElement e = required(name, "a string");
        return e == null ? null : asString(e, pathOf(name));
    }

    String optString(String name, String fallback) {
        JsonElement e = raw(name);
        return e == null ? fallback : asString(e, pathOf(name));
    }

    private String asString(JsonElement e, String at) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            if (s.isBlank()) {
                report.add(at, "must not be empty");
                return null;
            }
            return s;
        }
        report.add(at, "expected a string in quotes, found " + kindOf(e));
        return null;
    }

    /** One of a fixed set of words, matched without regard to case; the message lists them all. */
    <E> E choice(String name, Map<String, E> choices, E fallback) {
        JsonElement e = raw(name);
        if (e == null) {
            if (fallback == null) {
                report.add(pathOf(name), "missing; expected one of " + String.join(", ", choices.keySet()));
            }
            return fallback;
        }
        String s = asString(e, pathOf(name));
        if (s == null) {
            return fallback;
        }
        for (Map.Entry<String, E> c : choices.entrySet()) {
            if (c.getKey().equalsIgnoreCase(s.trim())) {
                return c.getValue();
            }
        }
        report.add(pathOf(name), "'" + s + "' is not one of " + String.join(", ", choices.keySet()));
        return fallback;
    }

    /** A case-insensitive word → enum map, from each constant's lower-case, dash-separated name. */
    static <E extends Enum<E>> Map<String, E> words(Class<E> type) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E c : type.getEnumConstants()) {
            m.put(c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), c);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------ numbers

    long integer(String name, long min, long max) {
        JsonElement e = required(name, "a whole number from " + min + " to " + max);
        return e == null ? min : asInteger(e, pathOf(name), min, max, min);
    }

    long optInteger(String name, long min, long max, long fallback) {
        JsonElement e = raw(name);
        return e == null ? fallback : asInteger(e, pathOf(name), min, max, fallback);
    }

    private long asInteger(JsonElement e, String at, long min, long max, long fallback) {
        BigDecimal d = number(e);
        if (d == null) {
            report.add(at, "expected a whole number from " + min + " to " + max + ", found " + kindOf(e));
            return fallback;
        }
        try {
            long v = d.longValueExact();
            if (v < min || v > max) {
                report.add(at, v + " is out of range; expected " + min + " to " + max);
                return fallback;
            }
            return v;
        } catch (ArithmeticException ex) {
            report.add(at, shown(d) + " is not a whole number from " + min + " to " + max);
            return fallback;
        }
    }

    double optNumber(String name, double min, double max, double fallback) {
        JsonElement e = raw(name);
        return e == null ? fallback : asNumber(e, pathOf(name), min, max, fallback);
    }

    double number(String name, double min, double max) {
        JsonElement e = required(name, "a number from " + min + " to " + max);
        return e == null ? min : asNumber(e, pathOf(name), min, max, min);
    }

    private double asNumber(JsonElement e, String at, double min, double max, double fallback) {
        BigDecimal d = number(e);
        if (d == null) {
            report.add(at, "expected a number from " + min + " to " + max + ", found " + kindOf(e));
            return fallback;
        }
        double v = d.doubleValue();
        // Compared exactly: -1e-400 is below 0, though as a double it rounds to -0.0, which is not.
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            report.add(at, shown(d) + " is out of range; expected " + min + " to " + max);
            return fallback;
        }
        return v;
    }

    private static BigDecimal number(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                return new BigDecimal(e.getAsString());
            } catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    /** An exact decimal number in [min, max]; null when missing or wrong (the problem is recorded if wrong). */
    BigDecimal decimal(String name, BigDecimal min, BigDecimal max, boolean required) {
        JsonElement e = required ? required(name, "a number from " + min.toPlainString() + " to "
                + max.toPlainString()) : raw(name);
        if (e == null) {
            return null;
        }
        BigDecimal d = number(e);
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            report.add(pathOf(name), (d == null ? "expected a number, found " + kindOf(e) : shown(d)
                    + " is out of range") + "; expected " + min.toPlainString() + " to " + max.toPlainString());
            return null;
        }
        return d;
    }

    /**
     * A number of the file as a message shows it: written out in full, unless that would be long (1e999999999
     * written out takes a gigabyte), then in scientific notation.
     */
    static String shown(BigDecimal d) {
        return d.precision() - (long) d.scale() <= 40 && d.scale() <= 40 ? d.toPlainString() : d.toString();
    }

    boolean bool(String name, boolean fallback) {
        JsonElement e = raw(name);
        if (e == null) {
            return fallback;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        report.add(pathOf(name), "expected true or false, found " + kindOf(e));
        return fallback;
    }

    // ------------------------------------------------------------------------------------------ durations

    /** A duration in µs (see {@link Durations}); null when missing and {@code fallback} is null. */
    Long duration(String name, long minMicros, long maxMicros, Long fallback) {
        JsonElement e = raw(name);
        if (e == null) {
            if (fallback == null) {
                report.add(pathOf(name), "missing; expected a duration such as \"150ms\" or \"2s\"");
            }
            return fallback;
        }
        Long v = asScaled(e, pathOf(name), 1_000);
        if (v == null) {
            return fallback == null ? minMicros : fallback;
        }
        if (v < minMicros || v > maxMicros) {
            report.add(pathOf(name), Durations.formatMicros(v) + " is out of range; expected "
                    + Durations.formatMicros(minMicros) + " to " + Durations.formatMicros(maxMicros));
            return fallback == null ? minMicros : fallback;
        }
        return v;
    }

    /** An amount of clock time in ns, such as an offset {@code "5ms"}; a bare number is milliseconds. */
    Long nanos(String name, long min, long max, Long fallback) {
        JsonElement e = raw(name);
        if (e == null) {
            if (fallback == null) {
                report.add(pathOf(name), "missing; expected an amount of time such as \"5ms\" or \"200us\"");
            }
            return fallback;
        }
        Long v = asScaled(e, pathOf(name), 1);
        if (v == null) {
            return fallback == null ? 0L : fallback;
        }
        if (v < min || v > max) {
            report.add(pathOf(name), Durations.formatNanos(v) + " is out of range; expected "
                    + Durations.formatNanos(min) + " to " + Durations.formatNanos(max));
            return fallback == null ? 0L : fallback;
        }
        return v;
    }

    private Long asScaled(JsonElement e, String at, long resolutionNanos) {
        try {
            BigDecimal n = number(e);
            if (n != null) {
                return Durations.fromMillis(n, resolutionNanos);
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return Durations.parse(e.getAsString(), resolutionNanos);
            }
            report.add(at, "expected a duration such as \"150ms\" or \"2s\", found " + kindOf(e));
        } catch (IllegalArgumentException ex) {
            report.add(at, ex.getMessage());
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ structure

    Fields object(String name) {
        JsonElement e = required(name, "an object { ... }");
        return e == null ? null : of(e, pathOf(name), report);
    }

    Fields optObject(String name) {
        JsonElement e = raw(name);
        return e == null ? null : of(e, pathOf(name), report);
    }

    /** The elements of an array with their paths; records a problem and returns an empty list otherwise. */
    List<Map.Entry<String, JsonElement>> array(String name, boolean required) {
        JsonElement e = required ? required(name, "an array [ ... ]") : raw(name);
        List<Map.Entry<String, JsonElement>> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        if (!e.isJsonArray()) {
            report.add(pathOf(name), "expected an array [ ... ], found " + kindOf(e));
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            out.add(Map.entry(pathOf(name) + "[" + i + "]", a.get(i)));
        }
        return out;
    }

    /** An array of non-empty strings (null when absent and not required). */
    List<String> strings(String name, boolean required) {
        if (!required && raw(name) == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonElement> item : array(name, required)) {
            String s = asString(item.getValue(), item.getKey());
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Names of every key present, in file order. */
    Set<String> keys() {
        return object.keySet();
    }

    /** Takes every key as asked for, so that {@link #finish()} reports none. */
    void acceptAll() {
        asked.addAll(object.keySet());
    }

    /** Reports every key that no getter asked for. */
    void finish() {
        for (String k : object.keySet()) {
            if (!asked.contains(k) && !k.equals("comment")) {
                List<String> known = new ArrayList<>(asked);
                report.add(pathOf(k), "unknown field \"" + k + "\"" + (known.isEmpty() ? ""
                        : "; expected " + (known.size() == 1 ? "" : "one of ") + String.join(", ", known)));
            }
        }
    }

    static String kindOf(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "nothing";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean() ? "true" : "false";
        }
        if (p.isNumber()) {
            return "the number " + p.getAsString();
        }
        String s = p.getAsString();
        return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
}
