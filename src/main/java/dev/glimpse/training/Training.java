package dev.glimpse.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.analysis.NetworkRunner;
import dev.glimpse.clip.PreparedClip;
import dev.glimpse.dataset.Sample;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import dev.glimpse.model.ClipInput;
import dev.glimpse.model.FocalLoss;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * Training of ATM-GCN (spec section 7): focal loss, AdamW with the learning rate decayed exponentially
 * over the epochs, batches of 16, augmentation identical for all frames of a clip, seeded. A checkpoint
 * after every epoch holds the parameters, the optimiser's state and the epoch, so that {@code resume}
 * continues exactly where an interrupted run stopped.
 */
public final class Training {
    private static final String CHECKPOINT = "checkpoint.bin";
    /** The most clips in one step (the paper's is 16): more asks libtorch for tens of gigabytes with small. */
    public static final int MAX_BATCH = 256;
    private static final int CHECKPOINT_FORMAT = 1;

    /**
     * @param epochs fixed in advance (never chosen on a test subject)
     * @param batch clips per step
     * @param lr starting learning rate
     * @param lrFinal learning rate of the last epoch (exponential decay in between)
     * @param weightDecay AdamW's decoupled weight decay
     * @param gamma focal loss gamma
     * @param alphaInverseFrequency focal loss alpha = inverse class frequency
     * @param colorJitter brightness and contrast +-0.2 (off by default: it did not help)
     * @param flip random horizontal flip
     * @param seed everything random follows from it
     */
    public record Options(int epochs, int batch, double lr, double lrFinal, double weightDecay, double gamma,
                          boolean alphaInverseFrequency, boolean colorJitter, boolean flip, long seed) {
        public Options {
            if (epochs < 1 || epochs > 100_000 || batch < 1 || batch > MAX_BATCH) {
                throw new IllegalArgumentException("epochs must be 1 to 100000 and batch 1 to " + MAX_BATCH + "; were "
                        + epochs + " and " + batch);
            }
            if (!(lr > 0) || !(lrFinal > 0)) {
                throw new IllegalArgumentException("learning rates must be positive");
            }
        }

        /** The measured defaults of spec section 7. */
        public static Options defaults(int epochs, long seed) {
            return new Options(epochs, 16, 1e-3, 1e-4, 0.01, 2.0, false, false, false, seed);
        }

        /** lr_e = lr * (lrFinal / lr)^(e / (E - 1)), e = 0..E-1. */
        public double learningRate(int epoch) {
            return epochs == 1 ? lr : lr * Math.pow(lrFinal / lr, epoch / (double) (epochs - 1));
        }
    }

    private Training() {}

    /**
     * Trains a new network of {@code config} on {@code samples} in {@code manager}.
     *
     * @param checkpointDir where the per-epoch checkpoint is kept, or null for none
     * @param resume continue from the checkpoint in {@code checkpointDir} when there is one
     */
    public static AtmGcn train(AtmGcnConfig config, List<Sample> samples, PreparedSamples data, Options o,
                               NDManager manager, TrainingListener listener, Path checkpointDir, boolean resume)
            throws IOException {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no training clips");
        }
        Engine engine = DjlRuntime.engine();
        DjlRuntime.noGradOnThisThread(); // this may not be the thread that loaded the engine
        engine.setRandomSeed((int) o.seed());
        AtmGcn net = new AtmGcn(config);
        net.initialize(manager, DataType.FLOAT32, net.inputShapes());
        AdamW optimiser = new AdamW(o.weightDecay());
        int firstEpoch = 0;
        Path checkpoint = checkpointDir == null ? null : checkpointDir.resolve(CHECKPOINT);
        if (resume && checkpoint != null && Files.isRegularFile(checkpoint)) {
            firstEpoch = loadCheckpoint(checkpoint, net, optimiser, manager);
        }

