package dev.glimpse.dataset.synth;

import dev.glimpse.clip.FrameImage;
import java.util.List;
import java.util.Random;

/**
 * One synthetic micro-expression: a neutral onset, a movement of the emotion's action units that rises
 * to the apex and fades by the offset, with label-free distractors (a blink, a small head drift, a
 * brightness flicker). Frame positions are 0-based within the clip.
 *
 * @param face the subject
 * @param emotion the label
 * @param units the action units that move
 * @param amplitude peak displacement scale, pixels at 224 x 224 (1-3)
 * @param frames frames in the clip
 * @param onset first frame of the movement (still neutral)
 * @param apex frame of peak intensity
 * @param offset last frame of the movement (neutral again)
 * @param seed drives the distractors and the sensor noise
 */
public record SyntheticClip(SyntheticFace face, Emotion emotion, List<ActionUnit> units, double amplitude, int frames,
                            int onset, int apex, int offset, long seed) {

    /** Plans a clip at {@code fps}: rise 0.07-0.17 s, fall 0.1-0.3 s, with 0.05-0.15 s of neutral face around. */
    public static SyntheticClip plan(SyntheticFace face, Emotion emotion, double fps, Random random) {
        return plan(face, emotion, fps, 0, random);
    }

    /** As {@link #plan(SyntheticFace, Emotion, double, Random)}, with {@code context} seconds of neutral face around (0: the default). */
    public static SyntheticClip plan(SyntheticFace face, Emotion emotion, double fps, double context, Random random) {
        int rise = Math.max(2, (int) Math.round(fps * (0.07 + 0.10 * random.nextDouble())));
        int fall = Math.max(2, (int) Math.round(fps * (0.10 + 0.20 * random.nextDouble())));
        double b = random.nextDouble();
        double a = random.nextDouble();
        int before = Math.max(2, (int) Math.round(fps * (context > 0 ? context : 0.05 + 0.10 * b)));
        int after = Math.max(2, (int) Math.round(fps * (context > 0 ? context : 0.05 + 0.10 * a)));
        int onset = before;
        int apex = onset + rise;
        int offset = apex + fall;
        double amplitude = 1 + 2 * random.nextDouble();
        return new SyntheticClip(face, emotion, emotion.actionUnits(random), amplitude, offset + after, onset, apex,
                offset, random.nextLong());
    }

    /** "6+12" as a coding sheet writes the action units. */
    public String actionUnitCode() {
        StringBuilder b = new StringBuilder();
        for (ActionUnit u : units) {
            if (b.length() > 0) {
                b.append('+');
            }
            b.append(u.number());
        }
        return b.toString();
    }

    /** Movement intensity at frame {@code k}: 0 outside [onset, offset], 1 at the apex, smooth in between. */
    public double envelope(int k) {
        if (k <= onset || k >= offset) {
            return 0;
        }
        double x = k <= apex ? (k - onset) / (double) (apex - onset) : (offset - k) / (double) (offset - apex);
        return x * x * (3 - 2 * x);
    }

    /** Renders every frame at {@code width} x {@code height} with the face filling a {@code faceSize} square. */
    public Renderer renderer(int width, int height, int faceSize) {
        return new Renderer(width, height, faceSize);
    }

    /** Renders the frames of this clip in order; the distractors are drawn once, from the clip's seed. */
    public final class Renderer {
        private final FaceRenderer renderer;
        private final Random noise;
        private final int blinkAt;
        private final int blinkLength;
        private final double driftX;
        private final double driftY;
        private final int jumpAt;
        private final double jumpX;
        private final double flicker;
        private final double flickerPhase;

        Renderer(int width, int height, int faceSize) {
            Random r = new Random(seed);
            renderer = new FaceRenderer(face, width, height, faceSize, 2.0);
            boolean blinkIsTheExpression = units.contains(ActionUnit.AU43);
            blinkAt = !blinkIsTheExpression && r.nextDouble() < 0.3 ? r.nextInt(frames) : -100;
            blinkLength = Math.max(2, frames / 12);
            driftX = (r.nextDouble() - 0.5) * 3;
            driftY = (r.nextDouble() - 0.5) * 3;
            jumpAt = r.nextDouble() < 0.3 ? r.nextInt(frames) : Integer.MAX_VALUE;
            jumpX = (r.nextDouble() - 0.5) * 2;
            flicker = r.nextDouble() < 0.3 ? 0.03 : 0;
            flickerPhase = r.nextDouble() * 2 * Math.PI;
            noise = new Random(r.nextLong());
        }

        public FrameImage frame(int k) {
            ActionUnit.Pose pose = new ActionUnit.Pose();
            double e = envelope(k);
            for (ActionUnit u : units) {
                u.apply(pose, u == ActionUnit.AU43 ? 3 * e : amplitude * e);
            }
            int sinceBlink = k - blinkAt;
            if (sinceBlink >= 0 && sinceBlink <= blinkLength) {
                pose.blink += Math.sin(Math.PI * sinceBlink / blinkLength);
            }
            double progress = frames > 1 ? k / (double) (frames - 1) : 0;
            pose.headDx = driftX * progress + (k >= jumpAt ? jumpX : 0);
            pose.headDy = driftY * progress;
            pose.brightness = 1 + flicker * Math.sin(flickerPhase + k * 0.9);
            return renderer.render(pose, noise);
        }
    }
}
