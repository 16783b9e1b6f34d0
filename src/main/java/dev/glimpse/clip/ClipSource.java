package dev.glimpse.clip;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Random access to the frames of one clip, by index 0..frameCount-1 in presentation order.
 * Each frame also has the clip's own frame number: the index for a video, the number in the file
 * name for a folder of images. Annotations (onset, apex, offset) use frame numbers.
 */
public interface ClipSource extends AutoCloseable {

    Path path();

    int frameCount();

    double fps();

    int width();

    int height();

    /** The clip's own number of frame {@code index}. */
    int frameNumber(int index);

    /** The index of the frame numbered {@code number}; a clear error when the clip has no such frame. */
    int indexOf(int number);

    /**
     * The nearest frame at or before {@code index} that can be shown without decoding others first (a video's
     * keyframe): what scrubbing shows while the user drags. Every frame of an image folder is one.
     */
    default int keyframeAtOrBefore(int index) {
        return index;
    }

    /** Presentation time of frame {@code index}, in seconds from the start. */
    double timestampSeconds(int index);

    boolean variableFrameRate();

    /** Whether the frames are already face crops (a dataset's cropped layout): detection is skipped. */
    /** What is wrong with the file (cut short, damaged), for the person to be told; null when nothing is. */
    default String damage() {
        return null;
    }

    default boolean alreadyCropped() {
        return false;
    }

    /** Frame {@code index}, exactly as stored. */
    FrameImage read(int index) throws IOException;

    /**
     * Frame {@code index}'s luma, for reading a whole video in order (spotting): a video decodes it without the
     * colour conversion and without filling the frame cache.
     */
    default LumaImage readLuma(int index) throws IOException {
        return LumaImage.of(read(index));
    }

    default int firstFrame() {
        return frameNumber(0);
    }

    default int lastFrame() {
        return frameNumber(frameCount() - 1);
    }

    default double durationSeconds() {
        return frameCount() / fps();
    }

    @Override
    void close();
}
