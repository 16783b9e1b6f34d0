package dev.glimpse.annotation;

import java.util.List;

/**
 * ATM-GCN's reading of an event as a project keeps it: enough to show it again, tied to the weights that made it
 * (their checksum), so that the same weights can recompute its heatmaps and graph.
 */
public record SavedAnalysis(long id, long eventId, String weightsSha256, String weightsName, boolean trained,
                            String preset, String device, long millis, List<String> classes,
                            List<Double> probabilities, String predicted, String createdAt) {
    public SavedAnalysis {
        classes = List.copyOf(classes);
        probabilities = List.copyOf(probabilities);
        if (classes.size() != probabilities.size()) {
            throw new IllegalArgumentException(classes.size() + " classes but " + probabilities.size() + " probabilities");
        }
    }
}
