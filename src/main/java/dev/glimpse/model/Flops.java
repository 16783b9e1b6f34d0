package dev.glimpse.model;

/**
 * Floating-point operations of one clip through the network (a multiply-add counts 2), dominated by
 * the Motion Encoder's convolutions; the graph and classifier are counted too, though they are tiny.
 */
public final class Flops {
    private Flops() {}

    public static double perClip(AtmGcnConfig c) {
        double perPair = 0;
        int side = c.imageSize() / 2;
        perPair += conv(side, 3, c.stemChannels(), 3);
        int in = c.stemChannels();
        for (AtmGcnConfig.CaStage b : c.blocks()) {
            side /= b.stride();
            perPair += conv(side, in, b.channels(), 3) + conv(side, b.channels(), b.channels(), 1);
            if (b.stride() != 1 || in != b.channels()) {
                perPair += conv(side, in, b.channels(), 1);
            }
            perPair += conv(side, 2, 1, 1);
            in = b.channels();
        }
        int f = c.motionFeatures();
        perPair += 2.0 * in * c.grid() * c.grid() * f;
        int n = c.nodes();
        double graph = c.noGcn() ? 0 : c.gcnLayers() * (2.0 * n * n * f + 2.0 * n * f * f)
                + (c.gcnLayers() - 1) * 2.0 * n * n * n + 2.0 * n * n * f;
        double classifier = 4 * 2.0 * n * f * f + 2 * 2.0 * n * n * f + 2.0 * f * c.classes();
        return perPair * n + graph + classifier;
    }

    private static double conv(int outSide, int in, int out, int kernel) {
        return 2.0 * outSide * outSide * in * out * kernel * kernel;
    }
}
