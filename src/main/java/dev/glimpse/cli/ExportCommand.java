package dev.glimpse.cli;

import dev.glimpse.store.EventExchange;
import dev.glimpse.store.Project;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse export --project DB [--csv FILE] [--xlsx FILE]}: a project's events as CSV or a coding sheet. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a project's events as CSV and/or an XLSX coding sheet.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--project", required = true, description = "Project database.")
    Path project;

    @Option(names = "--csv", description = "CSV file to write (path,subject,onset,apex,offset,label,...).")
    Path csv;

    @Option(names = "--xlsx", description = "Coding sheet to write, laid out like CASME II's.")
    Path xlsx;

    @Override
    public Integer call() throws Exception {
        if (csv == null && xlsx == null) {
            throw new Main.UserError("say where: --csv FILE and/or --xlsx FILE");
        }
        try (Project p = Project.openReadOnly(project)) {
            if (csv != null) {
                System.out.println("wrote " + EventExchange.exportCsv(p, csv) + " events to " + csv);
            }
            if (xlsx != null) {
                System.out.println("wrote " + EventExchange.exportCodingSheet(p, xlsx) + " events to " + xlsx);
            }
        }
        return 0;
    }
}
