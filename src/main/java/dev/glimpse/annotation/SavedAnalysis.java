package dev.glimpse.annotation;

import java.util.List;

/**
 * ATM-GCN's reading of an event as a project keeps it: enough to show it again, tied to the weights that made it
 * (their checksum), so that the same weights can recompute its heatmaps and graph.
 */
public record SavedAnalysis(long id, long eventId, String weightsSha256, String weightsName, boolean trained,
                            String preset, String device, long millis, List<String> classes,
                            List<Double> probabilities, String predicted, String createdAt, Face face,
                            Double movementScore, Double movementThreshold, Double temperature, Attention attention) {

    /** The face box the analysis used, and whether a face was detected there (else it was given or guessed). */
    public record Face(int x, int y, int size, boolean detected) {}

    /**
     * Where the network looked: its first CA block's attention over the face box, averaged over the nodes, 0 to 1,
     * row-major {@code width} x {@code height}.
     */
    public record Attention(int width, int height, java.util.List<Float> values) {
        public Attention {
            values = java.util.List.copyOf(values);
            if (width < 1 || height < 1 || width > 512 || height > 512 || values.size() != width * height) {
                throw new IllegalArgumentException("an attention map of " + width + " x " + height + " with "
                        + values.size() + " values");
            }
        }

        public float get(int x, int y) {
            return values.get(y * width + x);
        }
    }

    /** An analysis saved without its attention (as analyses saved before version 7 are). */
    public SavedAnalysis(long id, long eventId, String weightsSha256, String weightsName, boolean trained, String preset,
                         String device, long millis, List<String> classes, List<Double> probabilities, String predicted,
                         String createdAt, Face face, Double movementScore, Double movementThreshold, Double temperature) {
        this(id, eventId, weightsSha256, weightsName, trained, preset, device, millis, classes, probabilities, predicted,
                createdAt, face, movementScore, movementThreshold, temperature, null);
    }

    /** An analysis saved without what it could not know (as analyses saved before version 4 are). */
    public SavedAnalysis(long id, long eventId, String weightsSha256, String weightsName, boolean trained, String preset,
                         String device, long millis, List<String> classes, List<Double> probabilities, String predicted,
                         String createdAt) {
        this(id, eventId, weightsSha256, weightsName, trained, preset, device, millis, classes, probabilities, predicted,
                createdAt, null, null, null, null, null);
    }

    public SavedAnalysis {
        classes = List.copyOf(classes);
        probabilities = List.copyOf(probabilities);
        if (classes.size() != probabilities.size()) {
            throw new IllegalArgumentException(classes.size() + " classes but " + probabilities.size() + " probabilities");
        }
    }
}
