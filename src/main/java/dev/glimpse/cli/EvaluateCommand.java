package dev.glimpse.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.model.AtmGcnConfig;
import dev.glimpse.training.Loso;
import dev.glimpse.training.Recipe;
import dev.glimpse.training.Reports;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glimpse evaluate}: leave-one-subject-out evaluation and its report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Leave-one-subject-out evaluation: metrics.json, CSVs and plots in --out.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions t;

    @Option(names = "--out", required = true, description = "Report folder.")
    Path out;

    @Option(names = "--resume", description = "Keep the folds already finished in --out and run the others"
            + " (an interrupted fold continues from its last epoch).")
    boolean resume;

    @Option(names = "--folds", paramLabel = "LIST", description = "Run only these folds, numbered from 1 in subject order"
            + " (e.g. 1-4,7), to share a long evaluation between machines: put every fold's folds/*.json and run.json"
            + " into one report folder and run with --resume there to write the report.")
    String folds;

    @Override
    public Integer call() throws Exception {
        Recipe recipe = t.recipe();
        DatasetReport report = recipe.read();
        if (report.subjects() < 2) {
            throw new Main.UserError(t.data.root + ": leave-one-subject-out needs at least two subjects, found " + report.subjects());
        }
        AtmGcnConfig config = recipe.config(report.scheme().classes().size());
        System.err.printf(Locale.ROOT, "%s: %d clips of %d subjects, %s, %s preset%s, %d epochs per fold%n", t.data.dataset,
                report.used(), report.subjects(), t.data.scheme, t.preset, t.ablation == null ? "" : " (" + t.ablation + ")", t.epochs);
        int total = Loso.foldCount(report.samples());
        Set<Integer> only = folds == null ? null : foldNumbers(folds, total);
        List<Loso.Fold> finished = Loso.run(report.samples(), config, recipe.options(), recipe.prepared(config), out, resume, only,
                new ConsoleProgress(System.err));
        if (finished.size() < total) {
            System.out.printf(Locale.ROOT, "%d of %d folds finished in %s; the report is written once every fold is there"
                    + " (run the others, then --resume in a folder holding every fold's file)%n", finished.size(), total,
                    out.resolve("folds"));
            return 0;
        }
        ObjectNode metrics = Reports.write(out, report.scheme().classes(), finished, recipe.info(report));
        System.out.printf(Locale.ROOT, "%d folds, %d clips: pooled UF1 %.4f, UAR %.4f, accuracy %.4f; per-subject UF1 %.4f%n",
                finished.size(), metrics.get("clips").asInt(), metrics.get("pooled").get("uf1").asDouble(),
                metrics.get("pooled").get("uar").asDouble(), metrics.get("pooled").get("accuracy").asDouble(),
                metrics.get("perSubject").get("uf1").asDouble());
        System.out.println("report: " + out.resolve("metrics.json"));
        return 0;
    }

    /** "1-4,7" as fold numbers, each within 1..total. */
    static Set<Integer> foldNumbers(String list, int total) {
        Set<Integer> numbers = new TreeSet<>();
        for (String part : list.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
                if (from < 1 || to > total || from > to) {
                    throw new Main.UserError("--folds " + list + ": '" + p + "' is not within the " + total
                            + " folds (numbered 1 to " + total + ")");
                }
                for (int k = from; k <= to; k++) {
                    numbers.add(k);
                }
            } catch (NumberFormatException e) {
                throw new Main.UserError("--folds " + list + ": '" + p + "' is not a fold number or a range such as 1-4");
            }
        }
        return numbers;
    }
}
