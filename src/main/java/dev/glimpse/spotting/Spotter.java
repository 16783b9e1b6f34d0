package dev.glimpse.spotting;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.LumaImage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Finds micro- and macro-expressions in a long video in one pass (docs/spotting.md says why it works so).
 *
 * <p>Each frame's face (a {@link FaceTrack}) is cut to a small grey crop, and the motion of brows, eyes and mouth
 * against the face's median motion, the head's ({@link RegionFlow}), is measured between the frame and the frame a window earlier, at
 * two windows: 0.4 s for micro-expressions, 3 s for macro-expressions. A frame's signal is the smaller of its
 * motion against the frame a window before and the frame a window after: high only where the face differs from
 * both, i.e. inside a movement shorter than the window, and low where the face merely changed once (a head that
 * turned and stayed, a ghost of an earlier movement). Runs of signal above each region's own motion noise (a
 * robust threshold from the last 20 s) become intervals: onset and offset where the signal comes back to the noise, apex
 * at its peak. Blinks (motion of the eyes alone) and speech (the mouth moving at syllable rate for over a
 * second) are recognised and not proposed. Memory holds a window's worth of small crops, whatever the video's
 * length.
 */
public final class Spotter {
    private final SpottingParameters p;

    public Spotter(SpottingParameters parameters) {
        this.p = parameters;
    }

    /** Receives the signal, frame by frame, for {@code --signal}: the micro window's regions and the combined signals. */
    public interface SignalSink {
        void frame(int number, double brows, double eyes, double mouth, double micro, double macro) throws IOException;
    }

