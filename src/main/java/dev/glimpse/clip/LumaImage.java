package dev.glimpse.clip;

/**
 * One frame's brightness only: 8-bit luma (BT.601, full range), row-major. What face detection and optical flow
 * read; a video hands it out without converting colour (its Y plane scaled to full range), at a third of an RGB
 * frame's bytes.
 */
public record LumaImage(int width, int height, byte[] luma) {
    public LumaImage {
        if (width <= 0 || height <= 0 || luma.length != width * height) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " bytes, got " + luma.length);
        }
    }

    /** The luma of an RGB frame, in integers (77 R + 150 G + 29 B) / 256. */
    public static LumaImage of(FrameImage frame) {
        byte[] rgb = frame.rgb();
        byte[] out = new byte[frame.width() * frame.height()];
        for (int p = 0, i = 0; p < out.length; p++, i += 3) {
            out[p] = (byte) ((77 * (rgb[i] & 0xff) + 150 * (rgb[i + 1] & 0xff) + 29 * (rgb[i + 2] & 0xff)) >> 8);
        }
        return new LumaImage(frame.width(), frame.height(), out);
    }

    public int at(int x, int y) {
        return luma[y * width + x] & 0xff;
    }
}
