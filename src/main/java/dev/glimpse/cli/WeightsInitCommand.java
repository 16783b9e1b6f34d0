package dev.glimpse.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.analysis.Weights;
import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse weights-init}: a seeded, untrained initialisation in the weights-folder format. */
@Command(name = "weights-init", mixinStandardHelpOptions = true,
        description = "Write a seeded, untrained initialisation of a preset as a weights folder.")
final class WeightsInitCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "small", description = "tiny, small or large (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--classes", split = ",", defaultValue = "negative,positive,surprise",
            description = "Class names in output order (default: ${DEFAULT-VALUE}).")
    List<String> classes;

    @Option(names = "--scheme", defaultValue = "megc-3", description = "Class scheme name (default: ${DEFAULT-VALUE}).")
    String scheme;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Weights folder to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        AtmGcnConfig config = AtmGcnConfig.preset(preset, classes.size());
        Engine engine = DjlRuntime.engine();
        engine.setRandomSeed((int) seed);
        try (NDManager manager = engine.newBaseManager()) {
            AtmGcn net = new AtmGcn(config);
            net.initialize(manager, DataType.FLOAT32, net.inputShapes());
            WeightsManifest written = Weights.write(out, net, new WeightsManifest(WeightsManifest.FORMAT,
                    "atm-gcn-" + preset + "-untrained", preset, config, classes, scheme, config.imageSize(),
                    config.frames(), false, "nothing: a seeded initialisation (seed " + seed + ")", seed, 0, Map.of(),
                    null, null));
            System.out.println("wrote " + out + " (" + written.name() + ", sha256 " + written.sha256() + ")");
        }
        return 0;
    }
}
