package dev.glimpse.store;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.ActionUnits;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.io.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A project's events in and out: a CSV that Glimpse's own lab-clip reader takes back
 * ({@code path,subject,onset,apex,offset,label}, then the rest of the coding), and an XLSX coding sheet laid
 * out like CASME II's (Subject, Filename, -, OnsetFrame, ApexFrame, OffsetFrame, -, Action Units, Estimated
 * Emotion), which can also be imported. Files are written beside and moved into place: nothing half-written.
 */
public final class EventExchange {
    private static final String[] SHEET = {"Subject", "Filename", "", "OnsetFrame", "ApexFrame", "OffsetFrame", "",
        "Action Units", "Estimated Emotion", "Annotator", "Confidence", "Notes"};

    private EventExchange() {}

    /**
     * The events as CSV (one real CSV writer: quoted where needed, and text cells that a spreadsheet would run
     * as a formula written with a leading apostrophe; Glimpse's readers take it off again).
     */
    public static int exportCsv(Project project, Path out) throws IOException {
        int n = 0;
        Path tmp = temp(out);
        try (CSVPrinter w = Csv.writer(tmp)) {
            w.printRecord("path", "subject", "onset", "apex", "offset", "label", "scheme", "action_units", "confidence",
                    "annotator", "notes");
            for (Clip clip : project.clips().all()) {
                for (Event e : project.events().of(clip.id())) {
                    w.printRecord(Csv.text(clip.path()), Csv.text(stem(clip.path())), e.onset(), e.apex(), e.offset(),
                            Csv.text(e.label()), Csv.text(e.scheme()), Csv.text(ActionUnits.formatSheet(e.actionUnits())),
                            e.confidence() == null ? "" : e.confidence().toString(), Csv.text(e.coder()),
                            Csv.text(e.notes()));
                    n++;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return n;
    }

    public static int exportCodingSheet(Project project, Path out) throws IOException {
        int n = 0;
        Path tmp = temp(out);
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("Sheet1");
            Row header = sheet.createRow(0);
            for (int c = 0; c < SHEET.length; c++) {
                if (!SHEET[c].isEmpty()) {
                    header.createCell(c).setCellValue(SHEET[c]);
                }
            }
            for (Clip clip : project.clips().all()) {
                for (Event e : project.events().of(clip.id())) {
                    Row row = sheet.createRow(++n);
                    row.createCell(0).setCellValue(stem(clip.path()));
                    row.createCell(1).setCellValue(Path.of(clip.path()).getFileName().toString());
                    row.createCell(3).setCellValue(e.onset());
                    row.createCell(4).setCellValue(e.apex());
                    row.createCell(5).setCellValue(e.offset());
                    row.createCell(7).setCellValue(ActionUnits.formatSheet(e.actionUnits()));
                    row.createCell(8).setCellValue(e.label() == null ? "" : e.label());
                    row.createCell(9).setCellValue(e.coder() == null ? "" : e.coder());
                    if (e.confidence() != null) {
                        row.createCell(10).setCellValue(e.confidence());
                    }
                    row.createCell(11).setCellValue(e.notes());
                }
            }
            try (OutputStream o = Files.newOutputStream(tmp)) {
                book.write(o);
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return n;
    }

    /**
     * Adds the events of a coding sheet (as {@link #exportCodingSheet} writes it, or CASME II's) to the project's
     * clips, matched by file name. Returns the rows it could not place, with the reason; everything else is added
     * in one transaction per event.
     */
    public static List<String> importCodingSheet(Project project, Path sheetFile, String annotator) throws IOException {
        Map<String, Clip> byName = new HashMap<>();
        for (Clip c : project.clips().all()) {
            byName.put(Path.of(c.path()).getFileName().toString().toLowerCase(Locale.ROOT), c);
        }
        List<String> refused = new ArrayList<>();
        DataFormatter format = new DataFormatter(Locale.ROOT);
        try (InputStream in = Files.newInputStream(sheetFile); Workbook book = WorkbookFactory.create(in)) {
            Sheet sheet = book.getSheet("Sheet1") != null ? book.getSheet("Sheet1") : book.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            Map<String, Integer> cols = new HashMap<>();
            for (var cell : header) {
                cols.put(format.formatCellValue(cell).replaceAll("\\s+", "").toLowerCase(Locale.ROOT), cell.getColumnIndex());
            }
            for (String required : List.of("filename", "onsetframe", "apexframe", "offsetframe")) {
                if (!cols.containsKey(required)) {
                    throw new StoreException(sheetFile, "has no column '" + required + "'");
                }
            }
            for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                String file = cell(format, row, cols.get("filename"));
                Clip clip = byName.get(file.toLowerCase(Locale.ROOT));
                if (clip == null) {
                    refused.add("row " + (r + 1) + ": no clip named '" + file + "' in the project");
                    continue;
                }
                try {
                    int onset = Integer.parseInt(cell(format, row, cols.get("onsetframe")));
                    int apex = Integer.parseInt(cell(format, row, cols.get("apexframe")));
                    int offset = Integer.parseInt(cell(format, row, cols.get("offsetframe")));
                    String label = optional(format, row, cols, "estimatedemotion");
                    String who = optional(format, row, cols, "annotator");
                    String confidence = optional(format, row, cols, "confidence");
                    List<ActionUnit> aus = ActionUnits.parse(optional(format, row, cols, "actionunits"));
                    project.events().add(new Event(0, clip.id(), onset, apex, offset, who.isEmpty() ? annotator : who,
                            label.isEmpty() ? null : label, null, aus, confidence.isEmpty() ? null : Double.valueOf(confidence),
                            optional(format, row, cols, "notes")));
                } catch (IllegalArgumentException e) {
                    refused.add("row " + (r + 1) + ": " + e.getMessage());
                }
            }
        }
        return refused;
    }

    private static String cell(DataFormatter f, Row row, int column) {
        return row.getCell(column) == null ? "" : f.formatCellValue(row.getCell(column)).trim();
    }

    private static String optional(DataFormatter f, Row row, Map<String, Integer> cols, String column) {
        return cols.containsKey(column) ? cell(f, row, cols.get(column)) : "";
    }

    private static String stem(String path) {
        String name = Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * A file beside {@code out} to write into and move into place: created as any file the user makes (the
     * umask's permissions, not a temporary file's owner-only ones, which the moved export would keep).
     */
    private static Path temp(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + out.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }
}
