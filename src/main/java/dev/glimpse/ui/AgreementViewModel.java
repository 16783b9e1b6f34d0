package dev.glimpse.ui;

import dev.glimpse.agreement.Agreement;
import dev.glimpse.agreement.AgreementReports;
import dev.glimpse.session.ProjectSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Coders > Agreement: the project's agreement report (the numbers of {@code glimpse agreement}, each with its
 * one-line explanation) and saving it as CSV and plots; testable without a window.
 */
public final class AgreementViewModel {
    private final ProjectSession session;
    private Agreement.Report report;

    public AgreementViewModel(ProjectSession session) {
        this.session = session;
    }

    /** Computes the report again (after more coding or a merge) and returns it as text. */
    public String refresh() throws IOException {
        report = session.agreement(List.of(), null, false);
        String text = AgreementReports.text(report);
        if (report.annotators().size() < 2) {
            text = (report.annotators().isEmpty() ? "No events coded yet." : "Only " + report.annotators().get(0)
                    + " has coded: agreement needs a second coder (File > Merge coder's project... brings one in).")
                    + "\n\n" + text;
        }
        return text;
    }

    public Agreement.Report report() {
        return report;
    }

    /** Writes {@code agreement.csv} and the plots into {@code folder}; returns the files written. */
    public List<Path> save(Path folder) throws IOException {
        if (report == null) {
            refresh();
        }
        java.nio.file.Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        Path csv = folder.resolve("agreement.csv");
        AgreementReports.writeCsv(report, csv);
        written.add(csv);
        written.addAll(AgreementReports.writePlots(report, folder));
        return written;
    }
}
