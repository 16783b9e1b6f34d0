package dev.glimpse.spotting;

import dev.glimpse.dataset.LongVideoSheets;
import dev.glimpse.io.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;

/**
 * A spotting dataset: its long videos, each with its true intervals, and what was repaired or skipped reading
 * its sheet, by row number. The plain layout ({@code csv}) is {@code ROOT/spotting.csv} with the header
 * {@code subject,video,kind,onset,apex,offset} (kind {@code micro} or {@code macro}; apex -1 when not annotated)
 * and each video at {@code ROOT/SUBJECT/VIDEO.*} (a video file) or {@code ROOT/SUBJECT/VIDEO/} (numbered frames).
 */
public record SpottingSet(List<Video> videos, List<String> notes) {
    /** The most rows read from a sheet: far beyond any published spotting set. */
    static final int MAX_ROWS = 100_000;

    /** One long video and its true intervals. */
    public record Video(String subject, String name, Path location, List<TrueInterval> truth) {}

    /** csv: the plain layout; casme2lv: CAS(ME)^2; sammlv: SAMM Long Videos ({@link LongVideoSheets}). */
    public static final List<String> NAMES = List.of("csv", "casme2lv", "sammlv");

    /** Reads dataset {@code name} at {@code root}; {@code sheet} overrides where its sheet is looked for. */
    public static SpottingSet read(String name, Path root, Path sheet) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("spotting dataset '" + name + "': the layouts read are " + NAMES);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a folder");
        }
        return switch (name) {
            case "casme2lv" -> fromSheet(LongVideoSheets.casme2(root, sheet));
            case "sammlv" -> fromSheet(LongVideoSheets.sammLongVideos(root, sheet));
            default -> csv(root, sheet != null ? sheet : root.resolve("spotting.csv"));
        };
    }

    /** A published sheet's rows, checked and repaired like the plain layout's. */
    static SpottingSet fromSheet(List<LongVideoSheets.Entry> entries) {
        if (entries.size() > MAX_ROWS) {
            throw new IllegalArgumentException(entries.size() + " rows, more than " + MAX_ROWS);
        }
        List<String> notes = new ArrayList<>();
        Map<String, List<TrueInterval>> byVideo = new LinkedHashMap<>();
        Map<String, LongVideoSheets.Entry> first = new LinkedHashMap<>();
        for (LongVideoSheets.Entry e : entries) {
            String kind = kind(e.type());
            if (kind == null) {
                notes.add("row " + e.row() + ": skipped, type '" + e.type() + "' is neither micro nor macro");
                continue;
            }
            if (e.onset() == null || e.offset() == null) {
                notes.add("row " + e.row() + ": skipped, onset and offset must be whole frame numbers");
                continue;
            }
            TrueInterval t = repaired(e.subject(), e.video(), kind, e.onset(), e.apex() == null ? -1 : e.apex(), e.offset(),
                    e.row(), notes);
            if (t != null) {
                byVideo.computeIfAbsent(e.video(), v -> new ArrayList<>()).add(t);
                first.putIfAbsent(e.video(), e);
            }
        }
        List<Video> videos = new ArrayList<>();
        for (var v : byVideo.entrySet()) {
            LongVideoSheets.Entry e = first.get(v.getKey());
            if (e.location() == null) {
                notes.add("video " + v.getKey() + ": its frames were not found (its " + v.getValue().size()
                        + " intervals are not scored)");
                continue;
            }
            videos.add(new Video(e.subject(), v.getKey(), e.location(), List.copyOf(v.getValue())));
        }
        return new SpottingSet(List.copyOf(videos), List.copyOf(notes));
    }

    static SpottingSet csv(Path root, Path sheet) throws IOException {
        if (!Files.isRegularFile(sheet)) {
            throw new IllegalArgumentException(sheet + ": no such sheet (the plain layout keeps spotting.csv in its root)");
        }
        List<CSVRecord> records = Csv.read(sheet);
        if (records.isEmpty() || !List.of("subject", "video", "kind", "onset", "apex", "offset").equals(
                records.get(0).stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList())) {
            throw new IllegalArgumentException(sheet + ": the first row must be subject,video,kind,onset,apex,offset");
        }
        if (records.size() > MAX_ROWS) {
            throw new IllegalArgumentException(sheet + ": " + records.size() + " rows, more than " + MAX_ROWS);
        }
        List<String> notes = new ArrayList<>();
        Map<String, List<TrueInterval>> byVideo = new LinkedHashMap<>();
        Map<String, String> subjects = new LinkedHashMap<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            int row = r + 1;
            if (rec.size() < 6) {
                notes.add("row " + row + ": skipped, " + rec.size() + " cells where 6 are needed");
                continue;
            }
            String subject = Csv.untext(rec.get(0)).trim();
            String video = Csv.untext(rec.get(1)).trim();
            if (subject.isEmpty() || video.isEmpty() || !safe(subject) || !safe(video)) {
                notes.add("row " + row + ": skipped, subject and video must be plain names ('" + subject + "', '" + video + "')");
                continue;
            }
            String kind = kind(rec.get(2));
            if (kind == null) {
                notes.add("row " + row + ": skipped, kind '" + rec.get(2) + "' is neither micro nor macro");
                continue;
            }
            int onset;
            int apex;
            int offset;
            try {
                onset = Integer.parseInt(rec.get(3).trim());
                apex = Integer.parseInt(rec.get(4).trim());
                offset = Integer.parseInt(rec.get(5).trim());
            } catch (NumberFormatException e) {
                notes.add("row " + row + ": skipped, onset, apex and offset must be whole frame numbers");
                continue;
            }
            TrueInterval t = repaired(subject, video, kind, onset, apex, offset, row, notes);
            if (t != null) {
                byVideo.computeIfAbsent(video, v -> new ArrayList<>()).add(t);
                subjects.put(video, subject);
            }
        }
        List<Video> videos = new ArrayList<>();
        for (var e : byVideo.entrySet()) {
            Path location = locate(root.resolve(subjects.get(e.getKey())), e.getKey());
            if (location == null) {
                notes.add("video " + e.getKey() + ": not found at " + root.resolve(subjects.get(e.getKey())).resolve(e.getKey())
                        + ".* (its " + e.getValue().size() + " intervals are not scored)");
                continue;
            }
            videos.add(new Video(subjects.get(e.getKey()), e.getKey(), location, List.copyOf(e.getValue())));
        }
        return new SpottingSet(List.copyOf(videos), List.copyOf(notes));
    }

    /**
     * An interval as the sheets write it, repaired where the published sets need it (said in {@code notes}): an
     * offset of 0 (not annotated) becomes the apex, an apex of -1 stays -1 (not annotated); anything else out of
     * order is skipped.
     */
    static TrueInterval repaired(String subject, String video, String kind, int onset, int apex, int offset, int row,
                                 List<String> notes) {
        if (offset == 0 && apex > 0) {
            notes.add("row " + row + ": offset 0 (not annotated) taken as the apex, " + apex);
            offset = apex;
        }
        if (apex != -1 && (apex < onset || apex > offset)) {
            notes.add("row " + row + ": apex " + apex + " outside " + onset + ".." + offset + ", taken as not annotated (-1)");
            apex = -1;
        }
        if (onset < 0 || offset < onset) {
            notes.add("row " + row + ": skipped, onset " + onset + " and offset " + offset + " are not an interval");
            return null;
        }
        return new TrueInterval(subject, video, kind, onset, apex, offset);
    }

    /** "micro", "Micro - 1/2", "micro-expression" -> micro; "macro..." -> macro; else null. */
    static String kind(String cell) {
        String k = cell.trim().toLowerCase(Locale.ROOT);
        return k.startsWith("micro") ? Proposal.MICRO : k.startsWith("macro") ? Proposal.MACRO : null;
    }

    private static boolean safe(String name) {
        return !name.contains("/") && !name.contains("\\") && !name.equals("..") && !name.equals(".") && name.length() <= 200;
    }

    private static Path locate(Path dir, String video) throws IOException {
        if (Files.isDirectory(dir.resolve(video))) {
            return dir.resolve(video);
        }
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().startsWith(video + "."))
                    .sorted().findFirst().orElse(null);
        }
    }
}
