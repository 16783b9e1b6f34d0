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

    static void row(org.apache.poi.ss.usermodel.Sheet sheet, int r, Object... cells) {
        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else if (cells[c] != null) {
                row.createCell(c).setCellValue(cells[c].toString());
            }
        }
    }

    /** CAS(ME)^2 as published: no header, the expression's video name resolved through the two naming-rule sheets. */
    @Test
    void readsCasMe2sCodingSheet(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("rawpic/s15/15_0101disgustingteeth"));
        Files.createDirectories(root.resolve("rawpic/s15/15_0401girlcrashing"));
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var codes = book.createSheet("Sheet1");
            row(codes, 0, 1, "disgust1_1", 557, 572, 608, "4+7", "negative", "macro-expression", "disgust");
            row(codes, 1, 1, "disgust1_2", 2100, 2104, 2112, "12", "positive", "micro-expression", "happy");
            row(codes, 2, 1, "anger1_1", 300, 320, 0, "4", "negative", "macro-expression", "anger"); // offset 0
            row(codes, 3, 1, "anger1_2", 900, 910, 930, "4", "negative", "expression", "anger");    // no such type
            var subjects = book.createSheet("naming rule2");
            row(subjects, 0, "Sub", 15, 1);
            var videos = book.createSheet("naming rule1");
            row(videos, 0, "0101", "disgust1");
            row(videos, 1, 401, "anger1"); // a code stored as a number loses its leading zero
            try (var out = Files.newOutputStream(root.resolve("CAS(ME)^2code_final.xlsx"))) {
                book.write(out);
            }
        }
        SpottingSet set = SpottingSet.read("casme2lv", root, null);
        assertEquals(List.of("15_0101", "15_0401"), set.videos().stream().map(SpottingSet.Video::name).toList());
        assertEquals(root.resolve("rawpic/s15/15_0101disgustingteeth"), set.videos().get(0).location());
        assertEquals(List.of(new TrueInterval("s15", "15_0101", "macro", 557, 572, 608),
                new TrueInterval("s15", "15_0101", "micro", 2100, 2104, 2112)), set.videos().get(0).truth());
        assertEquals(List.of(new TrueInterval("s15", "15_0401", "macro", 300, 320, 320)), set.videos().get(1).truth());
        String notes = String.join("\n", set.notes());
        assertTrue(notes.contains("row 3: offset 0") && notes.contains("row 4: skipped, type 'expression'"), notes);
    }

    /** SAMM Long Videos as published: a title block, the header on row 10, "Micro - 1/2", apex -1. */
    @Test
    void readsSammLongVideosSheet(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("SAMM_longvideos/006_1"));
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var s = book.createSheet("FACS_Movement_Only");
            row(s, 0, "SAMM Long Videos");
            for (int r = 1; r < 9; r++) {
                row(s, r, "notes line " + r);
            }
            row(s, 9, "Subject", "Filename", "Inducement Code", "Onset", "Apex", "Offset", "Duration", "Type", "Action Units", "Notes");
            row(s, 10, "006", "006_1_1", 1, 566, 648, 743, 178, "Macro", "R12", "");
            row(s, 11, "006", "006_1_2", 1, 3562, -1, 3648, 87, "Micro - 1/2", "4", "");
            row(s, 12, "007", "007_3_1", 1, 100, 120, 150, 51, "Micro - 1/2", "12", ""); // no frames for 007_3
            try (var out = Files.newOutputStream(root.resolve("SAMM_LongVideos_V2_Release.xlsx"))) {
                book.write(out);
            }
        }
        SpottingSet set = SpottingSet.read("sammlv", root, null);
        assertEquals(1, set.videos().size());
        assertEquals(root.resolve("SAMM_longvideos/006_1"), set.videos().get(0).location());
        assertEquals(List.of(new TrueInterval("006", "006_1", "macro", 566, 648, 743),
                new TrueInterval("006", "006_1", "micro", 3562, -1, 3648)), set.videos().get(0).truth());
        assertTrue(String.join("\n", set.notes()).contains("video 007_3: its frames were not found"), set.notes().toString());
    }
}
