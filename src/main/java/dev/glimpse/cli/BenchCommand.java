package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.analysis.Benchmark;
import dev.glimpse.training.Training;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse bench}: inference time of the network alone. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time ATM-GCN inference on random clips (network only, after warm-up).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--preset", defaultValue = "small", description = "tiny, small or large (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--batch", defaultValue = "1", description = "Clips per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iterations", defaultValue = "10", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--stages", description = "Also time each stage of a pass (copy in, motion encoder, edge mask, graph"
            + " layers, classifier, copy out): where the time goes.")
    boolean stages;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > Training.MAX_BATCH || iterations < 1 || iterations > 100_000 || warmup < 0 || warmup > 1000) {
            throw new Main.UserError("--batch must be 1 to " + Training.MAX_BATCH + ", --iterations 1 to 100000, --warmup 0 to 1000");
        }
        Benchmark.Result r = Benchmark.run(preset, batch, iterations, warmup, device, stages);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("preset", r.preset()).put("batch", r.batch()).put("device", r.device()).put("precision", r.precision())
                    .put("threads", r.threads())
                    .put("medianMillisPerClip", r.medianMillisPerClip()).put("minMillisPerClip", r.minMillisPerClip())
                    .put("maxMillisPerClip", r.maxMillisPerClip()).put("gflopPerClip", r.gflopPerClip())
                    .put("iterations", r.iterations());
            if (stages) {
                ObjectNode st = o.putObject("stagesMillisPerClip");
                r.stages().forEach(st::put);
            }
            System.out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            System.out.printf(Locale.ROOT, "%s, batch %d, %s (%d threads, %s): median %.1f ms/clip (min %.1f, max %.1f),"
                            + " %.1f GFLOP/clip, %.1f GFLOP/s%n", r.preset(), r.batch(), r.device(), r.threads(), r.precision(),
                    r.medianMillisPerClip(), r.minMillisPerClip(), r.maxMillisPerClip(), r.gflopPerClip(),
                    r.gflopPerClip() / r.medianMillisPerClip() * 1000);
            r.stages().forEach((stage, ms) -> System.out.printf(Locale.ROOT, "  %-42s %7.2f ms/clip%n", stage, ms));
        }
        return 0;
    }
}
