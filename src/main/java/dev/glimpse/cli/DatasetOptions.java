package dev.glimpse.cli;

import dev.glimpse.dataset.ClassScheme;
import dev.glimpse.dataset.DatasetReader;
import dev.glimpse.dataset.DatasetReport;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which dataset, where, and under which class scheme: the options dataset, train and evaluate share. */
final class DatasetOptions {
    @Option(names = "--dataset", required = true, description = "casme2, samm, smic, megc, casme3 or csv.")
    String dataset;

    @Option(names = "--root", required = true, description = "The dataset's folder.")
    Path root;

    @Option(names = "--sheet", description = "The annotation file (default: looked for under the root).")
    Path sheet;

    @Option(names = "--scheme", required = true,
            description = "Class scheme: casme2-5, casme2-3, samm-5, samm-3, megc-3, casme3-7 or casme3-4.")
    String scheme;

    DatasetReport read() throws IOException {
        return DatasetReader.named(dataset).read(root, sheet, ClassScheme.named(scheme));
    }
}
