package dev.glimpse.store;

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
        "Action Units", "Estimated Emotion", "Annotator", "Confidence", "Notes", "Scheme"};

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
                    if (e.scheme() != null) {
                        row.createCell(12).setCellValue(e.scheme());
                    }
                }
            }
            try (OutputStream o = Files.newOutputStream(tmp)) {
                book.write(o);
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return n;
    }

    /** The longest coder name, label or scheme read from a file. */
    public static final int MAX_NAME = 200;

    /** Events read from a file for one clip (their clip id 0, to be given), and the rows skipped, with why. */
    public record Rows(List<Event> events, List<String> skipped) {}

    /**
     * The events of one clip in a CSV (as {@link #exportCsv} writes it) or an XLSX coding sheet (as
     * {@link #exportCodingSheet} writes it, or CASME II's), nothing written anywhere. Rows of the clip named
     * {@code clipName} (by file name or file name without extension, any case) are read; when no row names it and
     * every row names one and the same other clip, those rows are taken for it (a CASME II sheet names the sample
     * folder, not the video). Each row keeps its coder; a row without one gets {@code annotator}, and without that
     * either it is skipped. A row whose frames break onset < apex <= offset or lie outside {@code first}..{@code last},
     * or whose units, confidence or numbers cannot be read, is skipped with its row number.
     */
    public static Rows read(Path file, String clipName, int first, int last, String annotator) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Map<String, String>> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        if (name.endsWith(".csv")) {
            List<org.apache.commons.csv.CSVRecord> records = Csv.read(file);
            if (records.isEmpty()) {
                throw new StoreException(file, "is empty");
            }
            List<String> header = new ArrayList<>();
            records.get(0).forEach(h -> header.add(h.trim().toLowerCase(Locale.ROOT).replace("_", "")));
            for (String required : List.of("onset", "apex", "offset")) {
                if (!header.contains(required)) {
                    throw new StoreException(file, "has no column '" + required + "' (the layout export writes: path,"
                            + " subject, onset, apex, offset, label, scheme, action_units, confidence, annotator, notes)");
                }
            }
            for (int r = 1; r < records.size(); r++) {
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < header.size() && c < records.get(r).size(); c++) {
                    row.put(header.get(c), Csv.untext(records.get(r).get(c)).trim());
                }
                rows.add(Map.of("clip", row.getOrDefault("path", row.getOrDefault("subject", "")),
                        "onset", row.getOrDefault("onset", ""), "apex", row.getOrDefault("apex", ""),
                        "offset", row.getOrDefault("offset", ""), "label", row.getOrDefault("label", ""),
                        "scheme", row.getOrDefault("scheme", ""), "aus", row.getOrDefault("actionunits", ""),
                        "confidence", row.getOrDefault("confidence", ""), "coder", row.getOrDefault("annotator", ""),
                        "notes", row.getOrDefault("notes", "")));
                numbers.add(r + 1);
            }
        } else if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
            DataFormatter format = new DataFormatter(Locale.ROOT);
            try (InputStream in = Files.newInputStream(file); Workbook book = WorkbookFactory.create(in)) {
                Sheet sheet = book.getSheet("Sheet1") != null ? book.getSheet("Sheet1") : book.getSheetAt(0);
                Row header = sheet.getRow(sheet.getFirstRowNum());
                if (header == null) {
                    throw new StoreException(file, "has no header row");
                }
                Map<String, Integer> cols = new HashMap<>();
                for (var cell : header) {
                    cols.put(format.formatCellValue(cell).replaceAll("\\s+", "").toLowerCase(Locale.ROOT), cell.getColumnIndex());
                }
                for (String required : List.of("filename", "onsetframe", "apexframe", "offsetframe")) {
                    if (!cols.containsKey(required)) {
                        throw new StoreException(file, "has no column '" + required + "' (a CASME II-style coding sheet)");
                    }
                }
                for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    if (row == null || cell(format, row, cols.get("filename")).isEmpty()) {
                        continue;
                    }
                    rows.add(Map.of("clip", cell(format, row, cols.get("filename")),
                            "onset", cell(format, row, cols.get("onsetframe")), "apex", cell(format, row, cols.get("apexframe")),
                            "offset", cell(format, row, cols.get("offsetframe")),
                            "label", optional(format, row, cols, "estimatedemotion"), "scheme", optional(format, row, cols, "scheme"),
                            "aus", optional(format, row, cols, "actionunits"), "confidence", optional(format, row, cols, "confidence"),
                            "coder", optional(format, row, cols, "annotator"), "notes", optional(format, row, cols, "notes")));
                    numbers.add(r + 1);
                }
            } catch (org.apache.poi.EmptyFileException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
                throw new StoreException(file, "is not a spreadsheet (" + e.getMessage() + ")", e);
            }
        } else {
            throw new StoreException(file, "is neither a .csv nor an .xlsx file");
        }
        String want = clipName.toLowerCase(Locale.ROOT);
        String wantStem = stem(clipName).toLowerCase(Locale.ROOT);
        java.util.Set<String> named = new java.util.HashSet<>();
        rows.forEach(r -> named.add(clipKey(r.get("clip"))));
        boolean ofThisClip = named.contains(want) || named.contains(wantStem);
        boolean takeAll = !ofThisClip && named.size() == 1;
        List<Event> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            String key = clipKey(r.get("clip"));
            String where = "row " + numbers.get(i) + ": ";
            if (!takeAll && !key.equals(want) && !key.equals(wantStem)) {
                skipped.add(where + "of clip '" + r.get("clip") + "', not " + clipName);
                continue;
            }
            try {
                int onset = frame(r.get("onset"), "onset");
                int apex = frame(r.get("apex"), "apex");
                int offset = frame(r.get("offset"), "offset");
                if (onset < first || offset > last) {
                    throw new IllegalArgumentException("frames " + onset + "-" + apex + "-" + offset + " lie outside the clip's "
                            + first + ".." + last);
                }
                String coder = r.get("coder").isEmpty() ? annotator : r.get("coder");
                if (coder == null || coder.isBlank()) {
                    throw new IllegalArgumentException("names no coder (give one with --annotator)");
                }
                if (coder.length() > MAX_NAME || r.get("label").length() > MAX_NAME || r.get("scheme").length() > MAX_NAME) {
                    throw new IllegalArgumentException("a coder, label or scheme of more than " + MAX_NAME + " characters");
                }
                Double confidence = r.get("confidence").isEmpty() ? null : Double.valueOf(r.get("confidence"));
                events.add(new Event(0, 0, onset, apex, offset, coder.trim(), emptyToNull(r.get("label")),
                        emptyToNull(r.get("scheme")), ActionUnits.parse(r.get("aus")), confidence, r.get("notes")));
            } catch (IllegalArgumentException e) {
                skipped.add(where + e.getMessage());
            }
        }
        return new Rows(events, skipped);
    }

    /** What {@link #add} did. */
    public record Added(Clip clip, int added, int alreadyHere) {}

    /**
     * Adds a clip's events in one transaction: the clip first when it is not in the project yet ({@code clip}'s id
     * 0), then each event not already there field for field (importing the same file twice adds nothing).
     */
    public static Added add(Project project, Clip clip, List<Event> events) throws StoreException {
        List<Event> present = clip.id() == 0 ? new ArrayList<>() : new ArrayList<>(project.events().of(clip.id()));
        return project.inTransaction(c -> {
            Clip here = clip.id() == 0 ? ClipRepository.insert(c, clip) : clip;
            int added = 0;
            int there = 0;
            for (Event e : events) {
                if (EventRepository.insertUnlessPresent(c, present, e.unsavedIn(here.id()))) {
                    added++;
                } else {
                    there++;
                }
            }
            return new Added(here, added, there);
        });
    }

    private static String clipKey(String cell) {
        String path = cell.replace('\\', '/');
        return path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private static int frame(String cell, String what) {
        try {
            double v = Double.parseDouble(cell);
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE / 2.0) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " '" + cell + "' is not a frame number");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
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
