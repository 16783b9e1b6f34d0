package dev.glimpse.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        FrameFolders.requireFolder(root);
        Path sheetPath = sheetFile != null ? sheetFile : findSheet(root);
        List<DatasetReader.Entry> rows = new ArrayList<>();
        FrameFolders folders = new FrameFolders(root);
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
                rows.add(folders.entry(rowNumber, name(), subject, episode, root.resolve(subject).resolve(episode), label,
                        Sheets.text(row, onsetCol), Sheets.text(row, apexCol), Sheets.text(row, offsetCol), FPS, false));
            }
        }
        return new Rows(rows, List.of());
    }

    static Path findSheet(Path root) throws DatasetException {
        return Sheets.find(root, 2, n -> n.contains("samm"), "SAMM coding sheet (SAMM_Micro_FACS_Codes_v2.xlsx)");
    }
}
