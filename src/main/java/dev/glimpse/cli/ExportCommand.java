package dev.glimpse.cli;

import dev.glimpse.session.ProjectSession;
import dev.glimpse.store.EventExchange;
import dev.glimpse.store.Project;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse export --project DB [--csv FILE] [--xlsx FILE]}: a project's events as CSV or a coding sheet. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a project's events as CSV, an XLSX coding sheet and/or an ELAN file.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--project", required = true, description = "Project database.")
    Path project;

    @Option(names = "--csv", description = "CSV file to write (path,subject,onset,apex,offset,label,...).")
    Path csv;

    @Option(names = "--xlsx", description = "Coding sheet to write, laid out like CASME II's.")
    Path xlsx;

    @Option(names = "--eaf", description = "ELAN file (EAF 3.0) to write: one tier per coder, times from the clip's frames.")
    Path eaf;

    @Option(names = "--clip", description = "With --eaf: the clip (path or file name); default the only or last opened.")
    String clip;

    @Override
    public Integer call() throws Exception {
        if (csv == null && xlsx == null && eaf == null) {
            throw new Main.UserError("say where: --csv FILE, --xlsx FILE and/or --eaf FILE");
        }
        try (Project p = Project.openReadOnly(project)) {
            if (csv != null) {
                System.out.println("wrote " + EventExchange.exportCsv(p, csv) + " events to " + csv);
            }
            if (xlsx != null) {
                System.out.println("wrote " + EventExchange.exportCodingSheet(p, xlsx) + " events to " + xlsx);
            }
            if (eaf != null) {
                System.out.println("wrote " + ProjectSession.exportEaf(p, clip, eaf) + " events to " + eaf);
            }
        }
        return 0;
    }
}
