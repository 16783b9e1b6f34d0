package dev.glimpse.analysis;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link PrecisionTest}: analyses every row of a {@code clips.csv} (path, subject, onset, apex,
 * offset, label) with the bundled weights and prints one line per clip: {@code path precision predicted p1 p2 ...}.
 */
public final class PrecisionProbe {
    private PrecisionProbe() {}

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        List<String> rows = Files.readAllLines(csv);
        try (Analyzer analyzer = Analyzer.load(Weights.open(null), "cpu", null)) {
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",");
                try (ClipSource clip = ClipSources.open(csv.resolveSibling(f[0]))) {
                    Analysis a = analyzer.analyze(clip, Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]), null, Analyzer.Progress.NONE);
                    StringBuilder line = new StringBuilder(f[0]).append(' ').append(a.precision()).append(' ')
                            .append(a.predicted());
                    a.probabilities().forEach(p -> line.append(' ').append(p));
                    System.out.println(line);
                }
            }
        }
    }
}
