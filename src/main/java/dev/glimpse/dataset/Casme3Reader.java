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
 * CAS(ME)3 Part A (30 fps): {@code cas(me)3_part_A_ME_label_JpgIndex_v2.xlsx}, sheet {@code label} (selected
 * by name), every cell text; frames at {@code spNO.138/a/color/1294.jpg}. A video holds several
 * micro-expressions, so a sample is (Subject, Filename, Onset).
 */
public final class Casme3Reader implements DatasetReader {
    static final double FPS = 30;

    @Override
    public String name() {
        return "casme3";
    }

    @Override
    public Rows rows(Path root, Path sheetFile) throws IOException {
        FrameFolders.requireFolder(root);
        Path sheetPath = sheetFile != null ? sheetFile : findSheet(root);
        List<DatasetReader.Entry> rows = new ArrayList<>();
        FrameFolders folders = new FrameFolders(root);
        try (Workbook book = Sheets.open(sheetPath)) {
            Sheet sheet = Sheets.sheet(book, sheetPath, "label", false);
            Row header = Sheets.headerRow(sheet, sheetPath, "Subject");
            Map<String, Integer> cols = Sheets.columns(header);
            int subjectCol = Sheets.column(cols, sheetPath, "Subject");
            int fileCol = Sheets.column(cols, sheetPath, "Filename");
            int onsetCol = Sheets.column(cols, sheetPath, "Onset");
            int apexCol = Sheets.column(cols, sheetPath, "Apex");
            int offsetCol = Sheets.column(cols, sheetPath, "Offset");
            int emotionCol = Sheets.column(cols, sheetPath, "emotion");
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (Sheets.blank(row)) {
                    continue;
                }
                int rowNumber = r + 1;
                String subject = Sheets.text(row, subjectCol);
                String video = Sheets.text(row, fileCol);
                String label = Sheets.text(row, emotionCol).toLowerCase(Locale.ROOT);
                if (subject.isEmpty() || video.isEmpty() || label.isEmpty()) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, "no subject, filename or emotion"));
                    continue;
                }
                // one video letter is written upper-case ("J"): find the folder whichever way the disk has it
                Path clip = FrameFolders.child(FrameFolders.child(root, subject), video).resolve("color");
                String onset = Sheets.text(row, onsetCol);
                rows.add(folders.entry(rowNumber, name(), subject, video + "@" + onset, clip, label, onset,
                        Sheets.text(row, apexCol), Sheets.text(row, offsetCol), FPS, false));
            }
        }
        return new Rows(rows, List.of());
    }

    static Path findSheet(Path root) throws DatasetException {
        return Sheets.find(root, 3, n -> n.contains("part_a"),
                "CAS(ME)3 label sheet (cas(me)3_part_A_ME_label_JpgIndex_v2.xlsx)");
    }
}
