package dev.glimpse.model;

import java.util.List;
import java.util.Locale;

/**
 * Everything that shapes an ATM-GCN network (spec section 6), saved with its weights so that
 * loading can rebuild exactly the network that was trained.
 *
 * @param preset preset name this configuration came from ({@code tiny}, {@code small}, {@code large})
 * @param imageSize S, the side of the square face crop
 * @param frames L, frames per clip after temporal normalisation; N = L - 1 graph nodes
 * @param stemChannels C0
 * @param blocks the CA blocks, in order
 * @param gcnLayers N_G, the number of TM-GCN layers
 * @param window w, the temporal neighbourhood of eq. 3
 * @param grid g, the side of the location-keeping pooling grid of the encoder head
 * @param heads heads of the classifier's self-attention
 * @param tau temporal decay of the edge weights (eq. 7)
 * @param lambdaLocal weight of edges leaving a local node (eq. 8)
 * @param lambdaGlobal weight of edges leaving the Global Motion Node (eq. 8)
 * @param dropout dropout rate after each TM-GCN layer and before the classifier's linear layer
 * @param classes number of emotion classes
 * @param noMotion ablation: encode f_i instead of f_i - f_1
 * @param noAtm ablation: keep the adjacency fixed at Ã^(0)
 * @param noGcn ablation: skip the graph
 */
