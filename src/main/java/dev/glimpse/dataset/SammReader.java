package dev.glimpse.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * SAMM (200 fps, greyscale): {@code SAMM_Micro_FACS_Codes_v2.xlsx}, sheet {@code MICRO_ONLY}, whose header
 * may follow a 13-row title block; frames at {@code 006/006_1_2/006_05562.jpg}.
 */
public final class SammReader implements DatasetReader {
    static final double FPS = 200;

    @Override
    public String name() {
        return "samm";
    }

    @Override
    public Rows rows(Path root, Path sheetFile) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root, Files.exists(root) ? "is not a folder" : "does not exist");
        }
        Path sheetPath = sheetFile != null ? sheetFile : findSheet(root);
        List<DatasetReader.Entry> rows = new ArrayList<>();
        FrameFolders folders = new FrameFolders();
        try (Workbook book = Sheets.open(sheetPath)) {
            Sheet sheet = Sheets.sheet(book, sheetPath, "MICRO_ONLY", true);
            Row header = Sheets.headerRow(sheet, sheetPath, "Subject");
            Map<String, Integer> cols = Sheets.columns(header);
            int subjectCol = Sheets.column(cols, sheetPath, "Subject");
            int fileCol = Sheets.column(cols, sheetPath, "Filename");
            int onsetCol = Sheets.column(cols, sheetPath, "Onset Frame", "OnsetFrame", "Onset");
            int apexCol = Sheets.column(cols, sheetPath, "Apex Frame", "ApexFrame", "Apex");
            int offsetCol = Sheets.column(cols, sheetPath, "Offset Frame", "OffsetFrame", "Offset");
            int emotionCol = Sheets.column(cols, sheetPath, "Estimated Emotion", "Emotion");
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (Sheets.blank(row)) {
                    continue;
                }
                int rowNumber = r + 1;
                Integer subjectNumber = Annotation.number(Sheets.text(row, subjectCol));
                if (subjectNumber == null) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, "subject '" + Sheets.text(row, subjectCol)
                            + "' is not a subject number"));
                    continue;
                }
                String subject = String.format(Locale.ROOT, "%03d", subjectNumber);
                String episode = Sheets.text(row, fileCol);
                String label = Sheets.text(row, emotionCol).toLowerCase(Locale.ROOT);
                if (episode.isEmpty() || label.isEmpty()) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, "no filename or no emotion"));
                    continue;
                }
                Annotation a;
                try {
                    a = Annotation.of(Sheets.text(row, onsetCol), Sheets.text(row, apexCol), Sheets.text(row, offsetCol));
                } catch (Annotation.Refused e) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, e.getMessage()));
                    continue;
                }
                Path clip = root.resolve(subject).resolve(episode);
                String missing = folders.missing(clip, a.onset(), a.apex(), a.offset());
                if (missing != null) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, missing));
                    continue;
                }
                rows.add(DatasetReader.Entry.of(rowNumber, new Sample(name(), subject, episode, clip, a.onset(), a.apex(),
                        a.offset(), label, -1, FPS, false, rowNumber, a.notes())));
            }
        }
        return new Rows(rows, List.of());
    }

    static Path findSheet(Path root) throws DatasetException {
        try (Stream<Path> files = Files.walk(root, 2, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".xlsx") && n.contains("samm");
            }).sorted().findFirst().orElseThrow(() -> new DatasetException(root,
                    "holds no SAMM coding sheet (SAMM_Micro_FACS_Codes_v2.xlsx); name one with --sheet"));
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(root, "cannot be searched: " + e.getMessage());
        }
    }
}
