package dev.glimpse.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.SavedAnalysis;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project written by the version before the annotation domain (database version 2, made with that version's
 * Project API on 2026-11-30 and checked in as {@code store/version2.glimpse}) opens in this one, migrated, with
 * every clip, event, action unit with its intensity, and analysis as it was.
 */
class MigrationTest {

    private static Path fixture(Path dir) throws Exception {
        Path db = dir.resolve("version2.glimpse");
        try (InputStream in = MigrationTest.class.getResourceAsStream("/store/version2.glimpse")) {
            Files.copy(in, db);
        }
        return db;
    }

    @Test
    void aVersion2ProjectIsMigratedWithEverythingItHeld(@TempDir Path dir) throws Exception {
        Path db = fixture(dir);
        try (Project p = Project.open(db)) {
            List<Clip> clips = p.clips().all();
            assertEquals(2, clips.size());
            assertEquals("/data/clinic/session-04.mp4", clips.get(0).path());
            assertEquals(1920, clips.get(0).width());
            assertEquals("5e".repeat(32), clips.get(0).sha256());
            assertEquals(clips.get(0).id(), p.clips().lastOpened().orElseThrow().id());
            List<Event> events = p.events().of(clips.get(0).id());
            assertEquals(2, events.size());
            Event first = events.get(0);
            assertEquals(List.of(1200, 1206, 1215), List.of(first.onset(), first.apex(), first.offset()));
            assertEquals("Dr. Rivera", first.coder());
            assertEquals("happiness", first.label());
            assertEquals("casme2-5", first.scheme());
            assertEquals(0.9, first.confidence());
            assertEquals("smiled, then \"hid\" it, briefly", first.notes());
            assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), first.actionUnits());
            assertEquals(List.of(new ActionUnit("4", "A"), new ActionUnit("L10", null)), events.get(1).actionUnits());
            assertEquals(1, p.events().of(clips.get(1).id()).size());

            SavedAnalysis latest = p.analyses().latest(first.id()).orElseThrow();
            assertEquals("atm-gcn-small-casme2", latest.weightsName());
            assertEquals(List.of("negative", "positive", "surprise"), latest.classes());
            assertEquals(List.of(0.2, 0.7000000000000001, 0.1), latest.probabilities(), "every digit kept");
            assertTrue(latest.trained());
            assertEquals(List.of(0.9, 0.05, 0.05), p.analyses().latest(events.get(1).id()).orElseThrow().probabilities());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertEquals(Project.VERSION, s.executeQuery("PRAGMA user_version").getInt(1));
            ResultSet r = s.executeQuery("SELECT classes, probabilities FROM analyses ORDER BY id LIMIT 1");
            assertEquals("[\"negative\",\"positive\",\"surprise\"]", r.getString(1), "JSON arrays, not tab-joined text");
            assertEquals("[0.125,0.75,0.125]", r.getString(2));
        }
    }

    @Test
    void readingAVersion2ProjectLeavesTheFileAsItWas(@TempDir Path dir) throws Exception {
        Path db = fixture(dir);
        byte[] before = Files.readAllBytes(db);
        try (Project p = Project.openReadOnly(db)) {
            assertEquals(3, p.analyses().latest(p.events().of(p.clips().all().get(0).id()).get(1).id()).orElseThrow()
                    .probabilities().size());
        }
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void looselyWrittenActionUnitsOfEarlierImportsAreNormalisedAndNothingIsLost(@TempDir Path dir) throws Exception {
        Path db = fixture(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO event_action_units(event_id, unit, intensity) VALUES (3, '01', NULL), (3, 'au25', 'B'),"
                    + " (3, 'smile?', NULL), (3, '1', NULL)");
        }
        try (Project p = Project.open(db)) {
            Event e = p.events().of(p.clips().all().get(1).id()).get(0);
            assertEquals(List.of(new ActionUnit("1", null), new ActionUnit("25", "B")), e.actionUnits());
            assertTrue(e.notes().contains("'smile?'"), "a unit that is no action unit is kept in the notes: " + e.notes());
        }
    }
}
