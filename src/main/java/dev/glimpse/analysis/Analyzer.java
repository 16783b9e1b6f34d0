package dev.glimpse.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.FacialMovement;
import dev.glimpse.clip.PreparedClip;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import dev.glimpse.model.ClipInput;
import dev.glimpse.model.EdgeMask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Loads weights once, picks the device, and turns one event of a clip into an {@link Analysis}.
 * Each analysis runs in its own sub-manager, closed before it returns. Not thread-safe: one analysis at
 * a time (the desktop app runs them on one background thread).
 */
public final class Analyzer implements AutoCloseable {
    /** ImageNet statistics (spec section 1). */

    /** Reports how far an analysis has come (0..1) and what it is doing. */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction, String message);

        Progress NONE = (f, m) -> { };
    }

    private final Weights weights;
    private final Device device;
    private final NDManager manager;
    private final NetworkRunner runner;

    private Analyzer(Weights weights, Device device, NDManager manager, AtmGcn network) {
        this.weights = weights;
        this.device = device;
        this.manager = manager;
        this.runner = new NetworkRunner(network, manager);
    }

    /**
     * @param weights the weights to run
     * @param deviceRequest {@code auto}, {@code cpu} or {@code gpu}
     * @param expectedPreset the preset asked for, or null for whatever the weights are
     */
    public static Analyzer load(Weights weights, String deviceRequest, String expectedPreset) throws WeightsException {
        WeightsManifest m = weights.manifest();
        if (expectedPreset != null && !expectedPreset.equals(m.preset())) {
            throw new WeightsException(weights.location() + "/" + WeightsManifest.FILE + ": these weights are for the '"
                    + m.preset() + "' preset, not '" + expectedPreset + "'");
        }
        Device device = DjlRuntime.device(deviceRequest);
        NDManager manager = DjlRuntime.engine().newBaseManager(device);
        try {
            return new Analyzer(weights, device, manager, weights.network(manager));
        } catch (WeightsException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public WeightsManifest manifest() {
        return weights.manifest();
    }

    public String deviceName() {
        return DjlRuntime.describe(device);
    }

    public String deviceKind() {
        return device.isGpu() ? "gpu" : "cpu";
    }

    /**
     * The temperature the weights' evaluation fitted (its manifest's {@code metrics.calibration.temperature}, put
     * there by {@code train --evaluation} or {@code attach-evaluation}), or null: then the network's own
     * probabilities are shown.
     */
    public Double temperature() {
        Object calibration = manifest().metrics().get("calibration");
        if (calibration instanceof java.util.Map<?, ?> m && m.get("temperature") instanceof Number t
                && t.doubleValue() > 0 && Double.isFinite(t.doubleValue())) {
            return t.doubleValue();
        }
        return null;
    }

    /** What to show with every prediction: "untrained" until the weights were trained. */
    public Analysis.WeightsInfo weightsInfo() {
        WeightsManifest m = weights.manifest();
        return new Analysis.WeightsInfo(weights.location(), m.name(), m.sha256(), m.trained(), m.status());
    }

    /**
     * Analyses the event [onset, offset] with its apex, all frame numbers in the clip's own numbering.
     *
     * @param offset the offset frame number, or null for the clip's last frame
     * @param userBox a crop box that overrides detection, or null
     * @throws CancellationException when the calling thread is interrupted
     */
    public Analysis analyze(ClipSource clip, int onset, int apex, Integer offset, CropBox userBox, Progress progress)
            throws IOException {
        long start = System.nanoTime();
        PreparedClip prepared = prepare(manifest(), clip, onset, apex, offset, userBox, progress);
        return analyze(clip, onset, apex, offset, prepared, start, progress);
    }

    /**
     * The frames of an event as the network of {@code manifest} reads them (sampled, cropped to the face, scaled):
     * needs the weights' configuration only, not the engine, so a clip can be decoded while the engine loads.
     */
    public static PreparedClip prepare(WeightsManifest manifest, ClipSource clip, int onset, int apex, Integer offset,
                                       CropBox userBox, Progress progress) throws IOException {
        AtmGcnConfig config = manifest.config();
        return PreparedClip.prepare(clip, onset, apex, offset, userBox, config.frames(), config.imageSize(),
                (done, total, frame) -> {
                    checkCancelled();
                    progress.update(0.8 * done / total, "reading frame " + frame);
                });
    }

    /**
     * Runs the network on frames {@link #prepare}d for the event [onset, offset]; {@code startNanos} is when their
     * preparation began, so that the analysis's time counts it.
     */
    public Analysis analyze(ClipSource clip, int onset, int apex, Integer offset, PreparedClip prepared, long startNanos,
                            Progress progress) {
        long start = startNanos;
        AtmGcnConfig config = runner.config();
        int s = config.imageSize();
        float[] input = new float[config.frames() * 3 * s * s];
        if (prepared.pixels().length != input.length || prepared.frameNumbers().length != config.frames()) {
            throw new IllegalArgumentException("frames prepared for another network (" + prepared.frameNumbers().length
                    + " frames, " + prepared.pixels().length + " values) than these weights' ('" + config.preset() + "')");
        }
        ClipInput.normalise(prepared.pixels(), 0, s, config.frames(), input, 0);
        checkCancelled();
        progress.update(0.8, "running ATM-GCN on " + deviceName());
        NetworkRunner.Outputs out = runner.run(input, 1, prepared.apexPosition());
        progress.update(1.0, "done");

        int n = config.nodes();
        int g = EdgeMask.globalNodeOf(prepared.apexPosition());
        List<Analysis.Node> nodes = new ArrayList<>();
        List<Analysis.AttentionMap> maps = new ArrayList<>();
        int a = config.attentionSize();
        for (int i = 0; i < n; i++) {
            int frame = prepared.frameNumbers()[i + 1];
            nodes.add(new Analysis.Node(i, frame, i == g, out.importance()[i]));
            float[] map = new float[a * a];
            System.arraycopy(out.attention(), i * a * a, map, 0, a * a);
            maps.add(new Analysis.AttentionMap(i, frame, a, a, map));
        }
        List<Analysis.Matrix> adjacency = new ArrayList<>();
        for (int l = 0; l < out.layers(); l++) {
            double[] values = new double[n * n];
            for (int k = 0; k < n * n; k++) {
                values[k] = out.adjacency()[l * n * n + k];
            }
            adjacency.add(new Analysis.Matrix(n, values));
        }
        double[] raw = new double[out.probabilities().length];
        for (int c = 0; c < raw.length; c++) {
            raw[c] = out.probabilities()[c];
        }
        Double temperature = temperature();
        List<Double> probabilities = new ArrayList<>();
        for (double p : temperature == null ? raw : Calibration.scale(raw, temperature)) {
            probabilities.add(p);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int offsetNumber = offset == null ? clip.lastFrame() : offset;
        return new Analysis(clip.path().toString(), onset, apex, offsetNumber, prepared.apexSubstituted(),
                config.preset(), manifest().classes(), probabilities, nodes, adjacency, maps, prepared.box(),
                deviceKind(), DjlRuntime.precision(device), millis, weightsInfo(),
                new Analysis.Movement(FacialMovement.score(prepared), FacialMovement.THRESHOLD), temperature);
    }

    /**
     * One untimed pass of the network on a plain input, so that the first analysis a user asks for does not
     * pay for libtorch's first-pass set-up (about 2 s on the CPU).
     */
    public void warmUp() {
        AtmGcnConfig config = runner.config();
        int s = config.imageSize();
        float[] input = new float[config.frames() * 3 * s * s];
        for (int k = 0; k < input.length; k++) {
            input[k] = (k % 97) / 97f - 0.5f; // not constant: some kernels take shortcuts on zeros
        }
        runner.run(input, 1, config.frames() / 2 + 1);
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("analysis cancelled");
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
