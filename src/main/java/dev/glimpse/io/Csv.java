package dev.glimpse.io;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Every CSV Glimpse writes or reads, through Apache Commons CSV: RFC 4180 quoting (a name with a comma, a quote or
 * a line break stays one cell), UTF-8, and text cells made safe for spreadsheets. A cell that begins with
 * {@code = + - @}, a tab or a carriage return is run as a formula by Excel, LibreOffice and Sheets (CSV injection,
 * OWASP); {@link #text} writes it with a leading apostrophe, which spreadsheets show as text, and {@link #untext}
 * takes it off again when Glimpse reads its own file back, so nothing is lost either way.
 */
public final class Csv {
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get();

    private Csv() {}

    /** A printer writing {@code file} (replacing it); close it to finish the file. */
    public static CSVPrinter writer(Path file) throws IOException {
        return new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), WRITE);
    }

    /** A printer on {@code out}, for a file written beside and moved into place by the caller. */
    public static CSVPrinter writer(Writer out) throws IOException {
        return new CSVPrinter(out, WRITE);
    }

    /** A text cell as it is written: null as empty, and a leading formula character neutralised. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return needsApostrophe(value) ? "'" + value : value;
    }

    /** A text cell as written by {@link #text}, back to the text. */
    public static String untext(String cell) {
        if (cell.length() >= 2 && cell.charAt(0) == '\'' && needsApostrophe(cell.substring(1))) {
            return cell.substring(1);
        }
        return cell;
    }

    /** A leading formula character, or an apostrophe (doubled, so that a text that begins with one survives). */
    private static boolean needsApostrophe(String value) {
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\'';
    }

    /** Every record of a CSV file (quoted cells with commas and line breaks are one cell), header included. */
    public static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = READ.parse(in)) {
            return new ArrayList<>(parser.getRecords());
        }
    }
}
