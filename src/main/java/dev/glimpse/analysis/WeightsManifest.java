package dev.glimpse.analysis;

import dev.glimpse.model.AtmGcnConfig;
import java.util.List;
import java.util.Map;

/**
 * What a weights folder says about itself ({@code manifest.json} beside {@code atm-gcn.params}).
 *
 * @param format manifest format version
 * @param name a short name to show
 * @param preset the preset the network was built from
 * @param config the full network configuration, enough to rebuild it
 * @param classes class names, in the order of the network's outputs
 * @param scheme the class scheme (e.g. {@code megc-3})
 * @param inputSize S
 * @param frames L
 * @param trained false for a seeded initialisation that has seen no data
 * @param trainedOn what it was trained on, in words (synthetic data says so)
 * @param seed the seed of initialisation and training
 * @param epochs training epochs (0 when untrained)
 * @param metrics evaluation results, as written by training (empty when untrained)
 * @param sha256 SHA-256 of {@code atm-gcn.params}
 * @param created when the file was written (ISO-8601)
 */
public record WeightsManifest(
        int format,
        String name,
        String preset,
        AtmGcnConfig config,
        List<String> classes,
        String scheme,
        int inputSize,
        int frames,
        boolean trained,
        String trainedOn,
        long seed,
        int epochs,
        Map<String, Object> metrics,
        String sha256,
        String created) {

    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";
    public static final String PARAMETERS = "atm-gcn.params";

    public WeightsManifest {
        classes = List.copyOf(classes);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** "trained on synthetic data", "untrained", ...: what every prediction is labelled with. */
    public String status() {
        if (!trained) {
            return "untrained";
        }
        return "trained on " + trainedOn;
    }
}
