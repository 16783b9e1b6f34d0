package dev.glimpse.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import java.util.Arrays;

/** One inference pass of the network on prepared clips, in a sub-manager closed before it returns. */
final class NetworkRunner {
    private final AtmGcn network;
    private final NDManager manager;

    NetworkRunner(AtmGcn network, NDManager manager) {
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
        AtmGcnConfig c = network.config();
        int s = c.imageSize();
        DjlRuntime.noGradOnThisThread();
        try (NDManager sub = manager.newSubManager()) {
            NDArray frames = sub.create(input, new Shape(batch, c.frames(), 3, s, s));
            int[] apex = new int[batch];
            Arrays.fill(apex, apexPosition);
            NDList out = network.forward(new ParameterStore(sub, false), new NDList(frames, sub.create(apex)), false);
            float[] probabilities = out.get(AtmGcn.LOGITS).softmax(-1).toFloatArray();
            float[] importance = out.get(AtmGcn.IMPORTANCE).toFloatArray();
            float[] attention = out.get(AtmGcn.ATTENTION).toFloatArray();
            boolean graph = out.size() > AtmGcn.ADJACENCY;
            float[] adjacency = graph ? out.get(AtmGcn.ADJACENCY).toFloatArray() : new float[0];
            return new Outputs(probabilities, importance, attention, adjacency, graph ? c.gcnLayers() : 0);
        }
    }
}
