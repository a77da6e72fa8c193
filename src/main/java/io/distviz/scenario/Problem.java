package io.distviz.scenario;

/**
 * One thing wrong with a scenario (or lesson, or trace) file: where it is and what was expected there.
 *
 * @param file    the file's name as the user gave it ({@code <text>} for text that came from no file)
 * @param path    a JSON path to the value, such as {@code $.timeline[3].node}; {@code $} is the whole file
 * @param message what is wrong, in words a teacher can act on
 */
public record Problem(String file, String path, String message) {

    @Override
    public String toString() {
        return file + ": " + path + ": " + message;
    }
}
