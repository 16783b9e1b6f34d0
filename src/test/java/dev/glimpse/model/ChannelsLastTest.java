package dev.glimpse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.analysis.Weights;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.PreparedClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inference stores activations channels-last (issue 18: oneDNN runs on them without reordering); what the network
 * reads must not change with it: the bundled weights on every sample clip give the same class and probabilities
 * within 1e-5 of the (N, C, H, W) storage that training uses and that inference used before.
 */
class ChannelsLastTest {
    @Test
    void theBundledWeightsReadEverySampleClipAsInTheContiguousLayout() throws Exception {
        Path samples = Path.of("sample-clips");
        List<String> rows = Files.readAllLines(samples.resolve("clips.csv"));
        int clips = 0;
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            AtmGcn net = Weights.open(null).network(manager);
            AtmGcnConfig c = net.config();
            int s = c.imageSize();
            DjlRuntime.noGradOnThisThread();
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",");
                try (ClipSource clip = ClipSources.open(samples.resolve(f[0]));
                     NDManager sub = manager.newSubManager()) {
                    PreparedClip p = PreparedClip.prepare(clip, Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]), null, c.frames(), s, (d, t, n) -> { });
                    float[] input = new float[c.frames() * 3 * s * s];
                    ClipInput.normalise(p.pixels(), 0, s, c.frames(), input, 0);
                    NDList in = new NDList(sub.create(input, new Shape(1, c.frames(), 3, s, s)),
                            sub.create(new int[] {p.apexPosition()}));

                    net.encoder().useChannelsLast(false);
                    NDList contiguous = net.forward(new ParameterStore(sub, false), in, false);
                    net.encoder().useChannelsLast(true);
                    NDList last = net.forward(new ParameterStore(sub, false), in, false);

                    float[] before = contiguous.get(AtmGcn.LOGITS).softmax(-1).toFloatArray();
                    float[] after = last.get(AtmGcn.LOGITS).softmax(-1).toFloatArray();
                    assertEquals(argmax(before), argmax(after), f[0] + ": the same class");
                    for (int k = 0; k < before.length; k++) {
                        assertEquals(before[k], after[k], 1e-5, f[0] + ": probability " + k);
                    }
                    NDArray a0 = contiguous.get(AtmGcn.ATTENTION);
                    NDArray a1 = last.get(AtmGcn.ATTENTION);
                    assertEquals(a0.getShape(), a1.getShape());
                    assertTrue(a0.allClose(a1, 1e-4, 1e-5, false), f[0] + ": the same attention maps");
                    clips++;
                }
            }
        }
        assertEquals(4, clips, "every sample clip read");
    }

    @Test
    void channelsLastIsTheSameArrayStoredChannelsLast() throws Exception {
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            NDArray x = manager.arange(2 * 3 * 4 * 5f).reshape(2, 3, 4, 5);
            NDArray last = MotionEncoder.channelsLast(x);
            assertEquals(x.getShape(), last.getShape());
            assertTrue(last.contentEquals(x), "the same values at the same (N, C, H, W) places");
            assertTrue(contiguous(x));
            // not contiguous in (N, C, H, W) order: stored with the channels last, which is what oneDNN takes as it is
            assertTrue(!contiguous(last), "stored channels-last");
            assertTrue(contiguous(last.transpose(0, 2, 3, 1)), "its (N, H, W, C) view is the storage order");
        }
    }

    /** libtorch's own is_contiguous(), which DJL does not expose. */
    private static boolean contiguous(NDArray array) throws ReflectiveOperationException {
        Class<?> library = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
        var field = library.getDeclaredField("LIB");
        field.setAccessible(true);
        var method = library.getDeclaredMethod("torchIsContiguous", long.class);
        method.setAccessible(true);
        return (Boolean) method.invoke(field.get(null), ((ai.djl.pytorch.engine.PtNDArray) array).getHandle());
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }
}
