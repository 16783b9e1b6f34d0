package dev.glimpse.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.model.AtmGcnConfig;
import dev.glimpse.training.Loso;
import dev.glimpse.training.Reports;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--resume", description = "Continue an interrupted evaluation at its next unfinished fold.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        DatasetReport report = t.read();
        if (report.subjects() < 2) {
            throw new Main.UserError(t.data.root + ": leave-one-subject-out needs at least two subjects, found " + report.subjects());
        }
        AtmGcnConfig config = t.config(report.scheme().classes().size());
        System.err.printf(Locale.ROOT, "%s: %d clips of %d subjects, %s, %s preset%s, %d epochs per fold%n", t.data.dataset,
                report.used(), report.subjects(), t.data.scheme, t.preset, t.ablation == null ? "" : " (" + t.ablation + ")", t.epochs);
        List<Loso.Fold> folds = Loso.run(report.samples(), config, t.options(), t.prepared(config), out, resume,
                new ConsoleProgress(System.err));
        ObjectNode metrics = Reports.write(out, report.scheme().classes(), folds, t.info(report));
        System.out.printf(Locale.ROOT, "%d folds, %d clips: pooled UF1 %.4f, UAR %.4f, accuracy %.4f; per-subject UF1 %.4f%n",
                folds.size(), metrics.get("clips").asInt(), metrics.get("pooled").get("uf1").asDouble(),
                metrics.get("pooled").get("uar").asDouble(), metrics.get("pooled").get("accuracy").asDouble(),
                metrics.get("perSubject").get("uf1").asDouble());
        System.out.println("report: " + out.resolve("metrics.json"));
        return 0;
    }
}
