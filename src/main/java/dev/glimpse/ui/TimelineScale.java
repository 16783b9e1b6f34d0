package dev.glimpse.ui;

/**
 * Which frames the timeline shows and where: a window of {@code visible} frames starting at {@code first},
 * spread over the timeline's width. Zooming keeps the frame under the mouse where it is, down to
 * {@link #MIN_VISIBLE} frames (each a cell wide enough to click exactly); the window follows the playhead.
 */
public final class TimelineScale {
    static final int MIN_VISIBLE = 12;
    private final int frames;
    private int first;
    private int visible;

    /** @param frames the clip's frame count; all of them visible at first */
    public TimelineScale(int frames) {
        this.frames = Math.max(1, frames);
        this.first = 0;
        this.visible = this.frames;
    }

    public int first() {
        return first;
    }

    public int visible() {
        return visible;
    }

    /** Left edge of frame {@code index}'s cell, in pixels of a timeline {@code width} wide. */
    public double x(int index, double width) {
        return (index - first) * width / visible;
    }

    /** Width of one frame's cell. */
    public double cell(double width) {
        return width / visible;
    }

    /** The frame whose cell holds {@code x}, within the clip. */
    public int index(double x, double width) {
        int i = first + (int) Math.floor(x * visible / Math.max(1, width));
        return Math.max(0, Math.min(frames - 1, i));
    }

    /** Zooms by {@code factor} (above 1: in) keeping frame {@code anchor} at the same place. */
    public void zoom(double factor, int anchor) {
        double fraction = (anchor - first) / (double) visible;
        int wanted = (int) Math.round(visible / factor);
        visible = Math.max(Math.min(MIN_VISIBLE, frames), Math.min(frames, wanted == visible ? visible + (factor > 1 ? -1 : 1) : wanted));
        first = clampFirst((int) Math.round(anchor - fraction * visible));
    }

    /** Scrolls by {@code delta} frames. */
    public void scroll(int delta) {
        first = clampFirst(first + delta);
    }

    /** Scrolls so that {@code index} is visible, a page at a time as playback runs past the edge. */
    public void follow(int index) {
        if (index < first || index >= first + visible) {
            first = clampFirst(index - visible / 10);
        }
    }

    private int clampFirst(int f) {
        return Math.max(0, Math.min(frames - visible, f));
    }
}
