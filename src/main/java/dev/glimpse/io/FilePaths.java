package dev.glimpse.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What is wrong with a path, in words a person can act on: the messages every reader and writer gives. */
public final class FilePaths {
    private FilePaths() {}

    /**
     * Why {@code path} cannot be followed to anything: "does not exist", or, for a symbolic link, "is a loop of
     * symbolic links" or "is a symbolic link to TARGET, which does not exist". Null when it exists.
     */
    public static String missing(Path path) {
        if (Files.exists(path)) {
            return null;
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return "does not exist";
        }
        try {
            path.toRealPath();
            return "does not exist";
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().toLowerCase(java.util.Locale.ROOT).contains("levels of symbolic links")) {
                return "is a loop of symbolic links";
            }
            return danglingLink(path);
        } catch (IOException e) {
            return danglingLink(path);
        }
    }

    private static String danglingLink(Path path) {
        try {
            return "is a symbolic link to " + Files.readSymbolicLink(path) + ", which does not exist";
        } catch (IOException e) {
            return "is a symbolic link to nothing";
        }
    }

    /**
     * Makes sure {@code dir} is a folder to write into, creating it (and its parents) when missing.
     *
     * @param what how the user named it, e.g. "--out" (said first in the message)
     * @throws IllegalArgumentException naming the option and the path when it is a file or a broken link
     */
    public static Path folderForWriting(Path dir, String what) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(what + " " + dir + " is a file, not a folder");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(what + " " + dir + " " + missing(dir));
        }
        return Files.createDirectories(dir);
    }
}
