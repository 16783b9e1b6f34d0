package dev.glimpse.testing;

import dev.glimpse.clip.FrameImage;

/**
 * Frames that carry their own number: 12 blocks of 8 x 8 pixels along the top (white = 1, most
 * significant bit first) over a background that changes with the number, so that a decoded frame says
 * which frame it is even after lossy compression. src/test/resources/video/make_h264_fixture.py draws
 * the same frames.
 */
public final class Barcode {
    public static final int BITS = 12;
    public static final int BLOCK = 8;

    private Barcode() {}

    public static FrameImage frame(int number, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int k = (y * width + x) * 3;
                rgb[k] = (byte) ((x * 2 + number * 3) & 0xff);
                rgb[k + 1] = (byte) ((y * 2 + number * 5) & 0xff);
                rgb[k + 2] = (byte) 96;
            }
        }
        for (int bit = 0; bit < BITS; bit++) {
            boolean on = ((number >> (BITS - 1 - bit)) & 1) == 1;
            for (int y = BLOCK; y < 2 * BLOCK; y++) {
                for (int x = BLOCK + bit * BLOCK; x < 2 * BLOCK + bit * BLOCK; x++) {
                    int k = (y * width + x) * 3;
                    byte v = on ? (byte) 255 : 0;
                    rgb[k] = v;
                    rgb[k + 1] = v;
                    rgb[k + 2] = v;
                }
            }
        }
        return new FrameImage(width, height, rgb);
    }

    /** The number a frame carries, read from the centres of its blocks. */
    public static int read(FrameImage f) {
        int n = 0;
        for (int bit = 0; bit < BITS; bit++) {
            int sum = 0;
            for (int dy = 3; dy < 5; dy++) {
                for (int dx = 3; dx < 5; dx++) {
                    sum += f.red(BLOCK + bit * BLOCK + dx, BLOCK + dy);
                }
            }
            n = (n << 1) | (sum / 4 > 128 ? 1 : 0);
        }
        return n;
    }
}
