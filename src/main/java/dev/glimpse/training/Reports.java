package dev.glimpse.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.analysis.Calibration;
import dev.glimpse.io.Csv;
import dev.glimpse.io.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVPrinter;

/**
 * A LOSO evaluation written out: {@code metrics.json} (pooled MEGC metrics, per-subject means, per-class
 * scores, the confusion matrix with rows = truth, per-database scores when several databases took part),
 * {@code metrics.csv}, {@code predictions.csv}, {@code folds.csv}, {@code confusion.png}, {@code folds.png}.
 */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {}

    /** @param info what was evaluated (dataset, scheme, preset, epochs, seed, ablation, ...), copied into the JSON */
    public static ObjectNode write(Path dir, List<String> classes, List<Loso.Fold> folds, Map<String, Object> info)
            throws IOException {
        Files.createDirectories(dir);
        List<Loso.Prediction> all = new ArrayList<>();
        folds.forEach(f -> all.addAll(f.predictions()));
        int[][] confusion = confusion(classes.size(), all);
        Metrics pooled = Metrics.of(confusion);
        List<int[][]> perSubject = new ArrayList<>();
        for (Loso.Fold f : folds) {
            perSubject.add(confusion(classes.size(), f.predictions()));
        }
        double[] means = Metrics.meanOf(perSubject);

        ObjectNode o = JSON.createObjectNode();
        info.forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
        ArrayNode cls = o.putArray("classes");
        classes.forEach(cls::add);
        o.set("pooled", scores(pooled));
        o.putObject("perSubject").put("accuracy", means[0]).put("uf1", means[1]).put("uar", means[2]);
        ArrayNode matrix = o.putArray("confusion");
        for (int[] row : confusion) {
            ArrayNode r = matrix.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        o.put("folds", folds.size());
        o.put("clips", all.size());
        ArrayNode perClass = o.putArray("perClass");
        for (int c = 0; c < classes.size(); c++) {
            int support = 0;
            for (int v : confusion[c]) {
                support += v;
            }
            perClass.addObject().put("class", classes.get(c)).put("precision", pooled.precision()[c])
                    .put("recall", pooled.recall()[c]).put("f1", pooled.f1()[c]).put("support", support);
        }
        TreeSet<String> databases = new TreeSet<>();
        all.forEach(p -> databases.add(p.database()));
        if (databases.size() > 1) {
            ObjectNode per = o.putObject("perDatabase");
            for (String db : databases) {
                List<Loso.Prediction> some = all.stream().filter(p -> p.database().equals(db)).toList();
                per.set(db, scores(Metrics.of(confusion(classes.size(), some))).put("clips", some.size()));
            }
        }
        // temperature scaling fitted on these very predictions (held out from each fold's training, pooled)
        List<double[]> before = new ArrayList<>();
        int[] truth = new int[all.size()];
        for (int k = 0; k < all.size(); k++) {
            float[] p = all.get(k).probabilities();
            double[] d = new double[p.length];
            for (int c = 0; c < p.length; c++) {
                d[c] = p[c];
            }
            before.add(d);
            truth[k] = all.get(k).truth();
        }
        double t = Calibration.fitTemperature(before, truth);
        List<double[]> after = before.stream().map(p -> Calibration.scale(p, t)).toList();
        o.putObject("calibration").put("method", "temperature scaling (Guo et al. 2017), fitted on the pooled"
                        + " leave-one-subject-out predictions").put("temperature", t)
                .put("eceBefore", Calibration.ece(before, truth)).put("eceAfter", Calibration.ece(after, truth))
                .put("bins", Calibration.BINS);
        JSON.writeValue(dir.resolve("metrics.json").toFile(), o);
        Charts.writePng(Calibration.diagram(before, after, truth, t), dir.resolve("reliability.png"));
        writeCsvs(dir, classes, folds, pooled, confusion);
        Charts.writePng(confusionImage(classes, confusion), dir.resolve("confusion.png"));
        Charts.writePng(foldImage(folds, classes.size()), dir.resolve("folds.png"));
        return o;
    }

    static ObjectNode scores(Metrics m) {
        return JSON.createObjectNode().put("accuracy", m.accuracy()).put("uf1", m.uf1()).put("uar", m.uar());
    }

    static int[][] confusion(int classes, List<Loso.Prediction> predictions) {
        List<int[]> pairs = new ArrayList<>();
        predictions.forEach(p -> pairs.add(new int[] {p.truth(), p.predicted()}));
        return Metrics.confusion(classes, pairs);
    }

    private static void writeCsvs(Path dir, List<String> classes, List<Loso.Fold> folds, Metrics pooled,
                                  int[][] confusion) throws IOException {
        try (CSVPrinter w = Csv.writer(dir.resolve("metrics.csv"))) {
            w.printRecord("class", "precision", "recall", "f1", "support");
            for (int c = 0; c < classes.size(); c++) {
                int support = 0;
                for (int v : confusion[c]) {
                    support += v;
                }
                w.printRecord(Csv.text(classes.get(c)), f4(pooled.precision()[c]), f4(pooled.recall()[c]),
                        f4(pooled.f1()[c]), support);
            }
            w.printRecord("pooled accuracy", f4(pooled.accuracy()), "", "", pooled.total());
            w.printRecord("pooled UF1", f4(pooled.uf1()), "", "", "");
            w.printRecord("pooled UAR", f4(pooled.uar()), "", "", "");
        }
        try (CSVPrinter w = Csv.writer(dir.resolve("predictions.csv"))) {
            List<String> header = new ArrayList<>(List.of("database", "subject", "episode", "row", "truth", "predicted"));
            classes.forEach(c -> header.add("p_" + c));
            w.printRecord(header);
            for (Loso.Fold f : folds) {
                for (Loso.Prediction p : f.predictions()) {
                    List<Object> row = new ArrayList<>(List.of(Csv.text(p.database()), Csv.text(p.subject()),
                            Csv.text(p.episode()), p.row(), Csv.text(classes.get(p.truth())),
                            Csv.text(classes.get(p.predicted()))));
                    for (float v : p.probabilities()) {
                        row.add(String.format(Locale.ROOT, "%.5f", v));
                    }
                    w.printRecord(row);
                }
            }
        }
        try (CSVPrinter w = Csv.writer(dir.resolve("folds.csv"))) {
            w.printRecord("subject", "train_clips", "test_clips", "correct", "accuracy", "uf1", "seconds");
            for (Loso.Fold f : folds) {
                Metrics m = Metrics.of(confusion(classes.size(), f.predictions()));
                w.printRecord(Csv.text(f.subject()), f.trainClips(), f.testClips(), f.correct(), f4(m.accuracy()),
                        f4(m.uf1()), String.format(Locale.ROOT, "%.1f", f.seconds()));
            }
        }
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The confusion matrix: rows the truth, columns the prediction, shaded by the row's share, counts written in. */
    static BufferedImage confusionImage(List<String> classes, int[][] m) {
        int side = Math.max(360, 140 + 70 * classes.size());
        return Charts.image(Charts.matrix("confusion (pooled over the folds)", classes, classes, m, "truth",
                "predicted"), side + 60, side);
    }

    /** Accuracy and UF1 of each fold as bars. */
    static BufferedImage foldImage(List<Loso.Fold> folds, int classes) {
        List<String> subjects = new ArrayList<>();
        double[] accuracy = new double[folds.size()];
        double[] uf1 = new double[folds.size()];
        for (int k = 0; k < folds.size(); k++) {
            Metrics m = Metrics.of(confusion(classes, folds.get(k).predictions()));
            subjects.add(folds.get(k).subject());
            accuracy[k] = m.accuracy();
            uf1[k] = m.uf1();
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("accuracy", accuracy);
        series.put("UF1", uf1);
        return Charts.image(Charts.bars("per fold (left-out subject)", subjects, series, "score", 1),
                Math.max(420, 120 + 46 * folds.size()), 340);
    }

    /** A per-variant table (markdown) of several reports, e.g. the ablations of Table IV side by side. */
    public static String compare(List<Path> reportDirs) throws IOException {
        StringBuilder b = new StringBuilder("| report | ablation | folds | pooled UF1 | pooled UAR | accuracy | per-subject UF1 |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Path d : reportDirs) {
            var j = JSON.readTree(d.resolve("metrics.json").toFile());
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %.4f | %.4f |%n", d.getFileName(),
                    j.path("ablation").asText("none"), j.get("folds").asInt(), j.get("pooled").get("uf1").asDouble(),
                    j.get("pooled").get("uar").asDouble(), j.get("pooled").get("accuracy").asDouble(),
                    j.get("perSubject").get("uf1").asDouble()));
        }
        return b.toString();
    }
}
