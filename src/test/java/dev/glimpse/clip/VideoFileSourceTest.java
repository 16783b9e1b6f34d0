package dev.glimpse.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.testing.Barcode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frame k is frame k: real files encoded here (and one H.264 B-frame fixture), read back by seeking in
 * random order with no frame cache, compared with decoding straight through and with the number each
 * frame carries.
 */
class VideoFileSourceTest {
    static final int W = 128;
    static final int H = 96;
    static final int FRAMES = 60;

    @TempDir
    Path dir;

    static Path encode(Path file, VideoFileWriter.Kind kind, int frames, double fps, int gop) throws IOException {
        try (VideoFileWriter w = VideoFileWriter.open(file, W, H, fps, gop, kind)) {
            for (int n = 0; n < frames; n++) {
                w.write(Barcode.frame(n, W, H));
            }
        }
        return file;
    }

    private VideoFileSource openUncached(Path file) throws ClipException {
        return VideoFileSource.open(file, new FrameIndexCache(dir.resolve("index")), 0);
    }

    /** Sequential decode vs random seeks in random order (no frame cache), pixel by pixel, and the carried numbers. */
    private void assertFrameExact(Path file, int expectedFrames, double expectedFps) throws IOException {
        List<FrameImage> straight = new ArrayList<>();
        try (VideoFileSource clip = openUncached(file)) {
            assertEquals(expectedFrames, clip.frameCount(), "frames in " + file.getFileName());
            if (expectedFps > 0) {
                assertEquals(expectedFps, clip.fps(), 0.01);
            }
            assertEquals(W, clip.width());
            assertEquals(H, clip.height());
            for (int k = 0; k < clip.frameCount(); k++) {
                FrameImage f = clip.read(k);
                assertEquals(k, Barcode.read(f), "frame " + k + " of " + file.getFileName() + " carries another number");
                straight.add(f);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < expectedFrames; k++) {
            order.add(k);
            order.add(k); // each frame twice, so that some reads come right after their neighbours
        }
        Collections.shuffle(order, new Random(42));
        try (VideoFileSource clip = openUncached(file)) {
            for (int k : order) {
                FrameImage f = clip.read(k);
                assertArrayEquals(straight.get(k).rgb(), f.rgb(), "frame " + k + " of " + file.getFileName()
                        + " differs when reached by seeking");
            }
            for (int k = expectedFrames - 1; k >= 0; k--) { // stepping backwards, the annotator's Left key
                assertArrayEquals(straight.get(k).rgb(), clip.read(k).rgb(), "frame " + k + " stepping back");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mp4-bframes", "mov", "avi", "mkv", "webm"})
    void everyContainerIsFrameExact(String kind) throws IOException {
        VideoFileWriter.Kind k = VideoFileWriter.Kind.named(kind);
        Path file = encode(dir.resolve("clip-" + kind + "." + k.extension()), k, FRAMES, 25, 12);
        assertFrameExact(file, FRAMES, 25);
    }

    @Test
    void h264WithBFramesIsFrameExact() throws IOException {
        Path file = dir.resolve("h264_bframes.mp4");
        try (InputStream in = getClass().getResourceAsStream("/video/h264_bframes.mp4")) {
            Files.copy(in, file);
        }
        assertTrue(decodeOrderDiffersFromPresentation(file), "the fixture must have B-frames");
        assertFrameExact(file, FRAMES, 25);
    }

    /** The spotter's luma path: the frame's own brightness (within rounding), in order and by seeking, frame k still frame k. */
    @Test
    void lumaIsTheLumaOfTheSameFrame() throws IOException {
        Path file = dir.resolve("h264_bframes_luma.mp4");
        try (InputStream in = getClass().getResourceAsStream("/video/h264_bframes.mp4")) {
            Files.copy(in, file);
        }
        try (VideoFileSource rgb = openUncached(file); VideoFileSource luma = openUncached(file)) {
            int[] order = {0, 1, 2, 3, 17, 18, 40, 5, rgb.frameCount() - 1};
            for (int k : order) {
                LumaImage expected = LumaImage.of(rgb.read(k));
                LumaImage got = luma.readLuma(k);
                assertEquals(expected.width(), got.width());
                assertEquals(expected.height(), got.height());
                // the same up to rounding; more only where RGB clips a saturated edge (the barcode's colour blocks)
                long sum = 0;
                int far = 0;
                for (int i = 0; i < got.luma().length; i++) {
                    int d = Math.abs((got.luma()[i] & 0xff) - (expected.luma()[i] & 0xff));
                    sum += d;
                    far += d > 4 ? 1 : 0;
                }
                double mean = sum / (double) got.luma().length;
                assertTrue(mean < 2.5, "frame " + k + ": luma differs from the RGB frame's by " + mean + " on average");
                assertTrue(far < got.luma().length / 100, "frame " + k + ": " + far + " pixels differ by more than 4");
            }
        }
    }

    @Test
    void theMpeg4FileReallyHasBFrames() throws IOException {
        Path file = encode(dir.resolve("b.mp4"), VideoFileWriter.Kind.MP4_BFRAMES, 30, 25, 12);
        assertTrue(decodeOrderDiffersFromPresentation(file));
    }

    @Test
    void scrubbingShowsTheKeyframeAtOrBeforeEachFrameAsTheContainerMarksThem() throws IOException {
        Path file = encode(dir.resolve("k.mp4"), VideoFileWriter.Kind.MP4_BFRAMES, 60, 25, 12);
        // independently of the index: every packet's presentation time, and which of them are keyframes
        java.util.List<Long> all = new java.util.ArrayList<>();
        java.util.Set<Long> keys = new java.util.HashSet<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            org.bytedeco.ffmpeg.avcodec.AVPacket p;
            while ((p = g.grabPacket()) != null) {
                if (p.stream_index() == g.getVideoStream()) {
                    all.add(p.pts());
                    if ((p.flags() & org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY) != 0) {
                        keys.add(p.pts());
                    }
                }
            }
        }
        java.util.Collections.sort(all);
        assertTrue(keys.size() >= 4, "a keyframe every 12 frames: " + keys);
        try (VideoFileSource v = VideoFileSource.open(file, null, 0)) {
            int expected = 0;
            for (int i = 0; i < all.size(); i++) {
                if (keys.contains(all.get(i))) {
                    expected = i;
                }
                assertEquals(expected, v.keyframeAtOrBefore(i), "frame " + i);
            }
        }
    }

    private static boolean decodeOrderDiffersFromPresentation(Path file) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            long previous = Long.MIN_VALUE;
            org.bytedeco.ffmpeg.avcodec.AVPacket p;
            while ((p = g.grabPacket()) != null) {
                if (p.stream_index() == g.getVideoStream()) {
                    if (p.pts() < previous) {
                        return true;
                    }
                    previous = p.pts();
                }
            }
            return false;
        }
    }

    @Test
    void variableFrameRateFilesKeepEachFramesOwnTime(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("vfr.mkv");
        long[] micros = new long[40];
        long t = 0;
        for (int n = 0; n < micros.length; n++) {
            micros[n] = t;
            t += n % 3 == 0 ? 20_000 : n % 3 == 1 ? 50_000 : 33_000;
        }
        // a 1 ms codec time base, so that irregular frame times survive rounding
        try (VideoFileWriter w = VideoFileWriter.open(file, W, H, 1000, 10, VideoFileWriter.Kind.MKV)) {
            for (int n = 0; n < micros.length; n++) {
                w.write(Barcode.frame(n, W, H), micros[n]);
            }
        }
        try (VideoFileSource clip = openUncached(file)) {
            assertTrue(clip.variableFrameRate());
            assertEquals(micros.length, clip.frameCount());
            for (int n = 0; n < micros.length; n++) {
                assertEquals(micros[n] / 1e6, clip.timestampSeconds(n), 0.0015, "time of frame " + n);
            }
        }
        assertFrameExact(file, micros.length, 0);
    }

    @Test
    void theSecondOpeningUsesTheCachedIndex() throws IOException {
        Path file = encode(dir.resolve("c.mkv"), VideoFileWriter.Kind.MKV, 30, 25, 10);
        FrameIndexCache cache = new FrameIndexCache(dir.resolve("idx"));
        FrameImage first;
        try (VideoFileSource clip = VideoFileSource.open(file, cache, 0)) {
            assertFalse(clip.indexFromCache());
            first = clip.read(17);
        }
        try (VideoFileSource clip = VideoFileSource.open(file, cache, 0)) {
            assertTrue(clip.indexFromCache());
            assertEquals(30, clip.frameCount());
            assertEquals(first, clip.read(17));
        }
        // a changed file is indexed anew
        encode(file, VideoFileWriter.Kind.MKV, 20, 25, 10);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        try (VideoFileSource clip = VideoFileSource.open(file, cache, 0)) {
            assertFalse(clip.indexFromCache());
            assertEquals(20, clip.frameCount());
        }
    }

    /** Another video copied over this one with the same path, size and time: its own frames, not the old index's. */
    @Test
    void aReplacedFileOfTheSameSizeAndTimeIsIndexedAnew() throws IOException {
        Path a = encode(dir.resolve("a.avi"), VideoFileWriter.Kind.AVI_MJPEG, 30, 25, 1);
        byte[] original = Files.readAllBytes(a);
        // the same file with its last frame's packet cut out and the bytes padded back: one frame fewer, same size
        Path b = encode(dir.resolve("b.avi"), VideoFileWriter.Kind.AVI_MJPEG, 29, 25, 1);
        byte[] other = java.util.Arrays.copyOf(Files.readAllBytes(b), original.length);
        assertTrue(Files.size(b) <= original.length, "the shorter video fits in the longer one's size");
        FrameIndexCache cache = new FrameIndexCache(dir.resolve("idx"));
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(a);
        try (VideoFileSource clip = VideoFileSource.open(a, cache, 0)) {
            assertEquals(30, clip.frameCount());
        }
        Files.write(a, other);
        Files.setLastModifiedTime(a, time);
        assertEquals(original.length, Files.size(a));
        try (VideoFileSource clip = VideoFileSource.open(a, cache, 0)) {
            assertFalse(clip.indexFromCache(), "same path, size and time, other content: indexed anew");
            assertEquals(29, clip.frameCount());
            for (int k = 0; k < 29; k++) {
                assertEquals(k, Barcode.read(clip.read(k)));
            }
        }
    }

    @Test
    void memoryStaysWithinTheFrameCacheBudget() throws IOException {
        Path file = encode(dir.resolve("m.avi"), VideoFileWriter.Kind.AVI_MJPEG, FRAMES, 25, 12);
        long budget = 5L * W * H * 3;
        try (VideoFileSource clip = VideoFileSource.open(file, null, budget)) {
            for (int k = 0; k < FRAMES; k++) {
                clip.read(k);
                assertTrue(clip.cachedBytes() <= budget, clip.cachedBytes() + " bytes cached");
            }
            assertTrue(clip.cachedBytes() > 0);
        }
    }

    /** Stepping back through a file with the frame cache on (frames are decoded ahead into it): still frame-exact. */
    @Test
    void steppingBackWithTheFrameCacheIsFrameExact() throws IOException {
        Path file = encode(dir.resolve("back.mp4"), VideoFileWriter.Kind.MP4_BFRAMES, FRAMES, 25, 12);
        List<FrameImage> straight = new ArrayList<>();
        try (VideoFileSource clip = openUncached(file)) {
            for (int k = 0; k < FRAMES; k++) {
                straight.add(clip.read(k));
            }
        }
        try (VideoFileSource clip = VideoFileSource.open(file, null, 20L * W * H * 3)) {
            clip.read(FRAMES - 1);
            for (int k = FRAMES - 1; k >= 0; k--) {
                assertArrayEquals(straight.get(k).rgb(), clip.read(k).rgb(), "frame " + k + " stepping back");
            }
            assertEquals(17, Barcode.read(clip.read(17)));
        }
    }

    @Test
    void aFileThatIsNotAVideoIsNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "these are not frames\n".repeat(100));
        ClipException e = assertThrows(ClipException.class, () -> VideoFileSource.open(text));
        assertTrue(e.getMessage().startsWith(text.toString()) && e.getMessage().contains("not a video"), e.getMessage());
        ClipException opened = assertThrows(ClipException.class, () -> ClipSources.open(text));
        assertTrue(opened.getMessage().contains("not a video"), opened.getMessage());
    }

    @Test
    void aTruncatedFileKeepsTheFramesBeforeTheDamageAndSaysSo() throws IOException {
        Path file = encode(dir.resolve("t.avi"), VideoFileWriter.Kind.AVI_MJPEG, FRAMES, 25, 12);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.avi");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
        assertEveryIndexedFrameDecodes(cut, 10, FRAMES);
    }

    /**
     * A half-copied MP4 whose index (moov) is at the front lists every frame, most of them beyond the end of the
     * file: the frames kept are those before the last keyframe ahead of the cut, all decodable, with B-frames.
     */
    @Test
    void aHalfCopiedFaststartMp4KeepsOnlyFramesThatDecode() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/video/h264_bframes.mp4")) {
            bytes = in.readAllBytes();
        }
        Path whole = Files.write(dir.resolve("whole.mp4"), bytes);
        int all;
        try (VideoFileSource clip = VideoFileSource.open(whole, null, 0)) {
            all = clip.frameCount();
            assertEquals(null, clip.damage());
        }
        for (int percent : new int[] {35, 55, 80}) {
            Path cut = Files.write(dir.resolve("cut" + percent + ".mp4"), java.util.Arrays.copyOf(bytes, bytes.length * percent / 100));
            assertEveryIndexedFrameDecodes(cut, 1, all);
        }
    }

    private void assertEveryIndexedFrameDecodes(Path cut, int atLeast, int whole) throws IOException {
        try (VideoFileSource clip = VideoFileSource.open(cut, null, 0)) {
            int n = clip.frameCount();
            assertTrue(n >= atLeast && n < whole, n + " of " + whole + " frames kept from " + cut.getFileName());
            assertTrue(clip.damage() != null && clip.damage().contains("cut short") && clip.damage().contains("0 to " + (n - 1)),
                    clip.damage());
            for (int k = n - 1; k >= 0; k--) { // backwards: every frame by a seek
                assertEquals(k, Barcode.read(clip.read(k)), "frame " + k + " of " + cut.getFileName());
            }
        }
    }

    @Test
    void aFileThatDisappearsWhileOpenIsNamed() throws IOException {
        Path file = encode(dir.resolve("gone.avi"), VideoFileWriter.Kind.AVI_MJPEG, 20, 25, 5);
        try (VideoFileSource clip = VideoFileSource.open(file, null, 0)) {
            clip.read(3);
            Files.delete(file);
            ClipException e = assertThrows(ClipException.class, () -> clip.read(15));
            assertTrue(e.getMessage().contains("disappeared") && e.getMessage().contains(file.toString()), e.getMessage());
        }
    }
}
