package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A TM-GCN layer (eq. 9): h' = ReLU(LayerNorm(P h W) + h), P = (Ã D_in^-1)^T, so that node j averages
 * its incoming messages h'_j = sum_i Ã_ij h_i / sum_k Ã_kj. Normalising over incoming edges (columns)
 * is what lets lambda of eq. 8 act; a column summing to zero leaves only the residual.
 *
 * <p>Input: {@code [h (B, N, F), Ã (B, N, N)]}. Output: {@code [h']}.
 */
public final class TmGcnLayer extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Linear weight;
    private final LayerNorm norm;
    private final Dropout dropout;

    public TmGcnLayer(int features, double dropoutRate) {
        super(VERSION);
        weight = addChildBlock("weight", Linear.builder().setUnits(features).optBias(false).build());
        norm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate((float) dropoutRate).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray messages = aggregate(inputs.get(1), h);
        NDArray out = norm.forward(ps, weight.forward(ps, new NDList(messages), training), training)
                .singletonOrThrow();
        out = Activation.relu(out.add(h));
        return dropout.forward(ps, new NDList(out), training);
    }

    /** P h with P = (Ã D_in^-1)^T: each node's weighted mean of the features sent to it. */
    static NDArray aggregate(NDArray adjacency, NDArray h) {
        NDArray incoming = adjacency.sum(new int[] {1}, true); // (B, 1, N): column sums
        NDArray normalised = adjacency.div(incoming.maximum(1e-12));
        return normalised.transpose(0, 2, 1).batchMatMul(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        weight.initialize(manager, dataType, inputShapes[0]);
        norm.initialize(manager, dataType, inputShapes[0]);
        dropout.initialize(manager, dataType, inputShapes[0]);
    }
}
