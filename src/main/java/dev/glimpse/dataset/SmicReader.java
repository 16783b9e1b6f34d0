package dev.glimpse.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SMIC-HS (100 fps): no spreadsheet, the label is the folder,
 * {@code HS/s1/micro/negative/s1_ne_01/image000123.bmp}. The clip runs from its first frame to its last;
 * SMIC annotates no apex, so the middle frame serves, and each sample says so.
 */
public final class SmicReader implements DatasetReader {
    static final double FPS = 100;
    private static final Pattern SUBJECT = Pattern.compile("(?i)s(\\d+)");

    @Override
    public String name() {
        return "smic";
    }

    @Override
    public Rows rows(Path root, Path sheet) throws IOException {
        FrameFolders.requireFolder(root);
        Path hs = Files.isDirectory(FrameFolders.child(root, "HS")) ? FrameFolders.child(root, "HS") : root;
        List<Path> subjects = children(hs).stream().filter(p -> SUBJECT.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingInt(SmicReader::subjectNumber)).toList();
        if (subjects.isEmpty()) {
            throw new DatasetException(hs, "holds no SMIC subject folders (s1, s2, ...)");
        }
        List<DatasetReader.Entry> rows = new ArrayList<>();
        FrameFolders folders = new FrameFolders(root);
        int row = 0;
        for (Path subjectDir : subjects) {
            String subject = String.format(Locale.ROOT, "s%02d", subjectNumber(subjectDir));
            Path micro = FrameFolders.child(subjectDir, "micro");
            for (Path labelDir : children(micro)) {
                String label = labelDir.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Set.of("negative", "positive", "surprise").contains(label)) {
                    continue;
                }
                for (Path clip : children(labelDir)) {
                    row++;
                    List<Integer> numbers = new ArrayList<>(folders.numbers(clip) == null ? Set.of() : folders.numbers(clip));
                    if (numbers.size() < 2) {
                        rows.add(DatasetReader.Entry.refused(row, "fewer than two frames in " + clip));
                        continue;
                    }
                    Collections.sort(numbers);
                    int onset = numbers.get(0);
                    int offset = numbers.get(numbers.size() - 1);
                    int apex = onset + (offset - onset) / 2;
                    String note = "SMIC annotates no apex: the middle frame " + apex + " serves";
                    rows.add(DatasetReader.Entry.of(row, new Sample(name(), subject, clip.getFileName().toString(), clip,
                            onset, apex, offset, label, -1, FPS, false, row, List.of(note))));
                }
            }
        }
        return new Rows(rows, List.of("SMIC annotates no apex: the middle frame of every clip serves"));
    }

    static int subjectNumber(Path p) {
        Matcher m = SUBJECT.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }
}
