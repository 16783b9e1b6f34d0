package dev.glimpse.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Frame folders for the real annotation sheets (the datasets themselves are licensed and not here): an
 * empty image file for each frame number a row names, at the place the dataset's layout puts it.
 */
final class DatasetFixtures {
    private static final DataFormatter FORMAT = new DataFormatter(Locale.ROOT);

    private DatasetFixtures() {}

    static Path resource(Path dir, String resource) throws IOException {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = DatasetFixtures.class.getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** The cells of every data row of a sheet, as text ({@code header} = 0-based header row). */
    static List<String[]> rows(Path file, String sheetName, int header) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Workbook book = WorkbookFactory.create(file.toFile(), null, true)) {
            Sheet sheet = book.getSheet(sheetName);
            for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                String[] cells = new String[12];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = row.getCell(c) == null ? "" : FORMAT.formatCellValue(row.getCell(c)).trim();
                }
                if (!cells[0].isEmpty()) {
                    out.add(cells);
                }
            }
        }
        return out;
    }

    /**
     * The annotated frames of a row; where the apex is not annotated, every frame of the interval (as the
     * dataset has them), since the reader then needs one nobody wrote down.
     */
    static void touchInterval(Path folder, String prefix, String suffix, String onset, String apex, String offset)
            throws IOException {
        touchFrames(folder, prefix, suffix, onset, apex, offset);
        if (!apex.matches("\\d+") && onset.matches("\\d+") && offset.matches("\\d+")) {
            int from = Math.min(Integer.parseInt(onset), apex.matches("\\d+") ? Integer.parseInt(apex) : Integer.MAX_VALUE);
            int to = Math.max(Integer.parseInt(offset), apex.matches("\\d+") ? Integer.parseInt(apex) : 0);
            for (int n = from; n <= to; n++) {
                touchFrames(folder, prefix, suffix, Integer.toString(n));
            }
        }
    }

    static void touchFrames(Path folder, String prefix, String suffix, String... numbers) throws IOException {
        Files.createDirectories(folder);
        for (String n : numbers) {
            if (n.matches("\\d+")) {
                Path f = folder.resolve(prefix + n + suffix);
                if (!Files.exists(f)) {
                    Files.createFile(f);
                }
            }
        }
    }

    /** CASME II's cropped layout for every row of the 20190701 sheet, the sheet copied into the root. */
    static Path casme2(Path root) throws IOException {
        Files.createDirectories(root);
        Path sheet = resource(root, "/datasets/casme2/CASME2-coding-20190701.xlsx");
        for (String[] r : rows(sheet, "Sheet1", 0)) {
            String subject = String.format(Locale.ROOT, "sub%02d", Integer.parseInt(r[0]));
            touchInterval(root.resolve("Cropped").resolve(subject).resolve(r[1]), "reg_img", ".jpg", r[3], r[4], r[5]);
        }
        return root;
    }

    /**
     * CAS(ME)3 Part A frames for every row of the label sheet, video folders in lower case (the sheet writes
     * one of them "J").
     */
    static Path casme3(Path root) throws IOException {
        Files.createDirectories(root);
        Path sheet = resource(root, "/datasets/casme3/cas(me)3_part_A_ME_label_JpgIndex_v2.xlsx");
        for (String[] r : rows(sheet, "label", 0)) {
            touchInterval(root.resolve(r[0]).resolve(r[1].toLowerCase(Locale.ROOT)).resolve("color"), "", ".jpg",
                    r[2], r[3], r[4]);
        }
        return root;
    }

    /** The Composite's SAMM and SMIC entries as their datasets lay them out; SAMM's sheet with its title block. */
    static void sammAndSmicForTheComposite(Path samm, Path smic) throws IOException {
        List<String[]> sammRows = new ArrayList<>();
        for (String line : CompositeReader.bundledList()) {
            String[] c = line.trim().split(",");
            if (c.length != 4) {
                continue;
            }
            String label = switch (c[3]) {
                case "0" -> "Anger";
                case "1" -> "Happiness";
                default -> "Surprise";
            };
            if (c[0].equals("samm")) {
                String subject = String.format(Locale.ROOT, "%03d", Integer.parseInt(c[1]));
                touchFrames(samm.resolve(subject).resolve(c[2]), subject + "_0", ".jpg", "1000", "1010", "1030");
                sammRows.add(new String[] {c[1], c[2], "1000", "1010", "1030", label});
            } else if (c[0].equals("smic")) {
                int s = Integer.parseInt(c[1].replaceAll("\\D", ""));
                String folderLabel = switch (c[3]) {
                    case "0" -> "negative";
                    case "1" -> "positive";
                    default -> "surprise";
                };
                String episode = c[2].replaceFirst("^s0*(\\d+)", "s$1");
                touchFrames(smic.resolve("HS").resolve("s" + s).resolve("micro").resolve(folderLabel).resolve(episode),
                        "image", ".bmp", "000120", "000121", "000122", "000140");
            }
        }
        writeSammSheet(samm.resolve("SAMM_Micro_FACS_Codes_v2.xlsx"), sammRows, true);
    }

    /** SAMM's sheet, optionally behind the 13-row title block of some copies; subjects as numbers. */
    static void writeSammSheet(Path file, List<String[]> rows, boolean titleBlock) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("MICRO_ONLY");
            int r = 0;
            if (titleBlock) {
                sheet.createRow(r++).createCell(0).setCellValue("SAMM Micro-Movement Dataset (synthetic test copy)");
                for (; r < 13; r++) {
                    sheet.createRow(r).createCell(0).setCellValue(r % 3 == 0 ? "" : "note " + r);
                }
            }
            String[] names = {"Subject", "Filename", "Inducement Code", "Onset Frame", "Apex Frame", "Offset Frame",
                "Duration", "Micro", "Action Units", "Estimated Emotion", "Objective Classes", "Notes"};
            Row header = sheet.createRow(r++);
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (String[] v : rows) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(Integer.parseInt(v[0])); // a number, as some copies have it
                row.createCell(1).setCellValue(v[1]);
                row.createCell(3).setCellValue(Integer.parseInt(v[2]));
                row.createCell(4).setCellValue(v[3]); // text, as others have it
                row.createCell(5).setCellValue(Integer.parseInt(v[4]));
                row.createCell(9).setCellValue(v[5]);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
    }
}
