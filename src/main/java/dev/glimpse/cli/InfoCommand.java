package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse info CLIP}: what the clip is, as Glimpse reads it. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a clip: frames, rate, size.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLIP", description = "A video file or a folder of numbered frame images.")
    Path clip;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (ClipSource c = ClipSources.open(clip)) {
            if (json) {
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("path", c.path().toString()).put("frameCount", c.frameCount()).put("fps", c.fps())
                        .put("durationSeconds", c.durationSeconds()).put("width", c.width()).put("height", c.height())
                        .put("firstFrame", c.firstFrame()).put("variableFrameRate", c.variableFrameRate());
                o.put("lastFrame", c.lastFrame());
                o.put("damage", c.damage()); // null for a whole file
                System.out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                System.out.printf(Locale.ROOT, "%s%n  %d frames (%d..%d), %.3f fps%s, %.3f s, %d x %d%n", c.path(),
                        c.frameCount(), c.firstFrame(), c.lastFrame(), c.fps(),
                        c.variableFrameRate() ? " (variable)" : "", c.durationSeconds(), c.width(), c.height());
            }
            if (c.damage() != null) {
                System.err.println("glimpse: " + c.path() + ": " + c.damage());
            }
        }
        return 0;
    }
}