        List<PreparedClip> clips = new ArrayList<>();
        int[] labels = new int[samples.size()];
        int[] counts = new int[config.classes()];
        for (int k = 0; k < samples.size(); k++) {
            stopIfAsked(listener, firstEpoch, o.epochs(), checkpoint);
            clips.add(data.get(samples.get(k)));
            labels[k] = samples.get(k).classIndex();
            counts[labels[k]]++;
            listener.preparing(k + 1, samples.size());
        }
        FocalLoss loss = new FocalLoss((float) o.gamma(), o.alphaInverseFrequency() ? FocalLoss.inverseFrequency(counts) : null);
        int steps = (samples.size() + o.batch() - 1) / o.batch();
        long runStart = System.nanoTime();
        int stepsDone = 0;
        for (int epoch = firstEpoch; epoch < o.epochs(); epoch++) {
            // every epoch's randomness from (seed, epoch): a resumed run draws what the uninterrupted one would
            engine.setRandomSeed((int) (o.seed() * 1000 + epoch));
            Random random = new Random(o.seed() * 7919 + epoch);
            double lr = o.learningRate(epoch);
            listener.epochStarted(epoch + 1, o.epochs(), lr);
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < samples.size(); k++) {
                order.add(k);
            }
            Collections.shuffle(order, random);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            for (int step = 0; step < steps; step++) {
                stopIfAsked(listener, epoch, o.epochs(), checkpoint);
                List<Integer> batch = order.subList(step * o.batch(), Math.min(samples.size(), (step + 1) * o.batch()));
                double value = step(net, manager, clips, labels, batch, config, o, random, loss, optimiser, lr);
                lossSum += value;
                stepsDone++;
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                int clipsSoFar = Math.min(samples.size(), (step + 1) * o.batch());
                double perStep = (System.nanoTime() - runStart) / 1e9 / stepsDone;
                double left = perStep * ((long) (o.epochs() - epoch) * steps - step - 1);
                listener.step(epoch + 1, o.epochs(), step + 1, steps, value, clipsSoFar / seconds, left);
            }
            listener.epochFinished(epoch + 1, o.epochs(), lossSum / steps, (System.nanoTime() - epochStart) / 1e9);
            if (checkpoint != null) {
                saveCheckpoint(checkpoint, net, optimiser, epoch + 1);
            }
        }
        return net;
    }

    /** @param epochsDone epochs finished, and in the checkpoint when there is one */
    private static void stopIfAsked(TrainingListener listener, int epochsDone, int epochs, Path checkpoint) {
        if (listener.stopRequested()) {
            throw new CancellationException("training stopped with " + epochsDone + " of " + epochs + " epochs finished; "
                    + (checkpoint != null && epochsDone > 0 ? "a resume continues from the checkpoint of epoch " + epochsDone
                    : "nothing to resume from"));
        }
    }

    private static double step(AtmGcn net, NDManager manager, List<PreparedClip> clips, int[] labels,
                               List<Integer> batch, AtmGcnConfig config, Options o, Random random, FocalLoss loss,
                               AdamW optimiser, double lr) {
        int s = config.imageSize();
        int l = config.frames();
        int perClip = l * 3 * s * s;
        float[] input = new float[batch.size() * perClip];
        int[] apex = new int[batch.size()];
        int[] y = new int[batch.size()];
        for (int b = 0; b < batch.size(); b++) {
            PreparedClip c = clips.get(batch.get(b));
            Augmentation.apply(c.pixels(), s, l, input, b * perClip, random, o.colorJitter(), o.flip());
            apex[b] = c.apexPosition();
            y[b] = labels[batch.get(b)];
        }
        double value;
        try (NDManager sub = manager.newSubManager()) {
            NDList in = new NDList(sub.create(input, new Shape(batch.size(), l, 3, s, s)), sub.create(apex));
            try (GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
                NDList out = net.forward(new ParameterStore(sub, false), in, true);
                NDArray lossValue = loss.evaluate(new NDList(sub.create(y)), out);
                value = lossValue.getFloat();
                gc.backward(lossValue);
            }
            for (Pair<String, Parameter> p : net.getParameters()) {
                Parameter parameter = p.getValue();
                if (!parameter.requiresGradient()) {
                    continue;
                }
                NDArray weight = parameter.getArray();
                try (NDArray grad = weight.getGradient()) {
                    optimiser.update(p.getKey(), weight, grad, lr);
                    grad.subi(grad); // libtorch accumulates gradients: clear them for the next step
                }
            }
        }
        return value;
    }

    /** Class probabilities for each clip (evaluation mode, no augmentation), in batches. */
    public static float[][] predict(AtmGcn net, NDManager manager, List<PreparedClip> clips, int batchSize) {
        AtmGcnConfig c = net.config();
        int s = c.imageSize();
        int perClip = c.frames() * 3 * s * s;
        NetworkRunner runner = new NetworkRunner(net, manager);
        float[][] out = new float[clips.size()][];
        for (int from = 0; from < clips.size(); from += batchSize) {
            int n = Math.min(batchSize, clips.size() - from);
            float[] input = new float[n * perClip];
            int[] apex = new int[n];
            for (int b = 0; b < n; b++) {
                PreparedClip clip = clips.get(from + b);
                ClipInput.normalise(clip.pixels(), 0, s, c.frames(), input, b * perClip);
                apex[b] = clip.apexPosition();
            }
            float[] p = runner.probabilities(input, apex);
            for (int b = 0; b < n; b++) {
                out[from + b] = new float[c.classes()];
                System.arraycopy(p, b * c.classes(), out[from + b], 0, c.classes());
            }
        }
        return out;
    }

    private static void saveCheckpoint(Path file, AtmGcn net, AdamW optimiser, int epochsDone) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(CHECKPOINT_FORMAT);
            out.writeInt(epochsDone);
            net.saveParameters(out);
            optimiser.save(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int loadCheckpoint(Path file, AtmGcn net, AdamW optimiser, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != CHECKPOINT_FORMAT) {
                throw new IOException(file + ": not a checkpoint of this version");
            }
            int epochs = in.readInt();
            net.loadParameters(manager, in);
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            optimiser.load(in, manager);
            return epochs;
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(file + ": does not fit this network: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": is cut short (a write that did not finish?); delete it to train from the"
                    + " start, or train into another folder", e);
        } catch (RuntimeException e) { // DJL on bytes that are not parameters: shapes or names it cannot read
            throw new IOException(file + ": is damaged and cannot be read as a checkpoint (" + e.getMessage() + ")", e);
        }
    }
}
