package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.agreement.Agreement;
import dev.glimpse.agreement.AgreementReports;
import dev.glimpse.agreement.Statistic;
import dev.glimpse.session.ProjectSession;
import dev.glimpse.store.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse agreement --project P.glimpse [--annotators A,B,...] [--clip CLIP] [--json]}: how the coders of a
 * project agree (docs/agreement.md). With {@code --json}, one object: {@code annotators, clips, pairs [{a, b, eventsA,
 * eventsB, matched, onlyA, onlyB, eventF1, onset: {meanAbsFrames, medianAbsFrames, meanAbsMillis, icc, n}, apex, offset,
 * labelKappa, auReliability}], overall: {fleissKappa, krippendorffAlpha, n}}}; a value that is undefined is null, with
 * the reason beside it ({@code ...Note}).
 */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = "How the coders of a project agree: events matched by IoU, frames, labels and action units.")
final class AgreementCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--project", required = true, description = "Project database.")
    Path project;

    @Option(names = "--annotators", split = ",", description = "The coders to compare (default: all but 'consensus').")
    List<String> annotators = List.of();

    @Option(names = "--clip", description = "Only this clip (its path or file name).")
    String clip;

    @Option(names = "--au-strict", description = "Action units must agree in side and intensity too.")
    boolean auStrict;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--csv", description = "Also write the matched events and their differences as CSV.")
    Path csv;

    @Option(names = "--plots", description = "Also write the Bland-Altman and label confusion plots (PNG) into this folder.")
    Path plots;

    @Override
    public Integer call() throws Exception {
        Agreement.Report r;
        try (Project p = Project.openReadOnly(project)) {
            r = ProjectSession.agreement(p, annotators, clip, auStrict);
        }
        if (r.annotators().size() < 2) {
            System.err.println(project + ": " + (r.annotators().isEmpty() ? "no coder" : "one coder only ("
                    + r.annotators().get(0) + ")") + ": there is nothing to agree with");
        }
        if (csv != null) {
            AgreementReports.writeCsv(r, csv);
        }
        if (plots != null) {
            AgreementReports.writePlots(r, plots).forEach(f -> System.err.println("wrote " + f));
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(toJson(r)));
        } else {
            System.out.print(AgreementReports.text(r));
        }
        return 0;
    }

    static ObjectNode toJson(Agreement.Report r) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode who = o.putArray("annotators");
        r.annotators().forEach(who::add);
        o.put("clips", r.clips());
        ArrayNode pairs = o.putArray("pairs");
        for (Agreement.Pair p : r.pairs()) {
            ObjectNode q = pairs.addObject();
            q.put("a", p.a());
            q.put("b", p.b());
            q.put("eventsA", p.eventsA());
            q.put("eventsB", p.eventsB());
            q.put("matched", p.matched());
            q.put("onlyA", p.onlyA());
            q.put("onlyB", p.onlyB());
            q.put("eventF1", p.eventF1());
            frames(q.putObject("onset"), p.onset());
            frames(q.putObject("apex"), p.apex());
            frames(q.putObject("offset"), p.offset());
            statistic(q, "labelKappa", p.labelKappa());
            statistic(q, "auReliability", p.auReliability());
        }
        ObjectNode overall = o.putObject("overall");
        statistic(overall, "fleissKappa", r.fleissKappa());
        statistic(overall, "krippendorffAlpha", r.krippendorffAlpha());
        overall.put("n", r.krippendorffAlpha().n());
        return o;
    }

    private static void frames(ObjectNode o, Agreement.FrameAgreement f) {
        o.put("meanAbsFrames", f.meanAbsFrames());
        o.put("medianAbsFrames", f.medianAbsFrames());
        o.put("meanAbsMillis", f.meanAbsMillis());
        o.put("medianAbsMillis", f.medianAbsMillis());
        o.put("icc", f.icc().value());
        o.put("n", f.n());
        if (f.icc().note() != null) {
            o.put("iccNote", f.icc().note());
        }
    }

    /** {@code name}: the value or null; {@code nameN}, {@code nameRaw} and {@code nameNote} beside it. */
    private static void statistic(ObjectNode o, String name, Statistic s) {
        o.put(name, s.value());
        o.put(name + "N", s.n());
        if (s.raw() != null) {
            o.put(name + "Raw", s.raw());
        }
        if (s.note() != null) {
            o.put(name + "Note", s.note());
        }
    }
}
