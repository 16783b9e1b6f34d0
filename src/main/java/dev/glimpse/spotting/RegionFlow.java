package dev.glimpse.spotting;

import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowFarneback;

import java.util.Arrays;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Dense optical flow between two grey face crops (Farneback 2003, through OpenCV) and what it says
 * about the face's regions: for brows, eyes and mouth, the strongest local motion after taking away the median
 * flow of the whole face, which is the head's own motion (an expression moves a small part of the face, so a
 * head that drifts or turns a little moves the median and every region alike, and leaves nothing). In pixels of
 * the {@value #SIDE}-pixel crop.
 */
final class RegionFlow implements AutoCloseable {
    /** The crop's side: a brow raised 1 pixel of a 224-pixel face moves about 0.3 pixel here. */
    static final int SIDE = 64;
    /** Side of the blocks whose mean flow is compared: about a lip corner or half a brow. */
    static final int BLOCK = 8;
    /** Regions as fractions of the face box (Haar's box with {@code FaceCrop.MARGIN} around): x0, x1, y0, y1. */
    static final double[] BROWS = {0.18, 0.82, 0.22, 0.36};
    static final double[] EYES = {0.18, 0.82, 0.37, 0.47};
    /** The face as a whole: its median flow is the head's motion (an expression moves far less than half of it). */
    static final double[] FACE = {0.15, 0.85, 0.15, 0.90};
    static final double[] MOUTH = {0.25, 0.75, 0.60, 0.86};

    /** Region indices in {@link #measure}'s result. */
    static final int BROW = 0;
    static final int EYE = 1;
    static final int MOUTH_REGION = 2;

    private final Mat a = new Mat(SIDE, SIDE, opencv_core.CV_8UC1);
    private final Mat b = new Mat(SIDE, SIDE, opencv_core.CV_8UC1);
    private final Mat flow = new Mat();
    private final float[] field = new float[SIDE * SIDE * 2];

    /** Brows, eyes and mouth: how far each moved from {@code from} to {@code to}, head motion taken away. */
    double[] measure(byte[] from, byte[] to) {
        a.data().put(from);
        b.data().put(to);
        // two pyramid levels reach a few pixels of motion; an 11-pixel window smooths sensor noise and compression
        calcOpticalFlowFarneback(a, b, flow, 0.5, 2, 9, 2, 5, 1.1, 0);
        try (FloatIndexer ix = flow.createIndexer()) {
            ix.get(0, field);
        }
        double[] head = median(FACE);
        return new double[] {mean(BROWS, head), mean(EYES, head), mean(MOUTH, head)};
    }

    /**
     * The region's strongest coherent motion: the region is cut into blocks of {@value #BLOCK} x {@value #BLOCK}
     * pixels, each block's flow averaged (noise, which points every way, cancels; a lip corner pulled moves its
     * whole block one way), the head's motion taken away, and the longest block vector kept.
     */
    private double mean(double[] r, double[] head) {
        int x0 = (int) (r[0] * SIDE);
        int x1 = (int) (r[1] * SIDE);
        int y0 = (int) (r[2] * SIDE);
        int y1 = (int) (r[3] * SIDE);
        double most = 0;
        for (int by = y0; by + BLOCK / 2 < y1; by += BLOCK / 2) { // half-overlapping blocks
            for (int bx = x0; bx + BLOCK / 2 < x1; bx += BLOCK / 2) {
                double sx = 0;
                double sy = 0;
                int count = 0;
                for (int y = by; y < Math.min(y1, by + BLOCK); y++) {
                    for (int x = bx; x < Math.min(x1, bx + BLOCK); x++) {
                        int i = (y * SIDE + x) * 2;
                        sx += field[i];
                        sy += field[i + 1];
                        count++;
                    }
                }
                most = Math.max(most, Math.hypot(sx / count - head[0], sy / count - head[1]));
            }
        }
        return most;
    }

    private double[] median(double[] r) {
        int x0 = (int) (r[0] * SIDE);
        int x1 = (int) (r[1] * SIDE);
        int y0 = (int) (r[2] * SIDE);
        int y1 = (int) (r[3] * SIDE);
        int n = ((x1 - x0 + 1) / 2) * ((y1 - y0 + 1) / 2); // every other pixel: the median of a smooth field
        float[] dx = new float[n];
        float[] dy = new float[n];
        int k = 0;
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                int i = (y * SIDE + x) * 2;
                dx[k] = field[i];
                dy[k++] = field[i + 1];
            }
        }
        Arrays.sort(dx);
        Arrays.sort(dy);
        return new double[] {dx[n / 2], dy[n / 2]};
    }

    @Override
    public void close() {
        flow.close();
        a.close();
        b.close();
    }
}
