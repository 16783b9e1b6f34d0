package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.analysis.Analysis;
import dev.glimpse.analysis.Analyzer;
import dev.glimpse.analysis.ColorMap;
import dev.glimpse.analysis.Heatmaps;
import dev.glimpse.analysis.Weights;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.CropBox;
import dev.glimpse.io.FilePaths;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse analyze CLIP --onset N --apex N [--offset N] ...}: one event through ATM-GCN. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Run ATM-GCN on one event of a clip and print what it predicts.")
final class AnalyzeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "CLIP", description = "A folder of numbered frame images, or a video file.")
    Path clip;

    @Option(names = "--onset", required = true, description = "Onset frame number (the clip's own numbering).")
    int onset;

    @Option(names = "--apex", required = true, description = "Apex frame number.")
    int apex;

    @Option(names = "--offset", description = "Offset frame number (default: the clip's last frame).")
    Integer offset;

    @Option(names = "--weights", description = "Weights folder (default: the bundled weights).")
    String weights;

    @Option(names = "--preset", description = "Refuse weights of any other preset (tiny, small, large).")
    String preset;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--heatmaps", paramLabel = "DIR", description = "Write each node's attention map as PNG into DIR.")
    Path heatmaps;

    @Option(names = "--colormap", defaultValue = "viridis", description = "Heatmap colours: viridis, jet or grey.")
    String colormap;

    @Option(names = "--crop", paramLabel = "X,Y,SIZE", description = "A square face box that overrides detection.")
    String crop;

    @Override
    public Integer call() throws Exception {
        ColorMap colors = ColorMap.parse(colormap);
        CropBox box = crop == null ? null : parseCrop(crop);
        if (heatmaps != null) { // before the analysis, not after it
            FilePaths.folderForWriting(heatmaps, "--heatmaps");
        }
        Weights w = Weights.open(weights);
        try (ClipSource source = ClipSources.open(clip);
             Analyzer analyzer = Analyzer.load(w, device, preset)) {
            Analysis a = analyzer.analyze(source, onset, apex, offset, box, Analyzer.Progress.NONE);
            if (!a.faceFound()) { // no face, no reading: a probability over a wall is not an answer
                throw new Main.UserError(clip + ": no face found in the event's frames (onset " + onset + ", apex "
                        + apex + "), so there is nothing to read; give the face's square with --crop X,Y,SIZE to"
                        + " analyse that region anyway");
            }
            if (heatmaps != null) {
                Heatmaps.write(heatmaps, source, a, colors, 0.5, analyzer.manifest().inputSize());
            }
            if (json) {
                System.out.println(JSON.writeValueAsString(toJson(a, heatmaps)));
            } else {
                printSummary(a);
            }
        }
        return 0;
    }

    static CropBox parseCrop(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 3 && inRange(parts[0], 0) && inRange(parts[1], 0) && inRange(parts[2], 1)) {
                return new CropBox(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Integer.parseInt(parts[2].trim()), "user");
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new Main.UserError("--crop takes X,Y,SIZE in pixels, e.g. 120,40,400 (each 0 to " + MAX_PIXELS
                + ", SIZE at least 1); got '" + text + "'");
    }

    /** The largest coordinate or size in pixels a box may have: beyond any video's frame (16K is 15360). */
    static final int MAX_PIXELS = 32768;

    private static boolean inRange(String text, int min) {
        long v = Long.parseLong(text.trim());
        return v >= min && v <= MAX_PIXELS;
    }

    static ObjectNode toJson(Analysis a, Path heatmapDir) {
        ObjectNode o = JSON.createObjectNode();
        o.put("clip", a.clip());
        o.put("onset", a.onset());
        o.put("apex", a.apex());
        o.put("offset", a.offset());
        o.put("preset", a.preset());
        ArrayNode classes = o.putArray("classes");
        a.classes().forEach(classes::add);
        ArrayNode probabilities = o.putArray("probabilities");
        a.probabilities().forEach(probabilities::add);
        o.put("predicted", a.predicted());
        ArrayNode nodes = o.putArray("nodes");
        for (Analysis.Node n : a.nodes()) {
            nodes.addObject().put("index", n.index()).put("frame", n.frame()).put("global", n.global())
                    .put("importance", n.importance());
        }
        ArrayNode adjacency = o.putArray("adjacency");
        for (Analysis.Matrix m : a.adjacency()) {
            ArrayNode layer = adjacency.addArray();
            for (double[] row : m.rows()) {
                ArrayNode r = layer.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
        }
        ObjectNode maps = o.putObject("attentionMaps");
        maps.put("count", a.attentionMaps().size());
        maps.put("width", a.attentionMaps().isEmpty() ? 0 : a.attentionMaps().get(0).width());
        maps.put("height", a.attentionMaps().isEmpty() ? 0 : a.attentionMaps().get(0).height());
        if (heatmapDir == null) {
            maps.putNull("directory");
        } else {
            maps.put("directory", heatmapDir.toAbsolutePath().toString());
        }
        o.put("device", a.device());
        o.put("precision", a.precision());
        o.put("millis", a.millis());
        ObjectNode weights = o.putObject("weights");
        weights.put("path", a.weights().location());
        weights.put("sha256", a.weights().sha256());
        weights.put("trained", a.weights().trained());
        weights.put("name", a.weights().name());
        weights.put("status", a.weights().status());
        o.put("apexSubstituted", a.apexSubstituted());
        o.putObject("crop").put("x", a.crop().x()).put("y", a.crop().y()).put("size", a.crop().size())
                .put("source", a.crop().source());
        // what the model cannot know for itself: whether there is a face, and whether it moved
        o.putObject("face").put("x", a.crop().x()).put("y", a.crop().y()).put("size", a.crop().size())
                .put("detected", a.faceDetected());
        if (a.movement() != null) {
            o.putObject("movement").put("score", a.movement().score()).put("threshold", a.movement().threshold())
                    .put("clear", a.movement().clear());
        } else {
            o.putNull("movement");
        }
        if (a.temperature() != null) { // probabilities calibrated with the temperature the weights' evaluation fitted
            o.putObject("calibration").put("temperature", a.temperature());
        } else {
            o.putNull("calibration"); // the weights carry no temperature: the probabilities are the network's own
        }
        return o;
    }

    private static void printSummary(Analysis a) {
        System.out.printf(Locale.ROOT, "%s, frames %d-%d-%d (%s, %s weights: %s)%n", a.clip(), a.onset(), a.apex(),
                a.offset(), a.preset(), a.weights().name(), a.weights().status());
        if (!a.weights().trained()) {
            System.out.println("UNTRAINED weights: the prediction below carries no information.");
        }
        if (a.movement() != null && !a.movement().clear()) {
            System.out.printf(Locale.ROOT, "NO CLEAR FACIAL MOVEMENT in this interval (movement %.2f, below %.2f): the"
                    + " model has no neutral class, so the numbers below do not read an expression.%n",
                    a.movement().score(), a.movement().threshold());
        }
        System.out.printf(Locale.ROOT, "predicted: %s%s%n", a.predicted(), a.temperature() == null ? ""
                : String.format(Locale.ROOT, " (probabilities calibrated, temperature %.2f)", a.temperature()));
        for (int c = 0; c < a.classes().size(); c++) {
            System.out.printf(Locale.ROOT, "  %-12s %5.1f%%%n", a.classes().get(c), 100 * a.probabilities().get(c));
        }
        if (a.apexSubstituted()) {
            System.out.println("note: the apex equals the onset; the second sampled frame served as apex.");
        }
        System.out.printf(Locale.ROOT, "face crop: %d,%d size %d (%s); %d nodes; %s (%s), %d ms%n", a.crop().x(),
                a.crop().y(), a.crop().size(), a.crop().source(), a.nodes().size(), a.device(), a.precision(), a.millis());
    }
}
