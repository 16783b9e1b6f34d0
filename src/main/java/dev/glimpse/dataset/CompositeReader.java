package dev.glimpse.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MEGC2019 Composite (3 classes, 442 clips, 68 subjects), from the official list (bundled; no header,
 * {@code db,subject,video,label} with 0 negative, 1 positive, 2 surprise), over the CASME II, SAMM and SMIC
 * folders under the root ({@code CASME2}, {@code SAMM}, {@code SMIC}, found without regard to case). The
 * list decides which clips and which labels; the datasets' own annotations give the frames.
 */
public final class CompositeReader implements DatasetReader {
    static final String LIST = "/dev/glimpse/dataset/megc2019-combined_3class_gt.csv";
    private static final String[] LABELS = {"negative", "positive", "surprise"};

    @Override
    public String name() {
        return "megc";
    }

    @Override
    public Rows rows(Path root, Path list) throws IOException {
        FrameFolders.requireFolder(root);
        List<String> lines = list != null ? Files.readAllLines(list, StandardCharsets.UTF_8) : bundledList();
        List<String> warnings = new ArrayList<>();
        Map<String, Map<String, Sample>> byDatabase = new HashMap<>();
        Map<String, String> unavailable = new HashMap<>();
        for (String db : List.of("casme2", "samm", "smic")) {
            Path dir = databaseFolder(root, db);
            if (dir == null) {
                unavailable.put(db, "no " + db.toUpperCase(Locale.ROOT) + " folder under " + root);
                continue;
            }
            try {
                Map<String, Sample> samples = new HashMap<>();
                for (DatasetReader.Entry e : DatasetReader.named(db).rows(dir, null).entries()) {
                    if (e.sample() != null) {
                        samples.put(key(db, e.sample().subject(), e.sample().episode()), e.sample());
                    }
                }
                byDatabase.put(db, samples);
            } catch (DatasetException e) {
                unavailable.put(db, e.getMessage());
            }
        }
        unavailable.values().forEach(warnings::add);
        List<DatasetReader.Entry> rows = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            int line = k + 1;
            String text = lines.get(k).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] cells = text.split(",");
            if (cells.length != 4) {
                rows.add(DatasetReader.Entry.refused(line, "not db,subject,video,label: '" + text + "'"));
                continue;
            }
            String db = cells[0].trim().toLowerCase(Locale.ROOT);
            Integer label = Annotation.number(cells[3]);
            if (label == null || label > 2) {
                rows.add(DatasetReader.Entry.refused(line, "label '" + cells[3] + "' is not 0, 1 or 2"));
                continue;
            }
            if (!List.of("casme2", "samm", "smic").contains(db)) {
                rows.add(DatasetReader.Entry.refused(line, "unknown database '" + cells[0] + "'"));
                continue;
            }
            if (unavailable.containsKey(db)) {
                rows.add(DatasetReader.Entry.refused(line, unavailable.get(db)));
                continue;
            }
            String subject = normaliseSubject(db, cells[1].trim());
            Sample s = byDatabase.get(db).get(key(db, subject, cells[2].trim()));
            if (s == null) {
                rows.add(DatasetReader.Entry.refused(line, "no usable " + db + " clip " + cells[1].trim() + "/" + cells[2].trim()));
                continue;
            }
            rows.add(DatasetReader.Entry.of(line, new Sample(db, s.subject(), s.episode(), s.clip(), s.onset(), s.apex(),
                    s.offset(), LABELS[label], -1, s.fps(), s.cropped(), line, s.notes())));
        }
        return new Rows(rows, warnings);
    }

    static List<String> bundledList() throws IOException {
        try (InputStream in = CompositeReader.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IOException("the MEGC2019 list is missing from this build (" + LIST + ")");
            }
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R"));
        }
    }

    /** The list writes sub01 / 6 / s01; the readers normalise to 01 / 006 / s01. */
    static String normaliseSubject(String db, String subject) {
        String digits = subject.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return subject;
        }
        int n = Integer.parseInt(digits);
        return switch (db) {
            case "casme2" -> String.format(Locale.ROOT, "%02d", n);
            case "samm" -> String.format(Locale.ROOT, "%03d", n);
            default -> String.format(Locale.ROOT, "s%02d", n);
        };
    }

    /** SMIC's list writes s01_ne_01 where the disk has s1_ne_01: compare episode names without leading zeros. */
    private static String key(String db, String subject, String episode) {
        String e = episode.toLowerCase(Locale.ROOT);
        if (db.equals("smic")) {
            e = e.replaceAll("^s0*(\\d+)", "s$1");
        }
        return subject + "/" + e;
    }

    private static Path databaseFolder(Path root, String db) throws IOException {
        List<String> names = switch (db) {
            case "casme2" -> List.of("casme2", "casme ii", "casme_ii", "casmeii", "casme2_raw_selected");
            case "samm" -> List.of("samm");
            default -> List.of("smic", "smic-hs", "smic_hs", "smic-e");
        };
        try (var children = Files.list(root)) {
            for (Path p : children.toList()) {
                if (Files.isDirectory(p) && names.contains(p.getFileName().toString().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        return null;
    }
}
