package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.analysis.Weights;
import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.model.AtmGcnConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code glimpse attach-evaluation}: the results of a leave-one-subject-out evaluation into the manifest of
 * weights trained by the same recipe, for when the two ran apart (they take hours each).
 */
@Command(name = "attach-evaluation", mixinStandardHelpOptions = true,
        description = "Put an evaluate report's results into the manifest of weights trained with the same preset,"
                + " scheme, epochs and seed.")
final class AttachEvaluationCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WEIGHTS", description = "The weights folder.")
    Path weights;

    @Parameters(index = "1", paramLabel = "REPORT", description = "The report folder of `evaluate`.")
    Path report;

    @Override
    public Integer call() throws Exception {
        WeightsManifest m = Weights.read(weights).manifest();
        if (!m.trained()) {
            throw new Main.UserError(weights + ": untrained weights; an evaluation describes how weights were trained");
        }
        Map<String, Object> metrics = summary(report, m.preset(), m.scheme(), m.epochs(), m.seed(), ablation(m.config()));
        Weights.withMetrics(weights, metrics);
        Object pooled = metrics.get("pooled");
        System.out.println("wrote the evaluation into " + weights.resolve(WeightsManifest.FILE) + " (pooled " + pooled + ")");
        return 0;
    }

    /**
     * The parts of {@code REPORT/metrics.json} a manifest keeps, once the report is known to evaluate this
     * recipe (the same preset, scheme, epochs, seed and ablation); otherwise a clear refusal.
     */
    static Map<String, Object> summary(Path report, String preset, String scheme, int epochs, long seed, String ablation)
            throws IOException {
        Path file = report.resolve("metrics.json");
        if (!Files.isRegularFile(file)) {
            throw new Main.UserError(file + ": missing; is " + report + " the folder of a finished `evaluate`?");
        }
        Map<?, ?> m = new ObjectMapper().readValue(file.toFile(), Map.class);
        List<String> differences = new ArrayList<>();
        compare(differences, "preset", m.get("preset"), preset);
        compare(differences, "scheme", m.get("scheme"), scheme);
        compare(differences, "epochs", m.get("epochs"), epochs);
        compare(differences, "seed", m.get("seed"), seed);
        compare(differences, "ablation", m.get("ablation") == null ? "none" : m.get("ablation"), ablation);
        if (!differences.isEmpty()) {
            throw new Main.UserError(file + ": evaluates another recipe than these weights' (" + String.join(", ", differences)
                    + ")");
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String key : new String[] {"pooled", "perSubject", "folds", "clips", "confusion", "protocol", "epochs",
            "calibration"}) {
            if (m.containsKey(key)) {
                metrics.put(key, m.get(key));
            }
        }
        return metrics;
    }

    private static void compare(List<String> differences, String key, Object reported, Object expected) {
        String r = reported instanceof Number n ? Long.toString(n.longValue()) : Objects.toString(reported);
        String e = expected instanceof Number n ? Long.toString(n.longValue()) : Objects.toString(expected);
        if (!r.equals(e)) {
            differences.add(key + " " + r + " in the report, " + e + " in the weights");
        }
    }

    static String ablation(AtmGcnConfig c) {
        return c.noGcn() ? "noGcn" : c.noMotion() ? "noMotion" : c.noAtm() ? "noAtm" : "none";
    }
}
