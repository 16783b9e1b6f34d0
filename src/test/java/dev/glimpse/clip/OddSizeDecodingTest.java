package dev.glimpse.clip;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Videos of widths that are not a multiple of 16 (swscale writes packed RGB in blocks of 16 pixels, and a
 * destination of exactly width x height x 3 bytes was overrun at every frame): every frame Glimpse decodes,
 * reached in an order that seeks, equals FFmpeg's own decoding of it through JavaCV's grabber, byte for
 * byte. CI runs this class again under glibc's malloc checker, where a write past a buffer aborts.
 */
class OddSizeDecodingTest {
    private static final int FRAMES = 9;
    /** 4:2:0 MPEG-4 (even sizes only), the chroma upsampling path most videos take. */
    private static final VideoFileWriter.Kind MPEG4_420 = new VideoFileWriter.Kind("mp4", "mpeg4", AV_PIX_FMT_YUV420P,
            Map.of("bf", "1", "qscale", "3"));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} x {1}, {2}")
    @CsvSource({
        "7, 5, y4m-444", "361, 33, y4m-444", "363, 31, y4m-420", "375, 17, y4m-420", "1079, 9, y4m-444",
        "362, 21, y4m-420",
        "362, 34, mpeg4", "360, 20, mpeg4", "376, 18, mpeg4", "1078, 12, mpeg4"})
    void everyFrameEqualsFfmpegsOwnDecoding(int width, int height, String codec) throws Exception {
        List<FrameImage> written = new ArrayList<>();
        for (int n = 0; n < FRAMES; n++) {
            written.add(pattern(n, width, height));
        }
        Path file;
        if (codec.startsWith("y4m")) { // JavaCV's recorder rounds widths up to even: odd ones are written by hand
            file = Y4m.write(dir.resolve(width + "x" + height + ".y4m"), written, codec.endsWith("444"));
        } else {
            file = dir.resolve(width + "x" + height + ".mp4");
            try (VideoFileWriter w = VideoFileWriter.open(file, width, height, 25, 4, MPEG4_420)) {
                for (FrameImage f : written) {
                    w.write(f);
                }
            }
        }
        List<byte[]> reference = ffmpegDecoding(file, width, height);
        assertEquals(FRAMES, reference.size(), "frames FFmpeg decodes from " + file.getFileName());
        try (VideoFileSource clip = VideoFileSource.open(file, null, 0)) {
            assertEquals(width, clip.width());
            assertEquals(height, clip.height());
            assertEquals(FRAMES, clip.frameCount());
            // backwards, then every other frame forwards: seeks and forward decoding both
            for (int k = FRAMES - 1; k >= 0; k--) {
                assertArrayEquals(reference.get(k), clip.read(k).rgb(), "frame " + k + " of " + file.getFileName());
            }
            for (int k = 0; k < FRAMES; k += 2) {
                assertArrayEquals(reference.get(k), clip.read(k).rgb(), "frame " + k + " of " + file.getFileName());
            }
            if (codec.equals("y4m-444")) { // uncompressed 4:4:4: the picture itself comes back, up to YUV rounding
                for (int k = 0; k < FRAMES; k++) {
                    assertTrue(maxDifference(written.get(k).rgb(), clip.read(k).rgb()) <= 6, "frame " + k + " looks like what was written");
                }
            }
        }
    }

    /** FFmpeg's own decoding and bicubic RGB conversion, each row taken by the grabber's stride. */
    private static List<byte[]> ffmpegDecoding(Path file, int width, int height) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(AV_PIX_FMT_RGB24);
            g.setImageScalingFlags(SWS_BICUBIC);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                assertNotNull(f.image);
                ByteBuffer buf = (ByteBuffer) f.image[0];
                byte[] rgb = new byte[width * height * 3];
                for (int y = 0; y < height; y++) {
                    buf.get(y * f.imageStride, rgb, y * width * 3, width * 3);
                }
                frames.add(rgb);
            }
        }
        return frames;
    }

    private static FrameImage pattern(int n, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int k = (y * width + x) * 3;
                rgb[k] = (byte) (x * 7 + n * 11);
                rgb[k + 1] = (byte) (y * 13 + n * 5);
                rgb[k + 2] = (byte) ((x + y) * 3);
            }
        }
        return new FrameImage(width, height, rgb);
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return max;
    }
}
