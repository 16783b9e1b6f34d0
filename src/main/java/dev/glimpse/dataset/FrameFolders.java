package dev.glimpse.dataset;

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
