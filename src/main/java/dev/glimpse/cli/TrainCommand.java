package dev.glimpse.cli;

import ai.djl.ndarray.NDManager;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.analysis.Weights;
import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import dev.glimpse.training.Training;
import java.nio.file.Files;
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

    @Option(names = "--evaluation", description = "A report folder of `evaluate` whose metrics go into the manifest.")
    Path evaluation;

    @Option(names = "--name", description = "Name for the weights (default: atm-gcn-PRESET-DATASET).")
    String name;

    @Override
    public Integer call() throws Exception {
        DatasetReport report = t.read();
        AtmGcnConfig config = t.config(report.scheme().classes().size());
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (evaluation != null) { // checked before hours of training
            metrics.putAll(AttachEvaluationCommand.summary(evaluation, t.preset, t.data.scheme, t.epochs, t.seed,
                    t.ablation == null ? "none" : t.ablation));
        }
        Path checkpoints = out.resolve("checkpoint");
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            AtmGcn net = Training.train(config, report.samples(), t.prepared(config), t.options(), manager,
                    new ConsoleProgress(System.err), checkpoints, resume);
            WeightsManifest written = Weights.write(out, net, new WeightsManifest(WeightsManifest.FORMAT,
                    name != null ? name : "atm-gcn-" + t.preset + "-" + t.data.dataset, t.preset, config,
                    report.scheme().classes(), t.data.scheme, config.imageSize(), config.frames(), true, t.trainedOn(report),
                    t.seed, t.epochs, metrics, null, null));
            System.out.println("wrote " + out + " (" + written.name() + ", " + written.status() + ")");
        }
        try (var files = Files.walk(checkpoints)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return 0;
    }
}
