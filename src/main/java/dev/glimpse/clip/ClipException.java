package dev.glimpse.clip;

import java.io.IOException;
import java.nio.file.Path;

/** A clip that cannot be read as asked; the message names the file and the problem. */
public class ClipException extends IOException {
    private final transient Path path;

    public ClipException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public ClipException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
