package dev.glimpse.cli;

import dev.glimpse.session.ProjectSession;
import dev.glimpse.store.Project;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse report --project P.glimpse [--clip CLIP] --out REPORT.pdf [--no-stills] [--annotator NAME]}: a session
 * report a therapist can file (docs/reports.md).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a session report (PDF): the clip, its events and the model's readings.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--project", required = true, description = "Project database.")
    Path project;

    @Option(names = "--clip", description = "The clip (path or file name); default: the project's only or last opened clip.")
    String clip;

    @Option(names = "--out", required = true, description = "The PDF to write.")
    Path out;

    @Option(names = "--no-stills", description = "No frames of the face in the report.")
    boolean noStills;

    @Option(names = "--annotator", description = "Only this coder's events.")
    String annotator;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        int pages;
        try (Project p = Project.openReadOnly(project)) {
            pages = ProjectSession.report(p, clip, out, !noStills, annotator);
        }
        System.out.println("wrote " + out + ": " + pages + " pages in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return 0;
    }
}
