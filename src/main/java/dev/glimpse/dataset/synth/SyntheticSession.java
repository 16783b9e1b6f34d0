package dev.glimpse.dataset.synth;

import dev.glimpse.clip.FrameImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A long synthetic session for spotting: minutes of a neutral face that blinks every few seconds, drifts and
 * jerks its head a little, talks now and then (the jaw and lips moving at speech rate), and shows a few
 * macro-expressions (0.8-3 s, large) and a few micro-expressions (0.2-0.5 s from onset to offset, small).
 * The expressions are its ground truth; the blinks, the head and the speech are the distractors a spotter
 * must not report. Frame positions are 0-based. Synthetic: never a stand-in for results on real data.
 *
 * @param face the subject
 * @param fps frame rate
 * @param frames frames in the session
 * @param expressions the true intervals, in time order
 * @param blinks frames where a blink starts, with its length
 * @param speech bursts of speech-like mouth movement
 * @param seed drives the head's drift and the sensor noise
 */
public record SyntheticSession(SyntheticFace face, double fps, int frames, List<Expression> expressions,
                               List<Interval> blinks, List<Interval> speech, long seed) {

    /** A true interval: {@code micro} or {@code macro}, its action units and amplitude (pixels at 224 x 224). */
    public record Expression(String kind, Emotion emotion, List<ActionUnit> units, double amplitude, int onset, int apex,
                             int hold, int offset) {
        /** Intensity at frame {@code k}: 0 outside (onset, offset), 1 from the apex through the hold, smooth between. */
        double envelope(int k) {
            if (k <= onset || k >= offset) {
                return 0;
            }
            if (k >= apex && k <= hold) {
                return 1;
            }
            double x = k < apex ? (k - onset) / (double) (apex - onset) : (offset - k) / (double) (offset - hold);
            return x * x * (3 - 2 * x);
        }
    }

    /** A stretch of frames: {@code start} and {@code length}. */
    public record Interval(int start, int length) {
        boolean near(int from, int to, int margin) {
            return start <= to + margin && start + length >= from - margin;
        }
    }

    /**
     * Plans a session of {@code seconds} at {@code fps}: an expression every 5-9 s on average, about one in two a
     * micro-expression, blinks every 2.5-6 s, speech in about a fifth of the time.
     */
    public static SyntheticSession plan(SyntheticFace face, double fps, double seconds, Random random) {
        int frames = (int) Math.round(seconds * fps);
        List<Expression> expressions = new ArrayList<>();
        List<Emotion> emotions = List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST, Emotion.REPRESSION);
        int t = (int) Math.round(fps * (2 + 2 * random.nextDouble()));
        while (true) {
            boolean micro = random.nextBoolean();
            int rise;
            int hold;
            int fall;
            double amplitude;
            if (micro) { // 0.2-0.5 s from onset to offset (MEGC: up to 0.5 s)
                rise = Math.max(2, (int) Math.round(fps * (0.08 + 0.10 * random.nextDouble())));
                hold = 0;
                fall = Math.max(2, (int) Math.round(fps * (0.10 + 0.20 * random.nextDouble())));
                amplitude = 2 + 1.5 * random.nextDouble();
            } else { // 0.8-3 s, larger
                rise = (int) Math.round(fps * (0.2 + 0.3 * random.nextDouble()));
                hold = (int) Math.round(fps * (0.2 + 1.6 * random.nextDouble()));
                fall = (int) Math.round(fps * (0.3 + 0.4 * random.nextDouble()));
                amplitude = 5 + 3 * random.nextDouble();
            }
            int offset = t + rise + hold + fall;
            if (offset + fps * 2 >= frames) {
                break;
            }
            Emotion e = emotions.get(random.nextInt(emotions.size()));
            expressions.add(new Expression(micro ? "micro" : "macro", e, e.actionUnits(random), amplitude, t, t + rise,
                    t + rise + hold, offset));
            t = offset + (int) Math.round(fps * (3 + 4 * random.nextDouble()));
        }
        // distractors, kept clear of the expressions so that the ground truth is unambiguous
        List<Interval> blinks = new ArrayList<>();
        for (int b = (int) Math.round(fps * random.nextDouble() * 3); b < frames - fps; ) {
            Interval blink = new Interval(b, Math.max(3, (int) Math.round(fps * (0.15 + 0.15 * random.nextDouble()))));
            if (clear(blink, expressions, (int) Math.round(fps * 0.3))) {
                blinks.add(blink);
            }
            b += (int) Math.round(fps * (2.5 + 3.5 * random.nextDouble()));
        }
        List<Interval> speech = new ArrayList<>();
        for (int s = (int) Math.round(fps * 3); s < frames - 3 * fps; ) {
            Interval burst = new Interval(s, (int) Math.round(fps * (1 + 2 * random.nextDouble())));
            if (random.nextDouble() < 0.35 && clear(burst, expressions, (int) Math.round(fps * 0.6))) {
                speech.add(burst);
            }
            s += burst.length() + (int) Math.round(fps * (2 + 4 * random.nextDouble()));
        }
        return new SyntheticSession(face, fps, frames, List.copyOf(expressions), List.copyOf(blinks), List.copyOf(speech),
                random.nextLong());
    }

    private static boolean clear(Interval i, List<Expression> expressions, int margin) {
        return expressions.stream().noneMatch(e -> i.near(e.onset(), e.offset(), margin));
    }

    /** Renders every frame at {@code width} x {@code height}, the face filling a {@code faceSize} square. */
    public Renderer renderer(int width, int height, int faceSize) {
        return new Renderer(width, height, faceSize);
    }

    /** Renders the session's frames; the head's path is drawn once, from the session's seed. */
    public final class Renderer {
        private final FaceRenderer renderer;
        private final Random noise;
        private final double driftPeriod;
        private final double driftX;
        private final double driftY;
        private final List<int[]> jerks = new ArrayList<>(); // {start, frames, dx in tenths of a pixel}

        Renderer(int width, int height, int faceSize) {
            Random r = new Random(seed);
            renderer = new FaceRenderer(face, width, height, faceSize, 2.0);
            driftPeriod = fps * (20 + 20 * r.nextDouble());
            driftX = 4 + 4 * r.nextDouble();
            driftY = 2 + 2 * r.nextDouble();
            for (int j = (int) (fps * 5); j < frames; j += (int) (fps * (8 + 10 * r.nextDouble()))) {
                jerks.add(new int[] {j, (int) Math.round(fps * (0.3 + 0.3 * r.nextDouble())), (int) Math.round((r.nextDouble() - 0.5) * 80)});
            }
            noise = new Random(r.nextLong());
        }

        /** The quick turns of the head: each moves, is held a second, and comes back. */
        public List<Interval> headTurns() {
            List<Interval> out = new ArrayList<>();
            for (int[] j : jerks) {
                out.add(new Interval(j[0], 2 * j[1] + (int) Math.round(fps)));
            }
            return out;
        }

        public FrameImage frame(int k) {
            ActionUnit.Pose pose = new ActionUnit.Pose();
            for (Expression e : expressions) {
                double v = e.envelope(k);
                if (v > 0) {
                    for (ActionUnit u : e.units()) {
                        u.apply(pose, u == ActionUnit.AU43 ? 3 * v : e.amplitude() * v);
                    }
                }
            }
            for (Interval b : blinks) {
                if (k >= b.start() && k <= b.start() + b.length()) {
                    pose.blink += Math.sin(Math.PI * (k - b.start()) / b.length());
                }
            }
            for (Interval s : speech) {
                if (k >= s.start() && k < s.start() + s.length()) { // syllables at about 4 a second
                    double open = Math.abs(Math.sin(Math.PI * 4 * (k - s.start()) / fps));
                    ActionUnit.AU26.apply(pose, 1.2 * open);
                }
            }
            double phase = 2 * Math.PI * k / driftPeriod;
            pose.headDx = driftX * Math.sin(phase);
            pose.headDy = driftY * Math.sin(2 * phase);
            for (int[] j : jerks) { // a quick small turn of the head, held for a second, and back
                int since = k - j[0];
                int held = (int) Math.round(fps);
                double x = since < 0 ? 0 : since <= j[1] ? since / (double) j[1] : since <= j[1] + held ? 1
                        : Math.max(0, 1 - (since - j[1] - held) / (double) j[1]);
                pose.headDx += j[2] / 10.0 * x * x * (3 - 2 * x);
            }
            return renderer.render(pose, noise);
        }
    }
}
