package dev.glimpse.clip;

/**
 * The one square box that crops every frame of a clip (spec section 1), so that the crop adds no
 * motion. {@code source} says where it came from: "detected", "centre" (no face found), "user",
 * or "dataset" (frames already cropped).
 */
public record CropBox(int x, int y, int size, String source) {
    public CropBox {
        if (size <= 0 || x < 0 || y < 0) {
            throw new IllegalArgumentException("crop box must have a positive size inside the frame: " + x + "," + y + " " + size);
        }
    }

    /** The largest centred square. */
    public static CropBox centre(int width, int height) {
        int side = Math.min(width, height);
        return new CropBox((width - side) / 2, (height - side) / 2, side, "centre");
    }

    /** The whole frame of an already-cropped clip (the largest centred square if it is not square). */
    public static CropBox dataset(int width, int height) {
        CropBox c = centre(width, height);
        return new CropBox(c.x(), c.y(), c.size(), "dataset");
    }

    /**
     * A detected face box, enlarged by {@code margin} of its size on every side, squared about its
     * centre, and shifted or shrunk to fit inside the frame.
     */
    public static CropBox around(int fx, int fy, int fw, int fh, double margin, int width, int height, String source) {
        double cx = fx + fw / 2.0;
        double cy = fy + fh / 2.0;
        int side = (int) Math.round(Math.max(fw, fh) * (1 + 2 * margin));
        side = Math.min(side, Math.min(width, height));
        int x = (int) Math.round(cx - side / 2.0);
        int y = (int) Math.round(cy - side / 2.0);
        x = Math.max(0, Math.min(x, width - side));
        y = Math.max(0, Math.min(y, height - side));
        return new CropBox(x, y, side, source);
    }

    public boolean fitsIn(int width, int height) {
        return x + size <= width && y + size <= height;
    }
}
