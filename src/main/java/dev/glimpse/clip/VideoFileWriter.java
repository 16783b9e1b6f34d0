package dev.glimpse.clip;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes frames to a video file through JavaCV's FFmpeg recorder: the synthetic generator's video output,
 * and the real encoded files the frame-exactness tests read back.
 */
public final class VideoFileWriter implements AutoCloseable {

    /**
     * A container and codec with their settings.
     *
     * @param format FFmpeg muxer name (mp4, mov, avi, matroska, webm)
     * @param codec FFmpeg encoder name
     * @param pixelFormat encoder pixel format (an AV_PIX_FMT_ constant)
     * @param options codec options passed to the encoder (e.g. {@code bf} = B-frames, {@code qscale})
     */
    public record Kind(String format, String codec, int pixelFormat, Map<String, String> options) {
        /** MP4 with H.264 (OpenH264: the LGPL build of FFmpeg has no B-frame H.264 encoder). */
        public static final Kind MP4_H264 = new Kind("mp4", "libopenh264", AV_PIX_FMT_YUV420P,
                Map.of("b", "4000000", "allow_skip_frames", "0"));
        /** MP4 with MPEG-4 Part 2 and two B-frames: decoding order differs from presentation order. */
        public static final Kind MP4_BFRAMES = new Kind("mp4", "mpeg4", AV_PIX_FMT_YUV420P, Map.of("bf", "2", "qscale", "3"));
        public static final Kind MOV = new Kind("mov", "mpeg4", AV_PIX_FMT_YUV420P, Map.of("bf", "1", "qscale", "3"));
        public static final Kind AVI_MJPEG = new Kind("avi", "mjpeg", AV_PIX_FMT_YUVJ420P, Map.of("qscale", "3"));
        public static final Kind MKV = new Kind("matroska", "mpeg4", AV_PIX_FMT_YUV420P, Map.of("bf", "2", "qscale", "3"));
        public static final Kind WEBM_VP9 = new Kind("webm", "libvpx-vp9", AV_PIX_FMT_YUV420P,
                Map.of("crf", "20", "b", "0", "deadline", "realtime", "cpu-used", "8"));

        /** By the name used on the command line: mp4, mp4-bframes, mov, avi, mkv, webm. */
        public static Kind named(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "mp4", "mp4-h264" -> MP4_H264;
                case "mp4-bframes", "mp4-mpeg4" -> MP4_BFRAMES;
                case "mov" -> MOV;
                case "avi" -> AVI_MJPEG;
                case "mkv" -> MKV;
                case "webm" -> WEBM_VP9;
                default -> throw new IllegalArgumentException("unknown video kind '" + name
                        + "'; use mp4, mp4-bframes, mov, avi, mkv or webm");
            };
        }

        public String extension() {
            return switch (format) {
                case "matroska" -> "mkv";
                default -> format;
            };
        }
    }

    private final Path path;
    private final FFmpegFrameRecorder recorder;
    private final int width;
    private final int height;

    private VideoFileWriter(Path path, FFmpegFrameRecorder recorder, int width, int height) {
        this.path = path;
        this.recorder = recorder;
        this.width = width;
        this.height = height;
    }

    /**
     * @param gop frames between keyframes
     */
    public static VideoFileWriter open(Path path, int width, int height, double fps, int gop, Kind kind)
            throws ClipException {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(path.toFile(), width, height, 0);
        r.setFormat(kind.format());
        r.setVideoCodecName(kind.codec());
        r.setPixelFormat(kind.pixelFormat());
        r.setFrameRate(fps);
        r.setGopSize(gop);
        kind.options().forEach(r::setVideoOption);
        try {
            r.start();
        } catch (FrameRecorder.Exception e) {
            throw new ClipException(path, "cannot be written as " + kind.format() + "/" + kind.codec() + ": " + e.getMessage(), e);
        }
        return new VideoFileWriter(path, r, width, height);
    }

    /** Appends a frame at the recorder's next frame time. */
    public void write(FrameImage image) throws ClipException {
        write(image, -1);
    }

    /** Appends a frame shown at {@code micros} from the start (a variable-frame-rate file), or next when negative. */
    public void write(FrameImage image, long micros) throws ClipException {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException("frame is " + image.width() + " x " + image.height() + ", the video "
                    + width + " x " + height);
        }
        Frame f = new Frame(width, height, Frame.DEPTH_UBYTE, 3, width * 3);
        ((ByteBuffer) f.image[0]).put(image.rgb()).rewind();
        try {
            if (micros >= 0) {
                recorder.setTimestamp(micros);
            }
            recorder.record(f, AV_PIX_FMT_RGB24);
        } catch (FrameRecorder.Exception e) {
            throw new ClipException(path, "cannot write a frame: " + e.getMessage(), e);
        } finally {
            f.close();
        }
    }

    @Override
    public void close() throws ClipException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new ClipException(path, "cannot be finished: " + e.getMessage(), e);
        }
    }
}
