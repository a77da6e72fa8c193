package io.distviz.ui;

/** Reads a seed typed by a person. */
public final class Seeds {
    private Seeds() {
    }

    /**
     * Parses a whole number, allowing spaces around it and underscores or commas between digits.
     *
     * @throws IllegalArgumentException with a message for the status bar when the text is not a seed
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Type a seed: a whole number such as 42.");
        }
        String digits = t.replace("_", "").replace(",", "");
        if (!digits.matches("[+-]?\\d+")) {
            throw new IllegalArgumentException("The seed must be a whole number such as 42, not \"" + shorten(t) + "\".");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The seed \"" + shorten(t) + "\" is too large: use a number between "
                    + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ".");
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
