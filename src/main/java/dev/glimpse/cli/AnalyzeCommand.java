package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.analysis.Analysis;
import dev.glimpse.analysis.Analyzer;
import dev.glimpse.analysis.ColorMap;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.analysis.Heatmaps;
import dev.glimpse.analysis.Weights;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.PreparedClip;
import dev.glimpse.io.FilePaths;
import dev.glimpse.store.EventExchange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glimpse analyze CLIP --onset N --apex N [--offset N] ...}: one event through ATM-GCN; with {@code --events
 * FILE} every event of the clip a file lists, in one process (the path spotting proposals take). libtorch loads
 * on a thread of its own while the weights are read and the first event decoded; no warm-up pass: in a fresh process
 * on two cores it cost as much as it saved (docs/benchmarks.md).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Run ATM-GCN on one event of a clip (or on every event a file lists) and print what it predicts.")
final class AnalyzeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "CLIP", description = "A folder of numbered frame images, or a video file.")
    Path clip;

    @Option(names = "--onset", description = "Onset frame number (the clip's own numbering).")
    Integer onset;

    @Option(names = "--apex", description = "Apex frame number.")
    Integer apex;

    @Option(names = "--events", paramLabel = "FILE", description = "Analyse every event of this clip that FILE lists"
            + " (a .csv in the layout export writes, or an .xlsx coding sheet; rows of other clips are left out), in one"
            + " process, with each event's time and the total.")
    Path events;

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

    /** The most events one run analyses: a file may hold anything, and each event costs a pass of the network. */
    static final int MAX_EVENTS = 10_000;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        DjlRuntime.loadInBackground(); // libtorch loads while the weights are read and the clip opened
        ColorMap colors = ColorMap.parse(colormap);
        CropBox box = crop == null ? null : parseCrop(crop);
        if (events != null && (onset != null || apex != null || offset != null)) {
            throw new Main.UserError("--events takes the frames from " + events + "; leave out --onset, --apex and"
                    + " --offset");
        }
        if (events == null && (onset == null || apex == null)) {
            throw new Main.UserError("give the event's --onset and --apex (and --offset), or --events FILE");
        }
        if (heatmaps != null) { // before the analysis, not after it
            FilePaths.folderForWriting(heatmaps, "--heatmaps");
        }
        Weights w = Weights.open(weights);
        try (ClipSource source = ClipSources.open(clip)) {
            List<int[]> frames = new ArrayList<>();
            List<String> skipped = List.of();
            if (events == null) {
                frames.add(new int[] {onset, apex, offset == null ? source.lastFrame() : offset});
            } else {
                EventExchange.Rows rows = EventExchange.read(events, clip.getFileName().toString(), source.firstFrame(),
                        source.lastFrame(), "events file");
                if (rows.events().size() > MAX_EVENTS) {
                    throw new Main.UserError(events + ": " + rows.events().size() + " events of " + clip.getFileName()
                            + "; one run analyses at most " + MAX_EVENTS);
                }
                rows.events().forEach(e -> frames.add(new int[] {e.onset(), e.apex(), e.offset()}));
                skipped = rows.skipped();
                skipped.forEach(why -> System.err.println("glimpse: " + events + ": " + why + " (left out)"));
                if (frames.isEmpty()) {
                    throw new Main.UserError(events + ": no event of " + clip.getFileName() + " to analyse"
                            + (skipped.isEmpty() ? "" : " (" + skipped.size() + " rows left out, said above)"));
                }
            }
            List<Analysis> done = new ArrayList<>();
            long start = System.nanoTime();
            int[] f0 = frames.get(0);
            // the first event's frames are decoded while libtorch loads (DjlRuntime.loadInBackground above)
            PreparedClip prepared = Analyzer.prepare(w.manifest(), source, f0[0], f0[1], f0[2], box,
                    Analyzer.Progress.NONE);
            try (Analyzer analyzer = Analyzer.load(w, device, preset)) {
                for (int k = 0; k < frames.size(); k++) {
                    int[] f = frames.get(k);
                    if (k > 0) {
                        start = System.nanoTime();
                        prepared = Analyzer.prepare(w.manifest(), source, f[0], f[1], f[2], box, Analyzer.Progress.NONE);
                    }
                    Analysis a = analyzer.analyze(source, f[0], f[1], f[2], prepared, start, Analyzer.Progress.NONE);
                    if (!a.faceFound() && events == null) { // no face, no reading: a probability over a wall is not an answer
                        throw new Main.UserError(clip + ": no face found in the event's frames (onset " + onset
                                + ", apex " + apex + "), so there is nothing to read; give the face's square with"
                                + " --crop X,Y,SIZE to analyse that region anyway");
                    }
                    if (heatmaps != null && a.faceFound()) {
                        Path into = events == null ? heatmaps : heatmaps.resolve(f[0] + "-" + f[1] + "-" + f[2]);
                        Heatmaps.write(into, source, a, colors, 0.5, analyzer.manifest().inputSize());
                    }
                    done.add(a);
                }
            }
            long totalMillis = (System.nanoTime() - started) / 1_000_000;
            if (events == null) {
                Analysis a = done.get(0);
                if (json) {
                    System.out.println(JSON.writeValueAsString(toJson(a, heatmaps)));
                } else {
                    printSummary(a);
                }
            } else if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("clip", clip.toString());
                o.put("events", events.toString());
                ArrayNode list = o.putArray("analyses");
                for (Analysis a : done) {
                    ObjectNode one = a.faceFound()
                            ? toJson(a, heatmaps == null ? null : heatmaps.resolve(a.onset() + "-" + a.apex() + "-"
                                    + a.offset()))
                            : JSON.createObjectNode().put("onset", a.onset()).put("apex", a.apex())
                                    .put("offset", a.offset()).put("message", "no face found in the event's frames:"
                                            + " nothing to read");
                    one.put("faceFound", a.faceFound());
                    list.add(one);
                }
                ArrayNode left = o.putArray("skipped");
                skipped.forEach(left::add);
                o.put("totalMillis", totalMillis);
                System.out.println(JSON.writeValueAsString(o));
            } else {
                printTable(done, skipped, totalMillis);
            }
        }
        return 0;
    }

    private void printTable(List<Analysis> done, List<String> skipped, long totalMillis) {
        Analysis first = done.get(0);
        System.out.printf(Locale.ROOT, "%s: %d events from %s (%s, %s weights: %s; %s, %s)%n", clip, done.size(), events,
                first.preset(), first.weights().name(), first.weights().status(), first.device(), first.precision());
        if (!first.weights().trained()) {
            System.out.println("UNTRAINED weights: the predictions below carry no information.");
        }
        System.out.printf(Locale.ROOT, "%8s %8s %8s  %-12s %6s  %-9s %7s%n", "onset", "apex", "offset", "predicted", "p",
                "movement", "ms");
        for (Analysis a : done) {
            if (!a.faceFound()) {
                System.out.printf(Locale.ROOT, "%8d %8d %8d  no face found: nothing to read%n", a.onset(), a.apex(),
                        a.offset());
                continue;
            }
            int best = a.classes().indexOf(a.predicted());
            String still = a.movement() == null ? "-" : a.movement().clear() ? "clear" : "none";
            System.out.printf(Locale.ROOT, "%8d %8d %8d  %-12s %5.1f%%  %-9s %7d%n", a.onset(), a.apex(), a.offset(),
                    a.predicted(), 100 * a.probabilities().get(best), still, a.millis());
        }
        System.out.printf(Locale.ROOT, "%d events in %.2f s (%s left out)%n", done.size(), totalMillis / 1000.0,
                skipped.isEmpty() ? "no rows" : skipped.size() + " rows");
        if (done.stream().anyMatch(a -> a.movement() != null && !a.movement().clear())) {
            System.out.println("movement 'none': no clear facial movement in that interval; the model has no neutral"
                    + " class, so its numbers there do not read an expression.");
        }
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
