package io.distviz.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing a file the user made without losing it: an existing file is replaced only when asked, and the
 * new content goes to a temporary file beside it first, then takes the name in one move, so a failed write
 * (a full disk, a folder we may not write in, a cancelled export) leaves the old file as it was and no
 * half-written file behind.
 */
public final class SafeFiles {
    private SafeFiles() {
    }

    /** Something that writes a file's content; it may be large, so it is streamed, not built in memory. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** A binary file's content (a PNG), streamed. */
    @FunctionalInterface
    public interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, String content, boolean overwrite) throws IOException {
        write(target, out -> out.write(content), overwrite);
    }

    /** Writes text, in UTF-8. */
    public static void write(Path target, Content content, boolean overwrite) throws IOException {
        writeBytes(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(w);
            w.flush();
        }, overwrite);
    }

    /**
     * Writes {@code content} to {@code target}. Any exception {@code content} throws, checked or not (a
     * cancellation, say), comes out of here after the temporary file is deleted.
     */
    public static void writeBytes(Path target, Bytes content, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            // A move would replace an empty folder with the file: refuse, as a save dialog would.
            throw new IOException("cannot write " + absolute + ": it is a folder, not a file");
        }
        if (Files.exists(absolute) && !overwrite) {
            throw new FileAlreadyExistsException(absolute.toString(), null,
                    "the file exists; choose another name or ask to replace it");
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + absolute + ": the folder " + dir
                    + (dir != null && Files.exists(dir) ? " is a file, not a folder" : " does not exist"));
        }
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + absolute + ": no permission to create files in " + dir, e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
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
