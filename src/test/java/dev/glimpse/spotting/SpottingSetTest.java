package dev.glimpse.spotting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain spotting layout read from files on disk, with the repairs the published sheets need. */
class SpottingSetTest {
    @Test
    void readsRepairsAndReportsByRowNumber(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("s01"));
        Files.writeString(root.resolve("s01").resolve("s01_1.mp4"), "a video, for the reader's purpose");
        Files.writeString(root.resolve("spotting.csv"), String.join("\n",
                "subject,video,kind,onset,apex,offset",
                "s01,s01_1,micro,10,13,19",
                "s01,s01_1,Micro - 1/2,40,45,0",        // offset 0: not annotated, taken as the apex
                "s01,s01_1,macro-expression,100,-1,160", // apex -1: not annotated, kept
                "s01,s01_1,blink,200,201,205",           // neither micro nor macro
                "s01,s01_1,micro,300,299,290",           // not an interval
                "s01,../etc,micro,1,2,3",                // not a plain name
                "s02,s02_1,micro,1,2,3") + "\n");        // no such video
        SpottingSet set = SpottingSet.read("csv", root, null);
        assertEquals(1, set.videos().size());
        SpottingSet.Video v = set.videos().get(0);
        assertEquals(root.resolve("s01").resolve("s01_1.mp4"), v.location());
        assertEquals(List.of(new TrueInterval("s01", "s01_1", "micro", 10, 13, 19),
                new TrueInterval("s01", "s01_1", "micro", 40, 45, 45),
                new TrueInterval("s01", "s01_1", "macro", 100, -1, 160)), v.truth());
        String notes = String.join("\n", set.notes());
        assertTrue(notes.contains("row 3: offset 0"), notes);
        assertTrue(notes.contains("row 5: skipped, kind 'blink'"), notes);
        assertTrue(notes.contains("row 6: apex 299 outside"), notes);
        assertTrue(notes.contains("row 6: skipped, onset 300 and offset 290"), notes);
        assertTrue(notes.contains("row 7: skipped, subject and video must be plain names"), notes);
        assertTrue(notes.contains("video s02_1: not found"), notes);
    }

    @Test
    void aSheetWithoutTheHeaderOrADatasetNotReadIsRefusedByName(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("spotting.csv"), "s01,s01_1,micro,10,13,19\n");
        var e = assertThrows(IllegalArgumentException.class, () -> SpottingSet.read("csv", root, null));
        assertTrue(e.getMessage().contains("spotting.csv") && e.getMessage().contains("first row"), e.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> SpottingSet.read("nope", root, null));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
    }
}
