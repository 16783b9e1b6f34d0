package dev.glimpse.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import java.util.Arrays;

/**
 * One inference pass of the network on prepared clips, in a sub-manager closed before it returns: the one place the
 * analyser and training's evaluation call the network for a reading.
 */
public final class NetworkRunner {
    private final AtmGcn network;
    private final NDManager manager;

    public NetworkRunner(AtmGcn network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    AtmGcnConfig config() {
        return network.config();
    }

    /** The network's outputs as host arrays. */
    record Outputs(float[] probabilities, float[] importance, float[] attention, float[] adjacency, int layers) {}

    /**
     * @param input {@code batch} normalised clips, B x L x 3 x S x S
     * @param apexPosition the apex's position a (1-based) in every clip
     */
    Outputs run(float[] input, int batch, int apexPosition) {
        int[] apex = new int[batch];
        Arrays.fill(apex, apexPosition);
        return run(input, apex);
    }

    /** Class probabilities, B x classes, for clips each with its own apex position (evaluation, batches). */
    public float[] probabilities(float[] input, int[] apexPositions) {
        return run(input, apexPositions).probabilities();
    }

    private Outputs run(float[] input, int[] apex) {
        AtmGcnConfig c = network.config();
        int s = c.imageSize();
        int batch = apex.length;
        DjlRuntime.noGradOnThisThread();
        try (NDManager sub = manager.newSubManager()) {
            long t = dev.glimpse.model.StageClock.start();
            NDArray frames = sub.create(input, new Shape(batch, c.frames(), 3, s, s));
            t = dev.glimpse.model.StageClock.lap("copy in", t);
            NDList out = network.forward(new ParameterStore(sub, false), new NDList(frames, sub.create(apex)), false);
            t = dev.glimpse.model.StageClock.start();
            float[] probabilities = out.get(AtmGcn.LOGITS).softmax(-1).toFloatArray();
            float[] importance = out.get(AtmGcn.IMPORTANCE).toFloatArray();
            float[] attention = out.get(AtmGcn.ATTENTION).toFloatArray();
            boolean graph = out.size() > AtmGcn.ADJACENCY;
            float[] adjacency = graph ? out.get(AtmGcn.ADJACENCY).toFloatArray() : new float[0];
            dev.glimpse.model.StageClock.lap("copy out (softmax, to host)", t);
            return new Outputs(probabilities, importance, attention, adjacency, graph ? c.gcnLayers() : 0);
        }
    }
}
