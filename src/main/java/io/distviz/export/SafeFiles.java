package io.distviz.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing a file the user made without losing it: an existing file is replaced only when asked, and the
 * new content goes to a temporary file beside it first, then takes the name in one move, so a failed write
 * leaves the old file as it was.
 */
public final class SafeFiles {
    private SafeFiles() {
    }

    /** Something that writes a file's content; it may be large, so it is streamed, not built in memory. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    public static void write(Path target, String content, boolean overwrite) throws IOException {
        write(target, out -> out.write(content), overwrite);
    }

    public static void write(Path target, Content content, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute) && !overwrite) {
            throw new FileAlreadyExistsException(absolute.toString(), null,
                    "the file exists; choose another name or ask to replace it");
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + absolute + ": the folder " + dir + " does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
