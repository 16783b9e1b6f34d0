package dev.glimpse.cli;

import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.training.Recipe;
import dev.glimpse.training.Training;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The dataset and training options that train and evaluate share. */
final class TrainingOptions {
    @Mixin
    DatasetOptions data;

    @Option(names = "--preset", required = true, description = "tiny, small or large.")
    String preset;

    @Option(names = "--epochs", required = true, description = "Epochs, fixed in advance.")
    int epochs;

    @Option(names = "--ablation", description = "noGcn, noMotion or noAtm (Table IV).")
    String ablation;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", defaultValue = "16", description = "Clips per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Starting learning rate (default: ${DEFAULT-VALUE}; the paper: 1e-4).")
    double lr;

    @Option(names = "--lr-final", defaultValue = "1e-4", description = "Last epoch's learning rate (default: ${DEFAULT-VALUE}; the paper: 1e-6).")
    double lrFinal;

    @Option(names = "--weight-decay", defaultValue = "0.01")
    double weightDecay;

    @Option(names = "--alpha", description = "Focal loss alpha = inverse class frequency.")
    boolean alpha;

    @Option(names = "--color-jitter", description = "Brightness and contrast jitter (the paper's; off by default).")
    boolean colorJitter;

    @Option(names = "--flip", description = "Random horizontal flips.")
    boolean flip;

    @Option(names = "--threads", description = "PyTorch threads (default: one per core). On a few cores, two"
            + " evaluate processes of one thread each, sharing the folds (--folds), train faster than one process.")
    Integer threads;

    @Option(names = "--cache", description = "Where prepared clips are kept (default: the user's data folder).")
    Path cache;

    @Option(names = "--progress-json", description = "Progress as one JSON object a line on stdout, and a line 'stop'"
            + " on stdin to stop after the step under way (for programs that run glimpse, such as the desktop app).")
    boolean progressJson;

    /** Sets the threads first, since the engine may load at any point after; then the recipe. */
    Recipe recipe() {
        if (threads != null) {
            DjlRuntime.useThreads(threads); // refuses fewer than 1
        }
        return new Recipe(data.dataset, data.root, data.sheet, data.scheme, preset, ablation,
                new Training.Options(epochs, batch, lr, lrFinal, weightDecay, 2.0, alpha, colorJitter, flip, seed), cache);
    }
}
