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
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root, Files.exists(root) ? "is not a folder" : "does not exist");
        }
        Path sheetPath = sheetFile != null ? sheetFile : findSheet(root);
        List<DatasetReader.Entry> rows = new ArrayList<>();
        FrameFolders folders = new FrameFolders();
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
                Annotation a;
                try {
                    a = Annotation.of(Sheets.text(row, onsetCol), Sheets.text(row, apexCol), Sheets.text(row, offsetCol));
                } catch (Annotation.Refused e) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, e.getMessage()));
                    continue;
                }
                // one video letter is written upper-case ("J"): find the folder whichever way the disk has it
                Path clip = FrameFolders.child(FrameFolders.child(root, subject), video).resolve("color");
                String missing = folders.missing(clip, a.onset(), a.apex(), a.offset());
                if (missing != null) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, missing));
                    continue;
                }
                rows.add(DatasetReader.Entry.of(rowNumber, new Sample(name(), subject, video + "@" + a.onset(), clip,
                        a.onset(), a.apex(), a.offset(), label, -1, FPS, false, rowNumber, a.notes())));
            }
        }
        return new Rows(rows, List.of());
    }

    static Path findSheet(Path root) throws DatasetException {
        try (Stream<Path> files = Files.walk(root, 3, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".xlsx") && n.contains("part_a");
            }).sorted().findFirst().orElseThrow(() -> new DatasetException(root,
                    "holds no CAS(ME)3 label sheet (cas(me)3_part_A_ME_label_JpgIndex_v2.xlsx); name one with --sheet"));
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(root, "cannot be searched: " + e.getMessage());
        }
    }
}
