package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The classifier of eq. 11: multi-head self-attention over the N node features (residual + LayerNorm),
 * mean pooling over nodes, dropout, Linear(N_m -> c).
 *
 * <p>Input: {@code [h (B, N, F)]}. Output: {@code [logits (B, c), importance (B, N)]}, where a node's
 * importance is the attention it receives, averaged over heads and queries (each row sums to 1).
 */
public final class SelfAttentionClassifier extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int heads;
    private final int classes;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final LayerNorm norm;
    private final Dropout dropout;
    private final Linear classifier;

    public SelfAttentionClassifier(int features, int heads, int classes, double dropoutRate) {
        super(VERSION);
        this.heads = heads;
        this.classes = classes;
        query = addChildBlock("query", Linear.builder().setUnits(features).build());
        key = addChildBlock("key", Linear.builder().setUnits(features).build());
        value = addChildBlock("value", Linear.builder().setUnits(features).build());
        output = addChildBlock("output", Linear.builder().setUnits(features).build());
        norm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate((float) dropoutRate).build());
        classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        Shape shape = h.getShape();
        long batch = shape.get(0);
        long n = shape.get(1);
        long features = shape.get(2);
        long perHead = features / heads;
        NDArray q = splitHeads(query.forward(ps, new NDList(h), training).singletonOrThrow(), batch, n, perHead);
        NDArray k = splitHeads(key.forward(ps, new NDList(h), training).singletonOrThrow(), batch, n, perHead);
        NDArray v = splitHeads(value.forward(ps, new NDList(h), training).singletonOrThrow(), batch, n, perHead);

        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(perHead));
        NDArray attention = scores.softmax(-1); // (B, heads, N queries, N keys)
        NDArray context = attention.matMul(v).transpose(0, 2, 1, 3).reshape(batch, n, features);
        NDArray attended = output.forward(ps, new NDList(context), training).singletonOrThrow();
        NDArray x = norm.forward(ps, new NDList(h.add(attended)), training).singletonOrThrow();

        NDArray pooled = dropout.forward(ps, new NDList(x.mean(new int[] {1})), training).singletonOrThrow();
        NDArray logits = classifier.forward(ps, new NDList(pooled), training).singletonOrThrow();
        NDArray importance = attention.mean(new int[] {1}).mean(new int[] {1}); // heads, then queries
        return new NDList(logits, importance);
    }

    private static NDArray splitHeads(NDArray x, long batch, long n, long perHead) {
        return x.reshape(batch, n, -1, perHead).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), classes), new Shape(inputs[0].get(0), inputs[0].get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        for (Linear l : new Linear[] {query, key, value, output}) {
            l.initialize(manager, dataType, h);
        }
        norm.initialize(manager, dataType, h);
        Shape pooled = new Shape(h.get(0), h.get(2));
        dropout.initialize(manager, dataType, pooled);
        classifier.initialize(manager, dataType, pooled);
    }
}
