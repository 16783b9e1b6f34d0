package dev.glimpse.store;

import java.io.IOException;
import java.nio.file.Path;

/** A project database that cannot be used as asked; the message names the file and the problem. */
public class StoreException extends IOException {
    public StoreException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public StoreException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
