package dev.glimpse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EdgeWeightsTest {

    /**
     * Three nodes h1 = (1, 0), h2 = (1, 1), h3 = (0, 1); L = 4, apex frame 3 so node 1 is global, w = 1.
     * Worked by hand: cos(h1, h2) = cos(h2, h3) = 1/sqrt(2), arccos = pi/4, similarity 0.75;
     * self loops: cos clamped to 1 - 1e-6, arccos = 0.0014142, similarity 0.99955;
     * decay exp(-1/10) = 0.904837; node 1's row times lambda_global = 2.
     */
    @Test
    void threeNodeExampleMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = adjacency(m, new float[] {1, 0, 1, 1, 0, 1}, 2, 4, 3, 1.0, 2.0);
            float[] expected = {
                0.99955f, 0.67863f, 0f,
                1.35726f, 1.99910f, 1.35726f,
                0f, 0.67863f, 0.99955f};
            float[] actual = a.toFloatArray();
            for (int k = 0; k < 9; k++) {
                assertEquals(expected[k], actual[k], 2e-4, "cell " + (k / 3) + "," + (k % 3));
            }
        }
    }

    @Test
    void lambdaLocalNotBelowLambdaGlobalIsRefused() {
        AtmGcnConfig tiny = AtmGcnConfig.preset("tiny", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny.withLambdas(2.0, 2.0));
        assertTrue(e.getMessage().contains("lambdaLocal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tiny.withLambdas(3.0, 2.0));
    }

    /**
     * With one-hot node features, the aggregation P h of a TM-GCN layer reads out each sender's share
     * in a node's mean. Raising lambda_global must raise g's share for every local node; normalising
     * over rows instead would cancel lambda and leave the shares unchanged.
     */
    @Test
    void raisingLambdaGlobalRaisesTheGlobalShareOfEveryLocalNode() {
        int frames = 8;
        int apex = 5;
        int n = frames - 1;
        int g = apex - 2;
        try (NDManager m = NDManager.newBaseManager()) {
            float[] features = m.randomUniform(0.1f, 1f, new Shape(n * 6)).toFloatArray();
            NDArray low = adjacency(m, features, 6, frames, apex, 1.0, 2.0);
            NDArray high = adjacency(m, features, 6, frames, apex, 1.0, 5.0);
            NDArray identity = m.eye(n).expandDims(0);
            float[] shareLow = TmGcnLayer.aggregate(low, identity).toFloatArray();
            float[] shareHigh = TmGcnLayer.aggregate(high, identity).toFloatArray();
            for (int j = 0; j < n; j++) {
                if (j == g) {
                    continue;
                }
                float before = shareLow[j * n + g];
                float after = shareHigh[j * n + g];
                assertTrue(after > before + 1e-4,
                        "node " + j + ": global share " + before + " -> " + after + " did not rise");
                float total = 0;
                for (int i = 0; i < n; i++) {
                    total += shareHigh[j * n + i];
                }
                assertEquals(1f, total, 1e-5, "node " + j + " averages its incoming messages");
            }
        }
    }

    private static NDArray adjacency(NDManager m, float[] features, int dim, int frames, int apex,
                                     double lambdaLocal, double lambdaGlobal) {
        int n = frames - 1;
        NDArray h = m.create(features, new Shape(1, n, dim));
        NDArray mask = m.create(EdgeMask.of(frames, apex, 1).toFloats(), new Shape(1, n, n));
        float[] rows = new float[n];
        rows[apex - 2] = 1;
        NDArray global = m.create(rows, new Shape(1, n, 1));
        return EdgeWeights.compute(h, mask, global, 10.0, lambdaLocal, lambdaGlobal);
    }
}
