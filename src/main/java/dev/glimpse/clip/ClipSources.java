package dev.glimpse.clip;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a clip from a path: a folder of numbered images, or a video file. */
public final class ClipSources {
    private ClipSources() {}

    public static ClipSource open(Path path) throws ClipException {
        if (Files.isDirectory(path)) {
            return ImageSequenceSource.open(path);
        }
        if (!Files.exists(path)) {
            throw new ClipException(path, "does not exist");
        }
        return VideoFileSource.open(path);
    }
}
