package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The Motion Encoder M of eq. 2, shared by all frame pairs: stem, temporal positional encoding,
 * CA blocks with chained attention, and a location-keeping head (grid pooling + Linear).
 *
 * <p>Input: {@code [motion]} of shape (B, N, 3, S, S). Output: {@code [m, a1]}: node features
 * (B, N, N_m) and the first CA block's attention maps (B, N, S', S').
 */
public final class MotionEncoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final AtmGcnConfig config;
    private final CaBlock.ConvBn stem;
    private final List<CaBlock> caBlocks = new ArrayList<>();
    private final Linear head;
    private boolean channelsLast = true;

    public MotionEncoder(AtmGcnConfig config) {
        super(VERSION);
        this.config = config;
        stem = addChildBlock("stem", new CaBlock.ConvBn(config.stemChannels(), 3, 2));
        int in = config.stemChannels();
        for (int k = 0; k < config.blocks().size(); k++) {
            AtmGcnConfig.CaStage stage = config.blocks().get(k);
            caBlocks.add(addChildBlock("ca" + (k + 1), new CaBlock(in, stage.channels(), stage.stride())));
            in = stage.channels();
        }
        head = addChildBlock("head", Linear.builder().setUnits(config.motionFeatures()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray motion = inputs.singletonOrThrow();
        Shape shape = motion.getShape();
        long batch = shape.get(0);
        int n = config.nodes();
        int s = config.imageSize();
        long t = StageClock.start();
        NDArray x = motion.reshape(batch * n, 3, s, s);
        if (!training && channelsLast) {
            x = channelsLast(x);
        }
        x = Activation.relu(stem.forward(ps, new NDList(x), training).singletonOrThrow());
        t = StageClock.lap("motion encoder: stem", t);

        // T(i) lives in the stem's channels: (B, N, C0, H, W) + (N, C0, 1, 1)
        Shape stemShape = x.getShape();
        NDArray pe = TemporalPositionalEncoding.array(x.getManager(), n, config.stemChannels())
                .toDevice(x.getDevice(), false);
        x = x.reshape(batch, n, stemShape.get(1), stemShape.get(2), stemShape.get(3)).add(pe)
                .reshape(stemShape);
        t = StageClock.lap("motion encoder: rest (positional encoding, grid pooling, head)", t);

        NDList out = caBlocks.get(0).forward(ps, new NDList(x), training);
        NDArray firstAttention = out.get(1);
        for (int k = 1; k < caBlocks.size(); k++) {
            out = caBlocks.get(k).forward(ps, out, training);
        }
        t = StageClock.lap("motion encoder: CA blocks", t);
        NDArray features = out.get(0);
        int kernel = config.lastFeatureSize() / config.grid();
        NDArray grid = kernel == 1 ? features
                : Pool.avgPool2d(features, new Shape(kernel, kernel), new Shape(kernel, kernel), new Shape(0, 0),
                        false, true);
        NDArray flat = grid.reshape(batch * n, -1); // reshape follows the logical (N, C, H, W) order, whatever the layout
        NDArray m = head.forward(ps, new NDList(flat), training).singletonOrThrow()
                .reshape(batch, n, config.motionFeatures());
        int a = config.attentionSize();
        NDList result = new NDList(m, firstAttention.reshape(batch, n, a, a));
        StageClock.lap("motion encoder: rest (positional encoding, grid pooling, head)", t);
        return result;
    }

    /**
     * The same (N, C, H, W) array with its channels stored last (NHWC strides): oneDNN then runs each convolution
     * on the activations as they are, where (N, C, H, W) storage costs a reorder into its blocked layout and back
     * around every convolution (measured: 37 % of a 3 x 3 convolution's time; docs/benchmarks.md). Elementwise
     * operations keep the layout, so one conversion at the encoder's entry serves every layer. DJL has no
     * memory-format call: flattening the permuted array forces the copy into NHWC order, and permuting back gives
     * the logical (N, C, H, W) view of it.
     */
    static NDArray channelsLast(NDArray x) {
        Shape sh = x.getShape();
        return x.transpose(0, 2, 3, 1).reshape(sh.get(0), -1)
                .reshape(sh.get(0), sh.get(2), sh.get(3), sh.get(1))
                .transpose(0, 3, 1, 2);
    }

    /**
     * Inference in channels-last storage (the default) or in the (N, C, H, W) storage training uses: the reference
     * the faster layout is tested against.
     */
    void useChannelsLast(boolean on) {
        channelsLast = on;
        stem.useChannelsLast(on);
        caBlocks.forEach(b -> b.useChannelsLast(on));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long batch = inputs[0].get(0);
        int n = config.nodes();
        int a = config.attentionSize();
        return new Shape[] {new Shape(batch, n, config.motionFeatures()), new Shape(batch, n, a, a)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = new Shape(1, 3, config.imageSize(), config.imageSize());
        stem.initialize(manager, dataType, x);
        x = stem.getOutputShapes(new Shape[] {x})[0];
        for (CaBlock block : caBlocks) {
            block.initialize(manager, dataType, x);
            x = block.getOutputShapes(new Shape[] {x})[0];
        }
        head.initialize(manager, dataType, new Shape(1, x.get(1) * config.grid() * config.grid()));
    }

    CaBlock.ConvBn stem() {
        return stem;
    }

    List<CaBlock> caBlocks() {
        return caBlocks;
    }
}
