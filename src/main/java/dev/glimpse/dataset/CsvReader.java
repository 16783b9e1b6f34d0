package dev.glimpse.dataset;

import dev.glimpse.io.Csv;
import dev.glimpse.io.FilePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;

/**
 * A lab's own clips: {@code clips.csv} with the header {@code path,subject,onset,apex,offset,label}; each path
 * (a video file or a folder of numbered frames) relative to the CSV's folder (never leading out of it), or
 * absolute. Read as RFC 4180 CSV: quoted cells may hold commas, quotes and line breaks.
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
            throw new DatasetException(csv, Files.exists(csv) ? "is not a file" : FilePaths.missing(csv));
        }
        List<CSVRecord> lines;
        try {
            lines = Csv.read(csv);
        } catch (java.io.UncheckedIOException | IllegalStateException e) { // Commons CSV: an unclosed quote, say
            throw new DatasetException(csv, "is not a readable CSV file (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw new DatasetException(csv, "is empty; its first line must be " + String.join(",", COLUMNS));
        }
        List<String> header = lines.get(0).stream().map(h -> h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
        int[] col = new int[COLUMNS.size()];
        for (int k = 0; k < COLUMNS.size(); k++) {
            col[k] = header.indexOf(COLUMNS.get(k));
            if (col[k] < 0) {
                throw new DatasetException(csv, "has no column '" + COLUMNS.get(k) + "'; its first line must be "
                        + String.join(",", COLUMNS));
            }
        }
        Path base = csv.toAbsolutePath().getParent();
        FrameFolders folders = new FrameFolders(base);
        List<DatasetReader.Entry> rows = new ArrayList<>();
        for (CSVRecord record : lines.subList(1, lines.size())) {
            int rowNumber = (int) record.getRecordNumber(); // the header is record 1, as a spreadsheet numbers rows
            List<String> cells = record.stream().map(Csv::untext).toList();
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            if (cells.size() < header.size()) {
                rows.add(DatasetReader.Entry.refused(rowNumber, "has " + cells.size() + " cells, the header " + header.size()));
                continue;
            }
            String path = cells.get(col[0]).trim();
            String subject = cells.get(col[1]).trim();
            String label = cells.get(col[5]).trim().toLowerCase(Locale.ROOT);
            Annotation a;
            try {
                a = Annotation.of(cells.get(col[2]), cells.get(col[3]), cells.get(col[4]));
            } catch (Annotation.Refused e) {
                rows.add(DatasetReader.Entry.refused(rowNumber, e.getMessage()));
                continue;
            }
            Path clip = base.resolve(path).normalize();
            String outside = Path.of(path).isAbsolute() ? null : folders.outsideRoot(clip, path); // absolute: the lab's choice
            if (outside != null) {
                rows.add(DatasetReader.Entry.refused(rowNumber, outside));
                continue;
            }
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
