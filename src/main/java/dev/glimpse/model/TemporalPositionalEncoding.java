package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * T(i) of spec section 2: a sinusoidal encoding of the pair's distance d = i - 1 from the onset,
 * of dimension C0, added to the stem output and broadcast over height and width.
 */
public final class TemporalPositionalEncoding {
    private TemporalPositionalEncoding() {}

    /** Row k (k = 0..N-1) encodes d = k + 1: pe[d, 2m] = sin(d / 10000^(2m/C)), pe[d, 2m+1] = cos(...). */
    public static float[][] table(int nodes, int channels) {
        float[][] pe = new float[nodes][channels];
        for (int k = 0; k < nodes; k++) {
            double d = k + 1;
            for (int c = 0; c < channels; c++) {
                double freq = Math.pow(10000.0, -(2.0 * (c / 2)) / channels);
                pe[k][c] = (float) (c % 2 == 0 ? Math.sin(d * freq) : Math.cos(d * freq));
            }
        }
        return pe;
    }

    /** The table as an (N, C, 1, 1) array, ready to add to (B*N reshaped as B, N, C, H, W) stem output. */
    static NDArray array(NDManager manager, int nodes, int channels) {
        float[][] pe = table(nodes, channels);
        float[] flat = new float[nodes * channels];
        for (int k = 0; k < nodes; k++) {
            System.arraycopy(pe[k], 0, flat, k * channels, channels);
        }
        return manager.create(flat, new Shape(nodes, channels, 1, 1));
    }
}
