package dev.glimpse.clip;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes YUV4MPEG2 (.y4m) files: a text header and raw planes, which FFmpeg demuxes and decodes at any width
 * and height, odd ones included (encoders behind JavaCV's recorder round widths up to even). BT.601
 * limited-range conversion from RGB, as FFmpeg assumes for an unlabelled stream.
 */
final class Y4m {
    private Y4m() {}

    static Path write(Path file, List<FrameImage> frames, boolean chroma444) throws IOException {
        int w = frames.get(0).width();
        int h = frames.get(0).height();
        int cw = chroma444 ? w : (w + 1) / 2;
        int ch = chroma444 ? h : (h + 1) / 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + w + " H" + h + " F25:1 Ip A1:1 C" + (chroma444 ? "444" : "420jpeg") + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (FrameImage f : frames) {
                byte[] rgb = f.rgb();
                byte[] y = new byte[w * h];
                byte[] u = new byte[cw * ch];
                byte[] v = new byte[cw * ch];
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) {
                        int k = (row * w + col) * 3;
                        double r = rgb[k] & 0xff;
                        double g = rgb[k + 1] & 0xff;
                        double b = rgb[k + 2] & 0xff;
                        y[row * w + col] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b);
                        if (chroma444 || (row % 2 == 0 && col % 2 == 0)) {
                            int c = chroma444 ? row * w + col : (row / 2) * cw + col / 2;
                            u[c] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
                            v[c] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
                        }
                    }
                }
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(u);
                out.write(v);
            }
        }
        return file;
    }

    private static byte clamp(double value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
