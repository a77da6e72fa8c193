package io.distviz.export;

import io.distviz.scenario.ScenarioLoader;
import io.distviz.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress reports while a run is written, and what a stopped or failed write leaves behind: the old file
 * as it was, and no partial file.
 */
class ExportProgressTest {
    private static RunCopy run;

    @BeforeAll
    static void aRaftRunOfTenSeconds() throws Exception {
        run = RunCopy.of(ScenarioRunner.run(ScenarioLoader.load(Path.of("scenarios/raft-leader-crash.json")),
                new ScenarioRunner.Options(null, 10_000_000L, null)));
        assertTrue(run.events().size() > 3 * Exports.REPORT_EVERY_EVENTS, "enough events to report progress");
    }

    @Test
    void everyFormatReportsProgressThatRisesToTheEventCountAndNeverPassesIt() throws IOException {
        int total = run.events().size();
        for (ExportFormat format : ExportFormat.values()) {
            List<long[]> reports = new ArrayList<>();
            StringWriter out = new StringWriter();
            Exports.write(format, run, out, (done, all) -> reports.add(new long[] {done, all}));
            assertEquals(0, reports.get(0)[0], format + " starts at 0");
            assertTrue(reports.size() > 3, format + " reports along the way: " + reports.size());
            long last = -1;
            for (long[] r : reports) {
                assertEquals(total, r[1], format.toString());
                assertTrue(r[0] >= last && r[0] <= total, format + ": " + r[0] + " after " + last);
                last = r[0];
            }
            assertEquals(total, last, format + " ends complete");
            // The reports before the last come from the writer's reading, which covers the whole list: the
            // declared number of passes is right (a pass more or less would stop short or cap early).
            long beforeEnd = reports.get(reports.size() - 2)[0];
            assertTrue(beforeEnd > total - Exports.REPORT_EVERY_EVENTS, format + " read up to " + beforeEnd);
            StringWriter plain = new StringWriter();
            Exports.write(format, run, plain, Exports.Progress.NONE);
            assertEquals(plain.toString(), out.toString(), format + ": watching changes nothing written");
        }
    }

    @Test
    void aCancelledExportLeavesTheOldFileAndNoPartialOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "the trace saved yesterday");
        Exports.Progress cancelHalfway = (done, total) -> {
            if (done > total / 2) {
                throw new CancellationException();
            }
        };
        assertThrows(CancellationException.class,
                () -> Exports.write(ExportFormat.JSON, run, file, true, cancelHalfway));
        assertEquals("the trace saved yesterday", Files.readString(file));
        assertEquals(List.of(file), list(dir), "no temporary file left");

        Path fresh = dir.resolve("new.csv");
        assertThrows(CancellationException.class,
                () -> Exports.write(ExportFormat.CSV, run, fresh, true, cancelHalfway));
        assertTrue(Files.notExists(fresh));
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void aWriteThatCannotHappenSaysWhyAndChangesNothing(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("traces.json"));
        IOException e = assertThrows(IOException.class,
                () -> Exports.write(ExportFormat.JSON, run, folder, true, Exports.Progress.NONE));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(folder), "the folder is still there, not replaced by the file");

        Path aFile = Files.writeString(dir.resolve("notes.txt"), "notes");
        e = assertThrows(IOException.class, () -> SafeFiles.write(aFile.resolve("run.csv"), "x", true));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());

        // A writer that fails half way (a full disk, say): the old file stays whole.
        Path file = Files.writeString(dir.resolve("run.csv"), "old");
        IOException full = assertThrows(IOException.class, () -> SafeFiles.write(file, out -> {
            out.write("half of the new content");
            throw new IOException("No space left on device");
        }, true));
        assertEquals("No space left on device", full.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(folder, aFile, file).stream().sorted().toList(), list(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
