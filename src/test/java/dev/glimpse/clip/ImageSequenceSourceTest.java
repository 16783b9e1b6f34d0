package dev.glimpse.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.testing.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSequenceSourceTest {

    @Test
    void framesAreOrderedByTheNumberInTheNameNotByString(@TempDir Path dir) throws IOException {
        Frames.write(dir, "img", "png", 8, 12, 40, 30, 1); // img8 .. img12: "img10" sorts before "img8" as text
        try (ClipSource clip = ImageSequenceSource.open(dir)) {
            assertEquals(5, clip.frameCount());
            assertEquals(8, clip.firstFrame());
            assertEquals(12, clip.lastFrame());
            for (int k = 0; k < 5; k++) {
                assertEquals(8 + k, clip.frameNumber(k));
                assertEquals(k, clip.indexOf(8 + k));
            }
            assertEquals(40, clip.width());
            assertEquals(30, clip.height());
            assertEquals(2 / 30.0, clip.timestampSeconds(2), 1e-9);
            assertNotEquals(clip.read(0), clip.read(1));
            assertEquals(clip.read(3), clip.read(3));
        }
    }

    @Test
    void datasetNamingSchemesGiveTheirFrameNumbers(@TempDir Path dir) throws IOException {
        Frames.write(dir.resolve("casme2"), "reg_img", "jpg", 46, 48, 32, 32, 2);
        Frames.write(dir.resolve("samm"), "006_0", "jpg", 5562, 5563, 32, 32, 3);
        Frames.write(dir.resolve("smic"), "image000", "bmp", 123, 124, 32, 32, 4);
        try (ClipSource c = ImageSequenceSource.open(dir.resolve("casme2"));
             ClipSource s = ImageSequenceSource.open(dir.resolve("samm"));
             ClipSource m = ImageSequenceSource.open(dir.resolve("smic"))) {
            assertEquals(46, c.firstFrame());
            assertEquals(5562, s.firstFrame()); // 006_05562.jpg
            assertEquals(123, m.firstFrame()); // image000123.bmp
        }
    }

    @Test
    void anEmptyFolderIsAClearError(@TempDir Path dir) {
        ClipException e = assertThrows(ClipException.class, () -> ImageSequenceSource.open(dir));
        assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no frame images"), e.getMessage());
    }

    @Test
    void framesOfDifferentSizesAreAClearError(@TempDir Path dir) throws IOException {
        Frames.write(dir, "img", "png", 1, 2, 40, 30, 1);
        Frames.write(dir, "img", "png", 3, 3, 50, 30, 1);
        ClipException e = assertThrows(ClipException.class, () -> ImageSequenceSource.open(dir));
        assertTrue(e.getMessage().contains("differ in size") && e.getMessage().contains("img3.png"), e.getMessage());
    }

    @Test
    void aFrameThatDisappearsWhileOpenIsNamed(@TempDir Path dir) throws IOException {
        Frames.write(dir, "img", "png", 1, 3, 40, 30, 1);
        try (ImageSequenceSource clip = ImageSequenceSource.open(dir)) {
            Files.delete(dir.resolve("img2.png"));
            ClipException e = assertThrows(ClipException.class, () -> clip.read(1));
            assertTrue(e.getMessage().contains("img2.png") && e.getMessage().contains("disappeared"), e.getMessage());
            assertEquals(40, clip.read(2).width()); // the rest stays readable
        }
    }

    @Test
    void aFrameNumberTheClipDoesNotHaveIsRefused(@TempDir Path dir) throws IOException {
        Frames.write(dir, "img", "png", 1, 3, 40, 30, 1);
        try (ClipSource clip = ImageSequenceSource.open(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clip.indexOf(7));
            assertTrue(e.getMessage().contains("no frame numbered 7"), e.getMessage());
        }
    }
}