    /**
     * Spots in frames {@code from}..{@code to} (indices, inclusive) of {@code clip}.
     *
     * @param crop a fixed face box, or null to track the face
     * @param sink the signal, or null
     * @param progress 0 to 1, now and then
     * @param cancelled polled every frame: when true, the run stops with a CancellationException
     */
    public SpottingResult spot(ClipSource clip, int from, int to, CropBox crop, SignalSink sink, DoubleConsumer progress,
                               BooleanSupplier cancelled) throws IOException {
        if (from < 0 || to >= clip.frameCount() || from > to) {
            throw new IllegalArgumentException("frames " + from + ".." + to + " are not a range of the clip's 0.."
                    + (clip.frameCount() - 1));
        }
        long started = System.nanoTime();
        double fps = clip.fps();
        int wMicro = Math.max(2, (int) Math.round(p.microWindow() * fps));
        int wMacro = Math.max(wMicro + 1, (int) Math.round(p.macroWindow() * fps));
        int n = to - from + 1;
        byte[][] crops = new byte[wMacro + 1][];
        int[] versions = new int[wMacro + 1]; // which face box cut each crop
        Scale micro = new Scale(wMicro, fps, (int) Math.round((p.maxMicro() + 2 * p.microWindow()) * fps), n - 1);
        Scale macro = new Scale(wMacro, fps, (int) Math.round((p.maxMacro() + 1) * fps), n - 1);
        // micro-scale mouth activity of recent frames, for telling speech from a macro-expression
        boolean[] mouthActive = new boolean[(int) Math.round((p.maxMacro() + 2 * p.macroWindow() + 2) * fps)];
        Deque<double[]> pendingRows = new ArrayDeque<>(); // signal rows waiting for the macro window's value
        int faceless = 0;
        try (RegionFlow flow = new RegionFlow(); Faces faces = new Faces(clip, from, n, crop)) {
            int[] newest = {-1}; // the last frame whose crop is held
            micro.before = (a, b) -> {
                if (a < 0 || a >= b || b > newest[0] || newest[0] - a >= crops.length) {
                    return null;
                }
                byte[] x = crops[a % crops.length];
                byte[] y = crops[b % crops.length];
                return x == null || y == null || versions[a % crops.length] != versions[b % crops.length] ? null
                        : flow.measure(x, y);
            };
            for (int i = 0; i < n; i++) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("stopped at frame " + clip.frameNumber(from + i));
                }
                Face face = faces.next();
                byte[] grey = face.grey();
                if (grey == null) {
                    faceless++;
                }
                crops[i % crops.length] = grey;
                versions[i % crops.length] = face.version();
                newest[0] = i;
                for (Scale s : new Scale[] {micro, macro}) {
                    boolean sameBox = i >= s.window && versions[(i - s.window) % crops.length] == face.version();
                    byte[] before = sameBox ? crops[(i - s.window) % crops.length] : null;
                    // the macro window's motion changes slowly: measured on every other frame, held on the next
                    boolean held = s == macro && i % 2 == 1 && s.hasMotion(i - 1) && grey != null;
                    s.motion(i, held ? s.motionAt(i - 1) : grey != null && before != null ? flow.measure(before, grey) : null);
                    int j = i - s.window; // this frame's signal needs the frame a window after it: known now
                    if (j >= 0) {
                        take(s, micro, j, s.signal(j), mouthActive, pendingRows, clip, from, sink);
                    }
                }
                if (i % 64 == 0) {
                    progress.accept(i / (double) n);
                }
            }
            // the last frames have no frame a window after them: their signal is their motion against the one before
            for (Scale s : new Scale[] {micro, macro}) {
                for (int j = Math.max(0, n - s.window); j < n; j++) {
                    take(s, micro, j, s.tailSignal(j), mouthActive, pendingRows, clip, from, sink);
                }
                s.feed(n, null, mouthActive); // closes a run still open at the end
            }
            if (sink != null) {
                flushRows(pendingRows, Integer.MAX_VALUE, Double.NaN, clip, from, sink);
            }
        }
        progress.accept(1);
        List<Proposal> proposals = new ArrayList<>();
        int microLimit = (int) Math.round(p.maxMicro() * fps) + 3; // the still frames on either side, and one of slack
        int macroLimit = (int) Math.round(p.maxMacro() * fps) + 1;
        List<int[]> longer = new ArrayList<>(macro.sustainedSpans); // movement longer than a micro-expression
        for (Candidate c : macro.candidates) {
            int length = c.offset - c.onset + 1;
            if (length > microLimit) {
                longer.add(new int[] {c.onset, c.offset});
                if (length <= macroLimit && !c.speech) {
                    proposals.add(c.proposal(Proposal.MACRO, clip, from));
                }
            }
        }
        int blinks = 0;
        for (Candidate c : micro.candidates) {
            int length = c.offset - c.onset + 1;
            if (length > microLimit) {
                continue; // longer than a micro-expression: the macro window's to judge
            }
            if (c.blink) {
                blinks++;
                continue;
            }
            if (c.stays) {
                continue; // the face did not come back: part of a longer movement
            }
            // not part of a longer movement (the rise or fall of a macro-expression, speech, a head turning)
            if (longer.stream().noneMatch(m -> c.onset <= m[1] && m[0] <= c.offset)) {
                proposals.add(c.proposal(Proposal.MICRO, clip, from));
            }
        }
        proposals.sort(Comparator.comparingInt(Proposal::onset).thenComparingInt(Proposal::offset));
        return new SpottingResult(proposals, n, faceless, blinks, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Frame j's signal at window {@code s}: the micro window's marks the mouth's activity (for telling speech) and
     * queues its row of the signal; the macro window's completes the rows up to j; then the window's runs go on.
     */
    private static void take(Scale s, Scale micro, int j, double[] signal, boolean[] mouthActive, Deque<double[]> rows,
                             ClipSource clip, int from, SignalSink sink) throws IOException {
        if (s == micro) {
            mouthActive[j % mouthActive.length] = signal != null && micro.mouthActive(signal);
            if (sink != null) {
                rows.add(signal == null ? new double[] {j, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                        : new double[] {j, signal[0], signal[1], signal[2], micro.combinedZ(signal)});
            }
        } else if (sink != null) {
            flushRows(rows, j, signal == null ? Double.NaN : s.combinedZ(signal), clip, from, sink);
        }
        s.feed(j, signal, mouthActive);
    }

    /** Writes the rows up to frame {@code upTo} (relative), with {@code macro} as the last one's macro value. */
    private static void flushRows(Deque<double[]> rows, int upTo, double macro, ClipSource clip, int from, SignalSink sink)
            throws IOException {
        while (!rows.isEmpty() && rows.peekFirst()[0] <= upTo) {
            double[] r = rows.pollFirst();
            sink.frame(clip.frameNumber(from + (int) r[0]), r[1], r[2], r[3], r[4], (int) r[0] == upTo ? macro : Double.NaN);
        }
    }

    /** The regions' motion from one recent frame to another (frames relative to the range), or null when unknown. */
    private interface Across {
        double[] motion(int from, int to);
    }

    /** One frame's face crop (null where no face was found) and the version of the box that cut it. */
    private record Face(byte[] grey, int version) {}

    /**
     * The faces of the range, decoded, tracked and cut on a thread of their own, a few frames ahead of the optical
     * flow: on two cores the decoder and the flow then overlap instead of waiting on each other. A failure of the
     * reading thread is thrown by {@link #next}; closing stops it.
     */
    private static final class Faces implements AutoCloseable {
        private static final Object END = new Object();
        private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(16);
        private final Thread reader;

        Faces(ClipSource clip, int from, int n, CropBox crop) {
            FaceTrack track = crop != null ? FaceTrack.fixed(crop) : new FaceTrack(clip.fps());
            reader = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        LumaImage frame = clip.readLuma(from + i);
                        CropBox box = track.at(i, frame);
                        ahead.put(new Face(box == null ? null : FaceTrack.grey(frame, box, RegionFlow.SIDE), track.version()));
                    }
                    ahead.put(END);
                } catch (InterruptedException stopped) {
                    // closed early: the spotter has stopped
                } catch (Throwable e) {
                    ahead.clear();
                    ahead.offer(e);
                }
            }, "glimpse-spotting-reader");
            reader.setDaemon(true);
            reader.start();
        }

        Face next() throws IOException {
            Object o;
            try {
                o = ahead.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
            if (o instanceof Face f) {
                return f;
            }
            if (o instanceof IOException e) {
                throw e;
            }
            if (o instanceof RuntimeException e) {
                throw e;
            }
            if (o instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("the video ended before its last frame was read");
        }

        @Override
        public void close() {
            reader.interrupt();
            try {
                reader.join(); // the clip is not read after spot() returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An interval found at one window, in frames relative to the range's start. */
    private record Candidate(int onset, int apex, int offset, double score, boolean blink, boolean speech, boolean stays) {
        Proposal proposal(String kind, ClipSource clip, int from) {
            return new Proposal(clip.frameNumber(from + onset), clip.frameNumber(from + apex), clip.frameNumber(from + offset),
                    Math.round(score * 1000) / 1000.0, kind);
        }
    }

    /** One window: the motion against the frame a window before, the signal, the noise, and the runs above it. */
    private final class Scale {
        final int window;
        private final double[][] motion; // the last window + 1 frames' region motion, null where there was no face
        private final double[][] noise; // per region, the last 20 s
        private int noiseCount;
        private final double[] median = new double[3];
        private final double[] sigma = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        private final int longest;
        private final int last;
        private final List<double[]> run = new ArrayList<>(); // {frame, combined, z of eyes, brows, mouth, their motion in pixels}
        private boolean sustained;
        final List<Candidate> candidates = new ArrayList<>();
        /** Stretches of movement too long to be an expression, {from, to}. */
        final List<int[]> sustainedSpans = new ArrayList<>();

        /** The regions' motion between two recent frames (relative), or null: set for the micro window. */
        Across before;
        private final double fps;

        Scale(int window, double fps, int longest, int last) {
            this.fps = fps;
            this.window = window;
            this.last = last;
            this.motion = new double[window + 1][];
            this.noise = new double[3][(int) Math.round(20 * fps)];
            this.longest = longest;
        }

        void motion(int i, double[] regions) {
            motion[i % motion.length] = regions;
        }

        double[] motionAt(int i) {
            return motion[i % motion.length];
        }

        boolean hasMotion(int i) {
            return i >= 0 && motion[i % motion.length] != null;
        }

        /** Frame j's signal: the smaller motion against the frame a window before and a window after. */
        double[] signal(int j) {
            double[] after = motion[(j + window) % motion.length]; // j -> j + window
            double[] before = j >= window ? motion[j % motion.length] : null; // j - window -> j
            if (after == null && before == null) {
                return null;
            }
            if (before == null || after == null) {
                return before == null ? after : before; // at the range's edges and beside faceless frames
            }
            double[] s = new double[3];
            for (int r = 0; r < 3; r++) {
                s[r] = Math.min(before[r], after[r]);
            }
            return s;
        }

        /** For the last window of frames, which have no frame a window after them. */
        double[] tailSignal(int j) {
            return j >= window ? motion[j % motion.length] : null;
        }

        /**
         * How far each region stands above its own motion noise, in robust standard deviations: the mouth, which
         * talks and whose lips' edges make noisy flow, is judged against its own noise, not the brows'.
         */
        double[] standardised(double[] signal) {
            double[] z = new double[3];
            for (int r = 0; r < 3; r++) {
                z[r] = (signal[r] - median[r]) / Math.max(sigma[r], p.floor() / p.sensitivity());
            }
            return z;
        }

        /** Brows and mouth, each against its own noise: the eyes alone are blinks far more often than expressions. */
        double combinedZ(double[] signal) {
            double[] z = standardised(signal);
            return Math.max(z[RegionFlow.BROW], z[RegionFlow.MOUTH_REGION]);
        }

        /** Whether the mouth moves beyond its noise at this window (for telling speech). */
        boolean mouthActive(double[] signal) {
            return standardised(signal)[RegionFlow.MOUTH_REGION] > 0.35 * p.sensitivity();
        }

        /** Takes frame j's signal (null: no face), updates the noise and closes runs. */
        void feed(int j, double[] signal, boolean[] mouthActive) {
            if (signal != null) {
                for (int r = 0; r < 3; r++) {
                    noise[r][noiseCount % noise[r].length] = signal[r];
                }
                noiseCount++;
                if (noiseCount % 15 == 0 || noiseCount == 30) {
                    updateNoise();
                }
            }
            double[] z = signal == null ? null : standardised(signal);
            double c = z == null ? Double.NaN : Math.max(z[RegionFlow.BROW], z[RegionFlow.MOUTH_REGION]);
            if (z != null && c > 0.35 * p.sensitivity()) {
                if (!sustained) {
                    run.add(new double[] {j, c, z[RegionFlow.EYE], z[RegionFlow.BROW], z[RegionFlow.MOUTH_REGION],
                        signal[RegionFlow.EYE], signal[RegionFlow.BROW], signal[RegionFlow.MOUTH_REGION]});
                }
                if (!sustained && run.size() > longest) { // movement that goes on: not an expression; wait for it to stop
                    sustainedSpans.add(new int[] {(int) run.get(0)[0], j});
                    run.clear();
                    sustained = true;
                }
                if (sustained) {
                    sustainedSpans.get(sustainedSpans.size() - 1)[1] = j;
                }
                return;
            }
            sustained = false;
            if (run.isEmpty()) {
                return;
            }
            double[] peak = run.get(0);
            double brows = 0;
            double mouth = 0;
            double[] moved = new double[3]; // the regions' largest motion in pixels: eyes, brows, mouth
            for (double[] f : run) {
                if (f[1] > peak[1]) {
                    peak = f;
                }
                brows = Math.max(brows, f[3]);
                mouth = Math.max(mouth, f[4]);
                for (int r = 0; r < 3; r++) {
                    moved[r] = Math.max(moved[r], f[5 + r]);
                }
            }
            if (peak[1] > p.sensitivity()) {
                int onset = Math.max(0, (int) run.get(0)[0] - 1);
                int offset = Math.min(last, (int) run.get(run.size() - 1)[0] + 1);
                // a blink: the lids moved at least about as far as the brows (the optical flow's smoothing carries
                // their motion into the brows' region, but a brow raised or lowered moves two to five times as far as
                // the lids below it) and the mouth moved less than the lids. Compared in pixels, not against each
                // region's noise: a blink is a large motion of the eyes, not an unusual one.
                boolean blink = moved[0] > 0.65 * moved[1] && moved[2] < 0.8 * moved[0];
                // speech: the mouth alone, and moving at syllable rate through most of the interval
                int active = 0;
                for (int f = onset; f <= Math.min(offset, j); f++) {
                    if (j - f < mouthActive.length && mouthActive[f % mouthActive.length]) {
                        active++;
                    }
                }
                boolean speech = mouth > 2 * brows && active > 0.6 * (offset - onset + 1);
                // whether the face came back: a micro-expression ends where it began, while the rise or fall of a longer
                // movement (a macro-expression the long window missed, a turn of the head) leaves the face changed
                boolean stays = false;
                if (before != null) {
                    int settle = Math.max(1, (int) Math.round(0.15 * fps));
                    double[] across = before.motion(onset - settle, Math.min(offset, j) + settle);
                    stays = across != null && Math.max(across[0], Math.max(across[1], across[2]))
                            > 0.5 * Math.max(moved[0], Math.max(moved[1], moved[2]));
                }
                candidates.add(new Candidate(onset, (int) peak[0], Math.min(offset, j), peak[1] / p.sensitivity(), blink,
                        speech, stays));
            }
            run.clear();
        }

        private void updateNoise() {
            int m = Math.min(noiseCount, noise[0].length);
            for (int r = 0; r < 3; r++) {
                double[] v = Arrays.copyOf(noise[r], m);
                Arrays.sort(v);
                median[r] = v[m / 2];
                for (int k = 0; k < m; k++) {
                    v[k] = Math.abs(v[k] - median[r]);
                }
                Arrays.sort(v);
                sigma[r] = 1.4826 * v[m / 2];
            }
        }
    }

}
