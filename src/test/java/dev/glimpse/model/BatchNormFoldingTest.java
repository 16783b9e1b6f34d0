package dev.glimpse.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {

    @Test
    void foldedInferenceEqualsConvThenBatchNormAndFollowsTraining() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            CaBlock.ConvBn unit = new CaBlock.ConvBn(8, 3, 2);
            unit.initialize(m, DataType.FLOAT32, new Shape(2, 4, 16, 16));
            ParameterStore ps = new ParameterStore(m, false);
            NDList x = new NDList(m.randomNormal(new Shape(2, 4, 16, 16)));
            // non-trivial statistics and affine parameters
            unit.forward(ps, new NDList(m.randomNormal(1f, 3f, new Shape(2, 4, 16, 16), DataType.FLOAT32)), true);
            unit.getParameters().get("02bn_gamma").getArray().set(m.randomUniform(0.5f, 2f, new Shape(8)).toFloatArray());
            unit.getParameters().get("02bn_beta").getArray().set(m.randomNormal(new Shape(8)).toFloatArray());

            NDArray folded = unit.forward(ps, x, false).singletonOrThrow();
            NDArray reference = unit.forwardUnfolded(ps, x).singletonOrThrow();
            assertTrue(folded.allClose(reference, 1e-4, 1e-5, false), "folded output differs");

            // a training pass changes the running statistics: the folding must follow
            unit.forward(ps, new NDList(m.randomNormal(-2f, 1f, new Shape(2, 4, 16, 16), DataType.FLOAT32)), true);
            NDArray after = unit.forward(ps, x, false).singletonOrThrow();
            assertFalse(after.allClose(folded, 1e-4, 1e-5, false), "stale folding after training");
            assertTrue(after.allClose(unit.forwardUnfolded(ps, x).singletonOrThrow(), 1e-4, 1e-5, false));
        }
    }
}
