package dev.glimpse.cli;

import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.clip.FrameIndexCache;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.model.AtmGcnConfig;
import dev.glimpse.training.PreparedSamples;
import dev.glimpse.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Reads the dataset; before that, sets the threads, since the engine may load at any point after. */
    DatasetReport read() throws IOException {
        if (threads != null) {
            DjlRuntime.useThreads(threads); // refuses fewer than 1
        }
        return data.read();
    }

    AtmGcnConfig config(int classes) {
        return AtmGcnConfig.preset(preset, classes).withAblation(ablation);
    }

    Training.Options options() {
        return new Training.Options(epochs, batch, lr, lrFinal, weightDecay, 2.0, alpha, colorJitter, flip, seed);
    }

    PreparedSamples prepared(AtmGcnConfig config) {
        Path dir = cache != null ? cache : FrameIndexCache.dataDirectory().resolve("prepared-clips");
        return new PreparedSamples(dir, config.frames(), config.imageSize());
    }

    /** What the data was, in words: synthetic data says so (the generator leaves SYNTHETIC.txt at its root). */
    String trainedOn(DatasetReport report) {
        boolean synthetic = Files.exists(data.root.resolve("SYNTHETIC.txt"));
        return (synthetic ? "synthetic data (glimpse synth, " : data.dataset + " (") + report.used() + " clips of "
                + report.subjects() + " subjects, scheme " + data.scheme + ")";
    }

    Map<String, Object> info(DatasetReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", data.dataset);
        m.put("data", trainedOn(report));
        m.put("scheme", data.scheme);
        m.put("preset", preset);
        m.put("ablation", ablation == null ? "none" : ablation);
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("batch", batch);
        m.put("lr", lr);
        m.put("lrFinal", lrFinal);
        m.put("protocol", "leave-one-subject-out, each fold trained from scratch for a fixed number of epochs");
        return m;
    }
}
