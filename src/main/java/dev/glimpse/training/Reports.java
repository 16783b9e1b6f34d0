package dev.glimpse.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.analysis.Calibration;
import dev.glimpse.io.Csv;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
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
        ImageIO.write(Calibration.diagram(before, after, truth, t), "png", dir.resolve("reliability.png").toFile());
        writeCsvs(dir, classes, folds, pooled, confusion);
        ImageIO.write(confusionImage(classes, confusion), "png", dir.resolve("confusion.png").toFile());
        ImageIO.write(foldImage(folds, classes.size()), "png", dir.resolve("folds.png").toFile());
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

    /** The confusion matrix as a grid: rows truth, columns prediction, shaded by row share, counts written in. */
    static BufferedImage confusionImage(List<String> classes, int[][] m) {
        int n = classes.size();
        int cell = 70;
        int left = 110;
        int top = 60;
        BufferedImage img = new BufferedImage(left + n * cell + 20, top + n * cell + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.drawString("truth (rows) x predicted (columns)", 10, 20);
        for (int r = 0; r < n; r++) {
            int total = 0;
            for (int v : m[r]) {
                total += v;
            }
            g.setColor(Color.BLACK);
            g.drawString(classes.get(r), 10, top + r * cell + cell / 2 + 5);
            g.drawString(classes.get(r), left + r * cell + 5, top - 8);
            for (int c = 0; c < n; c++) {
                double share = total == 0 ? 0 : m[r][c] / (double) total;
                g.setColor(new Color((int) (255 - 200 * share), (int) (255 - 120 * share), 255));
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                g.setColor(Color.GRAY);
                g.drawRect(left + c * cell, top + r * cell, cell, cell);
                g.setColor(Color.BLACK);
                g.drawString(Integer.toString(m[r][c]), left + c * cell + cell / 2 - 8, top + r * cell + cell / 2 + 5);
            }
        }
        g.dispose();
        return img;
    }

    /** Accuracy and UF1 of each fold as bars. */
    static BufferedImage foldImage(List<Loso.Fold> folds, int classes) {
        int bar = 28;
        int height = 220;
        BufferedImage img = new BufferedImage(Math.max(300, 60 + folds.size() * (bar + 10)), height + 90,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.drawString("per-fold accuracy (blue) and UF1 (orange)", 10, 20);
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(40, 40, 40, 40 + height);
        g.drawLine(40, 40 + height, img.getWidth() - 10, 40 + height);
        for (int k = 0; k < folds.size(); k++) {
            Metrics m = Metrics.of(confusion(classes, folds.get(k).predictions()));
            int x = 50 + k * (bar + 10);
            int ha = (int) Math.round(height * m.accuracy());
            int hu = (int) Math.round(height * m.uf1());
            g.setColor(new Color(70, 110, 200));
            g.fillRect(x, 40 + height - ha, bar / 2, ha);
            g.setColor(new Color(240, 150, 40));
            g.fillRect(x + bar / 2, 40 + height - hu, bar / 2, hu);
            g.setColor(Color.BLACK);
            String label = folds.get(k).subject();
            g.drawString(label.substring(Math.max(0, label.length() - 4)), x, 55 + height);
        }
        g.dispose();
        return img;
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
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
