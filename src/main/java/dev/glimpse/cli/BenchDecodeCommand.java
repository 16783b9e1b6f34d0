package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.clip.DecodeBenchmark;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse bench-decode VIDEO}: opening, sequential decoding and random access of a video. */
@Command(name = "bench-decode", mixinStandardHelpOptions = true,
        description = "Time opening a video (first and second time), decoding it straight through, and random frames.")
final class BenchDecodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "VIDEO")
    Path video;

    @Option(names = "--sequential", defaultValue = "1800", description = "Frames to decode straight through (default: ${DEFAULT-VALUE}).")
    int sequential;

    @Option(names = "--random", defaultValue = "50", description = "Random frames to show (default: ${DEFAULT-VALUE}).")
    int random;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DecodeBenchmark.Result r = DecodeBenchmark.run(video, sequential, random, seed);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            System.out.printf(Locale.ROOT, "%s: %d frames %dx%d%n  open: %.0f ms first, %.0f ms second%n"
                            + "  sequential: %d frames at %.1f fps (decode + RGB)%n  random: %d frames, median %.1f ms, worst %.1f ms%n"
                            + "  scrubbing (the keyframe at or before each): median %.1f ms, worst %.1f ms%n",
                    r.path(), r.frameCount(), r.width(), r.height(), r.openFirstMillis(), r.openSecondMillis(),
                    r.sequentialFrames(), r.sequentialFps(), r.randomFrames(), r.randomMedianMillis(), r.randomWorstMillis(),
                    r.scrubMedianMillis(), r.scrubWorstMillis());
        }
        return 0;
    }
}
