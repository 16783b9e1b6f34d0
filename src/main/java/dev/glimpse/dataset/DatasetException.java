package dev.glimpse.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset or annotation file that cannot be read; the message names the file and the problem. */
public class DatasetException extends IOException {
    public DatasetException(Path path, String problem) {
        super(path + ": " + problem);
    }
}
