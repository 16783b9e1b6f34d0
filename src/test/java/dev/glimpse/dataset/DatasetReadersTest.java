package dev.glimpse.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers against the real annotation sheets, checked against the counts in datasets.md. */
class DatasetReadersTest {
    @TempDir
    static Path shared;
    static Path casme2;
    static Path casme3;

    @BeforeAll
    static void fixtures() throws IOException {
        casme2 = DatasetFixtures.casme2(shared.resolve("casme2"));
        casme3 = DatasetFixtures.casme3(shared.resolve("casme3"));
    }

    static Map<String, Integer> counts(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], (Integer) kv[k + 1]);
        }
        return m;
    }

    @Test
    void casme2FiveClassUses249OfThe255Rows() throws IOException {
        DatasetReport r = new Casme2Reader().read(casme2, null, ClassScheme.named("casme2-5"));
        assertEquals(255, r.rows());
        assertEquals(249, r.used());
        assertEquals(counts("happiness", 32, "disgust", 63, "repression", 27, "surprise", 28, "others", 99), r.perClass());
        assertEquals(6, r.skipped().size());
        assertTrue(r.skipped().stream().allMatch(s -> s.reason().contains("not a class of casme2-5")), r.skipped().toString());
        assertEquals(26, r.subjects());
        Sample first = r.samples().get(0);
        assertEquals("01", first.subject());
        assertEquals("EP02_01f", first.episode());
        assertEquals(46, first.onset());
        assertEquals(59, first.apex());
        assertEquals(86, first.offset());
        assertTrue(first.cropped());
        assertEquals(2, first.row());
        // the "/" apex of sub04/EP12_01f: the middle frame serves, and the report says so
        Sample slash = r.samples().stream().filter(s -> s.subject().equals("04") && s.episode().equals("EP12_01f"))
                .findFirst().orElseThrow();
        assertEquals(261 + (321 - 261) / 2, slash.apex());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("EP12_01f") && w.contains("middle frame")));
        Sample same = r.samples().stream().filter(s -> s.subject().equals("05") && s.episode().equals("EP09_05f"))
                .findFirst().orElseThrow();
        assertEquals(same.onset(), same.apex());
        assertTrue(same.notes().stream().anyMatch(n -> n.contains("apex = onset")));
    }

    @Test
    void casme2ThreeClassGroupsTheNegativeEmotions() throws IOException {
        DatasetReport r = new Casme2Reader().read(casme2, null, ClassScheme.named("casme2-3"));
        assertEquals(counts("negative", 27 + 63 + 2 + 4, "positive", 32, "surprise", 28), r.perClass());
        assertEquals(99, r.skipped().size()); // others
    }

    @Test
    void casme2FindsFramesInRawFoldersAndPlainNumberedSubjects(@TempDir Path dir) throws IOException {
        Path sheet = DatasetFixtures.resource(Files.createDirectories(dir.resolve("raw")), "/datasets/casme2/CASME2-coding-20190701.xlsx");
        for (String[] row : DatasetFixtures.rows(sheet, "Sheet1", 0)) {
            DatasetFixtures.touchInterval(dir.resolve("raw/CASME2_RAW_selected").resolve(String.format("sub%02d",
                    Integer.parseInt(row[0]))).resolve(row[1]), "img", ".jpg", row[3], row[4], row[5]);
            DatasetFixtures.touchInterval(dir.resolve("plain").resolve(Integer.toString(Integer.parseInt(row[0])))
                    .resolve(row[1]), "reg_img", ".jpg", row[3], row[4], row[5]);
        }
        DatasetReport raw = new Casme2Reader().read(dir.resolve("raw"), null, ClassScheme.named("casme2-5"));
        assertEquals(249, raw.used());
        assertTrue(raw.samples().stream().noneMatch(Sample::cropped));
        DatasetReport plain = new Casme2Reader().read(dir.resolve("plain"), sheet, ClassScheme.named("casme2-5"));
        assertEquals(249, plain.used());
        assertTrue(plain.samples().stream().allMatch(Sample::cropped));
    }

    @Test
    void aRowWhoseFramesAreMissingIsSkippedByName(@TempDir Path dir) throws IOException {
        Path root = DatasetFixtures.casme2(dir);
        Path gone = root.resolve("Cropped/sub01/EP02_01f");
        try (var files = Files.list(gone)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(gone);
        DatasetReport r = new Casme2Reader().read(root, null, ClassScheme.named("casme2-5"));
        assertEquals(248, r.used());
        DatasetReport.Skipped s = r.skipped().stream().filter(k -> k.row() == 2).findFirst().orElseThrow();
        assertTrue(s.reason().contains(gone.toString()), s.reason());
    }

    @Test
    void casme3Has860RowsOf94SubjectsInSevenClasses() throws IOException {
        Path root = casme3; // its video folders are lower case: the sheet's "J" is found as "j"
        DatasetReport r = new Casme3Reader().read(root, null, ClassScheme.named("casme3-7"));
        assertEquals(860, r.rows());
        assertEquals(860, r.used(), r.skipped().toString());
        assertEquals(94, r.subjects());
        assertEquals(counts("happy", 55, "disgust", 250, "fear", 86, "anger", 64, "sad", 57, "surprise", 187,
                "others", 161), r.perClass());
        // the quirks: 2 offsets of 0, 2 onsets after the apex, 55 apexes at the onset (and the repaired ones)
        long offsetZero = r.warnings().stream().filter(w -> w.contains("offset missing (0)")).count();
        long outside = r.warnings().stream().filter(w -> w.contains("outside")).count();
        assertEquals(2, offsetZero);
        assertEquals(2, outside);
        assertTrue(r.samples().stream().filter(s -> s.apex() == s.onset()).count() >= 55);
        DatasetReport four = new Casme3Reader().read(root, null, ClassScheme.named("casme3-4"));
        assertEquals(counts("positive", 55, "negative", 250 + 86 + 64 + 57, "surprise", 187, "others", 161), four.perClass());
    }

    @Test
    void theCompositeFollowsTheOfficialList(@TempDir Path dir) throws IOException {
        java.nio.file.Files.createSymbolicLink(dir.resolve("CASME2"), casme2);
        DatasetFixtures.sammAndSmicForTheComposite(dir.resolve("SAMM"), dir.resolve("SMIC"));
        DatasetReport r = new CompositeReader().read(dir, null, ClassScheme.named("megc-3"));
        assertEquals(442, r.rows());
        assertEquals(442, r.used(), r.skipped().toString());
        assertEquals(counts("negative", 250, "positive", 109, "surprise", 83), r.perClass());
        assertEquals(68, r.subjects());
        Map<String, Long> perDatabase = new LinkedHashMap<>();
        for (Sample s : r.samples()) {
            perDatabase.merge(s.database(), 1L, Long::sum);
        }
        assertEquals(Map.of("casme2", 145L, "samm", 133L, "smic", 164L), perDatabase);
    }

    @Test
    void sammReadsTheHeaderBelowTheTitleBlockAndExtendsAnApexOutsideTheInterval(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("SAMM");
        DatasetFixtures.touchFrames(root.resolve("006/006_1_2"), "006_0", ".jpg", "5562", "5580", "5600");
        DatasetFixtures.touchFrames(root.resolve("011/011_2_3"), "011_0", ".jpg", "1200", "1250", "1240");
        DatasetFixtures.writeSammSheet(root.resolve("SAMM_Micro_FACS_Codes_v2.xlsx"), List.of(
                new String[] {"6", "006_1_2", "5562", "5580", "5600", "Anger"},
                new String[] {"11", "011_2_3", "1200", "1250", "1240", "Other"},
                new String[] {"11", "011_2_4", "1", "x", "9", "Other"}), true);
        DatasetReport r = new SammReader().read(root, null, ClassScheme.named("samm-5"));
        assertEquals(3, r.rows());
        assertEquals(2, r.used());
        assertEquals("006", r.samples().get(0).subject());
        Sample extended = r.samples().get(1);
        assertEquals(1200, extended.onset());
        assertEquals(1250, extended.apex());
        assertEquals(1250, extended.offset());
        assertEquals("other", extended.label());
        assertEquals(new DatasetReport.Skipped(17, "apex 'x' is not a frame number (0 to 99999999)"), r.skipped().get(0));
    }

    @Test
    void smicTakesTheLabelFromTheFolderAndTheMiddleFrameAsApex(@TempDir Path dir) throws IOException {
        DatasetFixtures.touchFrames(dir.resolve("HS/s3/micro/positive/s3_po_01"), "image", ".bmp", "000100", "000101", "000130");
        DatasetFixtures.touchFrames(dir.resolve("HS/s12/micro/negative/s12_ne_02"), "image", ".bmp", "000010", "000020");
        DatasetReport r = new SmicReader().read(dir, null, ClassScheme.named("megc-3"));
        assertEquals(2, r.used());
        Sample s3 = r.samples().get(0);
        assertEquals("s03", s3.subject());
        assertEquals(100, s3.onset());
        assertEquals(115, s3.apex());
        assertEquals(130, s3.offset());
        assertEquals("s12", r.samples().get(1).subject(), "s12 after s3: numeric order");
        assertTrue(s3.notes().get(0).contains("middle frame"));
    }

    @Test
    void theGenericCsvReadsALabsOwnClips(@TempDir Path dir) throws IOException {
        DatasetFixtures.touchFrames(dir.resolve("clips/a"), "f", ".png", "10", "12", "20");
        Files.writeString(dir.resolve("clips/b.mp4"), "not checked until training opens it");
        Files.writeString(dir.resolve("clips.csv"), "path,subject,onset,apex,offset,label\n"
                + "clips/a,p1,10,12,20,happiness\n"
                + "clips/b.mp4,p2,0,5,9,surprise\n"
                + "clips/c,p2,1,2,3,disgust\n"
                + "clips/a,p1,10,twelve,20,happiness\n");
        DatasetReport r = new CsvReader().read(dir, null, ClassScheme.named("megc-3"));
        assertEquals(4, r.rows());
        assertEquals(2, r.used());
        assertEquals(2, r.subjects());
        assertEquals(4, r.skipped().get(0).row());
        assertTrue(r.skipped().get(0).reason().contains("clips/c"), r.skipped().get(0).reason());
        assertTrue(r.skipped().get(1).reason().contains("twelve"));
    }

    @Test
    void aMissingColumnNamesTheFileAndTheColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("clips.csv"), "path,subject,onset,offset,label\n");
        DatasetException e = assertThrows(DatasetException.class, () -> new CsvReader().read(dir, null, ClassScheme.named("megc-3")));
        assertTrue(e.getMessage().contains("clips.csv") && e.getMessage().contains("'apex'"), e.getMessage());
    }

    @Test
    void anUnknownSchemeOrDatasetIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> ClassScheme.named("casme2-4"));
        assertThrows(IllegalArgumentException.class, () -> DatasetReader.named("ckplus"));
    }

    /** A sheet that names files outside the root, numbers no frame can have, and names with commas in a CSV. */
    @Test
    void rowsLeadingOutsideTheRootOrWithImpossibleFramesAreSkippedWithTheirReason(@TempDir Path dir) throws Exception {
        Path samm = dir.resolve("samm");
        DatasetFixtures.touchFrames(samm.resolve("006").resolve("006_1_2"), "006_", ".jpg", "1000", "1010", "1030");
        DatasetFixtures.touchFrames(dir.resolve("elsewhere"), "006_", ".jpg", "1000", "1010", "1030");
        DatasetFixtures.writeSammSheet(samm.resolve("SAMM_Micro_FACS_Codes_v2.xlsx"), List.of(
                new String[] {"6", "006_1_2", "1000", "1010", "1030", "Happiness"},
                new String[] {"6", "../../elsewhere", "1000", "1010", "1030", "Happiness"}), false);
        DatasetReport r = new SammReader().read(samm, null, ClassScheme.named("samm-5"));
        assertEquals(1, r.used(), r.skipped().toString());
        assertEquals(3, r.skipped().get(0).row());
        assertTrue(r.skipped().get(0).reason().contains("'../../elsewhere' leads outside the dataset root"), r.skipped().toString());

        Path lab = dir.resolve("lab");
        DatasetFixtures.touchFrames(lab.resolve("clip, one"), "img", ".jpg", "1", "3", "6");
        java.nio.file.Files.writeString(lab.resolve("clips.csv"), String.join("\n",
                "path,subject,onset,apex,offset,label",
                "\"clip, one\",\"s,1\",1,3,6,happiness",
                "../elsewhere,s2,1000,1010,1030,happiness",
                "\"clip, one\",s3,1e300,3,6,happiness",
                "'=clip,s4,1,3,6,happiness") + "\n");
        DatasetReport c = new CsvReader().read(lab, null, ClassScheme.named("casme2-5"));
        assertEquals(1, c.used(), c.skipped().toString());
        assertEquals("s,1", c.samples().get(0).subject());
        assertEquals(List.of(3, 4, 5), c.skipped().stream().map(DatasetReport.Skipped::row).toList());
        assertTrue(c.skipped().get(0).reason().contains("leads outside"), c.skipped().toString());
        assertTrue(c.skipped().get(1).reason().contains("onset '1e300' is not a frame number (0 to 99999999)"), c.skipped().toString());
        assertTrue(c.skipped().get(2).reason().contains("clip not found") && c.skipped().get(2).reason().contains("=clip"),
                "a neutralised cell is read back without its apostrophe: " + c.skipped());
    }
}
