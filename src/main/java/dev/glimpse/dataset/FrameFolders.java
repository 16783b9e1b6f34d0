package dev.glimpse.dataset;

import dev.glimpse.io.FilePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Which frame numbers a folder holds (the last number in each image's name), listed once per folder. */
final class FrameFolders {
    private static final Pattern NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");
    private final Map<Path, Set<Integer>> listed = new HashMap<>();
    private final Path root;

    /** @param root the dataset's root: no row may lead outside it */
    FrameFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Null when {@code clip}, with any ".." resolved, lies inside the root; else why the row is refused. */
    String outsideRoot(Path clip, String written) {
        return clip.toAbsolutePath().normalize().startsWith(root) ? null
                : "'" + written + "' leads outside the dataset root " + root;
    }

    /** Null when the frames are there, else what is missing. */
    String missing(Path folder, int... numbers) {
        Set<Integer> present = listed.computeIfAbsent(folder, FrameFolders::list);
        if (present == null) {
            return "frames not found: " + folder + " is not a folder";
        }
        for (int n : numbers) {
            if (!present.contains(n)) {
                return "frame " + n + " not found in " + folder;
            }
        }
        return null;
    }

    /** The numbers of the frames in a folder, or null when it is not one. */
    Set<Integer> numbers(Path folder) {
        return listed.computeIfAbsent(folder, FrameFolders::list);
    }

    private static Set<Integer> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        Set<Integer> numbers = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                int dot = name.lastIndexOf('.');
                if (dot > 0 && Set.of("jpg", "jpeg", "png", "bmp").contains(name.substring(dot + 1))) {
                    Matcher m = NUMBER.matcher(name.substring(0, dot));
                    if (m.find()) {
                        numbers.add(Integer.parseInt(m.group(1)));
                    }
                }
            });
        } catch (IOException e) {
            return null;
        }
        return numbers;
    }

    /** The dataset root must be a folder. */
    static void requireFolder(Path root) throws DatasetException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root, Files.exists(root) ? "is not a folder" : FilePaths.missing(root));
        }
    }

    /**
     * One annotation row made into an entry: the interval read and repaired ({@link Annotation}), and the
     * frames it needs found in {@code clip}; or the reason it cannot be used.
     */
    DatasetReader.Entry entry(int row, String database, String subject, String episode, Path clip, String label,
                              String onset, String apex, String offset, double fps, boolean cropped) {
        String outside = outsideRoot(clip, episode);
        if (outside != null) {
            return DatasetReader.Entry.refused(row, outside);
        }
        Annotation a;
        try {
            a = Annotation.of(onset, apex, offset);
        } catch (Annotation.Refused e) {
            return DatasetReader.Entry.refused(row, e.getMessage());
        }
        String missing = missing(clip, a.onset(), a.apex(), a.offset());
        if (missing != null) {
            return DatasetReader.Entry.refused(row, missing);
        }
        return DatasetReader.Entry.of(row, new Sample(database, subject, episode, clip, a.onset(), a.apex(), a.offset(),
                label, -1, fps, cropped, row, a.notes()));
    }

    /** A child folder by exact name, else ignoring case. */
    static Path child(Path parent, String name) {
        Path exact = parent.resolve(name);
        if (Files.exists(exact)) {
            return exact;
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(p -> p.getFileName().toString().equalsIgnoreCase(name)).findFirst().orElse(exact);
        } catch (IOException e) {
            return exact;
        }
    }
}
