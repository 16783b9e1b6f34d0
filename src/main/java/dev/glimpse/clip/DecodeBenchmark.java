package dev.glimpse.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Measures what an annotator feels: opening a video (first time, building the frame index; second time,
 * from the cached index), decoding straight through, and showing random frames.
 */
public final class DecodeBenchmark {
    private DecodeBenchmark() {}

    /**
     * @param openFirstMillis opening with no cached index
     * @param openSecondMillis opening again (index from the cache)
     * @param sequentialFrames frames decoded straight through
     * @param sequentialFps their rate, decode + conversion to RGB
     * @param randomFrames random frames shown
     * @param randomMedianMillis median time to show one (no frame cache: every one is a real seek)
     * @param randomWorstMillis the slowest
     * @param scrubMedianMillis median time to show what dragging along the timeline shows for the same random
     *     targets: the keyframe at or before each
     * @param scrubWorstMillis the slowest of those
     */
    public record Result(String path, int frameCount, int width, int height, double openFirstMillis,
                         double openSecondMillis, int sequentialFrames, double sequentialFps, int randomFrames,
                         double randomMedianMillis, double randomWorstMillis, double scrubMedianMillis,
                         double scrubWorstMillis) {}

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static Result run(Path video, int sequentialFrames, int randomFrames, long seed) throws IOException {
        Path cacheDir = Files.createTempDirectory("glimpse-bench-index");
        try {
            FrameIndexCache cache = new FrameIndexCache(cacheDir);
            long t0 = System.nanoTime();
            VideoFileSource first = VideoFileSource.open(video, cache, 0);
            double openFirst = (System.nanoTime() - t0) / 1e6;
            first.close();
            t0 = System.nanoTime();
            try (VideoFileSource clip = VideoFileSource.open(video, cache, 0)) {
                double openSecond = (System.nanoTime() - t0) / 1e6;
                int n = Math.min(sequentialFrames, clip.frameCount());
                t0 = System.nanoTime();
                for (int k = 0; k < n; k++) {
                    clip.read(k);
                }
                double fps = n / ((System.nanoTime() - t0) / 1e9);
                Random random = new Random(seed);
                double[] ms = new double[randomFrames];
                for (int k = 0; k < randomFrames; k++) {
                    int target = random.nextInt(clip.frameCount());
                    long s = System.nanoTime();
                    clip.read(target);
                    ms[k] = (System.nanoTime() - s) / 1e6;
                }
                random = new Random(seed);
                double[] scrub = new double[randomFrames];
                for (int k = 0; k < randomFrames; k++) {
                    int target = random.nextInt(clip.frameCount());
                    long s = System.nanoTime();
                    clip.read(clip.keyframeAtOrBefore(target));
                    scrub[k] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                Arrays.sort(scrub);
                return new Result(video.toString(), clip.frameCount(), clip.width(), clip.height(), openFirst,
                        openSecond, n, fps, randomFrames, median(ms), randomFrames == 0 ? 0 : ms[randomFrames - 1],
                        median(scrub), randomFrames == 0 ? 0 : scrub[randomFrames - 1]);
            }
        } finally {
            try (var files = Files.list(cacheDir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(cacheDir);
        }
    }
}
