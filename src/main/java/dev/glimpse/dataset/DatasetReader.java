package dev.glimpse.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one dataset's annotations as researchers have them and finds each clip's frames. Rows are read
 * without a class; {@link #read} then applies a class scheme, leaving out the labels it does not use.
 */
public interface DatasetReader {

    /** One annotation row: the sample it makes (class not yet set), or why it cannot be used. */
    record Entry(int row, Sample sample, String refused) {
        static Entry of(int row, Sample sample) {
            return new Entry(row, sample, null);
        }

        static Entry refused(int row, String reason) {
            return new Entry(row, null, reason);
        }
    }

    /** Rows read, in order, plus remarks about the whole dataset. */
    record Rows(List<Entry> entries, List<String> warnings) {}

    /** The dataset's name as the command line writes it. */
    String name();

    /**
     * @param root the dataset's folder
     * @param sheet the annotation file, or null to look for it under {@code root}
     */
    Rows rows(Path root, Path sheet) throws IOException;

    /** The rows with {@code scheme} applied: what is used, what is left out and why. */
    default DatasetReport read(Path root, Path sheet, ClassScheme scheme) throws IOException {
        Rows rows = rows(root, sheet);
        List<Sample> used = new ArrayList<>();
        List<DatasetReport.Skipped> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>(rows.warnings());
        for (Entry r : rows.entries()) {
            if (r.sample() == null) {
                skipped.add(new DatasetReport.Skipped(r.row(), r.refused()));
                continue;
            }
            Sample s = r.sample();
            Optional<String> c = scheme.classOf(s.label());
            if (c.isEmpty()) {
                skipped.add(new DatasetReport.Skipped(r.row(), "label '" + s.label() + "' is not a class of " + scheme.name()));
                continue;
            }
            used.add(withClass(s, scheme.indexOf(c.get())));
            for (String note : s.notes()) {
                warnings.add("row " + r.row() + " (" + s.subject() + "/" + s.episode() + "): " + note);
            }
        }
        return new DatasetReport(name(), scheme, rows.entries().size(), used, skipped, warnings);
    }

    static Sample withClass(Sample s, int classIndex) {
        return new Sample(s.database(), s.subject(), s.episode(), s.clip(), s.onset(), s.apex(), s.offset(), s.label(),
                classIndex, s.fps(), s.cropped(), s.row(), s.notes());
    }

    /** The readers' names, as {@link #named} takes them. */
    List<String> NAMES = List.of("casme2", "samm", "smic", "megc", "casme3", "csv");

    /** The reader for a dataset name: casme2, samm, smic, megc, casme3 or csv. */
    static DatasetReader named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "casme2" -> new Casme2Reader();
            case "samm" -> new SammReader();
            case "smic" -> new SmicReader();
            case "megc" -> new CompositeReader();
            case "casme3" -> new Casme3Reader();
            case "csv" -> new CsvReader();
            default -> throw new IllegalArgumentException("unknown dataset '" + name
                    + "'; use casme2, samm, smic, megc, casme3 or csv");
        };
    }
}
