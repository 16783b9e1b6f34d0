package dev.glimpse.annotation;

import java.util.List;

/**
 * ATM-GCN's reading of an event as a project keeps it: enough to show it again, tied to the weights that made it
 * (their checksum), so that the same weights can recompute its heatmaps and graph.
 */
public record SavedAnalysis(long id, long eventId, String weightsSha256, String weightsName, boolean trained,
                            String preset, String device, long millis, List<String> classes,
                            List<Double> probabilities, String predicted, String createdAt, Face face,
                            Double movementScore, Double movementThreshold, Double temperature) {

    /** The face box the analysis used, and whether a face was detected there (else it was given or guessed). */
    public record Face(int x, int y, int size, boolean detected) {}

    /** An analysis saved without what it could not know (as analyses saved before version 4 are). */
    public SavedAnalysis(long id, long eventId, String weightsSha256, String weightsName, boolean trained, String preset,
                         String device, long millis, List<String> classes, List<Double> probabilities, String predicted,
                         String createdAt) {
        this(id, eventId, weightsSha256, weightsName, trained, preset, device, millis, classes, probabilities, predicted,
                createdAt, null, null, null, null);
    }

    public SavedAnalysis {
        classes = List.copyOf(classes);
        probabilities = List.copyOf(probabilities);
        if (classes.size() != probabilities.size()) {
            throw new IllegalArgumentException(classes.size() + " classes but " + probabilities.size() + " probabilities");
        }
    }
}
