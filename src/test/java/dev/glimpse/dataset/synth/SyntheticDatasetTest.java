package dev.glimpse.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.FrameImage;
import dev.glimpse.clip.ImageSequenceSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {

    static SyntheticDataset.Options casme2(long seed) {
        return new SyntheticDataset.Options("casme2", 2, 1, List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.OTHERS),
                30, 96, "mp4", 0, seed);
    }

    @Test
    void casme2LayoutHasFoldersFramesAndTheCodingSheet(@TempDir Path dir) throws IOException {
        List<SyntheticDataset.Written> clips = SyntheticDataset.write(dir, casme2(7));
        assertEquals(6, clips.size());
        assertTrue(Files.readString(dir.resolve("SYNTHETIC.txt")).contains("synthetic"));
        for (SyntheticDataset.Written w : clips) {
            assertEquals(dir.resolve("Cropped").resolve("sub" + w.subject()).resolve(w.name()), w.location());
            try (ClipSource clip = ImageSequenceSource.open(w.location())) {
                assertTrue(clip.firstFrame() < w.onset() && w.onset() < w.apex() && w.apex() < w.offset()
                        && w.offset() < clip.lastFrame(), "neutral frames around " + w.onset() + "-" + w.offset());
                assertEquals(96, clip.width());
                assertTrue(Files.exists(w.location().resolve("reg_img" + w.onset() + ".jpg")));
            }
        }
        try (InputStream in = Files.newInputStream(dir.resolve("CASME2-coding-synthetic.xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("Sheet1");
            Row header = sheet.getRow(0);
            assertEquals("Subject", header.getCell(0).getStringCellValue());
            assertEquals("Filename", header.getCell(1).getStringCellValue());
            assertEquals("OnsetFrame", header.getCell(3).getStringCellValue());
            assertEquals("ApexFrame", header.getCell(4).getStringCellValue());
            assertEquals("OffsetFrame", header.getCell(5).getStringCellValue());
            assertEquals("Action Units", header.getCell(7).getStringCellValue());
            assertEquals("Estimated Emotion", header.getCell(8).getStringCellValue());
            assertEquals(6, sheet.getLastRowNum());
            for (int r = 1; r <= 6; r++) {
                Row row = sheet.getRow(r);
                SyntheticDataset.Written w = clips.get(r - 1);
                assertEquals(CellType.STRING, row.getCell(0).getCellType(), "Subject is text, \"01\"");
                assertEquals(w.subject(), row.getCell(0).getStringCellValue());
                assertEquals(w.onset(), (int) row.getCell(3).getNumericCellValue());
                assertEquals(w.apex(), (int) row.getCell(4).getNumericCellValue());
                assertEquals(w.emotion().label(), row.getCell(8).getStringCellValue());
                boolean single = !w.actionUnits().contains("+");
                assertEquals(single ? CellType.NUMERIC : CellType.STRING, row.getCell(7).getCellType(),
                        "one AU is a number, several are text");
            }
        }
    }

    @Test
    void theSameSeedWritesTheSameDataset(@TempDir Path dir) throws IOException {
        List<SyntheticDataset.Written> a = SyntheticDataset.write(dir.resolve("a"), casme2(11));
        List<SyntheticDataset.Written> b = SyntheticDataset.write(dir.resolve("b"), casme2(11));
        List<SyntheticDataset.Written> c = SyntheticDataset.write(dir.resolve("c"), casme2(12));
        for (int k = 0; k < a.size(); k++) {
            Path fa = a.get(k).location().resolve("reg_img" + a.get(k).apex() + ".jpg");
            Path fb = b.get(k).location().resolve("reg_img" + b.get(k).apex() + ".jpg");
            assertArrayEquals(Files.readAllBytes(fa), Files.readAllBytes(fb));
            assertEquals(a.get(k).onset(), b.get(k).onset());
        }
        assertTrue(a.get(0).onset() != c.get(0).onset() || a.get(0).offset() != c.get(0).offset()
                || !a.get(0).actionUnits().equals(c.get(0).actionUnits()) || a.get(1).apex() != c.get(1).apex(),
                "another seed gives another dataset");
    }

    @Test
    void theMovementRisesToTheApexAndIsGoneByTheOffset() {
        Random random = new Random(3);
        SyntheticFace face = new SyntheticFace(5);
        for (Emotion e : List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST, Emotion.REPRESSION)) {
            SyntheticClip clip = SyntheticClip.plan(face, e, 60, random);
            assertTrue(clip.amplitude() >= 1 && clip.amplitude() <= 3, "subtle: 1-3 px at 224");
            assertEquals(0, clip.envelope(clip.onset()));
            assertEquals(1, clip.envelope(clip.apex()), 1e-9);
            assertEquals(0, clip.envelope(clip.offset()));
            SyntheticClip.Renderer r = clip.renderer(224, 224, 224);
            double movement = difference(r.frame(clip.onset()), r.frame(clip.apex()));
            double neutral = difference(r.frame(clip.onset() - 1), r.frame(clip.onset()));
            assertTrue(movement > 1.15 * neutral, e + ": onset->apex " + movement + " vs neutral pair " + neutral);
        }
    }

    /** Mean absolute difference per channel value. */
    static double difference(FrameImage a, FrameImage b) {
        long sum = 0;
        for (int k = 0; k < a.rgb().length; k++) {
            sum += Math.abs((a.rgb()[k] & 0xff) - (b.rgb()[k] & 0xff));
        }
        return sum / (double) a.rgb().length;
    }

    @Test
    void videoLayoutWritesFilesAndACsv(@TempDir Path dir) throws IOException {
        List<SyntheticDataset.Written> clips = SyntheticDataset.write(dir, new SyntheticDataset.Options("video", 1, 1,
                List.of(Emotion.ANGER, Emotion.FEAR), 25, 64, "mkv", 0, 4));
        List<String> csv = Files.readAllLines(dir.resolve("clips.csv"));
        assertEquals("path,subject,onset,apex,offset,label", csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).endsWith(",anger"));
        for (SyntheticDataset.Written w : clips) {
            try (ClipSource clip = ClipSources.open(w.location())) {
                assertTrue(w.offset() < clip.frameCount());
                assertEquals(0, clip.firstFrame());
                assertEquals(64, clip.width());
            }
        }
    }
}
