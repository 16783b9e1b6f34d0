package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The Adaptive Temporal Motion layer (eq. 10):
 * Ã^(l) = E ⊙ ReLU(FC_l(Ã^(l-1)) * (1 - f_l) + Ã^(0) * f_l), f_l = sigmoid(θ_l) a learned forgetting
 * rate (θ_l starts at 0, f_l = 0.5), FC_l a Linear(N -> N) applied to each row.
 *
 * <p>Input: {@code [Ã^(l-1), Ã^(0), E]}, all (B, N, N). Output: {@code [Ã^(l)]}.
 */
public final class AdaptiveTmLayer extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Linear fc;
    private final Parameter theta;

    public AdaptiveTmLayer(int nodes) {
        super(VERSION);
        fc = addChildBlock("fc", Linear.builder().setUnits(nodes).build());
        theta = addParameter(Parameter.builder()
                .setName("theta")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(Initializer.ZEROS)
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray previous = inputs.get(0);
        NDArray initial = inputs.get(1);
        NDArray mask = inputs.get(2);
        NDArray f = ps.getValue(theta, previous.getDevice(), training).getNDArrayInternal().sigmoid();
        NDArray learned = fc.forward(ps, new NDList(previous), training).singletonOrThrow();
        NDArray mixed = learned.mul(f.neg().add(1)).add(initial.mul(f));
        return new NDList(Activation.relu(mixed).mul(mask));
    }

    /** The forgetting rate f_l = sigmoid(θ_l), as a number (for display and tests). */
    public float forgettingRate() {
        return theta.getArray().getNDArrayInternal().sigmoid().getFloat();
    }

    /** θ_l, the parameter behind the forgetting rate. */
    public Parameter theta() {
        return theta;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc.initialize(manager, dataType, inputShapes[0]);
    }
}
