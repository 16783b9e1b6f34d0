package dev.glimpse.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The clips and projects opened lately, newest first, kept in a small text file (one path a line) in the
 * user's data folder, so that File > Open recent survives a restart. A broken or missing list is just empty.
 */
public final class RecentFiles {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecentFiles.class);
    static final int MAX = 10;
    private final Path file;

    public RecentFiles(Path file) {
        this.file = file;
    }

    public List<Path> list() {
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(Path.of(line.strip()));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Puts {@code path} first; a failure to write the list is not worth bothering the user with. */
    public void add(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(abs);
        paths.add(0, abs);
        List<String> lines = paths.stream().limit(MAX).map(Path::toString).toList();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not update the recent files list {}: {}", file, e.getMessage());
        }
    }
}
