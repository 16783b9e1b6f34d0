package dev.glimpse.ui;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.FrameImage;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The frame viewer, without a window: which frame is current (by index), its number and time as the
 * annotator reads them, and the frame itself, decoded on a background thread and handed to the UI thread.
 * A frame that is no longer current when it arrives is dropped, so stepping fast never shows a stale frame.
 */
public final class ViewerViewModel implements AutoCloseable {
    private final ClipSource clip;
    private final Executor uiThread;
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glimpse-frame-decoder");
        t.setDaemon(true);
        return t;
    });
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final ObjectProperty<FrameImage> frame = new SimpleObjectProperty<>();
    private final ObjectProperty<String> error = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");

    /** @param uiThread where results are handed back (Platform::runLater in the app; Runnable::run in tests) */
    public ViewerViewModel(ClipSource clip, Executor uiThread) {
        this.clip = clip;
        this.uiThread = uiThread;
        index.addListener((obs, old, now) -> load(now.intValue()));
        index.set(0);
    }

    /** The clip's frame rate (frames a second). */
    public double fps() {
        return clip.fps();
    }

    /** Frames in the clip. */
    public int frameCount() {
        return clip.frameCount();
    }

    /** The index (0-based, presentation order) of the clip's frame numbered {@code number}. */
    public int indexOf(int number) {
        return clip.indexOf(number);
    }

    /** The clip's own number of the frame at {@code index}. */
    public int numberAt(int index) {
        return clip.frameNumber(index);
    }

    /** The keyframe at or before {@code index}: it decodes at once, even in long-GOP video. */
    public int keyframeAtOrBefore(int index) {
        return clip.keyframeAtOrBefore(index);
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    public int index() {
        return index.get();
    }

    /** The clip's own number of the current frame. */
    public int frameNumber() {
        return clip.frameNumber(index.get());
    }

    public ObjectProperty<FrameImage> frameProperty() {
        return frame;
    }

    public ObjectProperty<String> errorProperty() {
        return error;
    }

    /** "frame 12 of 0..899 · 0.400 s": what the status line shows. */
    public ReadOnlyStringProperty positionProperty() {
        return position;
    }

    public void step(int delta) {
        index.set(Math.max(0, Math.min(clip.frameCount() - 1, index.get() + delta)));
    }

    public void first() {
        index.set(0);
    }

    public void last() {
        index.set(clip.frameCount() - 1);
    }

    /** Jumps to the frame with the clip's own number {@code number}; a clear error when there is none. */
    public void goToFrame(int number) {
        index.set(clip.indexOf(number));
    }

    private void load(int target) {
        position.set(String.format(Locale.ROOT, "frame %d of %d..%d · %.3f s", clip.frameNumber(target),
                clip.firstFrame(), clip.lastFrame(), clip.timestampSeconds(target)));
        decoder.execute(() -> {
            if (index.get() != target) {
                return; // the user has moved on: skip the work
            }
            try {
                FrameImage image = clip.read(target);
                uiThread.execute(() -> {
                    if (index.get() == target) {
                        frame.set(image);
                        error.set(null);
                    }
                });
            } catch (Exception e) {
                uiThread.execute(() -> error.set(e.getMessage()));
            }
        });
    }

    @Override
    public void close() {
        decoder.shutdownNow();
        clip.close();
    }
}
