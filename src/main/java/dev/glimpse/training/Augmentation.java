package dev.glimpse.training;

import dev.glimpse.model.ClipInput;
import java.util.Random;

/**
 * Training augmentation, drawn once per clip and applied identically to all its frames, so that it adds
 * no motion: a random crop (pad round(8 S / 224) pixels, crop S), and optionally a horizontal flip and
 * brightness/contrast jitter (+-0.2).
 */
final class Augmentation {
    private Augmentation() {}

    static void apply(byte[] pixels, int size, int frames, float[] into, int offset, Random random, boolean jitter,
                      boolean flip) {
        int pad = (int) Math.round(8.0 * size / 224);
        int dx = random.nextInt(2 * pad + 1) - pad;
        int dy = random.nextInt(2 * pad + 1) - pad;
        boolean mirror = flip && random.nextBoolean();
        double brightness = jitter ? 0.8 + 0.4 * random.nextDouble() : 1;
        double contrast = jitter ? 0.8 + 0.4 * random.nextDouble() : 1;
        float[] plain = new float[frames * 3 * size * size];
        ClipInput.normalise(pixels, 0, size, frames, plain, 0);
        int plane = size * size;
        float[] zero = new float[3]; // padding: 0 after normalisation, the mean colour
        for (int f = 0; f < frames; f++) {
            for (int ch = 0; ch < 3; ch++) {
                int base = (f * 3 + ch) * plane;
                for (int y = 0; y < size; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < size; x++) {
                        int sx = (mirror ? size - 1 - x : x) + dx;
                        float v = sx < 0 || sy < 0 || sx >= size || sy >= size ? zero[ch] : plain[base + sy * size + sx];
                        if (jitter) {
                            v = (float) (v * contrast + (brightness - 1) * 4); // about +-0.2 in [0, 1] units
                        }
                        into[offset + base + y * size + x] = v;
                    }
                }
            }
        }
    }
}
