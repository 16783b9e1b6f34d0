package dev.glimpse.clip;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * One decoded frame: 8-bit RGB, interleaved, row-major. Plain bytes so that the viewer, the model
 * input and the tests all see the same pixels (pixel-identical comparisons are byte comparisons).
 */
public final class FrameImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    public FrameImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " x 3 bytes, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels themselves (not a copy: frames are large and never modified after decoding). */
    public byte[] rgb() {
        return rgb;
    }

    public long sizeInBytes() {
        return rgb.length;
    }

    public int red(int x, int y) {
        return rgb[(y * width + x) * 3] & 0xff;
    }

    public static FrameImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int k = 0; k < out.length; k += 3) {
                out[k] = bgr[k + 2];
                out[k + 1] = bgr[k + 1];
                out[k + 2] = bgr[k];
            }
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int p = 0, k = 0; p < argb.length; p++, k += 3) {
                out[k] = (byte) (argb[p] >> 16);
                out[k + 1] = (byte) (argb[p] >> 8);
                out[k + 2] = (byte) argb[p];
            }
        }
        return new FrameImage(w, h, out);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int k = 0; k < rgb.length; k += 3) {
            bgr[k] = rgb[k + 2];
            bgr[k + 1] = rgb[k + 1];
            bgr[k + 2] = rgb[k];
        }
        return image;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameImage f && f.width == width && f.height == height && Arrays.equals(f.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rgb) * 31 + width;
    }
}
