package dev.glimpse.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glimpse.annotation.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project file reached by other names, read where nothing may be written, and files that are not projects. */
class ProjectSafetyTest {

    private static Event event(long clip, int onset) {
        return new Event(0, clip, onset, onset + 4, onset + 10, "A", "happiness", "casme2-5", List.of(), null, "");
    }

    private static Path threeEvents(Path db) throws Exception {
        try (Project p = Project.open(db)) {
            long clip = p.clips().add("/data/s1.mp4", 1, "ab".repeat(32), 30, 900, 64, 64).id();
            for (int k = 0; k < 3; k++) {
                p.events().add(event(clip, 10 + 20 * k));
            }
        }
        return db;
    }

    private static int eventsIn(Path db) throws Exception {
        try (Project p = Project.openReadOnly(db)) {
            return p.events().of(p.clips().all().get(0).id()).size();
        }
    }

    /** Opens {@code name} in another JVM, as a second Glimpse would, and adds an event there. */
    private static int openElsewhere(Path name) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OpenAndAddEvent.class.getName(), name.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        process.getInputStream().readAllBytes();
        return process.exitValue();
    }

    @Test
    void aProjectOpenByOneNameIsRefusedByEveryOtherNameAndLosesNoEvent(@TempDir Path dir) throws Exception {
        Path db = threeEvents(dir.resolve("study.glimpse"));
        Path hard = Files.createLink(dir.resolve("hard.glimpse"), db);
        Path soft = Files.createSymbolicLink(dir.resolve("soft.glimpse"), db);
        Files.createDirectories(dir.resolve("sub"));
        Path relative = dir.resolve("sub").resolve("..").resolve("study.glimpse");
        try (Project first = Project.open(db)) {
            for (Path other : List.of(db, hard, soft, relative)) {
                StoreException e = assertThrows(StoreException.class, () -> Project.open(other), other.toString());
                assertTrue(e.getMessage().contains("another Glimpse"), e.getMessage());
                assertEquals(4, openElsewhere(other), "another process opening " + other.getFileName());
            }
            first.events().add(event(first.clips().all().get(0).id(), 200));
        }
        assertEquals(4, eventsIn(db), "no event lost, none written by a second writer");
        assertEquals(4, eventsIn(hard));
        assertEquals(0, openElsewhere(hard), "free again once the first has closed");
        assertEquals(5, eventsIn(soft));
    }

    @Test
    void readingAProjectChangesAndCreatesNothingAndWorksWhileItIsOpenForWriting(@TempDir Path dir) throws Exception {
        Path db = threeEvents(dir.resolve("study.glimpse"));
        Set<String> before = listing(dir);
        byte[] bytes = Files.readAllBytes(db);
        assertEquals(3, eventsIn(db));
        assertEquals(before, listing(dir), "no lock file, journal or anything else left behind");
        assertArrayEquals(bytes, Files.readAllBytes(db));
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OpenAndAddEvent.class.getName(), db.toString(), "hold").start();
        try {
            assertEquals("open", new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream())).readLine());
            assertEquals(4, eventsIn(db), "a project open in a window elsewhere can still be read (exported)");
            assertEquals(4, openElsewhere(db), "a reader does not let a second writer in");
        } finally {
            writer.getOutputStream().close();
            assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, writer.exitValue());
        assertEquals(before, listing(dir), "the writer's journal files are gone with it");
        try (Project open = Project.open(db)) {
            StoreException e = assertThrows(StoreException.class, () -> Project.openReadOnly(db));
            assertTrue(e.getMessage().contains("open for writing in this program"), e.getMessage());
        }
        try (Project one = Project.openReadOnly(db); Project two = Project.openReadOnly(db)) {
            assertThrows(StoreException.class, () -> Project.open(db), "no writer while it is being read");
            one.close();
            assertEquals(4, two.events().of(two.clips().all().get(0).id()).size(), "the other reader reads on");
        }
        assertEquals(0, openElsewhere(db), "every reader gone: a writer may open it");
        try (Project reader = Project.openReadOnly(db)) {
            assertTrue(reader.readOnly());
            StoreException e = assertThrows(StoreException.class, () -> reader.events().add(event(1, 400)));
            assertTrue(e.getMessage().contains("not saved"), e.getMessage());
        }
    }

    @Test
    void aMissingProjectIsRefusedForReadingAndNothingIsCreated(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("no-such-folder").resolve("stduy.glimpse");
        StoreException e = assertThrows(StoreException.class, () -> Project.openReadOnly(typo));
        assertTrue(e.getMessage().contains(typo.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(typo.getParent()));
        Path loop = dir.resolve("loop.glimpse");
        Files.createSymbolicLink(loop, loop);
        StoreException l = assertThrows(StoreException.class, () -> Project.openReadOnly(loop));
        assertTrue(l.getMessage().contains("loop"), l.getMessage());
        StoreException folder = assertThrows(StoreException.class, () -> Project.open(dir));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }

    @Test
    void aProjectInAFolderNobodyCanWriteToCanBeRead(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("archive"));
        Path db = threeEvents(folder.resolve("study.glimpse"));
        assumeTrue(makeUnwritable(folder), "the folder could not be made unwritable here");
        try {
            assertFalse(Files.isWritable(folder));
            assertEquals(3, eventsIn(db));
            StoreException e = assertThrows(StoreException.class, () -> Project.open(db));
            assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
        } finally {
            makeWritable(folder);
        }
        assertEquals(Set.of("study.glimpse"), listing(folder));
    }

    @Test
    void anotherProgramsDatabaseWithAUserVersionIsRefusedUntouched(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices(id)");
            s.execute("PRAGMA user_version = 1");
        }
        byte[] before = Files.readAllBytes(other);
        for (int k = 0; k < 2; k++) {
            int attempt = k;
            StoreException e = assertThrows(StoreException.class, () -> attempt(other, attempt).close());
            assertTrue(e.getMessage().contains("not a Glimpse project") && e.getMessage().contains("left as it is"),
                    e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(other));
            assertEquals(Set.of("other.db"), listing(dir), "not switched to WAL: no journal files");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
            assertEquals("delete", s.executeQuery("PRAGMA journal_mode").getString(1));
        }
    }

    private static Project attempt(Path file, int attempt) throws StoreException {
        return attempt == 0 ? Project.open(file) : Project.openReadOnly(file);
    }

    @Test
    void anOlderProjectIsReadWithoutBeingMigrated(@TempDir Path dir) throws Exception {
        Path db = threeEvents(dir.resolve("old.glimpse"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=DELETE");
            s.execute("ALTER TABLE clips DROP COLUMN opened_at"); // back to version 1: what versions 2, 4 to 8 added
            s.execute("DROP TABLE proposals");
            s.execute("DROP TABLE spotting_runs");
            s.execute("DROP TABLE settings");
            for (String column : List.of("face_x", "face_y", "face_size", "face_detected", "movement_score",
                    "movement_threshold", "temperature", "attention")) {
                s.execute("ALTER TABLE analyses DROP COLUMN " + column);
            }
            s.execute("PRAGMA user_version = 1");
        }
        byte[] before = Files.readAllBytes(db);
        assertEquals(3, eventsIn(db));
        assertArrayEquals(before, Files.readAllBytes(db), "the version 1 file is left as it was");
    }

    private static Set<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** chmod does not stop root, the immutable attribute does. */
    private static boolean makeUnwritable(Path folder) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Process p = new ProcessBuilder(root ? List.of("chattr", "+i", folder.toString()) : List.of("chmod", "555", folder.toString()))
                .redirectErrorStream(true).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !Files.isWritable(folder);
    }

    private static void makeWritable(Path folder) throws Exception {
        new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor(10, TimeUnit.SECONDS);
        new ProcessBuilder("chmod", "755", folder.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
}
