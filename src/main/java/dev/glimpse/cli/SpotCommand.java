package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.CropBox;
import dev.glimpse.io.Csv;
import dev.glimpse.spotting.Proposal;
import dev.glimpse.spotting.Spotter;
import dev.glimpse.spotting.SpottingParameters;
import dev.glimpse.spotting.SpottingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glimpse spot CLIP}: proposes the micro- and macro-expressions of a long video (docs/spotting.md).
 * With {@code --json}, one object: {@code clip, fps, frameCount, proposals [{onset, apex, offset, score, kind}],
 * facelessFrames, millis}, and more keys (range, blinks, parameters, message).
 */
@Command(name = "spot", mixinStandardHelpOptions = true,
        description = "Find micro- and macro-expressions in a video: onset, apex and offset of each.")
final class SpotCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "CLIP", description = "A video file or a folder of numbered frames.")
    Path clip;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--from", paramLabel = "N", description = "First frame number to look at (default: the clip's first).")
    Integer from;

    @Option(names = "--to", paramLabel = "N", description = "Last frame number to look at (default: the clip's last).")
    Integer to;

    @Option(names = "--kind", defaultValue = "all", description = "micro, macro or all (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--signal", paramLabel = "FILE.csv",
            description = "Write the motion signal: frame, brows, eyes, mouth (pixels), micro and macro (in noise units).")
    Path signal;

    @Option(names = "--crop", paramLabel = "X,Y,SIZE", description = "A square face box that overrides detection.")
    String crop;

    @Option(names = "--sensitivity", defaultValue = "6",
            description = "Robust standard deviations of the clip's motion noise a peak must pass (default: ${DEFAULT-VALUE}).")
    double sensitivity;

    @Override
    public Integer call() throws Exception {
        if (!List.of("micro", "macro", "all").contains(kind)) {
            throw new Main.UserError("--kind is micro, macro or all, not '" + kind + "'");
        }
        SpottingParameters parameters = SpottingParameters.DEFAULT.withSensitivity(sensitivity);
        CropBox box = crop == null ? null : AnalyzeCommand.parseCrop(crop);
        try (ClipSource source = ClipSources.open(clip)) {
            int first = from == null ? 0 : index(source, from, "--from");
            int last = to == null ? source.frameCount() - 1 : index(source, to, "--to");
            if (first > last) {
                throw new Main.UserError("--from " + source.frameNumber(first) + " is after --to " + source.frameNumber(last));
            }
            if (box != null && !box.fitsIn(source.width(), source.height())) {
                throw new Main.UserError("--crop " + crop + " does not fit the " + source.width() + " x " + source.height() + " frame");
            }
            ConsoleBar bar = json ? null : new ConsoleBar();
            SpottingResult result;
            Path partial = signal == null ? null : signal.resolveSibling(signal.getFileName() + ".part");
            try (CSVPrinter csv = partial == null ? null : Csv.writer(partial)) {
                result = spot(source, first, last, box, csv, parameters, bar);
            } catch (Exception | Error e) {
                if (partial != null) {
                    Files.deleteIfExists(partial); // a failed run leaves no half-written signal behind
                }
                throw e;
            }
            if (partial != null) {
                Files.move(partial, signal, StandardCopyOption.REPLACE_EXISTING);
            }
            List<Proposal> shown = result.ofKind(kind);
            String message = result.facelessFrames() == result.frames()
                    ? "no face found in frames " + source.frameNumber(first) + ".." + source.frameNumber(last)
                    + " of " + clip + ": nothing to spot (give the face's square with --crop X,Y,SIZE)" : null;
            if (json) {
                System.out.println(JSON.writeValueAsString(toJson(source, first, last, result, shown, parameters, message)));
            } else {
                System.err.println();
                if (message != null) {
                    System.err.println("glimpse: " + message);
                }
                System.out.printf(Locale.ROOT, "%s: %d frames (%d..%d) at %.3f fps, %d without a face, %d blinks set aside,"
                                + " %d proposals in %.1f s%n", clip, result.frames(), source.frameNumber(first),
                        source.frameNumber(last), source.fps(), result.facelessFrames(), result.blinks(), shown.size(),
                        result.millis() / 1000.0);
                System.out.println("kind   onset    apex  offset   seconds  score");
                for (Proposal p : shown) {
                    System.out.printf(Locale.ROOT, "%-5s %6d  %6d  %6d  %8.3f  %5.2f%n", p.kind(), p.onset(), p.apex(),
                            p.offset(), (p.offset() - p.onset() + 1) / source.fps(), p.score());
                }
            }
        }
        return 0;
    }

    /** The run itself, its signal written to {@code csv} when one is asked for. */
    private static SpottingResult spot(ClipSource source, int first, int last, CropBox box, CSVPrinter csv,
                                       SpottingParameters parameters, ConsoleBar bar) throws java.io.IOException {
        if (csv != null) {
            csv.printRecord("frame", "brows", "eyes", "mouth", "micro", "macro");
        }
        return new Spotter(parameters).spot(source, first, last, box, csv == null ? null
                : (n, b, e, m, micro, macro) -> csv.printRecord(n, num(b), num(e), num(m), num(micro), num(macro)),
                p -> {
                    if (bar != null) {
                        bar.show(p);
                    }
                }, () -> false);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static int index(ClipSource source, int number, String option) {
        try {
            return source.indexOf(number);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Main.UserError(option + " " + number + ": the clip's frames are numbered " + source.firstFrame()
                    + " to " + source.lastFrame());
        }
    }

    static ObjectNode toJson(ClipSource source, int first, int last, SpottingResult r, List<Proposal> shown,
                             SpottingParameters p, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("clip", source.path().toAbsolutePath().toString());
        o.put("fps", source.fps());
        o.put("frameCount", source.frameCount());
        ArrayNode list = o.putArray("proposals");
        for (Proposal q : shown) {
            list.addObject().put("onset", q.onset()).put("apex", q.apex()).put("offset", q.offset()).put("score", q.score())
                    .put("kind", q.kind());
        }
        o.put("facelessFrames", r.facelessFrames());
        o.put("millis", r.millis());
        o.putObject("range").put("from", source.frameNumber(first)).put("to", source.frameNumber(last));
        o.put("blinks", r.blinks());
        o.putObject("parameters").put("microWindow", p.microWindow()).put("macroWindow", p.macroWindow())
                .put("maxMicro", p.maxMicro()).put("maxMacro", p.maxMacro()).put("sensitivity", p.sensitivity())
                .put("floor", p.floor());
        if (message != null) {
            o.put("message", message);
        }
        return o;
    }

    /** A progress bar on stderr, redrawn in place. */
    private static final class ConsoleBar {
        private int shown = -1;

        void show(double p) {
            int percent = (int) Math.round(100 * p);
            if (percent != shown) {
                shown = percent;
                int filled = percent * 30 / 100;
                System.err.print("\rspotting [" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + percent + "%");
                System.err.flush();
            }
        }
    }
}
