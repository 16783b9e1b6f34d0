package dev.glimpse.analysis;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import dev.glimpse.model.Flops;
import java.util.Arrays;

/** Times inference of the network alone on random clips (never zeros), after warm-up. */
public final class Benchmark {
    private Benchmark() {}

    /**
     * @param stages with {@code stages} asked for: the median milliseconds per clip of each stage of a pass, in the
     *               order they run (empty otherwise)
     */
    public record Result(String preset, int batch, String device, String precision, int threads,
                         double medianMillisPerClip,
                         double minMillisPerClip, double maxMillisPerClip, double gflopPerClip, int iterations,
                         java.util.Map<String, Double> stages) {}

    public static Result run(String preset, int batch, int iterations, int warmup, String deviceRequest) {
        return run(preset, batch, iterations, warmup, deviceRequest, false);
    }

    /** With {@code stages}, each timed pass also times its stages ({@link dev.glimpse.model.StageClock}). */
    public static Result run(String preset, int batch, int iterations, int warmup, String deviceRequest, boolean stages) {
        AtmGcnConfig config = AtmGcnConfig.preset(preset, 3);
        Device device = DjlRuntime.device(deviceRequest);
        Engine engine = DjlRuntime.engine();
        engine.setRandomSeed(1);
        try (NDManager manager = engine.newBaseManager(device)) {
            AtmGcn net = new AtmGcn(config);
            net.initialize(manager, DataType.FLOAT32, net.inputShapes());
            NetworkRunner runner = new NetworkRunner(net, manager);
            int s = config.imageSize();
            float[] input = manager.randomNormal(0, 1, new Shape(batch, config.frames(), 3, s, s), DataType.FLOAT32, device)
                    .toFloatArray();
            int apex = config.frames() / 2 + 1;
            for (int k = 0; k < warmup; k++) {
                runner.run(input, batch, apex);
            }
            double[] perClip = new double[iterations];
            java.util.Map<String, double[]> perStage = new java.util.LinkedHashMap<>();
            dev.glimpse.model.StageClock.enable(stages);
            try {
                for (int k = 0; k < iterations; k++) {
                    long t0 = System.nanoTime();
                    runner.run(input, batch, apex);
                    perClip[k] = (System.nanoTime() - t0) / 1e6 / batch;
                    int pass = k;
                    dev.glimpse.model.StageClock.take().forEach((stage, nanos) ->
                            perStage.computeIfAbsent(stage, x -> new double[iterations])[pass] = nanos / 1e6 / batch);
                }
            } finally {
                dev.glimpse.model.StageClock.enable(false);
            }
            java.util.Map<String, Double> stageMedians = new java.util.LinkedHashMap<>();
            perStage.forEach((stage, v) -> stageMedians.put(stage, median(v)));
            double median = median(perClip);
            Arrays.sort(perClip);
            return new Result(preset, batch, device.isGpu() ? "gpu" : "cpu", DjlRuntime.precision(device),
                    DjlRuntime.threads(), median,
                    perClip[0], perClip[iterations - 1], Flops.perClip(config) / 1e9, iterations, stageMedians);
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
