package dev.glimpse.analysis;

import dev.glimpse.clip.CropBox;
import java.util.List;

/**
 * What ATM-GCN made of one event (spec section 9). Immutable: arrays are copied in and out.
 *
 * @param clip the clip's path
 * @param onset onset frame number (the clip's own numbering)
 * @param apex apex frame number as annotated
 * @param offset offset frame number
 * @param apexSubstituted the annotated apex equals the onset, so the second sample served as apex
 * @param preset the network's preset
 * @param classes class names, in output order
 * @param probabilities one per class, summing to 1
 * @param nodes the N frame-pair nodes in temporal order
 * @param adjacency Ã^(0)..Ã^(N_G-1), each N x N, row = sending node (empty with the noGcn ablation)
 * @param attentionMaps the first CA block's map for each node, values in [0, 1]
 * @param crop the box that cut the face out of every frame
 * @param device where the network ran
 * @param precision the convolutions' arithmetic ({@code float32} or {@code bfloat16}), or null when not known (a
 *                  saved analysis)
 * @param millis time from frames to result (decode, crop, network)
 * @param weights which weights
 * @param movement how much the face moved in the interval, or null when not measured (a saved analysis)
 * @param temperature the temperature the probabilities were calibrated with, or null when the weights carry none
 */
public record Analysis(
        String clip,
        int onset,
        int apex,
        int offset,
        boolean apexSubstituted,
        String preset,
        List<String> classes,
        List<Double> probabilities,
        List<Node> nodes,
        List<Matrix> adjacency,
        List<AttentionMap> attentionMaps,
        CropBox crop,
        String device,
        String precision,
        long millis,
        WeightsInfo weights,
        Movement movement,
        Double temperature) {

    public Analysis {
        classes = List.copyOf(classes);
        probabilities = List.copyOf(probabilities);
        nodes = List.copyOf(nodes);
        adjacency = List.copyOf(adjacency);
        attentionMaps = List.copyOf(attentionMaps);
    }

    /** Whether a face was found in the event's frames (or its box was given): else the reading means nothing. */
    public boolean faceFound() {
        return crop == null || !"centre".equals(crop.source());
    }

    /** Whether the face box was found by detection (or is the dataset's own crop), not given or guessed. */
    public boolean faceDetected() {
        return crop != null && ("detected".equals(crop.source()) || "dataset".equals(crop.source()));
    }

    /**
     * The facial movement in the interval ({@link dev.glimpse.clip.FacialMovement}) and the threshold below which
     * there is no clear movement to read.
     */
    public record Movement(double score, double threshold) {
        public boolean clear() {
            return score >= threshold;
        }
    }

    /** The class with the highest probability. */
    public String predicted() {
        int best = 0;
        for (int c = 1; c < probabilities.size(); c++) {
            if (probabilities.get(c) > probabilities.get(best)) {
                best = c;
            }
        }
        return classes.get(best);
    }

    /** The node of the Global Motion Node. */
    public Node globalNode() {
        return nodes.stream().filter(Node::global).findFirst().orElseThrow();
    }

    /**
     * One graph node: the pair (f_i, f_1) of frame {@code frame}.
     *
     * @param index 0..N-1, temporal order
     * @param frame the clip frame number behind the node after temporal normalisation
     * @param global whether it is the Global Motion Node (the apex)
     * @param importance attention the node receives in the classifier (all nodes sum to 1)
     */
    public record Node(int index, int frame, boolean global, double importance) {}

    /** An N x N matrix, row-major. */
    public record Matrix(int size, double[] values) {
        public Matrix {
            if (values.length != size * size) {
                throw new IllegalArgumentException("a " + size + " x " + size + " matrix needs " + size * size + " values");
            }
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public double get(int row, int column) {
            return values[row * size + column];
        }

        public double[][] rows() {
            double[][] out = new double[size][size];
            for (int i = 0; i < size; i++) {
                System.arraycopy(values, i * size, out[i], 0, size);
            }
            return out;
        }
    }

    /** One node's attention map, row-major, values in [0, 1]. */
    public record AttentionMap(int node, int frame, int width, int height, float[] values) {
        public AttentionMap {
            if (values.length != width * height) {
                throw new IllegalArgumentException("a " + width + " x " + height + " map needs " + width * height + " values");
            }
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        public float get(int x, int y) {
            return values[y * width + x];
        }
    }

    /**
     * @param location a folder path, or {@code builtin:default}
     * @param name the manifest's name
     * @param sha256 checksum of the parameters
     * @param trained false for a seeded initialisation
     * @param status what to print beside a prediction: "untrained", "trained on synthetic data", ...
     */
    public record WeightsInfo(String location, String name, String sha256, boolean trained, String status) {}
}
