package dev.glimpse.dataset;

import dev.glimpse.io.FilePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/** Reading annotation spreadsheets as researchers have them: headers found by text, cells as text or number. */
final class Sheets {
    private static final DataFormatter FORMAT = new DataFormatter(Locale.ROOT);

    private Sheets() {}

    /** The first spreadsheet under {@code root} (up to {@code depth} folders down, following links) that {@code wanted} accepts by file name, newest name first. */
    static Path find(Path root, int depth, java.util.function.Predicate<String> wanted, String describe)
            throws DatasetException {
        try (java.util.stream.Stream<Path> files = Files.walk(root, depth, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".xlsx") && wanted.test(n);
            }).sorted(java.util.Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .findFirst().orElseThrow(() -> new DatasetException(root, "holds no " + describe + "; name one with --sheet"));
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(root, "cannot be searched: " + e.getMessage());
        }
    }

    static Workbook open(Path file) throws DatasetException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, Files.exists(file) ? "is not a file" : FilePaths.missing(file));
        }
        try {
            return WorkbookFactory.create(file.toFile(), null, true);
        } catch (IOException | EncryptedDocumentException | IllegalArgumentException e) {
            throw new DatasetException(file, "is not a spreadsheet this program can read (" + e.getMessage() + ")");
        }
    }

    /** The sheet of that name, else (when {@code fallbackToFirst}) the first sheet. */
    static Sheet sheet(Workbook book, Path file, String name, boolean fallbackToFirst) throws DatasetException {
        Sheet s = book.getSheet(name);
        if (s == null) {
            for (Sheet candidate : book) {
                if (candidate.getSheetName().trim().equalsIgnoreCase(name)) {
                    return candidate;
                }
            }
            if (fallbackToFirst && book.getNumberOfSheets() > 0) {
                return book.getSheetAt(0);
            }
            throw new DatasetException(file, "has no sheet named '" + name + "'");
        }
        return s;
    }

    /** The first row whose first non-empty cell is {@code firstHeader} (SAMM copies may start with a title block). */
    static Row headerRow(Sheet sheet, Path file, String firstHeader) throws DatasetException {
        for (int r = sheet.getFirstRowNum(); r <= Math.min(sheet.getLastRowNum(), 50); r++) {
            Row row = sheet.getRow(r);
            if (row != null && firstHeader.equalsIgnoreCase(text(row.getCell(row.getFirstCellNum() < 0 ? 0 : row.getFirstCellNum())))) {
                return row;
            }
        }
        throw new DatasetException(file, "sheet '" + sheet.getSheetName() + "' has no header row starting with '"
                + firstHeader + "'");
    }

    /** Column index by header text, compared without case and spaces. */
    static Map<String, Integer> columns(Row header) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell c : header) {
            String key = normalise(text(c));
            if (!key.isEmpty()) {
                columns.putIfAbsent(key, c.getColumnIndex());
            }
        }
        return columns;
    }

    static int column(Map<String, Integer> columns, Path file, String... names) throws DatasetException {
        for (String n : names) {
            Integer c = columns.get(normalise(n));
            if (c != null) {
                return c;
            }
        }
        throw new DatasetException(file, "has no column '" + names[0] + "' (headers found: " + columns.keySet() + ")");
    }

    static String normalise(String header) {
        return header.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** A cell as text: numbers without a trailing ".0", blanks as "". */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            double v = cell.getNumericCellValue();
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v);
        }
        return FORMAT.formatCellValue(cell).trim();
    }

    static String text(Row row, int column) {
        return row == null ? "" : text(row.getCell(column));
    }

    /** An integer cell (text or number), or null when it is empty or not a whole number. */
    static Integer integer(Row row, int column) {
        String t = text(row, column);
        try {
            return t.isEmpty() ? null : Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(t.trim());
                return d == Math.rint(d) ? (int) d : null;
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    static boolean blank(Row row) {
        if (row == null) {
            return true;
        }
        for (Cell c : row) {
            if (!text(c).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
