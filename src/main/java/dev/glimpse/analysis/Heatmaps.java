package dev.glimpse.analysis;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.FaceCrop;
import dev.glimpse.clip.FrameImage;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Attention heatmaps as images: a node's first-block map laid over its face crop with a colour map,
 * and the raw map in 16-bit grey (0..65535 for 0..1) for anyone who wants the numbers.
 */
public final class Heatmaps {
    private Heatmaps() {}

    /**
     * The map, upsampled bilinearly to the crop's size, over the crop: out = (1 - opacity * v') crop + ...
     * where the colour is blended with weight {@code opacity}.
     */
    public static FrameImage overlay(FrameImage crop, Analysis.AttentionMap map, ColorMap colors, double opacity) {
        int w = crop.width();
        int h = crop.height();
        byte[] src = crop.rgb();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = sample(map, (x + 0.5) * map.width() / w - 0.5, (y + 0.5) * map.height() / h - 0.5);
                int c = colors.rgb(v);
                int k = (y * w + x) * 3;
                out[k] = blend(src[k], (c >> 16) & 0xff, opacity);
                out[k + 1] = blend(src[k + 1], (c >> 8) & 0xff, opacity);
                out[k + 2] = blend(src[k + 2], c & 0xff, opacity);
            }
        }
        return new FrameImage(w, h, out);
    }

    /** Bilinear sample of the map at (x, y) in map pixels, clamped at the edges. */
    public static double sample(Analysis.AttentionMap map, double x, double y) {
        double cx = Math.max(0, Math.min(map.width() - 1, x));
        double cy = Math.max(0, Math.min(map.height() - 1, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(x0 + 1, map.width() - 1);
        int y1 = Math.min(y0 + 1, map.height() - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        double top = map.get(x0, y0) * (1 - fx) + map.get(x1, y0) * fx;
        double bottom = map.get(x0, y1) * (1 - fx) + map.get(x1, y1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static byte blend(byte base, int color, double opacity) {
        return (byte) Math.round((base & 0xff) * (1 - opacity) + color * opacity);
    }

    /** The raw map as a 16-bit grey image. */
    public static BufferedImage raw16(Analysis.AttentionMap map) {
        BufferedImage image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                raster.setSample(x, y, 0, (int) Math.round(ColorMap.clamp(map.get(x, y)) * 65535));
            }
        }
        return image;
    }

    /**
     * Writes, for every node, {@code node_NN_frame_FFFFFF.png} (colour map over the face crop) and
     * {@code node_NN_frame_FFFFFF_raw16.png}, re-reading each node's frame from {@code clip}.
     */
    public static void write(Path dir, ClipSource clip, Analysis analysis, ColorMap colors, double opacity, int size)
            throws IOException {
        Files.createDirectories(dir);
        for (Analysis.AttentionMap map : analysis.attentionMaps()) {
            FrameImage frame = clip.read(clip.indexOf(map.frame()));
            FrameImage crop = FaceCrop.crop(frame, analysis.crop(), size);
            String stem = String.format("node_%02d_frame_%06d", map.node(), map.frame());
            ImageIO.write(overlay(crop, map, colors, opacity).toBufferedImage(), "png", dir.resolve(stem + ".png").toFile());
            ImageIO.write(raw16(map), "png", dir.resolve(stem + "_raw16.png").toFile());
        }
    }
}
