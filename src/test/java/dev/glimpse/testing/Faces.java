package dev.glimpse.testing;

import dev.glimpse.clip.FrameImage;
import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticClip;
import dev.glimpse.dataset.synth.SyntheticFace;
import java.util.Random;

/**
 * Frames with a face in them (the synthetic generator's, a light-skinned one the face detector finds), each
 * carrying its number as {@link Barcode} draws it along the top: for the window's tests, where an analysis
 * needs a face to read and frame exactness needs the number.
 */
public final class Faces {
    private Faces() {}

    /** A renderer of {@code frames} frames of {@code width} x {@code height}, a happiness expression in the middle. */
    public static Renderer renderer(int frames, int width, int height) {
        SyntheticClip plan = SyntheticClip.plan(new SyntheticFace(3), Emotion.HAPPINESS, 25, 0, new Random(7));
        SyntheticClip clip = new SyntheticClip(plan.face(), plan.emotion(), plan.units(), plan.amplitude(), frames,
                frames / 3, frames / 3 + 4, frames / 3 + 10, plan.seed());
        return new Renderer(clip.renderer(width, height, Math.min(width, height) * 3 / 4), width, height);
    }

    /** Renders the numbered frames. */
    public static final class Renderer {
        private final SyntheticClip.Renderer face;
        private final int width;
        private final int height;

        Renderer(SyntheticClip.Renderer face, int width, int height) {
            this.face = face;
            this.width = width;
            this.height = height;
        }

        public FrameImage frame(int number) {
            byte[] rgb = face.frame(number).rgb().clone();
            byte[] code = Barcode.frame(number, width, height).rgb();
            int rows = 2 * Barcode.BLOCK;
            System.arraycopy(code, Barcode.BLOCK * width * 3, rgb, Barcode.BLOCK * width * 3, (rows - Barcode.BLOCK) * width * 3);
            return new FrameImage(width, height, rgb);
        }
    }
}
