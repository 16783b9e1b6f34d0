package dev.glimpse.clip;

import dev.glimpse.io.FilePaths;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a clip from a path: a folder of numbered images, or a video file. */
public final class ClipSources {
    private ClipSources() {}

    public static ClipSource open(Path path) throws ClipException {
        return open(path, ImageSequenceSource.DEFAULT_FPS, false);
    }

    /**
     * @param folderFps frame rate of a folder of frames (a video knows its own)
     * @param alreadyCropped the frames are a dataset's face crops (detection is skipped)
     */
    public static ClipSource open(Path path, double folderFps, boolean alreadyCropped) throws ClipException {
        if (Files.isDirectory(path)) {
            return ImageSequenceSource.open(path, folderFps, alreadyCropped);
        }
        if (!Files.exists(path)) {
            throw new ClipException(path, FilePaths.missing(path));
        }
        return VideoFileSource.open(path);
    }
}
