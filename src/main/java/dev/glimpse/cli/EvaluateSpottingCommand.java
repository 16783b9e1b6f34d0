package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.io.Csv;
import dev.glimpse.spotting.MegcScore;
import dev.glimpse.spotting.Proposal;
import dev.glimpse.spotting.Spotter;
import dev.glimpse.spotting.SpottingParameters;
import dev.glimpse.spotting.SpottingResult;
import dev.glimpse.spotting.SpottingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse evaluate-spotting}: the spotter over every long video of a spotting dataset, scored with the MEGC
 * protocol ({@link MegcScore}). Writes {@code REPORT/metrics.json} ({@code {micro: {tp, m, n, precision, recall,
 * f1}, macro: {...}, overall: {...}, videos}}), {@code REPORT/videos.csv} (the same per video) and
 * {@code REPORT/matches.log} (one line per interval: {@code video gt_on gt_off pred_on pred_off TP|FP|FN}).
 */
@Command(name = "evaluate-spotting", mixinStandardHelpOptions = true,
        description = "Spot every long video of a spotting dataset and score it with the MEGC protocol.")
final class EvaluateSpottingCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--dataset", required = true, description = "The dataset's layout: casme2lv (CAS(ME)^2), sammlv (SAMM Long Videos) or csv (spotting.csv beside the videos).")
    String dataset;

    @Option(names = "--root", required = true, description = "The dataset's folder.")
    Path root;

    @Option(names = "--sheet", description = "The annotation sheet (default: found in the folder).")
    Path sheet;

    @Option(names = "--out", required = true, paramLabel = "REPORT", description = "Folder for the report.")
    Path out;

    @Option(names = "--json", description = "Print metrics.json on stdout as well.")
    boolean json;

    @Option(names = "--sensitivity", defaultValue = "6",
            description = "Robust standard deviations of a clip's motion noise a peak must pass (default: ${DEFAULT-VALUE}).")
    double sensitivity;

    @Override
    public Integer call() throws Exception {
        SpottingSet set = SpottingSet.read(dataset, root, sheet);
        if (set.videos().isEmpty()) {
            throw new Main.UserError(root + ": no video with true intervals to score"
                    + (set.notes().isEmpty() ? "" : " (" + set.notes().get(0) + (set.notes().size() > 1 ? ", ..." : "") + ")"));
        }
        for (String note : set.notes()) {
            System.err.println("glimpse: " + note);
        }
        Files.createDirectories(out);
        SpottingParameters parameters = SpottingParameters.DEFAULT.withSensitivity(sensitivity);
        Spotter spotter = new Spotter(parameters);
        List<MegcScore.Video> scored = new ArrayList<>();
        long frames = 0;
        long millis = 0;
        for (SpottingSet.Video v : set.videos()) {
            try (ClipSource clip = ClipSources.open(v.location())) {
                SpottingResult r = spotter.spot(clip, 0, clip.frameCount() - 1, null, null, p -> { }, () -> false);
                frames += r.frames();
                millis += r.millis();
                MegcScore.Video s = MegcScore.video(v.name(), v.truth(), r.proposals());
                scored.add(s);
                System.err.printf(Locale.ROOT, "glimpse: %s: %d frames in %.1f s, %s%n", v.name(), r.frames(), r.millis() / 1000.0,
                        MegcScore.describe(s.overall()));
            }
        }
        ObjectNode metrics = JSON.createObjectNode();
        for (String kind : List.of(Proposal.MICRO, Proposal.MACRO, "overall")) {
            MegcScore.Counts c = MegcScore.total(scored, kind);
            metrics.putObject(kind).put("tp", c.tp()).put("m", c.m()).put("n", c.n()).put("precision", c.precision())
                    .put("recall", c.recall()).put("f1", c.f1());
        }
        metrics.put("videos", scored.size());
        metrics.put("frames", frames);
        metrics.put("millis", millis);
        metrics.put("dataset", dataset);
        metrics.put("sensitivity", sensitivity);
        metrics.put("root", root.toAbsolutePath().toString());
        if (Files.exists(root.resolve("SYNTHETIC.txt"))) {
            metrics.put("synthetic", true); // never to be reported as a result on real data
        }
        JSON.writeValue(out.resolve("metrics.json").toFile(), metrics);
        try (CSVPrinter csv = Csv.writer(out.resolve("videos.csv"))) {
            csv.printRecord("video", "micro_tp", "micro_m", "micro_n", "macro_tp", "macro_m", "macro_n", "overall_f1");
            for (MegcScore.Video s : scored) {
                csv.printRecord(Csv.text(s.video()), s.micro().tp(), s.micro().m(), s.micro().n(), s.macro().tp(),
                        s.macro().m(), s.macro().n(), String.format(Locale.ROOT, "%.4f", s.overall().f1()));
            }
        }
        List<String> lines = new ArrayList<>();
        for (MegcScore.Video s : scored) {
            s.matches().forEach(m -> lines.add(m.line()));
        }
        Files.write(out.resolve("matches.log"), lines);
        for (String kind : List.of(Proposal.MICRO, Proposal.MACRO, "overall")) {
            System.err.println("glimpse: " + kind + ": " + MegcScore.describe(MegcScore.total(scored, kind)));
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(metrics));
        }
        return 0;
    }
}
