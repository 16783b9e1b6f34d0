package dev.glimpse.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtmGcnTest {

    private static AtmGcn network(NDManager m, AtmGcnConfig config, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        AtmGcn net = new AtmGcn(config);
        net.initialize(m, DataType.FLOAT32, net.inputShapes());
        return net;
    }

    /** Random clips, never zeros: the batch's frames drawn from a normal distribution. */
    private static NDList clips(NDManager m, AtmGcnConfig c, int... apex) {
        int s = c.imageSize();
        NDArray frames = m.randomNormal(0f, 1f, new Shape(apex.length, c.frames(), 3, s, s), DataType.FLOAT32);
        return new NDList(frames, m.create(apex));
    }

    private static NDList infer(NDManager m, AtmGcn net, NDList input) {
        return net.forward(new ParameterStore(m, false), input, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "small", "large"})
    void outputsHaveThePresetsShapesAndRanges(String preset) {
        AtmGcnConfig c = AtmGcnConfig.preset(preset, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            AtmGcn net = network(m, c, 1);
            NDList out = infer(m, net, clips(m, c, c.frames() / 2));
            int n = c.nodes();
            int a = c.attentionSize();
            assertEquals(new Shape(1, 3), out.get(AtmGcn.LOGITS).getShape());
            assertEquals(new Shape(1, n, a, a), out.get(AtmGcn.ATTENTION).getShape());
            assertEquals(new Shape(1, c.gcnLayers(), n, n), out.get(AtmGcn.ADJACENCY).getShape());
            assertEquals(c.imageSize() / 2, a, "first-block maps are at S/2");

            float[] probabilities = out.get(AtmGcn.LOGITS).softmax(-1).toFloatArray();
            float sum = 0;
            for (float p : probabilities) {
                assertTrue(p > 0 && p < 1);
                sum += p;
            }
            assertEquals(1f, sum, 1e-5);
            NDArray attention = out.get(AtmGcn.ATTENTION);
            assertTrue(attention.min().getFloat() >= 0f && attention.max().getFloat() <= 1f);
            assertTrue(attention.max().getFloat() > attention.min().getFloat(), "maps are not constant");
            assertEquals(1f, out.get(AtmGcn.IMPORTANCE).sum().getFloat(), 1e-5);
        }
    }

    @Test
    void forgettingRateOneKeepsTheInitialAdjacency() {
        AtmGcnConfig c = AtmGcnConfig.preset("tiny", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            AtmGcn net = network(m, c, 2);
            for (AdaptiveTmLayer atm : net.adaptiveTmLayers()) {
                atm.theta().getArray().set(new float[] {100f}); // sigmoid(100) = 1 in float
                assertEquals(1f, atm.forgettingRate());
            }
            NDArray adjacency = infer(m, net, clips(m, c, 3, 6)).get(AtmGcn.ADJACENCY);
            NDArray initial = adjacency.get(":, 0");
            assertTrue(initial.sum().getFloat() > 0);
            for (int l = 1; l < c.gcnLayers(); l++) {
                assertTrue(adjacency.get(":, " + l).allClose(initial, 1e-6, 1e-6, false), "layer " + l);
            }
        }
    }

    @Test
    void forgettingRateBelowOneLetsTheFcPathChangeTheAdjacency() {
        AtmGcnConfig c = AtmGcnConfig.preset("tiny", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            AtmGcn net = network(m, c, 3);
            assertEquals(0.5f, net.adaptiveTmLayers().get(0).forgettingRate(), 1e-6);
            NDList input = clips(m, c, 4);
            NDArray adjacency = infer(m, net, input).get(AtmGcn.ADJACENCY);
            NDArray changed = adjacency.get(":, 1");
            assertFalse(changed.allClose(adjacency.get(":, 0"), 1e-4, 1e-4, false));
            // the mask still holds: no weight where E has no edge
            NDArray mask = m.create(EdgeMask.of(c.frames(), 4, c.window()).toFloats(), new Shape(1, c.nodes(), c.nodes()));
            assertEquals(0f, changed.mul(mask.neg().add(1)).abs().sum().getFloat(), 0f);
        }
    }

    @Test
    void noAtmKeepsTheInitialAdjacencyAtEveryLayer() {
        AtmGcnConfig c = AtmGcnConfig.preset("tiny", 3).withAblation("noAtm");
        try (NDManager m = NDManager.newBaseManager()) {
            AtmGcn net = network(m, c, 4);
            NDArray adjacency = infer(m, net, clips(m, c, 5)).get(AtmGcn.ADJACENCY);
            for (int l = 1; l < c.gcnLayers(); l++) {
                assertTrue(adjacency.get(":, " + l).contentEquals(adjacency.get(":, 0")));
            }
        }
    }

    @Test
    void ablationsRunAndChangeWhatTheNetworkComputes() {
        AtmGcnConfig base = AtmGcnConfig.preset("tiny", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList input = clips(m, base, 4);
            NDList full = infer(m, network(m, base, 5), input);
            NDList noGcn = infer(m, network(m, base.withAblation("noGcn"), 5), input);
            NDList noMotion = infer(m, network(m, base.withAblation("noMotion"), 5), input);
            assertEquals(3, noGcn.size(), "noGcn has no adjacency");
            assertEquals(4, noMotion.size());
            assertFalse(noMotion.get(AtmGcn.LOGITS).allClose(full.get(AtmGcn.LOGITS), 1e-5, 1e-5, false));
        }
    }

    @Test
    void oneBackwardPassGivesEveryParameterAFiniteGradient() {
        AtmGcnConfig c = AtmGcnConfig.preset("tiny", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            AtmGcn net = network(m, c, 6);
            NDList input = clips(m, c, 3, 5, 8, 2);
            NDArray labels = m.create(new int[] {0, 1, 2, 1});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forward(new ParameterStore(m, false), input, true);
                gc.backward(new FocalLoss().evaluate(new NDList(labels), out));
            }
            int trainable = 0;
            int nonZero = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue; // BatchNorm running statistics
                }
                trainable++;
                NDArray grad = p.getValue().getArray().getGradient();
                assertFalse(grad.isNaN().any().getBoolean() || grad.isInfinite().any().getBoolean(), p.getKey());
                if (grad.abs().sum().getFloat() > 0) {
                    nonZero++;
                }
            }
            assertTrue(trainable > 40, "trainable parameters: " + trainable);
            assertTrue(nonZero >= trainable * 9 / 10, nonZero + " of " + trainable + " have a non-zero gradient");
        }
    }

    @Test
    void aFewOptimiserStepsOnAFixedBatchLowerTheLoss() {
        AtmGcnConfig c = AtmGcnConfig.preset("tiny", 3);
        Engine.getInstance().setRandomSeed(7);
        try (Model model = Model.newInstance("atm-gcn")) {
            model.setBlock(new AtmGcn(c));
            DefaultTrainingConfig config = new DefaultTrainingConfig(new FocalLoss())
                    .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new AtmGcn(c).inputShapes());
                NDManager m = trainer.getManager();
                NDList input = clips(m, c, 3, 5, 8, 2, 4, 6);
                NDList labels = new NDList(m.create(new int[] {0, 1, 2, 1, 0, 2}));
                List<Float> losses = new ArrayList<>();
                for (int step = 0; step < 8; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(input));
                        losses.add(loss.getFloat());
                        gc.backward(loss);
                    }
                    trainer.step();
                }
                assertTrue(losses.get(losses.size() - 1) < losses.get(0) * 0.7, "losses: " + losses);
            }
        }
    }

    @Test
    void savedAndLoadedNetworksGiveIdenticalOutputs(@TempDir Path dir) throws Exception {
        AtmGcnConfig c = AtmGcnConfig.preset("tiny", 3);
        Path file = dir.resolve("atm-gcn.params");
        try (NDManager m = NDManager.newBaseManager()) {
            AtmGcn trained = network(m, c, 8);
            trained.adaptiveTmLayers().get(0).theta().getArray().set(new float[] {0.7f});
            try (DataOutputStream os = new DataOutputStream(Files.newOutputStream(file))) {
                trained.saveParameters(os);
            }
            AtmGcn loaded = network(m, c, 99);
            try (DataInputStream is = new DataInputStream(Files.newInputStream(file))) {
                loaded.loadParameters(m, is);
            }
            NDList input = clips(m, c, 6);
            NDList a = infer(m, trained, input);
            NDList b = infer(m, loaded, input);
            for (int k = 0; k < a.size(); k++) {
                assertTrue(a.get(k).contentEquals(b.get(k)), "output " + k);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() throws IOException {
        AtmGcnConfig c = AtmGcnConfig.preset("tiny", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterList a = network(m, c, 11).getParameters();
            ParameterList b = network(m, c, 11).getParameters();
            ParameterList other = network(m, c, 12).getParameters();
            boolean anyDifferent = false;
            for (int k = 0; k < a.size(); k++) {
                NDArray x = a.get(k).getValue().getArray();
                assertArrayEquals(x.toFloatArray(), b.get(k).getValue().getArray().toFloatArray(), a.get(k).getKey());
                anyDifferent |= !x.contentEquals(other.get(k).getValue().getArray());
            }
            assertTrue(anyDifferent, "another seed gives other weights");
        }
    }
}
