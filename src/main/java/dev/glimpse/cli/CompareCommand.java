package dev.glimpse.cli;

import dev.glimpse.training.Reports;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code glimpse compare REPORT...}: evaluations side by side (the ablations of Table IV). */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Set evaluation reports side by side.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "REPORT_DIR", arity = "1..*")
    List<Path> reports;

    @Override
    public Integer call() throws Exception {
        System.out.print(Reports.compare(reports));
        return 0;
    }
}
