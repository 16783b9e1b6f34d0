package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.dataset.DatasetReport;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glimpse dataset}: what a reader makes of a dataset, row by row. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Read a dataset's annotations and frames, and report what would be used and what is skipped.")
final class DatasetCommand implements Callable<Integer> {
    @Mixin
    DatasetOptions data;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DatasetReport report = data.read();
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(toJson(report)));
            return 0;
        }
        System.out.printf("%s (%s): %d rows read, %d used, %d skipped, %d subjects%n", report.dataset(),
                report.scheme().name(), report.rows(), report.used(), report.skipped().size(), report.subjects());
        for (Map.Entry<String, Integer> e : report.perClass().entrySet()) {
            System.out.printf("  %-12s %d%n", e.getKey(), e.getValue());
        }
        for (DatasetReport.Skipped s : report.skipped()) {
            System.out.printf("  skipped row %d: %s%n", s.row(), s.reason());
        }
        for (String w : report.warnings()) {
            System.out.println("  note: " + w);
        }
        return 0;
    }

    static ObjectNode toJson(DatasetReport report) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("dataset", report.dataset());
        o.put("scheme", report.scheme().name());
        o.put("rows", report.rows());
        o.put("used", report.used());
        o.put("subjects", report.subjects());
        ObjectNode perClass = o.putObject("perClass");
        report.perClass().forEach(perClass::put);
        ArrayNode skipped = o.putArray("skipped");
        for (DatasetReport.Skipped s : report.skipped()) {
            skipped.addObject().put("row", s.row()).put("reason", s.reason());
        }
        ArrayNode warnings = o.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return o;
    }
}
