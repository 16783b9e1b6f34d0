package dev.glimpse.model;

/**
 * What the network takes as its frames (spec section 1): L face crops of S x S RGB bytes scaled to [0, 1], then
 * normalised with ImageNet's mean and standard deviation, channel-first (L x 3 x S x S). The analyser, training
 * and augmentation all prepare their input here, so that the network sees the same numbers wherever it runs.
 */
public final class ClipInput {
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] STD = {0.229f, 0.224f, 0.225f};

    private ClipInput() {}

    /** L frames of RGB bytes (from {@code from}) into {@code into} (from {@code to}): one clip of a batch. */
    public static void normalise(byte[] pixels, int from, int size, int frames, float[] into, int to) {
        int plane = size * size;
        for (int f = 0; f < frames; f++) {
            int src = from + f * plane * 3;
            int dst = to + f * plane * 3;
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < 3; ch++) {
                    into[dst + ch * plane + p] = ((pixels[src + p * 3 + ch] & 0xff) / 255f - MEAN[ch]) / STD[ch];
                }
            }
        }
    }
}
