package dev.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * ATM-GCN: temporal motion pairing, the Motion Encoder, the graph of frame-pair nodes with its
 * Global Motion Node, Adaptive-TM and TM-GCN layers, and the self-attention classifier.
 *
 * <p>Input: {@code [frames, apex]}: frames (B, L, 3, S, S), normalised (spec section 1); apex (B) int,
 * the apex frame's position a among the L frames, 1-based as in the paper (2 <= a <= L).
 *
 * <p>Output, by index: {@link #LOGITS} (B, c); {@link #IMPORTANCE} (B, N); {@link #ATTENTION} the first
 * CA block's maps (B, N, S', S'); and, unless {@code noGcn}, {@link #ADJACENCY} Ã^(0)..Ã^(N_G-1)
 * (B, N_G, N, N).
 */
public final class AtmGcn extends AbstractBlock {
    private static final byte VERSION = 1;
    public static final int LOGITS = 0;
    public static final int IMPORTANCE = 1;
    public static final int ATTENTION = 2;
    public static final int ADJACENCY = 3;

    private final AtmGcnConfig config;
    private final MotionEncoder encoder;
    private final List<TmGcnLayer> gcnLayers = new ArrayList<>();
    private final List<AdaptiveTmLayer> atmLayers = new ArrayList<>();
    private final SelfAttentionClassifier classifier;

    public AtmGcn(AtmGcnConfig config) {
        super(VERSION);
        this.config = config;
        encoder = addChildBlock("encoder", new MotionEncoder(config));
        if (!config.noGcn()) {
            for (int l = 1; l <= config.gcnLayers(); l++) {
                if (l > 1) {
                    atmLayers.add(addChildBlock("atm" + l, new AdaptiveTmLayer(config.nodes())));
                }
                gcnLayers.add(addChildBlock("gcn" + l, new TmGcnLayer(config.motionFeatures(), config.dropout())));
            }
        }
        classifier = addChildBlock("classifier", new SelfAttentionClassifier(
                config.motionFeatures(), config.heads(), config.classes(), config.dropout()));
    }

    public AtmGcnConfig config() {
        return config;
    }

    /** The Adaptive-TM layers, in order (empty with {@code noGcn}). */
    public List<AdaptiveTmLayer> adaptiveTmLayers() {
        return List.copyOf(atmLayers);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        long t = StageClock.start();
        NDArray frames = inputs.get(0);
        int[] apex = inputs.get(1).toType(DataType.INT32, false).toIntArray();
        NDArray motion = MotionPairing.pairs(frames, config.noMotion());
        t = StageClock.lap("motion pairs (frame differences)", t);
        NDList encoded = encoder.forward(ps, new NDList(motion), training);
        NDArray h = encoded.get(0);
        NDArray attention = encoded.get(1);
        t = StageClock.start(); // the encoder times its own parts
        if (config.noGcn()) {
            NDList out = classifier.forward(ps, new NDList(h), training);
            StageClock.lap("classifier (self-attention)", t);
            return new NDList(out.get(0), out.get(1), attention);
        }

        NDManager manager = h.getManager();
        NDArray mask = edgeMasks(manager, apex).toDevice(h.getDevice(), false);
        NDArray globalRows = globalRows(manager, apex).toDevice(h.getDevice(), false);
        t = StageClock.lap("edge mask (host, per clip)", t);
        NDArray initial = EdgeWeights.compute(h, mask, globalRows,
                config.tau(), config.lambdaLocal(), config.lambdaGlobal());
        t = StageClock.lap("edge weights", t);
        NDArray adjacency = initial;
        NDList adjacencies = new NDList(initial);
        for (int l = 0; l < gcnLayers.size(); l++) {
            if (l > 0) {
                adjacency = config.noAtm()
                        ? initial
                        : atmLayers.get(l - 1).forward(ps, new NDList(adjacency, initial, mask), training)
                                .singletonOrThrow();
                adjacencies.add(adjacency);
                t = StageClock.lap("adaptive TM layers", t);
            }
            h = gcnLayers.get(l).forward(ps, new NDList(h, adjacency), training).singletonOrThrow();
            t = StageClock.lap("TM-GCN layers", t);
        }
        NDList out = classifier.forward(ps, new NDList(h), training);
        StageClock.lap("classifier (self-attention)", t);
        return new NDList(out.get(0), out.get(1), attention, NDArrays.stack(adjacencies, 1));
    }

    private NDArray edgeMasks(NDManager manager, int[] apex) {
        int n = config.nodes();
        float[] all = new float[apex.length * n * n];
        for (int b = 0; b < apex.length; b++) {
            float[] one = EdgeMask.of(config.frames(), apex[b], config.window()).toFloats();
            System.arraycopy(one, 0, all, b * n * n, n * n);
        }
        return manager.create(all, new Shape(apex.length, n, n));
    }

    private NDArray globalRows(NDManager manager, int[] apex) {
        int n = config.nodes();
        float[] rows = new float[apex.length * n];
        for (int b = 0; b < apex.length; b++) {
            if (apex[b] < 2 || apex[b] > config.frames()) {
                throw new IllegalArgumentException("apex position must be in [2, " + config.frames() + "], got " + apex[b]);
            }
            rows[b * n + apex[b] - 2] = 1f;
        }
        return manager.create(rows, new Shape(apex.length, n, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long batch = inputs[0].get(0);
        int n = config.nodes();
        int a = config.attentionSize();
        Shape logits = new Shape(batch, config.classes());
        Shape importance = new Shape(batch, n);
        Shape attention = new Shape(batch, n, a, a);
        if (config.noGcn()) {
            return new Shape[] {logits, importance, attention};
        }
        return new Shape[] {logits, importance, attention, new Shape(batch, config.gcnLayers(), n, n)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int n = config.nodes();
        int s = config.imageSize();
        encoder.initialize(manager, dataType, new Shape(1, n, 3, s, s));
        Shape h = new Shape(1, n, config.motionFeatures());
        for (AdaptiveTmLayer atm : atmLayers) {
            atm.initialize(manager, dataType, new Shape(1, n, n), new Shape(1, n, n), new Shape(1, n, n));
        }
        for (TmGcnLayer gcn : gcnLayers) {
            gcn.initialize(manager, dataType, h, new Shape(1, n, n));
        }
        classifier.initialize(manager, dataType, h);
    }

    /** Shapes to pass to {@code initialize}: frames (1, L, 3, S, S) and apex (1). */
    public Shape[] inputShapes() {
        int s = config.imageSize();
        return new Shape[] {new Shape(1, config.frames(), 3, s, s), new Shape(1)};
    }

    MotionEncoder encoder() {
        return encoder;
    }
}
