package dev.glimpse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Event;
import dev.glimpse.dataset.ClassScheme;
import dev.glimpse.dataset.CsvReader;
import dev.glimpse.dataset.DatasetReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventExchangeTest {

    @Test
    void eventsGoOutAsCsvAndCodingSheetAndComeBackIn(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("client-a.mp4"), "video a");
        Path b = Files.writeString(dir.resolve("client-b.mp4"), "video b");
        try (Project p = Project.open(dir.resolve("study.glimpse"))) {
            long ca = p.clips().add(a.toString(), 7, "aa".repeat(32), 30, 900, 640, 480).id();
            long cb = p.clips().add(b.toString(), 7, "bb".repeat(32), 30, 900, 640, 480).id();
            p.events().add(new Event(0, ca, 10, 14, 20, "R", "happiness", "casme2-5", List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), 0.9, "smiled, then \"hid\" it"));
            p.events().add(new Event(0, cb, 100, 103, 111, "R", "surprise", "casme2-5", List.of(), null, ""));
            assertEquals(2, EventExchange.exportCsv(p, dir.resolve("events.csv")));
            assertEquals(2, EventExchange.exportCodingSheet(p, dir.resolve("coding.xlsx")));
        }
        // exports get the permissions any file the user makes gets here (the umask's), not a temporary file's 0600
        Path made = Files.createFile(dir.resolve("made-by-hand.txt"));
        assertEquals(Files.getPosixFilePermissions(made), Files.getPosixFilePermissions(dir.resolve("events.csv")));
        assertEquals(Files.getPosixFilePermissions(made), Files.getPosixFilePermissions(dir.resolve("coding.xlsx")));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "nothing half-written left behind");
        }
        // the CSV is what Glimpse's own lab-clip reader takes
        DatasetReport r = new CsvReader().read(dir, dir.resolve("events.csv"), ClassScheme.named("casme2-5"));
        assertEquals(2, r.used(), r.skipped().toString());
        assertEquals(14, r.samples().get(0).apex());
        assertEquals("surprise", r.samples().get(1).label());

        // the coding sheet goes into another project with the same clips
        try (Project q = Project.open(dir.resolve("other.glimpse"))) {
            var clipA = q.clips().add(a.toString(), 7, "aa".repeat(32), 30, 900, 640, 480);
            long ca = clipA.id();
            EventExchange.Rows rows = EventExchange.read(dir.resolve("coding.xlsx"), "client-a.mp4", 0, 899, "importer");
            assertEquals(1, rows.events().size());
            assertEquals(List.of("row 3: of clip 'client-b.mp4', not client-a.mp4"), rows.skipped());
            assertEquals(1, EventExchange.add(q, clipA, rows.events()).added());
            assertEquals(0, EventExchange.add(q, clipA, rows.events()).added(), "imported twice, added once");
            Event e = q.events().of(ca).get(0);
            assertEquals(10, e.onset());
            assertEquals(14, e.apex());
            assertEquals(20, e.offset());
            assertEquals("happiness", e.label());
            assertEquals("R", e.coder());
            // the sheet keeps what the project held: intensities, confidence and notes too
            assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), e.actionUnits());
            assertEquals(0.9, e.confidence());
            assertEquals("smiled, then \"hid\" it", e.notes());
        }
        // and so does the CSV: the action units with their intensities, in the sheet notation
        var rows = dev.glimpse.io.Csv.read(dir.resolve("events.csv"));
        int column = rows.get(0).toList().indexOf("action_units");
        assertEquals("6B+12C", rows.get(1).get(column));
        assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")),
                dev.glimpse.annotation.ActionUnits.parse(rows.get(1).get(column)));
        {
        }
    }
}
