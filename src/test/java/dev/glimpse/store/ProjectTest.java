package dev.glimpse.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.SavedAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project database, on real SQLite files. */
class ProjectTest {

    static Event event(long clip, int onset, int apex, int offset, String label) {
        return new Event(0, clip, onset, apex, offset, "Dr. Rivera", label, "casme2-5", List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), 0.8, "note");
    }

    @Test
    void everythingSavedIsThereAfterReopening(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("study.glimpse");
        long eventId;
        try (Project p = Project.open(db)) {
            Clip clip = p.clips().add("/data/s1.mp4", 12345, "cd".repeat(32), 30, 900, 640, 480);
            Event e = p.events().add(event(clip.id(), 10, 14, 20, "happiness"));
            eventId = e.id();
            p.events().add(event(clip.id(), 100, 104, 110, "surprise"));
            p.analyses().save(new SavedAnalysis(0, eventId, "ef".repeat(32), "atm-gcn-small", false, "small", "cpu",
                    812, List.of("negative", "positive", "surprise"), List.of(0.2, 0.5, 0.3), "positive", null));
        }
        try (Project p = Project.open(db)) {
            Clip clip = p.clips().all().get(0);
            assertEquals("/data/s1.mp4", clip.path());
            List<Event> events = p.events().of(clip.id());
            assertEquals(2, events.size());
            Event e = events.get(0);
            assertEquals(10, e.onset());
            assertEquals(14, e.apex());
            assertEquals("happiness", e.label());
            assertEquals("Dr. Rivera", e.coder());
            assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), e.actionUnits()); // FACS order
            SavedAnalysis a = p.analyses().latest(eventId).orElseThrow();
            assertEquals(List.of(0.2, 0.5, 0.3), a.probabilities());
            assertEquals("ef".repeat(32), a.weightsSha256());
            assertFalse(a.trained());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertEquals(Project.VERSION, s.executeQuery("PRAGMA user_version").getInt(1));
            assertEquals("wal", s.executeQuery("PRAGMA journal_mode").getString(1));
        }
    }

    @Test
    void editsAndDeletesAreKeptAndABadEditWritesNothing(@TempDir Path dir) throws Exception {
        try (Project p = Project.open(dir.resolve("p.glimpse"))) {
            long clip = p.clips().add("/a.mp4", 1, "00".repeat(32), 25, 100, 64, 64).id();
            Event e = p.events().add(event(clip, 10, 14, 20, "others"));
            p.events().update(new Event(e.id(), clip, 11, 15, 25, "B", "disgust", "casme2-5", List.of(new ActionUnit("9", null)), null, "recoded"));
            Event changed = p.events().of(clip).get(0);
            assertEquals(11, changed.onset());
            assertEquals("disgust", changed.label());
            assertEquals(null, changed.confidence());
            assertEquals(List.of(new ActionUnit("9", null)), changed.actionUnits());
            // an update of an event that is not there fails as a whole
            StoreException missing = assertThrows(StoreException.class, () -> p.events().update(new Event(999, clip, 1, 2, 3, null, null, null, List.of(), null, "")));
            assertTrue(missing.getMessage().contains("p.glimpse") && missing.getMessage().contains("not saved"));
            // an intensity outside A-E is refused (by the domain record before the database's CHECK), and the
            // event's other changes with it
            assertThrows(IllegalArgumentException.class, () -> p.events().update(new Event(e.id(), clip, 40, 45, 50, null, "surprise", null, List.of(new ActionUnit("1", "Z")), null, "")));
            assertEquals(11, p.events().of(clip).get(0).onset(), "the failed change left nothing behind");
            assertThrows(IllegalArgumentException.class, () -> event(clip, 20, 14, 30, "x"));
            p.events().delete(e.id());
            assertTrue(p.events().of(clip).isEmpty());
        }
    }

    @Test
    void aSecondWriterIsRefused(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("shared.glimpse");
        try (Project first = Project.open(db)) {
            StoreException e = assertThrows(StoreException.class, () -> Project.open(db));
            assertTrue(e.getMessage().contains(db.toString()) && e.getMessage().contains("another Glimpse"), e.getMessage());
        }
        Project.open(db).close(); // free again once the first has closed
    }

    @Test
    void aDatabaseOfANewerVersionIsRefusedAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("newer.glimpse");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE future(x)");
            s.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(db);
        StoreException e = assertThrows(StoreException.class, () -> Project.open(db));
        assertTrue(e.getMessage().contains("newer Glimpse") && e.getMessage().contains(db.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
        assertFalse(Files.exists(dir.resolve("newer.glimpse-wal")));
    }

    @Test
    void aCorruptFileAndAnotherProgramsDatabaseAreRefusedAndLeftUntouched(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.glimpse");
        byte[] noise = new byte[8192];
        new java.util.Random(1).nextBytes(noise);
        Files.write(junk, noise);
        StoreException e = assertThrows(StoreException.class, () -> Project.open(junk));
        assertTrue(e.getMessage().contains(junk.toString()) && e.getMessage().contains("not a Glimpse project"), e.getMessage());
        assertArrayEquals(noise, Files.readAllBytes(junk));

        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices(id)");
        }
        byte[] before = Files.readAllBytes(other);
        StoreException o = assertThrows(StoreException.class, () -> Project.open(other));
        assertTrue(o.getMessage().contains("not a Glimpse project"), o.getMessage());
        assertArrayEquals(before, Files.readAllBytes(other));
    }

    @Test
    void killingTheProgramInTheMiddleOfAWriteLosesNoCommittedEdit(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("crash.glimpse");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CrashDuringWrite.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(3, process.exitValue(), "the writer was killed mid-transaction: " + output);
        try (Project p = Project.open(db)) {
            List<Event> events = p.events().of(p.clips().all().get(0).id());
            assertEquals(1, events.size());
            assertEquals("committed", events.get(0).notes());
        }
    }

    @Test
    void aMovedClipIsFoundByItsChecksumAndRelinked(@TempDir Path dir) throws Exception {
        try (Project p = Project.open(dir.resolve("r.glimpse"))) {
            Clip clip = p.clips().add("/old/place.mp4", 10, "12".repeat(32), 30, 10, 64, 64);
            Clip found = p.clips().bySha256("12".repeat(32)).orElseThrow();
            p.clips().relink(found.id(), "/new/place.mp4");
            assertEquals("/new/place.mp4", p.clips().all().get(0).path());
            assertEquals(clip.id(), p.clips().all().get(0).id());
        }
    }

    @Test
    void aVersion1ProjectIsMigratedWithItsDataAndBringsBackTheLastClipOpened(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("old.glimpse");
        // a project as the first release wrote it: version 1's schema, one clip
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             var in = Project.class.getResourceAsStream("/dev/glimpse/store/V1__projects.sql")) {
            for (String sql : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split(";")) {
                if (!sql.replaceAll("(?m)^--.*$", "").isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO clips(path, size_bytes, sha256, fps, frame_count, width, height, added_at)"
                    + " VALUES ('/old.mp4', 1, '" + "aa".repeat(32) + "', 30, 10, 64, 64, '2026-01-01T00:00:00Z')");
            s.execute("PRAGMA user_version = 1");
        }
        try (Project p = Project.open(db)) {
            assertEquals("/old.mp4", p.clips().lastOpened().orElseThrow().path(), "never opened: the one added last");
            long second = p.clips().add("/second.mp4", 1, "bb".repeat(32), 30, 10, 64, 64).id();
            assertEquals(second, p.clips().lastOpened().orElseThrow().id());
            p.clips().markOpened(p.clips().all().get(0).id());
            p.clips().markOpened(p.clips().all().get(0).id());
        }
        try (Project p = Project.open(db)) {
            assertEquals("/old.mp4", p.clips().lastOpened().orElseThrow().path());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertEquals(Project.VERSION, s.executeQuery("PRAGMA user_version").getInt(1));
        }
        try (Project empty = Project.open(dir.resolve("new.glimpse"))) {
            assertTrue(empty.clips().lastOpened().isEmpty());
        }
    }

    @Test
    void whenTheDiskFillsUpTheChangeIsRolledBackAndTheUserToldWhy(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("full.glimpse");
        int saved = 0;
        try (Project p = Project.open(db)) {
            long clip = p.clips().add("/a.mp4", 1, "00".repeat(32), 25, 100, 64, 64).id();
            // SQLite's own limit on the file's size: past it, every write fails as on a full disk (SQLITE_FULL)
            p.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + (s.executeQuery("PRAGMA page_count").getInt(1) + 2));
                }
                return null;
            });
            String longNote = "n".repeat(1500);
            StoreException full = null;
            for (int k = 0; k < 200 && full == null; k++) {
                try {
                    p.events().add(new Event(0, clip, 10 + k, 11 + k, 12 + k, "A", null, null, List.of(new ActionUnit("12", "C")), null, longNote));
                    saved++;
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the size limit was never reached");
            assertTrue(full.getMessage().contains("disk is full") && full.getMessage().contains(db.toString()),
                    full.getMessage());
            assertEquals(saved, p.events().of(clip).size(), "the failed event left nothing behind");
        }
        try (Project p = Project.open(db)) {
            List<Event> events = p.events().of(p.clips().all().get(0).id());
            assertEquals(saved, events.size(), "every event saved before the disk filled up is still there");
            assertTrue(events.stream().allMatch(e -> e.actionUnits().size() == 1));
        }
    }
}