public record AtmGcnConfig(
        String preset,
        int imageSize,
        int frames,
        int stemChannels,
        List<CaStage> blocks,
        int gcnLayers,
        int window,
        int grid,
        int heads,
        double tau,
        double lambdaLocal,
        double lambdaGlobal,
        double dropout,
        int classes,
        boolean noMotion,
        boolean noAtm,
        boolean noGcn) {

    /** One CA block: output channels and the stride of its first convolution. */
    public record CaStage(int channels, int stride) {}

    public static final List<String> PRESETS = List.of("tiny", "small", "large");
    public static final int MAX_IMAGE_SIZE = 448;
    public static final int MAX_FRAMES = 64;
    public static final int MAX_CHANNELS = 2048;
    public static final List<String> ABLATIONS = List.of("noMotion", "noAtm", "noGcn");

    public AtmGcnConfig {
        blocks = List.copyOf(blocks);
        // bounded as well as checked: these come from manifests a user can edit, and a size past these asks
        // libtorch for gigabytes (twice the paper's 224 px and L = 16 leaves room for any real experiment)
        require(imageSize >= 16 && imageSize <= MAX_IMAGE_SIZE, "imageSize must be 16 to " + MAX_IMAGE_SIZE + ", was " + imageSize);
        require(frames >= 3 && frames <= MAX_FRAMES, "frames (L) must be 3 to " + MAX_FRAMES + ", was " + frames);
        require(stemChannels >= 1 && stemChannels <= MAX_CHANNELS, "stemChannels must be 1 to " + MAX_CHANNELS + ", was " + stemChannels);
        require(!blocks.isEmpty() && blocks.size() <= 8, "1 to 8 CA blocks are needed, were " + blocks.size());
        for (CaStage b : blocks) {
            require(b.channels() >= 1 && b.channels() <= MAX_CHANNELS, "CA block channels must be 1 to " + MAX_CHANNELS
                    + ", were " + b.channels());
        }
        require(gcnLayers >= 1 && gcnLayers <= 16, "gcnLayers must be 1 to 16, was " + gcnLayers);
        require(window >= 1 && window < frames, "window must be 1 to frames - 1, was " + window);
        require(classes >= 2 && classes <= 64, "classes must be 2 to 64, was " + classes);
        require(tau > 0, "tau must be positive, was " + tau);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), was " + dropout);
        require(lambdaLocal > 0, "lambdaLocal must be positive, was " + lambdaLocal);
        // Eq. 8: the global node's edges must weigh more than a local node's.
        require(lambdaLocal < lambdaGlobal,
                "lambdaLocal (" + lambdaLocal + ") must be smaller than lambdaGlobal (" + lambdaGlobal
                        + "): the Global Motion Node's messages must weigh more than a local node's");
        int side = imageSize / 2;
        for (CaStage b : blocks) {
            require(b.stride() == 1 || b.stride() == 2, "CA block stride must be 1 or 2, was " + b.stride());
            require(side % b.stride() == 0, "image size " + imageSize + " does not divide through the CA block strides");
            side /= b.stride();
        }
        require(grid >= 1 && side % grid == 0,
                "the last feature map (" + side + " x " + side + ") does not divide into a " + grid + " x " + grid + " grid");
        require(heads >= 1 && motionFeatures(blocks) % heads == 0,
                "heads (" + heads + ") must divide the motion feature size " + motionFeatures(blocks));
    }

    /** The built-in presets of spec section 6, with the paper's defaults elsewhere. */
    public static AtmGcnConfig preset(String name, int classes) {
        return switch (name) {
            case "tiny" -> new AtmGcnConfig("tiny", 64, 8, 16,
                    List.of(new CaStage(16, 1), new CaStage(32, 2)), 2, 1, 4, 4,
                    10.0, 1.0, 2.0, 0.1, classes, false, false, false);
            case "small" -> new AtmGcnConfig("small", 224, 16, 64,
                    List.of(new CaStage(64, 1), new CaStage(128, 2)), 2, 1, 7, 4,
                    10.0, 1.0, 2.0, 0.1, classes, false, false, false);
            case "large" -> new AtmGcnConfig("large", 224, 16, 64,
                    List.of(new CaStage(64, 1), new CaStage(128, 2), new CaStage(256, 2), new CaStage(512, 2)),
                    4, 2, 7, 4, 10.0, 1.0, 2.0, 0.1, classes, false, false, false);
            default -> throw new IllegalArgumentException(
                    "unknown preset '" + name + "'; known presets: " + String.join(", ", PRESETS));
        };
    }

    /** This configuration with one ablation of Table IV switched on ({@code null} or "none": unchanged). */
    public AtmGcnConfig withAblation(String ablation) {
        if (ablation == null || ablation.isBlank() || ablation.equalsIgnoreCase("none")) {
            return this;
        }
        return switch (ablation.toLowerCase(Locale.ROOT)) {
            case "nomotion" -> new AtmGcnConfig(preset, imageSize, frames, stemChannels, blocks, gcnLayers, window,
                    grid, heads, tau, lambdaLocal, lambdaGlobal, dropout, classes, true, noAtm, noGcn);
            case "noatm" -> new AtmGcnConfig(preset, imageSize, frames, stemChannels, blocks, gcnLayers, window,
                    grid, heads, tau, lambdaLocal, lambdaGlobal, dropout, classes, noMotion, true, noGcn);
            case "nogcn" -> new AtmGcnConfig(preset, imageSize, frames, stemChannels, blocks, gcnLayers, window,
                    grid, heads, tau, lambdaLocal, lambdaGlobal, dropout, classes, noMotion, noAtm, true);
            default -> throw new IllegalArgumentException(
                    "unknown ablation '" + ablation + "'; known ablations: " + String.join(", ", ABLATIONS));
        };
    }

    /** This configuration with other edge-type weights (eq. 8); validated like any other. */
    public AtmGcnConfig withLambdas(double local, double global) {
        return new AtmGcnConfig(preset, imageSize, frames, stemChannels, blocks, gcnLayers, window,
                grid, heads, tau, local, global, dropout, classes, noMotion, noAtm, noGcn);
    }

    /** N, the number of frame pairs and graph nodes. */
    public int nodes() {
        return frames - 1;
    }

    /** N_m, the size of a node's motion feature: the last CA block's channel count. */
    public int motionFeatures() {
        return motionFeatures(blocks);
    }

    /** Side of the first CA block's attention maps, the ones shown as heatmaps. */
    public int attentionSize() {
        return imageSize / 2 / blocks.get(0).stride();
    }

    /** Side of the last CA block's feature map, before the head's grid pooling. */
    public int lastFeatureSize() {
        int side = imageSize / 2;
        for (CaStage b : blocks) {
            side /= b.stride();
        }
        return side;
    }

    private static int motionFeatures(List<CaStage> blocks) {
        return blocks.get(blocks.size() - 1).channels();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
