package dev.glimpse.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a reader made of a dataset: the samples it will use, and every row it skipped with the reason.
 *
 * @param dataset the dataset's name
 * @param scheme the class scheme
 * @param rows annotation rows read
 * @param samples the rows used, as samples
 * @param skipped the rows left out, and why
 * @param warnings repairs and other remarks that did not cost a row
 */
public record DatasetReport(String dataset, ClassScheme scheme, int rows, List<Sample> samples, List<Skipped> skipped,
                            List<String> warnings) {

    /** A row left out: where and why. */
    public record Skipped(int row, String reason) {}

    public DatasetReport {
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    public int used() {
        return samples.size();
    }

    /** Distinct subjects among the samples used. */
    public int subjects() {
        return new TreeSet<>(samples.stream().map(Sample::subjectKey).toList()).size();
    }

    /** Samples per class, in the scheme's order (classes with none included, at 0). */
    public Map<String, Integer> perClass() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : scheme.classes()) {
            counts.put(c, 0);
        }
        for (Sample s : samples) {
            counts.merge(scheme.classes().get(s.classIndex()), 1, Integer::sum);
        }
        return counts;
    }
}
