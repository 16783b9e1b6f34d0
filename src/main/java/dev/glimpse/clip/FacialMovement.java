package dev.glimpse.clip;

import java.util.Arrays;

/**
 * How much part of the face moves in an event, which the model cannot know for itself: ATM-GCN has no neutral
 * class (the datasets have none), so on a still face it still names one of its classes, confidently. The score
 * compares each sampled face crop with the onset's, on a 28 x 28 grey image (fine enough for brows, lids and
 * mouth corners, coarse enough to average out sensor and compression noise), after taking away a change of
 * brightness over the whole face; it is how far the most changed of 7 x 7 regions moved beyond the typical
 * region, in grey levels, at the frame where that is largest. A local movement (a brow raised, a lip corner
 * pulled) scores high; a still face, grain and a global lighting change score low.
 */
public final class FacialMovement {
    /**
     * Below this, "no clear facial movement in this interval". Calibrated on the bundled synthetic sample
     * clips (FacialMovementTest): their coded events score 2.0-3.1 at the small preset's 224 px, stretches of the
     * same clips where the face is still 0.9-1.2.
     */
    public static final double THRESHOLD = 1.5;
    private static final int GRID = 28;
    private static final int REGIONS = 7;

    private FacialMovement() {}

    /** The movement score of a prepared event (its L crops, onset first). */
    public static double score(PreparedClip clip) {
        int s = clip.size();
        byte[] px = clip.pixels();
        double[] onset = grey(px, 0, s);
        double most = 0;
        int cells = GRID * GRID;
        int block = GRID / REGIONS;
        for (int k = 1; k < clip.length(); k++) {
            double[] g = grey(px, k * s * s * 3, s);
            double[] diff = new double[cells];
            for (int i = 0; i < cells; i++) {
                diff[i] = g[i] - onset[i];
            }
            double global = median(diff); // the whole face brighter or darker: lighting, not movement
            double[] region = new double[REGIONS * REGIONS];
            for (int by = 0; by < REGIONS; by++) {
                for (int bx = 0; bx < REGIONS; bx++) {
                    double sum = 0;
                    for (int y = by * block; y < (by + 1) * block; y++) {
                        for (int x = bx * block; x < (bx + 1) * block; x++) {
                            sum += Math.abs(diff[y * GRID + x] - global);
                        }
                    }
                    region[by * REGIONS + bx] = sum / (block * block);
                }
            }
            Arrays.sort(region);
            most = Math.max(most, region[region.length - 1] - region[region.length / 2]);
        }
        return most;
    }

    /** A frame's face crop as a GRID x GRID grey image, each cell the mean of the pixels it covers. */
    private static double[] grey(byte[] rgb, int from, int size) {
        double[] g = new double[GRID * GRID];
        int[] count = new int[GRID * GRID];
        for (int y = 0; y < size; y++) {
            int cy = y * GRID / size;
            for (int x = 0; x < size; x++) {
                int i = from + (y * size + x) * 3;
                int c = cy * GRID + x * GRID / size;
                g[c] += 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
                count[c]++;
            }
        }
        for (int c = 0; c < g.length; c++) {
            g[c] /= Math.max(1, count[c]);
        }
        return g;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
