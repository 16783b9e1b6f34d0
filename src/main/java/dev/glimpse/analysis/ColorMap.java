package dev.glimpse.analysis;

import java.util.Locale;

/** Colour maps for attention heatmaps: value in [0, 1] to packed RGB. */
public enum ColorMap {
    VIRIDIS {
        // matplotlib's viridis at eleven evenly spaced stops, interpolated linearly
        private final int[] stops = {
            0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
            0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725};

        @Override
        public int rgb(double v) {
            double x = clamp(v) * (stops.length - 1);
            int i = Math.min((int) x, stops.length - 2);
            return mix(stops[i], stops[i + 1], x - i);
        }
    },
    JET {
        @Override
        public int rgb(double v) {
            double x = clamp(v);
            double r = clamp(1.5 - Math.abs(4 * x - 3));
            double g = clamp(1.5 - Math.abs(4 * x - 2));
            double b = clamp(1.5 - Math.abs(4 * x - 1));
            return ((int) Math.round(r * 255) << 16) | ((int) Math.round(g * 255) << 8) | (int) Math.round(b * 255);
        }
    },
    GREY {
        @Override
        public int rgb(double v) {
            int g = (int) Math.round(clamp(v) * 255);
            return (g << 16) | (g << 8) | g;
        }
    };

    /** Packed 0xRRGGBB for {@code value} in [0, 1] (clamped). */
    public abstract int rgb(double value);

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static ColorMap parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown colour map '" + name + "'; use viridis, jet or grey");
        }
    }

    static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return (r << 16) | (g << 8) | bl;
    }
}
