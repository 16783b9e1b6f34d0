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
 * CASME II (200 fps): the coding sheet ({@code CASME2-coding-*.xlsx}, sheet {@code Sheet1}) and the frames,
 * cropped ({@code Cropped/sub01/EP02_01f/reg_img46.jpg}) or raw ({@code CASME2_RAW_selected/sub01/EP02_01f/img46.jpg}).
 * Subject folders may also be named 1..26.
 */
public final class Casme2Reader implements DatasetReader {
    static final double FPS = 200;

    @Override
    public String name() {
        return "casme2";
    }

    @Override
    public Rows rows(Path root, Path sheetFile) throws IOException {
        FrameFolders.requireFolder(root);
        Path sheetPath = sheetFile != null ? sheetFile : findSheet(root);
        Layout layout = layout(root);
        List<String> warnings = new ArrayList<>();
        List<DatasetReader.Entry> rows = new ArrayList<>();
        FrameFolders folders = new FrameFolders(root);
        try (Workbook book = Sheets.open(sheetPath)) {
            Sheet sheet = Sheets.sheet(book, sheetPath, "Sheet1", true);
            Row header = Sheets.headerRow(sheet, sheetPath, "Subject");
            Map<String, Integer> cols = Sheets.columns(header);
            int subjectCol = Sheets.column(cols, sheetPath, "Subject");
            int fileCol = Sheets.column(cols, sheetPath, "Filename");
            int onsetCol = Sheets.column(cols, sheetPath, "OnsetFrame", "Onset Frame");
            int apexCol = Sheets.column(cols, sheetPath, "ApexFrame", "Apex Frame");
            int offsetCol = Sheets.column(cols, sheetPath, "OffsetFrame", "Offset Frame");
            int emotionCol = Sheets.column(cols, sheetPath, "Estimated Emotion", "Emotion");
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (Sheets.blank(row)) {
                    continue;
                }
                int rowNumber = r + 1; // as a spreadsheet program shows it
                String subjectText = Sheets.text(row, subjectCol);
                Integer subjectNumber = Annotation.number(subjectText.replaceFirst("(?i)^sub", ""));
                if (subjectNumber == null) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, "subject '" + subjectText + "' is not a subject number"));
                    continue;
                }
                String subject = String.format(Locale.ROOT, "%02d", subjectNumber);
                String episode = Sheets.text(row, fileCol);
                String label = Sheets.text(row, emotionCol).toLowerCase(Locale.ROOT);
                if (episode.isEmpty() || label.isEmpty()) {
                    rows.add(DatasetReader.Entry.refused(rowNumber, "no filename or no emotion"));
                    continue;
                }
                rows.add(folders.entry(rowNumber, name(), subject, episode, layout.subjectFolder(subjectNumber).resolve(episode),
                        label, Sheets.text(row, onsetCol), Sheets.text(row, apexCol), Sheets.text(row, offsetCol), FPS,
                        layout.cropped()));
            }
        }
        return new Rows(rows, warnings);
    }

    /** The coding sheet under the root: the newest {@code CASME2-coding-*.xlsx} by name, else any {@code .xlsx}. */
    static Path findSheet(Path root) throws DatasetException {
        return Sheets.find(root, 2, n -> n.startsWith("casme2-coding") || n.contains("casme"),
                "CASME II coding sheet (CASME2-coding-*.xlsx)");
    }

    /** Where the subject folders are, and whether the frames are the dataset's face crops. */
    record Layout(Path folder, boolean cropped) {
        Path subjectFolder(int subject) {
            Path sub = folder.resolve(String.format(Locale.ROOT, "sub%02d", subject));
            if (Files.isDirectory(sub)) {
                return sub;
            }
            Path plain = folder.resolve(Integer.toString(subject));
            return Files.isDirectory(plain) ? plain : sub;
        }
    }

    static Layout layout(Path root) throws DatasetException {
        Path cropped = FrameFolders.child(root, "Cropped");
        if (Files.isDirectory(cropped)) {
            return new Layout(cropped, true);
        }
        Path raw = FrameFolders.child(root, "CASME2_RAW_selected");
        if (Files.isDirectory(raw)) {
            return new Layout(raw, false);
        }
        // the root itself holds the subject folders: cropped when its frames are reg_img*
        try (Stream<Path> files = Files.walk(root, 3, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            boolean anyReg = files.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("reg_img"));
            return new Layout(root, anyReg);
        } catch (IOException e) {
            throw new DatasetException(root, "cannot be searched: " + e.getMessage());
        }
    }
}
