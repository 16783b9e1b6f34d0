package dev.glimpse.dataset.synth;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * One synthetic subject: skin tone, face shape, feature positions and sizes, hair and a fixed skin texture,
 * all drawn from the subject's seed. Coordinates are pixels of a 224 x 224 face crop.
 */
public final class SyntheticFace {
    private static final int[][] SKIN = {
        {236, 204, 180}, {224, 188, 160}, {198, 150, 120}, {160, 112, 82}, {120, 80, 56}, {92, 62, 44}};
    private static final int[][] HAIR = {{30, 22, 18}, {60, 40, 25}, {110, 80, 50}, {170, 140, 90}, {20, 20, 24}};
    private static final int[][] IRIS = {{60, 40, 25}, {40, 70, 110}, {70, 90, 60}, {30, 25, 20}};

    final double cx;
    final double cy;
    final double faceW;
    final double faceH;
    final double eyeY;
    final double eyeDx;
    final double eyeW;
    final double eyeH;
    final double browY;
    final double browThick;
    final double noseY;
    final double noseW;
    final double mouthY;
    final double mouthW;
    final double lipUpper;
    final double lipLower;
    final Color skin;
    final Color hair;
    final Color iris;
    final Color lips;
    final Color brows;
    final Color background;
    final BufferedImage texture; // translucent skin blotches over the face ellipse, 224 x 224

    public SyntheticFace(long seed) {
        Random r = new Random(seed);
        cx = 112 + gauss(r, 1.5);
        cy = 120 + gauss(r, 2);
        faceW = 150 + gauss(r, 7);
        faceH = 188 + gauss(r, 7);
        eyeY = 100 + gauss(r, 2.5);
        eyeDx = 32 + gauss(r, 2);
        eyeW = 15 + gauss(r, 1.2);
        eyeH = 6 + gauss(r, 0.6);
        browY = eyeY - 16 + gauss(r, 1.2);
        browThick = 4 + gauss(r, 0.6);
        noseY = 138 + gauss(r, 2.5);
        noseW = 11 + gauss(r, 1.2);
        mouthY = 165 + gauss(r, 2.5);
        mouthW = 24 + gauss(r, 2);
        lipUpper = 4 + gauss(r, 0.5);
        lipLower = 5 + gauss(r, 0.6);
        int[] s = SKIN[r.nextInt(SKIN.length)];
        skin = new Color(clamp(s[0] + gauss(r, 6)), clamp(s[1] + gauss(r, 6)), clamp(s[2] + gauss(r, 6)));
        int[] h = HAIR[r.nextInt(HAIR.length)];
        hair = new Color(h[0], h[1], h[2]);
        int[] i = IRIS[r.nextInt(IRIS.length)];
        iris = new Color(i[0], i[1], i[2]);
        // brows darker than both hair and skin, so that they show on every skin tone
        brows = new Color(clamp(Math.min(hair.getRed(), skin.getRed()) * 0.45), clamp(Math.min(hair.getGreen(), skin.getGreen()) * 0.45),
                clamp(Math.min(hair.getBlue(), skin.getBlue()) * 0.45));
        lips = new Color(clamp(skin.getRed() * 0.8 + 30), clamp(skin.getGreen() * 0.55), clamp(skin.getBlue() * 0.6));
        int bg = 150 + r.nextInt(70);
        background = new Color(clamp(bg * 0.9), clamp(bg * 0.95), bg);
        texture = texture(r);
    }

    private static BufferedImage texture(Random r) {
        BufferedImage t = new BufferedImage(224, 224, BufferedImage.TYPE_INT_ARGB);
        // low-frequency blotches: a sum of a few soft bumps, plus fine grain
        int bumps = 12;
        double[][] b = new double[bumps][4];
        for (double[] bump : b) {
            bump[0] = r.nextDouble() * 224;
            bump[1] = r.nextDouble() * 224;
            bump[2] = 10 + r.nextDouble() * 30;
            bump[3] = (r.nextDouble() - 0.5) * 24;
        }
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                double v = r.nextGaussian() * 3;
                for (double[] bump : b) {
                    double dx = x - bump[0];
                    double dy = y - bump[1];
                    v += bump[3] * Math.exp(-(dx * dx + dy * dy) / (2 * bump[2] * bump[2]));
                }
                int alpha = (int) Math.min(255, Math.abs(v) * 6);
                int c = v > 0 ? 255 : 0;
                t.setRGB(x, y, (alpha << 24) | (c << 16) | (c << 8) | c);
            }
        }
        return t;
    }

    static double gauss(Random r, double sd) {
        return Math.max(-2.5, Math.min(2.5, r.nextGaussian())) * sd;
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
