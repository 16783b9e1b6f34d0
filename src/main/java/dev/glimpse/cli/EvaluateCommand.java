package dev.glimpse.cli;

import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.training.Loso;
import dev.glimpse.training.Recipe;
import java.nio.file.Path;
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
        System.err.printf(Locale.ROOT, "%s: %d clips of %d subjects, %s, %s preset%s, %d epochs per fold%n", t.data.dataset,
                report.used(), report.subjects(), t.data.scheme, t.preset, t.ablation == null ? "" : " (" + t.ablation + ")", t.epochs);
        Set<Integer> only = folds == null ? null : foldNumbers(folds, Loso.foldCount(report.samples()));
        if (t.progressJson) {
            JsonProgress progress = new JsonProgress(System.out);
            try {
                Recipe.Evaluation e = recipe.evaluate(report, out, resume, only, progress);
                boolean complete = e.metrics() != null;
                progress.done(complete ? String.format(Locale.ROOT, "Evaluated, leave one subject out: %d folds, %s. Report: %s",
                        e.folds(), e.summary(), out.resolve("metrics.json"))
                        : e.finished() + " of " + e.folds() + " folds finished in " + out.resolve("folds") + ".", complete, null);
                return 0;
            } catch (java.util.concurrent.CancellationException e) {
                progress.stopped(e.getMessage());
                return 3;
            }
        }
        Recipe.Evaluation e = recipe.evaluate(report, out, resume, only, new ConsoleProgress(System.err));
        if (e.metrics() == null) {
            System.out.printf(Locale.ROOT, "%d of %d folds finished in %s; the report is written once every fold is there"
                    + " (run the others, then --resume in a folder holding every fold's file)%n", e.finished(), e.folds(),
                    out.resolve("folds"));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%d folds, %d clips: %s%n", e.finished(), e.metrics().get("clips").asInt(), e.summary());
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
