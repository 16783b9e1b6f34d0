package dev.glimpse.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging coders' projects: by checksum, keeping coders, never twice, all or nothing. */
class ProjectMergeTest {
    @TempDir
    Path dir;

    private Path coder(String file, String coder, String clipPath, String sha, int... onsets) throws Exception {
        Path p = dir.resolve(file);
        try (Project q = Project.open(p)) {
            long c = q.clips().add(clipPath, 100, sha, 30, 900, 640, 480).id();
            for (int on : onsets) {
                q.events().add(new Event(0, c, on, on + 3, on + 9, coder, "happiness", "casme2-5",
                        List.of(new ActionUnit("12", "C")), 0.8, "note of " + coder));
            }
        }
        return p;
    }

    private static String dump(Project p) throws Exception {
        StringBuilder s = new StringBuilder();
        for (Clip c : p.clips().all()) {
            s.append(c).append('\n');
            for (Event e : p.events().of(c.id())) {
                s.append(e).append('\n');
            }
        }
        return s.toString();
    }

    @Test
    void clipsMatchByChecksumEventsKeepTheirCoderAndMergingTwiceAddsNothing() throws Exception {
        String sha = "ab".repeat(32);
        Path target = coder("ann.glimpse", "ann", "/lab/ann/session1.mp4", sha, 10, 50);
        Path bob = coder("bob.glimpse", "bob", "/home/bob/copy-of-session1.mp4", sha, 11, 52, 200);
        try (Project t = Project.open(target)) {
            ProjectMerge.Outcome first = ProjectMerge.merge(t, bob);
            assertEquals(0, first.clipsAdded());
            assertEquals(1, first.clipsMatched());
            assertEquals(3, first.eventsAdded());
            List<Clip> clips = t.clips().all();
            assertEquals(1, clips.size(), "the same video under another path is the same clip");
            List<Event> events = t.events().of(clips.get(0).id());
            assertEquals(5, events.size());
            assertEquals(3, events.stream().filter(e -> e.coder().equals("bob")).count());
            Event b = events.stream().filter(e -> e.coder().equals("bob") && e.onset() == 52).findFirst().orElseThrow();
            assertEquals(List.of(new ActionUnit("12", "C")), b.actionUnits());
            assertEquals(0.8, b.confidence());
            assertEquals("note of bob", b.notes());

            ProjectMerge.Outcome again = ProjectMerge.merge(t, bob);
            assertEquals(0, again.eventsAdded());
            assertEquals(3, again.eventsAlreadyHere());
            assertEquals(5, t.events().of(clips.get(0).id()).size(), "merged twice, nothing duplicated");
        }
    }

    @Test
    void aClipOnlyTheSourceHasIsAdded() throws Exception {
        Path target = coder("ann.glimpse", "ann", "/lab/a.mp4", "aa".repeat(32), 10);
        Path bob = coder("bob.glimpse", "bob", "/lab/b.mp4", "bb".repeat(32), 20);
        try (Project t = Project.open(target)) {
            ProjectMerge.Outcome o = ProjectMerge.merge(t, bob);
            assertEquals(1, o.clipsAdded());
            assertEquals(2, t.clips().all().size());
            assertEquals("bob", t.events().of(t.clips().bySha256("bb".repeat(32)).orElseThrow().id()).get(0).coder());
        }
    }

    @Test
    void refusalsNameTheProblemAndChangeNothing() throws Exception {
        Path target = coder("ann.glimpse", "ann", "/lab/session1.mp4", "aa".repeat(32), 10);
        // the same path with other content: another video
        Path other = coder("bob.glimpse", "bob", "/lab/session1.mp4", "cc".repeat(32), 10);
        // a newer Glimpse's project
        Path newer = coder("newer.glimpse", "cy", "/lab/x.mp4", "dd".repeat(32), 10);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 999");
        }
        // a file that is no project
        Path foreign = Files.writeString(dir.resolve("notes.glimpse"), "not a database");
        try (Project t = Project.open(target)) {
            String before = dump(t);
            StoreException differs = assertThrows(StoreException.class, () -> ProjectMerge.merge(t, other));
            assertTrue(differs.getMessage().contains("not the same video"), differs.getMessage());
            assertTrue(differs.getMessage().contains("bob.glimpse"), differs.getMessage());
            StoreException self = assertThrows(StoreException.class, () -> ProjectMerge.merge(t, target));
            assertTrue(self.getMessage().contains("the project being merged into"), self.getMessage());
            StoreException future = assertThrows(StoreException.class, () -> ProjectMerge.merge(t, newer));
            assertTrue(future.getMessage().contains("newer.glimpse"), future.getMessage());
            StoreException notOne = assertThrows(StoreException.class, () -> ProjectMerge.merge(t, foreign));
            assertTrue(notOne.getMessage().contains("notes.glimpse"), notOne.getMessage());
            assertThrows(StoreException.class, () -> ProjectMerge.merge(t, dir.resolve("missing.glimpse")));
            assertEquals(before, dump(t), "a refused merge changes nothing");
        }
    }
}
