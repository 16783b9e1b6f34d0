package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.clip.FrameImage;
import dev.glimpse.clip.VideoFileSource;
import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.testing.Barcode;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipCommandsTest {

    static Path video(Path dir) throws Exception {
        Path file = dir.resolve("clip.mp4");
        try (VideoFileWriter w = VideoFileWriter.open(file, 128, 96, 25, 10, VideoFileWriter.Kind.MP4_BFRAMES)) {
            for (int n = 0; n < 40; n++) {
                w.write(Barcode.frame(n, 128, 96));
            }
        }
        return file;
    }

    @Test
    void infoPrintsTheContract(@TempDir Path dir) throws Exception {
        Path file = video(dir);
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("info", file.toString(), "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertEquals(file.toString(), j.get("path").asText());
        assertEquals(40, j.get("frameCount").asInt());
        assertEquals(25.0, j.get("fps").asDouble(), 1e-6);
        assertEquals(1.6, j.get("durationSeconds").asDouble(), 1e-6);
        assertEquals(128, j.get("width").asInt());
        assertEquals(96, j.get("height").asInt());
        assertEquals(0, j.get("firstFrame").asInt());
        assertFalse(j.get("variableFrameRate").asBoolean());
    }

    @Test
    void framesWritesEachAskedFrameExactlyInAnyOrder(@TempDir Path dir) throws Exception {
        Path file = video(dir);
        Path out = dir.resolve("out");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("frames", file.toString(), "--at", "30,3,17", "--out",
                out.toString());
        assertEquals(0, run.code(), run.err());
        try (VideoFileSource clip = VideoFileSource.open(file, null, 0)) {
            for (int n : new int[] {30, 3, 17}) {
                Path png = out.resolve(String.format("frame_%06d.png", n));
                assertTrue(Files.exists(png), png.toString());
                FrameImage written = FrameImage.of(ImageIO.read(png.toFile()));
                assertArrayEquals(clip.read(n).rgb(), written.rgb(), "frame " + n);
                assertEquals(n, Barcode.read(written));
            }
        }
    }

    @Test
    void framesRefusesANumberTheClipDoesNotHaveBeforeWritingAnything(@TempDir Path dir) throws Exception {
        Path file = video(dir);
        Path out = dir.resolve("out");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("frames", file.toString(), "--at", "3,400", "--out",
                out.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("no frame numbered 400"), run.err());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }
}
