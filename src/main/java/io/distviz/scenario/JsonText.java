package io.distviz.scenario;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;

/**
 * Reads strict JSON into Gson's tree, refusing what Gson's own parser lets through silently: a key given twice
 * in one object (the second would win unseen), content after the end, and nesting deep enough to exhaust the
 * stack. Syntax errors keep Gson's line, column and path.
 */
public final class JsonText {
    /** Far deeper than any real scenario; a guard against hostile or corrupted files. */
    public static final int MAX_DEPTH = 64;

    private JsonText() {
    }

    public static JsonElement parse(String text, String file) throws ScenarioException {
        if (text.isBlank()) {
            throw ScenarioException.of(file, "$", "the file is empty; expected a JSON object");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = read(reader, file, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw ScenarioException.of(file, "$", "there is more after the end of the JSON value ("
                        + where(reader) + ")");
            }
            return root;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // MalformedJsonException and EOFException are IOExceptions; their message names line and column.
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (msg.startsWith("End of input")) {
                msg = "the file ends in the middle of a value (" + msg + ")";
            }
            throw ScenarioException.of(file, "$", "not valid JSON: " + firstLine(msg));
        }
    }

    /** Reads the value at the reader's position, refusing duplicate keys and deep nesting (as {@link #parse}). */
    static JsonElement read(JsonReader reader, String file, int depth) throws IOException, ScenarioException {
        if (depth > MAX_DEPTH) {
            throw ScenarioException.of(file, reader.getPath(), "nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (o.has(name)) {
                        throw ScenarioException.of(file, reader.getPath(), "the key \"" + name
                                + "\" appears twice in one object (" + where(reader) + ")");
                    }
                    o.add(name, read(reader, file, depth + 1));
                }
                reader.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    a.add(read(reader, file, depth + 1));
                }
                reader.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new IllegalStateException("unexpected " + reader.peek() + " at " + where(reader));
        }
    }

    private static String where(JsonReader reader) {
        String s = reader.toString(); // "JsonReader at line 3 column 5 path $.x"
        int i = s.indexOf(" at ");
        return i < 0 ? s : s.substring(i + 4);
    }

    private static String firstLine(String msg) {
        int nl = msg.indexOf('\n');
        String line = nl < 0 ? msg : msg.substring(0, nl);
        return line.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON at ", "at ")
                .replace("Use JsonReader.setLenient(true) to accept malformed JSON at ", "at ");
    }
}
