package dev.glimpse.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.analysis.Weights;
import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A real weights folder of a seeded network, written for a test. */
public final class TinyWeights {
    private TinyWeights() {}

    public static Path write(Path folder, String preset, long seed) throws IOException {
        AtmGcnConfig config = AtmGcnConfig.preset(preset, 3);
        Engine engine = DjlRuntime.engine();
        engine.setRandomSeed((int) seed);
        try (NDManager manager = engine.newBaseManager()) {
            AtmGcn net = new AtmGcn(config);
            net.initialize(manager, DataType.FLOAT32, net.inputShapes());
            Weights.write(folder, net, new WeightsManifest(WeightsManifest.FORMAT, "test-" + preset, preset, config,
                    List.of("negative", "positive", "surprise"), "megc-3", config.imageSize(), config.frames(), false,
                    "nothing: a test initialisation", seed, 0, Map.of(), null, null));
        }
        return folder;
    }
}
