package dev.glimpse.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A lab's own clips: {@code clips.csv} with the header {@code path,subject,onset,apex,offset,label}; each path
 * (a video file or a folder of numbered frames) relative to the CSV's folder, or absolute.
 */
public final class CsvReader implements DatasetReader {
    private static final List<String> COLUMNS = List.of("path", "subject", "onset", "apex", "offset", "label");

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public Rows rows(Path root, Path sheet) throws IOException {
        Path csv = sheet != null ? sheet : root.resolve("clips.csv");
        if (!Files.isRegularFile(csv)) {
            throw new DatasetException(csv, Files.exists(csv) ? "is not a file" : "does not exist");
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DatasetException(csv, "is empty; its first line must be " + String.join(",", COLUMNS));
        }
        List<String> header = Arrays.stream(lines.get(0).replace("\uFEFF", "").split(",", -1))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int[] col = new int[COLUMNS.size()];
        for (int k = 0; k < COLUMNS.size(); k++) {
            col[k] = header.indexOf(COLUMNS.get(k));
            if (col[k] < 0) {
                throw new DatasetException(csv, "has no column '" + COLUMNS.get(k) + "'; its first line must be "
                        + String.join(",", COLUMNS));
            }
        }
        Path base = csv.toAbsolutePath().getParent();
        FrameFolders folders = new FrameFolders();
        List<DatasetReader.Entry> rows = new ArrayList<>();
        for (int line = 1; line < lines.size(); line++) {
            int rowNumber = line + 1;
            if (lines.get(line).isBlank()) {
                continue;
            }
            String[] cells = lines.get(line).split(",", -1);
            if (cells.length < header.size()) {
                rows.add(DatasetReader.Entry.refused(rowNumber, "has " + cells.length + " cells, the header " + header.size()));
                continue;
            }
            String path = cells[col[0]].trim();
            String subject = cells[col[1]].trim();
            String label = cells[col[5]].trim().toLowerCase(Locale.ROOT);
            Annotation a;
            try {
                a = Annotation.of(cells[col[2]], cells[col[3]], cells[col[4]]);
            } catch (Annotation.Refused e) {
                rows.add(DatasetReader.Entry.refused(rowNumber, e.getMessage()));
                continue;
            }
            Path clip = base.resolve(path).normalize();
            if (Files.isDirectory(clip)) {
                String missing = folders.missing(clip, a.onset(), a.apex(), a.offset());
                if (missing != null) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, missing));
                    continue;
                }
            } else if (!Files.isRegularFile(clip)) {
                rows.add(DatasetReader.Entry.refused(rowNumber, "clip not found: " + clip));
                continue;
            }
            if (subject.isEmpty() || label.isEmpty()) {
                rows.add(DatasetReader.Entry.refused(rowNumber, "no subject or no label"));
                continue;
            }
            rows.add(DatasetReader.Entry.of(rowNumber, new Sample(name(), subject, path, clip, a.onset(), a.apex(),
                    a.offset(), label, -1, 30, false, rowNumber, a.notes())));
        }
        return new Rows(rows, List.of());
    }
}
