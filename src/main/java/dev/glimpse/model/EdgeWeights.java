package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Edge weights of eqs. 6-8: A_ij = (1 - arccos(cos(h_i, h_j)) / pi) * exp(-|i-j| / tau) on the edges of
 * E, then every row leaving a local node times lambda_local and the row leaving g times lambda_global.
 */
public final class EdgeWeights {
    /** Keeps arccos' gradient finite at cos = +-1. */
    static final double COS_LIMIT = 1 - 1e-6;

    private EdgeWeights() {}

    /**
     * @param h node features (B, N, F)
     * @param mask edge mask E (B, N, N) of 0 and 1
     * @param globalRows (B, N, 1): 1 for the Global Motion Node, 0 for local nodes
     * @return the weighted adjacency (B, N, N), zero outside E
     */
    public static NDArray compute(NDArray h, NDArray mask, NDArray globalRows,
                                  double tau, double lambdaLocal, double lambdaGlobal) {
        NDArray unit = h.div(h.norm(new int[] {2}, true).maximum(1e-12));
        NDArray cos = unit.batchMatMul(unit.transpose(0, 2, 1)).clip(-COS_LIMIT, COS_LIMIT);
        NDArray similarity = cos.acos().div(Math.PI).neg().add(1);
        int n = (int) h.getShape().get(1);
        NDArray decay = temporalDecay(h.getManager(), n, tau);
        NDArray rowWeight = globalRows.mul(lambdaGlobal - lambdaLocal).add(lambdaLocal);
        return similarity.mul(decay).mul(mask).mul(rowWeight);
    }

    /** exp(-|i - j| / tau) as an (N, N) array. */
    static NDArray temporalDecay(NDManager manager, int n, double tau) {
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i * n + j] = (float) Math.exp(-Math.abs(i - j) / tau);
            }
        }
        return manager.create(d, new Shape(n, n));
    }
}
