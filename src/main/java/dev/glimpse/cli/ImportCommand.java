package dev.glimpse.cli;

import dev.glimpse.session.ProjectSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glimpse import --project P.glimpse FILE.csv|FILE.xlsx --clip CLIP --annotator NAME}: one clip's events from
 * the CSV {@code export} writes or a CASME II-style coding sheet, for a named coder. Creates the project when it does
 * not exist; a failed import leaves no project behind and changes none.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a clip's events from a CSV (the export layout), an XLSX coding sheet or an ELAN file, for a named coder.")
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--project", required = true, description = "Project database (created when missing).")
    Path project;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV, XLSX or EAF file of events.")
    Path file;

    @Option(names = "--clip", required = true, description = "The video or frame folder the events belong to.")
    Path clip;

    @Option(names = "--annotator", description = "The coder of rows that name none (a coding sheet names none); for an"
            + " ELAN file, the coder of every event read (default: each tier's name).")
    String annotator;

    @Option(names = "--tier", description = "For an ELAN file: a tier to read (repeatable; default every top-level tier).")
    java.util.List<String> tiers = java.util.List.of();

    @Override
    public Integer call() throws Exception {
        if (annotator != null && (annotator.isBlank() || annotator.length() > 200)) {
            throw new Main.UserError("--annotator: a name of 1 to 200 characters");
        }
        boolean created = !Files.exists(project);
        boolean done = false;
        try (ProjectSession session = ProjectSession.open(project)) {
            boolean elan = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eaf");
            ProjectSession.Imported r = elan ? session.importEaf(file, clip, tiers, annotator)
                    : session.importEvents(file, clip, annotator);
            r.skipped().forEach(s -> System.err.println(file + ": skipped " + s));
            if (r.added() + r.alreadyHere() == 0 && !r.skipped().isEmpty()) {
                throw new Main.UserError(file + ": no row could be imported (" + r.skipped().size() + " skipped, above)");
            }
            System.out.println("imported " + r.added() + " events into " + project + " for " + r.clip().path()
                    + (r.alreadyHere() > 0 ? " (" + r.alreadyHere() + " were there already)" : "")
                    + (r.skipped().isEmpty() ? "" : "; " + r.skipped().size() + " rows skipped"));
            done = true;
        } finally {
            if (created && !done) { // nothing was imported: the project this command made goes again
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                    Files.deleteIfExists(Path.of(project + suffix));
                }
            }
        }
        return 0;
    }
}
