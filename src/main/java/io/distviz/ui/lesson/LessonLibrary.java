package io.distviz.ui.lesson;

import io.distviz.scenario.Lesson;
import io.distviz.scenario.LessonLoader;
import io.distviz.scenario.Problem;
import io.distviz.scenario.ScenarioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lessons the app offers: every {@code .json} file under {@code lessons/} on the class path (the folder
 * while developing, the jar once packaged). A file that does not load is kept too, with why, so the picker can
 * show it beside the lessons that work.
 */
public final class LessonLibrary {
    /** The folder, on the class path, the build copies the repository's {@code lessons/} into. */
    public static final String FOLDER = "lessons";

    /** One lesson file: its lesson, or the reason it could not be read (then {@code lesson} is null). */
    public record Entry(String file, Lesson lesson, String error) {
        public boolean broken() {
            return lesson == null;
        }
    }

    private LessonLibrary() {
    }

    /** The app's bundled lessons, in file-name order. */
    public static List<Entry> bundled() {
        return fromClassLoader(LessonLibrary.class.getClassLoader());
    }

    /** The lessons under {@code lessons/} as {@code loader} sees it, from a folder or a jar. */
    public static List<Entry> fromClassLoader(ClassLoader loader) {
        URL url = loader.getResource(FOLDER);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fromDirectory(fs.getPath(FOLDER));
            }
            return fromDirectory(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            return List.of(new Entry(url.toString(), null, "the lessons could not be listed: " + e.getMessage()));
        }
    }

    /** Every {@code .json} file directly in {@code dir}, in file-name order. */
    public static List<Entry> fromDirectory(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(
                    (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            try {
                entries.add(read(name, Files.readString(p, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                entries.add(new Entry(name, null, "could not be read: " + e.getMessage()));
            }
        }
        return entries;
    }

    /** One file's text as an entry. */
    public static Entry read(String file, String text) {
        try {
            return new Entry(file, LessonLoader.parse(text, file), null);
        } catch (ScenarioException e) {
            return new Entry(file, null, e.problems().stream().map(LessonLibrary::describe)
                    .collect(Collectors.joining("\n")));
        } catch (RuntimeException e) {
            return new Entry(file, null, String.valueOf(e.getMessage()));
        }
    }

    private static String describe(Problem p) {
        return (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
    }
}
