package dev.glimpse.clip;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import dev.glimpse.io.FilePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A video file read frame-exactly through FFmpeg. Frames are numbered from 0 in presentation order. On
 * opening, one pass over the packets (no decoding) indexes every frame's timestamp and the keyframes;
 * the index is cached on disk. To show frame k: seek to the keyframe at or before it, decode forward
 * until the frame whose timestamp is k's. The container's frame count and FFmpeg's frame-number seeking
 * are never used. Decoded frames are kept in an LRU cache with a fixed byte budget.
 *
 * <p>One reader at a time: {@link #read} is synchronized.
 */
public final class VideoFileSource implements ClipSource {
    /** Default budget of decoded frames kept in memory: about 40 frames of 1080p. */
    public static final long DEFAULT_CACHE_BYTES = 256L << 20;
    /** The most pixels a frame may have (8192 x 8192; 8K UHD is 7680 x 4320). */
    static final long MAX_PIXELS = 8192L * 8192;
    /** Frames just before a random target that are converted and cached on the way. */
    private static final int KEEP_BEHIND = 8;

    static {
        av_log_set_level(AV_LOG_QUIET); // errors reach the user as ClipExceptions, not decoder chatter
    }

    private final Path path;
    private final FrameIndex index;
    private final FrameCache cache;
    private final int width;
    private final int height;
    private final double fps;
    private final boolean indexFromCache;

    private AVFormatContext format;
    private AVCodecContext decoder;
    private final int stream;
    private final AVPacket packet;
    private final AVFrame frame;
    private SwsContext scaler;
    /** swscale's destination: allocated by FFmpeg with the row padding its SIMD writers need (see convert). */
    private final AVFrame rgb;
    /** The same for luma (spotting), made on first use. */
    private AVFrame grey;
    private SwsContext greyScaler;

    private int lastIndex = -1;    // presentation index of the last frame the decoder produced
    private int lastShown = -1;    // the last frame asked for
    private int keepBehind = KEEP_BEHIND; // for the current target: how many frames before it to cache
    private long decodeAllFrom = Long.MIN_VALUE; // while approaching a target: packets before this time may skip non-reference frames
    private boolean draining;      // the decoder has been sent end-of-stream
    private boolean closed;

    private VideoFileSource(Path path, AVFormatContext format, AVCodecContext decoder, int stream, FrameIndex index,
                            boolean indexFromCache, long cacheBytes, double fps) throws ClipException {
        this.path = path;
        this.format = format;
        this.decoder = decoder;
        this.stream = stream;
        this.index = index;
        this.indexFromCache = indexFromCache;
        this.cache = new FrameCache(cacheBytes);
        this.width = decoder.width();
        this.height = decoder.height();
        this.fps = fps;
        this.rgb = paddedFrame(path, AV_PIX_FMT_RGB24, width, height); // first: nothing else to free when it fails
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    /**
     * A frame of {@code format} (swscale's destination) allocated by FFmpeg itself. swscale writes packed RGB in blocks
     * of up to 16 pixels, so a buffer of exactly width x height x 3 bytes is overrun at the end of the last row (18
     * bytes at width 362); av_frame_get_buffer pads every row to an aligned width and the buffer beyond the last one,
     * as FFmpeg's own filters allocate their outputs.
     */
    private static AVFrame paddedFrame(Path path, int format, int width, int height) throws ClipException {
        AVFrame f = av_frame_alloc();
        f.format(format).width(width).height(height);
        int r = av_frame_get_buffer(f, 64); // 64: the widest SIMD alignment FFmpeg uses on x86 (AVX-512)
        if (r < 0) {
            av_frame_free(f);
            throw new ClipException(path, "has frames of " + width + " x " + height + " that cannot be converted ("
                    + error(r) + ")");
        }
        return f;
    }

    /** The frame's first plane without its row padding: {@code rowBytes} bytes from each of its rows. */
    private byte[] rows(AVFrame f, int rowBytes) {
        long stride = f.linesize(0);
        BytePointer data = f.data(0);
        byte[] bytes = new byte[rowBytes * height];
        for (int y = 0; y < height; y++) {
            data.position(y * stride).get(bytes, y * rowBytes, rowBytes);
        }
        data.position(0);
        return bytes;
    }

    public static VideoFileSource open(Path path) throws ClipException {
        return open(path, FrameIndexCache.standard(), DEFAULT_CACHE_BYTES);
    }

    /**
     * @param indexCache where frame indexes are kept between openings, or null for none
     * @param cacheBytes budget of decoded frames in memory
     */
    public static VideoFileSource open(Path path, FrameIndexCache indexCache, long cacheBytes) throws ClipException {
        if (!Files.isRegularFile(path)) {
            throw new ClipException(path, Files.exists(path) ? "is not a file" : FilePaths.missing(path));
        }
        AVFormatContext fmt = new AVFormatContext(null);
        int r = avformat_open_input(fmt, path.toString(), null, null);
        if (r < 0) {
            throw new ClipException(path, "is not a video this program can read (" + error(r) + ")");
        }
        AVCodecContext ctx = null;
        try {
            r = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
            if (r < 0) {
                throw new ClipException(path, "is not a video this program can read (" + error(r) + ")");
            }
            int stream = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (stream < 0) {
                throw new ClipException(path, "has no video stream");
            }
            AVStream st = fmt.streams(stream);
            AVCodecParameters par = st.codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null) {
                throw new ClipException(path, "uses a video codec this program cannot decode");
            }
            ctx = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(ctx, par);
            ctx.thread_count(0); // FFmpeg picks (frame threads: cores + 1), as its command line does
            r = avcodec_open2(ctx, codec, (AVDictionary) null);
            if (r < 0) {
                throw new ClipException(path, "cannot open its video decoder (" + error(r) + ")");
            }
            if (ctx.width() <= 0 || ctx.height() <= 0) {
                throw new ClipException(path, "has a video stream without a frame size");
            }
            if ((long) ctx.width() * ctx.height() > MAX_PIXELS) { // a frame is width x height x 3 bytes in one array
                throw new ClipException(path, "has frames of " + ctx.width() + " x " + ctx.height()
                        + " pixels; this program reads frames of up to 8192 x 8192");
            }
            AVRational tb = st.time_base();
            FrameIndex index = indexCache == null ? null : indexCache.load(path).orElse(null);
            boolean fromCache = index != null && index.timeBaseNum == tb.num() && index.timeBaseDen == tb.den();
            if (!fromCache) {
                index = buildIndex(path, fmt, stream, tb);
                if (indexCache != null && index.complete) {
                    indexCache.store(path, index);
                }
            }
            if (index.count() == 0) {
                throw new ClipException(path, "holds no video frames");
            }
            double fps = fps(st, index);
            VideoFileSource source = new VideoFileSource(path, fmt, ctx, stream, index, fromCache, cacheBytes, fps);
            if (!fromCache) {
                source.rewind();
            }
            return source;
        } catch (ClipException | RuntimeException e) {
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            avformat_close_input(fmt);
            throw e;
        }
    }

    private static FrameIndex buildIndex(Path path, AVFormatContext fmt, int stream, AVRational tb) throws ClipException {
        long[] pts = new long[1024];
        long[] seek = new long[1024];
        boolean[] key = new boolean[1024];
        int n = 0;
        boolean complete = true;
        boolean missingTimestamps = false;
        long fileSize;
        try {
            fileSize = Files.size(path);
        } catch (java.io.IOException e) {
            throw new ClipException(path, "cannot be read: " + e.getMessage());
        }
        AVPacket pkt = av_packet_alloc();
        try {
            while (true) {
                int r = av_read_frame(fmt, pkt);
                if (r == AVERROR_EOF) {
                    break;
                }
                if (r < 0) {
                    complete = false; // damage: frames up to here stay readable
                    break;
                }
                if (pkt.stream_index() == stream && ((pkt.flags() & AV_PKT_FLAG_CORRUPT) != 0
                        || (pkt.pos() >= 0 && pkt.pos() + pkt.size() > fileSize))) {
                    // a file cut short: the demuxer hands out the partial last packet flagged corrupt (an MP4 whose
                    // moov is at the front lists frames beyond the end, and reports the end as a normal one)
                    av_packet_unref(pkt);
                    complete = false;
                    break;
                }
                if (pkt.stream_index() == stream) {
                    long p = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    if (p == AV_NOPTS_VALUE) {
                        missingTimestamps = true;
                    }
                    if (n == pts.length) {
                        pts = Arrays.copyOf(pts, n * 2);
                        seek = Arrays.copyOf(seek, n * 2);
                        key = Arrays.copyOf(key, n * 2);
                    }
                    pts[n] = p;
                    seek[n] = p; // demuxers index keyframes by presentation time; a decode time can land a GOP early
                    key[n] = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                    n++;
                }
                av_packet_unref(pkt);
            }
        } finally {
            av_packet_free(pkt);
        }
        if (!complete) {
            // Frames decoded after the last keyframe before the damage may lack their references, and frames
            // that were never read may come between them in presentation order: keep only those decoded before it.
            for (int k = n - 1; k > 0; k--) {
                if (key[k]) {
                    n = k;
                    break;
                }
            }
        }
        if (missingTimestamps) {
            throw new ClipException(path, "has video frames without timestamps; frame-exact access is not possible");
        }
        FrameIndex index = FrameIndex.fromPackets(pts, seek, key, n, tb.num(), tb.den(), complete);
        for (int k = 1; k < index.count(); k++) {
            if (index.pts[k] == index.pts[k - 1]) {
                throw new ClipException(path, "has two video frames with the same timestamp; frame-exact access is not possible");
            }
        }
        return index;
    }

    private static double fps(AVStream st, FrameIndex index) {
        AVRational avg = st.avg_frame_rate();
        if (!index.variableFrameRate() && avg.num() > 0 && avg.den() > 0) {
            return avg.num() / (double) avg.den();
        }
        double mean = index.meanFps();
        if (mean > 0) {
            return mean;
        }
        AVRational r = st.r_frame_rate();
        return r.num() > 0 && r.den() > 0 ? r.num() / (double) r.den() : 25.0;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int frameCount() {
        return index.count();
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int keyframeAtOrBefore(int i) {
        return index.keyframeAtOrBefore(checkIndex(i), 0);
    }

    @Override
    public int frameNumber(int i) {
        checkIndex(i);
        return i;
    }

    @Override
    public int indexOf(int number) {
        if (number < 0 || number >= index.count()) {
            throw new IllegalArgumentException(path + ": no frame numbered " + number + " (frames run from 0 to "
                    + (index.count() - 1) + ")");
        }
        return number;
    }

    @Override
    public double timestampSeconds(int i) {
        return index.seconds(checkIndex(i));
    }

    @Override
    public boolean variableFrameRate() {
        return index.variableFrameRate();
    }

    @Override
    public double durationSeconds() {
        int n = index.count();
        return n < 2 ? 1 / fps : index.seconds(n - 1) + index.seconds(n - 1) / (n - 1);
    }

    /**
     * What is wrong with the file, for the person to be told, or null: a file cut short or damaged keeps the
     * frames before the damage that can be decoded, and says so here.
     */
    @Override
    public String damage() {
        return index.complete ? null : "the file is damaged or cut short (a copy that did not finish?): only frames 0 to "
                + (index.count() - 1) + " can be read";
    }

    /** Whether the frame index came from the cache file (the second opening of this file). */
    public boolean indexFromCache() {
        return indexFromCache;
    }

    /** Bytes of decoded frames currently held in memory. */
    public long cachedBytes() {
        return cache.bytes();
    }

    @Override
    public synchronized FrameImage read(int target) throws ClipException {
        checkIndex(target);
        if (closed) {
            throw new ClipException(path, "is closed");
        }
        FrameImage hit = cache.get(target);
        boolean backwards = target < lastShown;
        lastShown = target;
        if (hit != null) {
            return hit;
        }
        decodeTo(target, backwards, true);
        FrameImage image = convert();
        cache.put(target, image);
        return image;
    }

    /**
     * Frame {@code target}'s Y plane, scaled to full range by swscale: no colour conversion, and nothing cached on
     * the way (a whole video read in order would only churn the frame cache).
     */
    @Override
    public synchronized LumaImage readLuma(int target) throws ClipException {
        checkIndex(target);
        if (closed) {
            throw new ClipException(path, "is closed");
        }
        FrameImage hit = cache.get(target);
        if (hit != null) {
            return LumaImage.of(hit);
        }
        lastShown = target;
        decodeTo(target, false, false);
        return convertLuma();
    }

    /** Leaves the decoder's current frame at {@code target}, seeking when going forward would take longer. */
    private void decodeTo(int target, boolean backwards, boolean cacheOnTheWay) throws ClipException {
        if (!Files.exists(path)) {
            throw new ClipException(path, "has disappeared since the clip was opened");
        }
        int key = index.keyframeAtOrBefore(target, 0);
        // Keep decoding forward when that reaches the target about as soon as a seek would: the decoder
        // sits before the target, and no further from it than the target's keyframe (plus a little, since
        // a seek costs a flush and may land a keyframe early).
        boolean forward = !draining && lastIndex >= 0 && lastIndex < target && target - lastIndex <= target - key + 16;
        if (!forward) {
            seekTo(key);
            // Stepping back, the annotator will want the frames before this one next: decode and cache as many as
            // the frame cache holds (about half of it). Jumping anywhere else, frames nothing refers to are not
            // needed on the way: decode all frames only from a couple before the target.
            keepBehind = backwards ? Math.max(KEEP_BEHIND, (int) (cache.budget() / ((long) width * height * 3) / 2)) : KEEP_BEHIND;
            approach(index.pts[Math.max(key, target - (backwards ? keepBehind : 2))]);
        }
        for (int attempt = 1; ; attempt++) {
            if (decodeUntil(target, cacheOnTheWay)) {
                return;
            }
            // the demuxer landed after the frame (or the stream ended early): start one keyframe further back
            int earlier = index.keyframeAtOrBefore(target, attempt);
            if (earlier == 0 && attempt > 1 && index.keyframeAtOrBefore(target, attempt - 1) == 0) {
                String where = index.complete ? "" : "; the file is damaged after an earlier frame";
                throw new ClipException(path, "frame " + target + " cannot be decoded" + where);
            }
            seekTo(earlier); // a retry decodes every frame
        }
    }

    private void approach(long decodeAllFromPts) {
        decodeAllFrom = decodeAllFromPts;
        decoder.skip_frame(AVDISCARD_NONREF);
    }

    /** Decodes forward; true when the decoder's frame is the target, false when a later frame or the end came first. */
    private boolean decodeUntil(int target, boolean cacheOnTheWay) throws ClipException {
        while (true) {
            int r = avcodec_receive_frame(decoder, frame);
            if (r == 0) {
                long t = frame.best_effort_timestamp() != AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
                int i = index.indexOfPts(t);
                if (i < 0) {
                    continue; // a frame the index does not know (e.g. a leading frame of an open GOP): skip it
                }
                lastIndex = i;
                if (i == target) {
                    return true;
                }
                if (i > target) {
                    return false;
                }
                if (cacheOnTheWay && i >= target - keepBehind && cache.budget() > 0) {
                    cache.put(i, convert());
                }
                continue;
            }
            if (r == AVERROR_EOF) {
                return false;
            }
            if (r != AVERROR_EAGAIN()) {
                throw new ClipException(path, "decoding failed near frame " + target + " (" + error(r) + ")");
            }
            if (draining) {
                return false;
            }
            int read = av_read_frame(format, packet);
            if (read < 0) {
                draining = true;
                avcodec_send_packet(decoder, null); // end of stream: let the decoder hand out what it holds
                continue;
            }
            if (packet.stream_index() == stream) {
                if (decodeAllFrom != Long.MIN_VALUE) {
                    long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (t == AV_NOPTS_VALUE || t >= decodeAllFrom) {
                        decoder.skip_frame(AVDISCARD_DEFAULT);
                        decodeAllFrom = Long.MIN_VALUE;
                    }
                }
                int sent = avcodec_send_packet(decoder, packet);
                av_packet_unref(packet);
                if (sent < 0 && sent != AVERROR_EAGAIN()) {
                    continue; // a damaged packet: its frame will be missing, later ones may still decode
                }
            } else {
                av_packet_unref(packet);
            }
        }
    }

    private void seekTo(int keyIndex) throws ClipException {
        int r = av_seek_frame(format, stream, index.seekTs[keyIndex], AVSEEK_FLAG_BACKWARD);
        if (r < 0 && keyIndex == 0) {
            r = av_seek_frame(format, stream, Long.MIN_VALUE / 2, AVSEEK_FLAG_BACKWARD);
        }
        if (r < 0) {
            throw new ClipException(path, "cannot seek to frame " + keyIndex + " (" + error(r) + ")");
        }
        avcodec_flush_buffers(decoder);
        decoder.skip_frame(AVDISCARD_DEFAULT);
        decodeAllFrom = Long.MIN_VALUE;
        draining = false;
        lastIndex = -1;
    }

    private void rewind() throws ClipException {
        seekTo(0);
    }

    /** The decoded frame as RGB bytes (bicubic chroma, as FFmpeg's command line converts). */
    private FrameImage convert() {
        scaler = sws_getCachedContext(scaler, frame.width(), frame.height(), frame.format(), width, height,
                AV_PIX_FMT_RGB24, SWS_BICUBIC, null, null, (DoublePointer) null);
        sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), rgb.data(), rgb.linesize());
        return new FrameImage(width, height, rows(rgb, width * 3)); // the rows are padded: linesize > width x 3
    }

    /** The decoded frame's luma; the GRAY8 frame is allocated by FFmpeg, padded as {@link #paddedFrame} says why. */
    private LumaImage convertLuma() throws ClipException {
        if (grey == null) {
            grey = paddedFrame(path, AV_PIX_FMT_GRAY8, width, height);
        }
        greyScaler = sws_getCachedContext(greyScaler, frame.width(), frame.height(), frame.format(), width, height,
                AV_PIX_FMT_GRAY8, SWS_BICUBIC, null, null, (DoublePointer) null);
        sws_scale(greyScaler, frame.data(), frame.linesize(), 0, frame.height(), grey.data(), grey.linesize());
        return new LumaImage(width, height, rows(grey, width));
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= index.count()) {
            throw new IndexOutOfBoundsException(path + ": frame " + i + " outside 0.." + (index.count() - 1));
        }
        return i;
    }

    private static String error(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** AVERROR(EAGAIN): "send more input" (EAGAIN is 11 on Linux, the only platform of this build). */
    private static int AVERROR_EAGAIN() {
        return -11;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(decoder);
        avformat_close_input(format);
        av_frame_free(rgb);
        if (greyScaler != null) {
            sws_freeContext(greyScaler);
        }
        if (grey != null) {
            av_frame_free(grey);
        }
        decoder = null;
        format = null;
    }
}
