package dev.glimpse.cli;

import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.training.Recipe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glimpse train}: one network on a whole dataset, written as a weights folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train ATM-GCN on a dataset and write a weights folder the analyzer loads.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions t;

    @Option(names = "--out", required = true, description = "Weights folder to write.")
    Path out;

    @Option(names = "--resume", description = "Continue from the last epoch's checkpoint in --out.")
    boolean resume;

    @Option(names = "--force", description = "Replace trained weights already in --out (refused otherwise).")
    boolean force;

    @Option(names = "--evaluation", description = "A report folder of `evaluate` whose metrics go into the manifest.")
    Path evaluation;

    @Option(names = "--name", description = "Name for the weights (default: atm-gcn-PRESET-DATASET).")
    String name;

    @Override
    public Integer call() throws Exception {
        Recipe recipe = t.recipe();
        DatasetReport report = recipe.read();
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (evaluation != null) { // checked before hours of training
            metrics.putAll(AttachEvaluationCommand.summary(evaluation, t.preset, t.data.scheme, t.epochs, t.seed,
                    t.ablation == null ? "none" : t.ablation));
        }
        if (t.progressJson) {
            JsonProgress progress = new JsonProgress(System.out);
            try {
                WeightsManifest written = recipe.trainWeights(report, out, name, metrics, resume, force, progress);
                progress.done("Wrote " + out + " (" + written.name() + ", " + written.status() + ").", true, out.toString());
                return 0;
            } catch (java.util.concurrent.CancellationException e) {
                progress.stopped(e.getMessage());
                return 3;
            }
        }
        WeightsManifest written = recipe.trainWeights(report, out, name, metrics, resume, force, new ConsoleProgress(System.err));
        System.out.println("wrote " + out + " (" + written.name() + ", " + written.status() + ")");
        return 0;
    }
}
