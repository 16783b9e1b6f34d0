package dev.glimpse.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.analysis.Weights;
import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.clip.FrameIndexCache;
import dev.glimpse.dataset.ClassScheme;
import dev.glimpse.dataset.DatasetReader;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a network is trained from: the dataset (reader, folder, sheet, class scheme), the preset and
 * ablation, and the schedule. {@code train} and {@code evaluate} on the command line and the desktop app's
 * training window fill one in, so that the same recipe means the same training wherever it is started.
 *
 * @param dataset a reader's name: casme2, samm, smic, megc, casme3 or csv
 * @param sheet the annotation file, or null to look for it under the root
 * @param ablation noGcn, noMotion, noAtm, or null for the full network
 * @param cache where prepared clips are kept, or null for the user's data folder
 */
public record Recipe(String dataset, Path root, Path sheet, String scheme, String preset, String ablation,
                     Training.Options options, Path cache) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The presets, for choosers that see recipes but not the model. */
    public static final List<String> PRESETS = AtmGcnConfig.PRESETS;

    public DatasetReport read() throws IOException {
        return DatasetReader.named(dataset).read(root, sheet, ClassScheme.named(scheme));
    }

    public AtmGcnConfig config(int classes) {
        return AtmGcnConfig.preset(preset, classes).withAblation(ablation);
    }

    public PreparedSamples prepared(AtmGcnConfig config) {
        Path dir = cache != null ? cache : FrameIndexCache.dataDirectory().resolve("prepared-clips");
        return new PreparedSamples(dir, config.frames(), config.imageSize());
    }

    /** What the data was, in words: synthetic data says so (the generator leaves SYNTHETIC.txt at its root). */
    public String trainedOn(DatasetReport report) {
        boolean synthetic = Files.exists(root.resolve("SYNTHETIC.txt"));
        return (synthetic ? "synthetic data (glimpse synth, " : dataset + " (") + report.used() + " clips of "
                + report.subjects() + " subjects, scheme " + scheme + ")";
    }

    /** The recipe as a report records it. */
    public Map<String, Object> info(DatasetReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("data", trainedOn(report));
        m.put("scheme", scheme);
        m.put("preset", preset);
        m.put("ablation", ablation == null ? "none" : ablation);
        m.put("epochs", options.epochs());
        m.put("seed", options.seed());
        m.put("batch", options.batch());
        m.put("lr", options.lr());
        m.put("lrFinal", options.lrFinal());
        m.put("protocol", "leave-one-subject-out, each fold trained from scratch for a fixed number of epochs");
        return m;
    }

    /**
     * Leave-one-subject-out evaluation of the recipe into the report folder {@code out}: each fold trained
     * from scratch; finished folds kept in {@code out/folds} ({@code resume} goes on after them). The report
     * (metrics.json, CSVs, plots) is written once every fold is there.
     *
     * @param only fold numbers from 1 to run, or null for all
     */
    public Evaluation evaluate(DatasetReport report, Path out, boolean resume, java.util.Set<Integer> only,
                               TrainingListener listener) throws IOException {
        if (report.subjects() < 2) {
            throw new IllegalArgumentException(root + ": leave-one-subject-out needs at least two subjects, found "
                    + report.subjects());
        }
        AtmGcnConfig config = config(report.scheme().classes().size());
        int total = Loso.foldCount(report.samples());
        List<Loso.Fold> finished = Loso.run(report.samples(), config, options, prepared(config), out, resume, only, listener);
        return new Evaluation(finished.size(), total, finished.size() < total ? null
                : Reports.write(out, report.scheme().classes(), finished, info(report)));
    }

    /** @param metrics what metrics.json holds; null until every fold is finished */
    public record Evaluation(int finished, int folds, com.fasterxml.jackson.databind.node.ObjectNode metrics) {
        /** "pooled UF1 0.6543, UAR 0.6612, accuracy 0.6852; per-subject UF1 0.6012". */
        public String summary() {
            var p = metrics.get("pooled");
            return String.format(java.util.Locale.ROOT, "pooled UF1 %.4f, UAR %.4f, accuracy %.4f; per-subject UF1 %.4f",
                    p.get("uf1").asDouble(), p.get("uar").asDouble(), p.get("accuracy").asDouble(),
                    metrics.get("perSubject").get("uf1").asDouble());
        }
    }

    /**
     * Trains one network on every clip of the dataset and writes it to {@code out} as a weights folder the
     * analyzer loads. Every epoch is checkpointed in {@code out/checkpoint} (removed once the weights are
     * written), so a run that was stopped continues with {@code resume}.
     *
     * @param name the weights' name, or null for atm-gcn-PRESET-DATASET
     * @param metrics an evaluation of the same recipe for the manifest, or empty
     */
    public WeightsManifest trainWeights(DatasetReport report, Path out, String name, Map<String, Object> metrics,
                                        boolean resume, TrainingListener listener) throws IOException {
        return trainWeights(report, out, name, metrics, resume, false, listener);
    }

    /**
     * As above; {@code force} replaces trained weights already in {@code out}, which are otherwise refused. A
     * resumed run must be the recipe the checkpoint was made with ({@code checkpoint/run.json}): weights trained
     * under two recipes would be recorded as one.
     */
    public WeightsManifest trainWeights(DatasetReport report, Path out, String name, Map<String, Object> metrics,
                                        boolean resume, boolean force, TrainingListener listener) throws IOException {
        AtmGcnConfig config = config(report.scheme().classes().size());
        Path checkpoints = out.resolve("checkpoint");
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": is a file, not a folder for weights");
        }
        boolean checkpointed = Files.isRegularFile(checkpoints.resolve("run.json"));
        if (Files.exists(out.resolve("manifest.json")) && !force && !(resume && checkpointed)) {
            throw new IOException(out + ": holds trained weights already; nothing was changed (use another folder, or"
                    + " --force to replace them" + (resume ? "; there is no stopped run in it to resume" : "") + ")");
        }
        ObjectNode plan = JSON.createObjectNode();
        plan.put("dataset", dataset);
        plan.put("scheme", scheme);
        plan.set("network", JSON.valueToTree(config));
        plan.set("training", JSON.valueToTree(options));
        plan.put("clips", report.samples().size());
        JsonNode planRead = JSON.readTree(JSON.writeValueAsString(plan)); // as it reads back (a long written is an int read)
        if (resume && checkpointed) {
            List<String> differences = new ArrayList<>();
            Loso.differences(JSON.readTree(checkpoints.resolve("run.json").toFile()), planRead, "", differences);
            if (!differences.isEmpty()) {
                throw new IOException(checkpoints.resolve("run.json") + ": the stopped run was trained differently ("
                        + String.join("; ", differences.subList(0, Math.min(6, differences.size())))
                        + "); resume it with the same options, or train into another folder");
            }
        } else {
            Files.createDirectories(checkpoints);
            Files.deleteIfExists(checkpoints.resolve("checkpoint.bin")); // not resuming: never a stale checkpoint
            JSON.writerWithDefaultPrettyPrinter().writeValue(checkpoints.resolve("run.json").toFile(), planRead);
        }
        WeightsManifest written;
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            AtmGcn net = Training.train(config, report.samples(), prepared(config), options, manager, listener,
                    checkpoints, resume);
            written = Weights.write(out, net, new WeightsManifest(WeightsManifest.FORMAT,
                    name != null ? name : "atm-gcn-" + preset + "-" + dataset, preset, config,
                    report.scheme().classes(), scheme, config.imageSize(), config.frames(), true, trainedOn(report),
                    options.seed(), options.epochs(), metrics, null, null));
        }
        try (var files = Files.walk(checkpoints)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return written;
    }
}
