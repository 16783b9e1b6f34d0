package dev.glimpse.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The coding sheets of the long-video (spotting) datasets, in their published layouts, read row by row; what a row
 * means (micro or macro, a repaired offset) is the spotting package's to decide.
 * <ul>
 *   <li>CAS(ME)^2: {@code CAS(ME)^2code_final*.xlsx}, no header row; the first sheet's columns are the subject's
 *   number, the expression ({@code anger1_1}: video name, expression number), onset, apex, offset, action units,
 *   emotion, type ({@code macro-expression} or {@code micro-expression}) and self-report; the second sheet maps the
 *   subject's number (third column) to its code (second), the third sheet a video's name (second column) to its
 *   code (first, e.g. {@code 0401}); frames are {@code rawpic/sCODE/CODE_VIDEOCODE.../imgN.jpg}.</li>
 *   <li>SAMM Long Videos: {@code SAMM_LongVideos_V2_Release.xlsx}, a title block, then the header row
 *   ({@code Subject, Filename, Inducement Code, Onset, Apex, Offset, Duration, Type, Action Units, Notes});
 *   {@code Filename} is {@code 006_1_2} (video {@code 006_1}, its second expression), type {@code Micro - 1/2} or
 *   {@code Macro}, apex -1 where not annotated; frames are in {@code SAMM_longvideos/006_1/}.</li>
 * </ul>
 */
public final class LongVideoSheets {
    /** One row: where it was, the subject and video, the type as written, the frames (null where not a number). */
    public record Entry(int row, String subject, String video, String type, Integer onset, Integer apex, Integer offset,
                        Path location) {}

    private LongVideoSheets() {}

    /** CAS(ME)^2's sheet under {@code root} (or {@code sheet}), with each row's frame folder (null when missing). */
    public static List<Entry> casme2(Path root, Path sheet) throws DatasetException {
        Path file = sheet != null ? sheet : Sheets.find(root, 2, n -> n.startsWith("cas(me)") && n.contains("code_final"),
                "CAS(ME)^2 coding sheet (CAS(ME)^2code_final.xlsx)");
        try (Workbook book = Sheets.open(file)) {
            if (book.getNumberOfSheets() < 3) {
                throw new DatasetException(file, "has " + book.getNumberOfSheets() + " sheets; CAS(ME)^2's has the codes,"
                        + " then its two naming rules");
            }
            Map<String, String> subjectCodes = new HashMap<>();
            for (Row r : book.getSheetAt(1)) {
                String number = Sheets.text(r, 2);
                if (!number.isEmpty()) {
                    subjectCodes.put(number, Sheets.text(r, 1).replaceFirst("^[sS]", ""));
                }
            }
            Map<String, String> videoCodes = new HashMap<>();
            for (Row r : book.getSheetAt(2)) {
                String name = Sheets.text(r, 1).toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    String code = Sheets.text(r, 0);
                    videoCodes.put(name, code.length() < 4 && code.matches("\\d+") ? "0".repeat(4 - code.length()) + code : code);
                }
            }
            List<Entry> entries = new ArrayList<>();
            Sheet codes = book.getSheetAt(0);
            for (int i = codes.getFirstRowNum(); i <= codes.getLastRowNum(); i++) {
                Row r = codes.getRow(i);
                if (Sheets.blank(r)) {
                    continue;
                }
                String subject = Sheets.text(r, 0);
                String expression = Sheets.text(r, 1);
                String name = expression.contains("_") ? expression.substring(0, expression.lastIndexOf('_')) : expression;
                String subjectCode = subjectCodes.getOrDefault(subject, subject);
                String videoCode = videoCodes.get(name.toLowerCase(Locale.ROOT));
                String video = subjectCode + "_" + (videoCode != null ? videoCode : name);
                Path location = videoCode == null ? null
                        : folderStartingWith(root.resolve("rawpic").resolve("s" + subjectCode), subjectCode + "_" + videoCode);
                entries.add(new Entry(i + 1, "s" + subjectCode, video, Sheets.text(r, 7), Sheets.integer(r, 2),
                        Sheets.integer(r, 3), Sheets.integer(r, 4), location));
            }
            return entries;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage());
        }
    }

    /** SAMM Long Videos' sheet under {@code root} (or {@code sheet}), with each row's frame folder (null when missing). */
    public static List<Entry> sammLongVideos(Path root, Path sheet) throws DatasetException {
        Path file = sheet != null ? sheet : Sheets.find(root, 2, n -> n.startsWith("samm_longvideos"),
                "SAMM Long Videos sheet (SAMM_LongVideos_V2_Release.xlsx)");
        try (Workbook book = Sheets.open(file)) {
            Sheet s = book.getSheetAt(0);
            Row header = Sheets.headerRow(s, file, "Subject");
            Map<String, Integer> columns = Sheets.columns(header);
            int subject = Sheets.column(columns, file, "Subject");
            int filename = Sheets.column(columns, file, "Filename");
            int onset = Sheets.column(columns, file, "Onset");
            int apex = Sheets.column(columns, file, "Apex");
            int offset = Sheets.column(columns, file, "Offset");
            int type = Sheets.column(columns, file, "Type");
            List<Entry> entries = new ArrayList<>();
            for (int i = header.getRowNum() + 1; i <= s.getLastRowNum(); i++) {
                Row r = s.getRow(i);
                if (Sheets.blank(r)) {
                    continue;
                }
                String name = Sheets.text(r, filename);
                String[] parts = name.split("_");
                String video = parts.length >= 2 ? parts[0] + "_" + parts[1] : name;
                Path location = null;
                for (Path candidate : List.of(root.resolve("SAMM_longvideos").resolve(video), root.resolve(video))) {
                    if (Files.isDirectory(candidate)) {
                        location = candidate;
                        break;
                    }
                }
                String subj = Sheets.text(r, subject);
                entries.add(new Entry(i + 1, subj.isEmpty() ? parts[0] : subj, video, Sheets.text(r, type),
                        Sheets.integer(r, onset), Sheets.integer(r, apex), Sheets.integer(r, offset), location));
            }
            return entries;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage());
        }
    }

    private static Path folderStartingWith(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
