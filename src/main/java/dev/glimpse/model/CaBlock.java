package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A Continuous Attention block (spec section 2, after MMNet): a residual block followed by spatial
 * attention chained with the previous block's attention.
 *
 * <p>Input: {@code [x]} for the first block, {@code [x, aPrev]} after it. Output: {@code [out * a, a]},
 * a of shape (B, 1, H, W) in [0, 1].
 */
public final class CaBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int stride;
    private final ConvBn conv1;
    private final ConvBn conv2;
    private final ConvBn shortcut; // null when the identity fits
    private final ConvBn attention;

    public CaBlock(int inChannels, int outChannels, int stride) {
        super(VERSION);
        this.stride = stride;
        conv1 = addChildBlock("conv1", new ConvBn(outChannels, 3, stride));
        conv2 = addChildBlock("conv2", new ConvBn(outChannels, 1, 1));
        shortcut = (stride != 1 || inChannels != outChannels)
                ? addChildBlock("shortcut", new ConvBn(outChannels, 1, stride))
                : null;
        attention = addChildBlock("attention", new ConvBn(1, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray residual = conv1.forward(ps, new NDList(x), training).singletonOrThrow();
        residual = Activation.relu(residual);
        residual = conv2.forward(ps, new NDList(residual), training).singletonOrThrow();
        NDArray identity = shortcut == null ? x : shortcut.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray out = Activation.relu(residual.add(identity));

        NDArray pooled = out.mean(new int[] {1}, true).concat(out.max(new int[] {1}, true), 1);
        NDArray a = attention.forward(ps, new NDList(pooled), training).singletonOrThrow().getNDArrayInternal()
                .sigmoid();
        if (inputs.size() > 1) {
            NDArray previous = inputs.get(1);
            if (stride == 2) {
                previous = Pool.maxPool2d(previous, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
            }
            a = previous.mul(a);
        }
        return new NDList(out.mul(a), a);
    }

    void useChannelsLast(boolean on) {
        conv1.useChannelsLast(on);
        conv2.useChannelsLast(on);
        if (shortcut != null) {
            shortcut.useChannelsLast(on);
        }
        attention.useChannelsLast(on);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape out = conv1.getOutputShapes(new Shape[] {inputs[0]})[0];
        return new Shape[] {out, new Shape(out.get(0), 1, out.get(2), out.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv1.initialize(manager, dataType, in);
        Shape mid = conv1.getOutputShapes(new Shape[] {in})[0];
        conv2.initialize(manager, dataType, mid);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, in);
        }
        attention.initialize(manager, dataType, new Shape(mid.get(0), 2, mid.get(2), mid.get(3)));
    }

    /**
     * Conv (no bias, padding k/2) followed by BatchNorm: the unit every CA block is built from. At
     * inference the BatchNorm is folded into the convolution (w' = w * gamma / sqrt(var + eps),
     * b' = beta - mean * gamma / sqrt(var + eps)), which saves a pass over every activation map. The folded
     * arrays are rebuilt whenever the parameters may have changed: after a training pass, or when the
     * parameter arrays themselves were replaced (loading). The folded weight is stored channels-last, as the
     * activations are at inference ({@link MotionEncoder#channelsLast}), once rather than at every call.
     */
    static final class ConvBn extends AbstractBlock {
        private static final float EPS = 1e-5f;
        private final Conv2d conv;
        private final BatchNorm norm;
        private final Shape stride;
        private final Shape padding;
        private NDArray foldedWeight;
        private NDArray foldedBias;
        private NDArray foldedFrom; // the conv weight array the folding was made from
        private boolean channelsLast = true;

        ConvBn(int outChannels, int kernel, int stride) {
            super(VERSION);
            this.stride = new Shape(stride, stride);
            this.padding = new Shape(kernel / 2, kernel / 2);
            conv = addChildBlock("conv", Conv2d.builder()
                    .setFilters(outChannels)
                    .setKernelShape(new Shape(kernel, kernel))
                    .optStride(this.stride)
                    .optPadding(this.padding)
                    .optBias(false)
                    .build());
            norm = addChildBlock("bn", (BatchNorm) BatchNorm.builder().optEpsilon(EPS).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            if (training) {
                clearFolding();
                return norm.forward(ps, conv.forward(ps, inputs, true), true);
            }
            NDArray x = inputs.singletonOrThrow();
            fold();
            return Conv2d.conv2d(x, foldedWeight.toDevice(x.getDevice(), false), foldedBias.toDevice(x.getDevice(), false),
                    stride, padding, new Shape(1, 1), 1);
        }

        private synchronized void fold() {
            NDArray weight = conv.getParameters().get("weight").getArray();
            if (foldedWeight != null && foldedFrom == weight) {
                return;
            }
            clearFolding();
            var p = norm.getParameters();
            float[] gamma = p.get("gamma").getArray().toFloatArray();
            float[] beta = p.get("beta").getArray().toFloatArray();
            float[] mean = p.get("runningMean").getArray().toFloatArray();
            float[] var = p.get("runningVar").getArray().toFloatArray();
            float[] w = weight.toFloatArray();
            int perChannel = w.length / gamma.length;
            float[] b = new float[gamma.length];
            for (int c = 0; c < gamma.length; c++) {
                float scale = (float) (gamma[c] / Math.sqrt(var[c] + EPS));
                for (int k = c * perChannel; k < (c + 1) * perChannel; k++) {
                    w[k] *= scale;
                }
                b[c] = beta[c] - mean[c] * scale;
            }
            NDManager manager = weight.getManager().newSubManager();
            foldedWeight = manager.create(w, weight.getShape());
            if (channelsLast) {
                foldedWeight = MotionEncoder.channelsLast(foldedWeight);
            }
            foldedBias = manager.create(b);
            foldedFrom = weight;
        }

        synchronized void useChannelsLast(boolean on) {
            if (on != channelsLast) {
                channelsLast = on;
                clearFolding();
            }
        }

        private synchronized void clearFolding() {
            if (foldedWeight != null) {
                foldedWeight.getManager().close();
                foldedWeight = null;
                foldedBias = null;
                foldedFrom = null;
            }
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return conv.getOutputShapes(inputs);
        }

        /** Conv then BatchNorm in eval mode, unfolded: the reference the folding must match. */
        NDList forwardUnfolded(ParameterStore ps, NDList inputs) {
            return norm.forward(ps, conv.forward(ps, inputs, false), false);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            conv.initialize(manager, dataType, inputShapes);
            norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
        }
    }
}
