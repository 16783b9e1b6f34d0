package dev.glimpse.spotting;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.FaceCrop;
import dev.glimpse.clip.LumaImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * One face box over a whole video: detected on the first frame, again every second, and every few frames while
 * the face is lost; a new detection moves the box only when the face has moved well out of it (Haar boxes jitter
 * by a few per cent from frame to frame, which would read as motion). Detection runs on the
 * frame scaled down to at most {@value #DETECT_HEIGHT} pixels high: a face that fills a sixth of the frame is
 * still 60 pixels there, and a 1080p frame costs a tenth as much.
 */
final class FaceTrack {
    static final int DETECT_HEIGHT = 360;
    private final int every;
    private final int retry;
    private CropBox box;
    private int lastSize; // the last box's size, kept while the face is lost
    private int lastTry = Integer.MIN_VALUE / 2;
    private int lastFullSearch = Integer.MIN_VALUE / 2;
    private int version;

    /** @param fps the clip's frame rate: detection once a second, and four times a second while lost */
    FaceTrack(double fps) {
        every = Math.max(1, (int) Math.round(fps));
        retry = Math.max(1, every / 4);
    }

    /** A fixed box (the command line's {@code --crop}): never detected, never lost. */
    static FaceTrack fixed(CropBox box) {
        FaceTrack t = new FaceTrack(1);
        t.box = box;
        t.lastTry = Integer.MAX_VALUE;
        return t;
    }

    /** The face box for frame {@code index} (frames come in order), or null while no face is found. */
    CropBox at(int index, LumaImage frame) {
        if (lastTry == Integer.MAX_VALUE) {
            return box.fitsIn(frame.width(), frame.height()) ? box : null;
        }
        if (index - lastTry >= (box == null ? retry : every)) {
            lastTry = index;
            // Faces of about the last one's size are looked for first (the small scales are most of the cascade's
            // cost); the whole range of sizes when that finds none, at most once a second while the face is lost.
            CropBox found = lastSize > 0 ? detect(frame, lastSize) : null;
            if (found == null && (box != null || index - lastFullSearch >= every)) {
                lastFullSearch = index;
                found = detect(frame, 0);
            }
            if (found != null) {
                lastSize = found.size();
            }
            if (found == null) {
                box = null; // lost: those frames are counted and skipped until it is found again
                version++;
            } else if (box == null || moved(box, found)) {
                box = found;
                version++;
            }
        }
        return box;
    }

    /**
     * Whether the face has left the box far enough to move it: a head that drifts a little stays in the same box
     * (the head's motion, the face's median flow, is taken away), since every move of the box breaks
     * the comparison of the frames on either side of it.
     */
    private static boolean moved(CropBox a, CropBox b) {
        double shift = Math.hypot(a.x() + a.size() / 2.0 - b.x() - b.size() / 2.0, a.y() + a.size() / 2.0 - b.y() - b.size() / 2.0);
        return shift > 0.12 * a.size() || Math.abs(a.size() - b.size()) > 0.15 * a.size();
    }

    /** Counts the box's moves: frames cropped with different boxes are not compared. */
    int version() {
        return version;
    }

    /**
     * The face in {@code frame}, found on a scaled-down copy; null when there is none.
     *
     * @param near the size of the box now held (whose face is looked for from 0.7 to 1.4 times its size), or 0
     */
    static CropBox detect(LumaImage frame, int near) {
        double k = Math.min(1, DETECT_HEIGHT / (double) frame.height());
        LumaImage small = k < 1 ? scaled(frame, k) : frame;
        double haar = near * k / (1 + 2 * FaceCrop.MARGIN); // Haar's box inside the crop box
        CropBox found = near == 0 ? FaceCrop.detect(small, 0, 0)
                : FaceCrop.detect(small, (int) Math.floor(0.7 * haar), (int) Math.ceil(1.4 * haar));
        if (!"detected".equals(found.source())) {
            return null;
        }
        if (k == 1) {
            return found;
        }
        int size = (int) Math.min(Math.min(frame.width(), frame.height()), Math.round(found.size() / k));
        int x = (int) Math.max(0, Math.min(frame.width() - size, Math.round(found.x() / k)));
        int y = (int) Math.max(0, Math.min(frame.height() - size, Math.round(found.y() / k)));
        return new CropBox(x, y, size, "detected");
    }

    private static LumaImage scaled(LumaImage frame, double k) {
        int w = Math.max(1, (int) Math.round(frame.width() * k));
        int h = Math.max(1, (int) Math.round(frame.height() * k));
        try (Mat grey = new Mat(frame.height(), frame.width(), opencv_core.CV_8UC1); Mat out = new Mat()) {
            grey.data().put(frame.luma());
            resize(grey, out, new Size(w, h), 0, 0, INTER_AREA);
            byte[] bytes = new byte[w * h];
            out.data().get(bytes);
            return new LumaImage(w, h, bytes);
        }
    }

    /**
     * The face inside {@code box} as a {@code side} x {@code side} grey image. A large box (a 1080p face is 700
     * pixels and more) is first sampled every few pixels (a whole number of them, at least twice the output's
     * resolution), each sample the mean of a 2 x 2 patch, so that a bounded number of pixels is read whatever the
     * video's size; a small face is read whole. OpenCV then area-averages the grid down to {@code side}.
     */
    static byte[] grey(LumaImage frame, CropBox box, int side) {
        // a whole step between samples: a fractional one samples the face unevenly, and as the face moves by a
        // fraction of a pixel that unevenness reads as motion (it cost small faces a third of their macro F1)
        int step = Math.max(1, box.size() / (2 * side));
        int grid = box.size() / step;
        byte[] luma = frame.luma();
        int w = frame.width();
        byte[] samples = new byte[grid * grid];
        for (int gy = 0; gy < grid; gy++) {
            int y = box.y() + gy * step;
            int y2 = Math.min(y + 1, box.y() + box.size() - 1);
            for (int gx = 0; gx < grid; gx++) {
                int x = box.x() + gx * step;
                int x2 = Math.min(x + 1, box.x() + box.size() - 1);
                int sum = (luma[y * w + x] & 0xff) + (luma[y * w + x2] & 0xff) + (luma[y2 * w + x] & 0xff)
                        + (luma[y2 * w + x2] & 0xff);
                samples[gy * grid + gx] = (byte) ((sum + 2) >> 2);
            }
        }
        try (Mat g = new Mat(grid, grid, opencv_core.CV_8UC1); Mat out = new Mat()) {
            g.data().put(samples);
            resize(g, out, new Size(side, side), 0, 0, INTER_AREA);
            byte[] bytes = new byte[side * side];
            out.data().get(bytes);
            return bytes;
        }
    }
}
