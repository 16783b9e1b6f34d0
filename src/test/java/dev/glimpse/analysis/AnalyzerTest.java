package dev.glimpse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.clip.ClipSampler;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.dataset.ClassScheme;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.ImageSequenceSource;
import dev.glimpse.testing.Frames;
import dev.glimpse.testing.TinyWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTest {
    @TempDir
    static Path shared;
    static Path tiny;
    static Path clipDir;

    @BeforeAll
    static void files() throws IOException {
        tiny = TinyWeights.write(shared.resolve("tiny"), "tiny", 5);
        clipDir = Frames.write(shared.resolve("clip"), "img", "png", 101, 130, 96, 80, 9);
    }

    @Test
    void oneEventGivesTheWholeAnalysis() throws Exception {
        try (ClipSource clip = ImageSequenceSource.open(clipDir);
             Analyzer analyzer = Analyzer.load(Weights.read(tiny), "cpu", "tiny")) {
            Analysis a = analyzer.analyze(clip, 103, 110, 125, null, Analyzer.Progress.NONE);
            assertEquals(103, a.onset());
            assertEquals(110, a.apex());
            assertEquals(125, a.offset());
            assertEquals(7, a.nodes().size());
            ClipSampler.Sample expected = ClipSampler.sample(2, 9, 24, 8);
            for (int i = 0; i < 7; i++) {
                Analysis.Node node = a.nodes().get(i);
                assertEquals(i, node.index());
                assertEquals(101 + expected.indices()[i + 1], node.frame(), "node " + i + " frame");
                assertEquals(i == expected.apexPosition() - 2, node.global());
            }
            assertEquals(110, a.globalNode().frame());
            assertEquals(1.0, a.probabilities().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            assertEquals(1.0, a.nodes().stream().mapToDouble(Analysis.Node::importance).sum(), 1e-5);
            assertTrue(a.classes().contains(a.predicted()));
            assertEquals(2, a.adjacency().size());
            assertEquals(7, a.attentionMaps().size());
            for (Analysis.AttentionMap m : a.attentionMaps()) {
                assertEquals(32, m.width());
                for (float v : m.values()) {
                    assertTrue(v >= 0 && v <= 1);
                }
            }
            // the Global Motion Node sends to every node: its row has no zero
            Analysis.Matrix a0 = a.adjacency().get(0);
            int g = a.globalNode().index();
            for (int j = 0; j < 7; j++) {
                assertTrue(a0.get(g, j) > 0, "edge from g to " + j);
            }
            assertEquals("cpu", a.device());
            assertFalse(a.weights().trained());
            assertEquals("untrained", a.weights().status());
            assertEquals(Weights.read(tiny).manifest().sha256(), a.weights().sha256());
            assertEquals("centre", a.crop().source(), "the test texture has no face");
        }
    }

    @Test
    void aUserCropOverridesDetectionAndMissingOffsetMeansTheLastFrame() throws Exception {
        try (ClipSource clip = ImageSequenceSource.open(clipDir);
             Analyzer analyzer = Analyzer.load(Weights.read(tiny), "cpu", null)) {
            Analysis a = analyzer.analyze(clip, 101, 101, null, new CropBox(10, 5, 60, "user"), Analyzer.Progress.NONE);
            assertEquals(130, a.offset());
            assertTrue(a.apexSubstituted(), "apex = onset: the second sample serves");
            assertEquals(new CropBox(10, 5, 60, "user"), a.crop());
        }
    }

    @Test
    void anInterruptedAnalysisIsCancelled() throws Exception {
        try (ClipSource clip = ImageSequenceSource.open(clipDir);
             Analyzer analyzer = Analyzer.load(Weights.read(tiny), "cpu", null)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class,
                        () -> analyzer.analyze(clip, 101, 105, 120, null, Analyzer.Progress.NONE));
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void weightsOfAnotherPresetAreRefusedByName() throws Exception {
        WeightsException e = assertThrows(WeightsException.class, () -> Analyzer.load(Weights.read(tiny), "cpu", "small"));
        assertTrue(e.getMessage().contains(tiny.toString()) && e.getMessage().contains("'tiny'")
                && e.getMessage().contains("'small'"), e.getMessage());
    }

    @Test
    void aCorruptParameterFileIsNamed(@TempDir Path dir) throws Exception {
        Path w = TinyWeights.write(dir.resolve("w"), "tiny", 1);
        Path params = w.resolve(WeightsManifest.PARAMETERS);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(params, bytes);
        WeightsException e = assertThrows(WeightsException.class, () -> Weights.read(w));
        assertTrue(e.getMessage().contains(params.toString()) && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void parametersOfAnotherPresetUnderAMatchingChecksumAreNamed(@TempDir Path dir) throws Exception {
        // a tiny manifest that points at small's parameters with their true checksum: the shapes give it away
        Path tinyW = TinyWeights.write(dir.resolve("tiny"), "tiny", 1);
        Path smallW = TinyWeights.write(dir.resolve("small"), "small", 1);
        Files.copy(smallW.resolve(WeightsManifest.PARAMETERS), tinyW.resolve(WeightsManifest.PARAMETERS),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String manifest = Files.readString(tinyW.resolve(WeightsManifest.FILE))
                .replace(readSha(tinyW), Weights.read(smallW).manifest().sha256());
        Files.writeString(tinyW.resolve(WeightsManifest.FILE), manifest);
        Weights w = Weights.read(tinyW);
        WeightsException e = assertThrows(WeightsException.class, () -> Analyzer.load(w, "cpu", null));
        assertTrue(e.getMessage().contains(WeightsManifest.PARAMETERS) && e.getMessage().contains("does not fit"), e.getMessage());
    }

    private static String readSha(Path folder) throws IOException {
        String text = Files.readString(folder.resolve(WeightsManifest.FILE));
        int k = text.indexOf("\"sha256\"");
        int start = text.indexOf('"', text.indexOf(':', k)) + 1;
        return text.substring(start, text.indexOf('"', start));
    }

    @Test
    void aMissingManifestIsNamed(@TempDir Path dir) throws Exception {
        Path w = TinyWeights.write(dir.resolve("w"), "tiny", 1);
        Files.delete(w.resolve(WeightsManifest.FILE));
        WeightsException e = assertThrows(WeightsException.class, () -> Weights.read(w));
        assertTrue(e.getMessage().contains(w.resolve(WeightsManifest.FILE).toString()), e.getMessage());
    }

    @Test
    void theBundledWeightsAreSmallTrainedOnSyntheticDataAndReadTheBundledSamples() throws Exception {
        Weights bundled = Weights.bundled();
        assertEquals("small", bundled.manifest().preset());
        assertTrue(bundled.manifest().trained());
        assertTrue(bundled.manifest().status().startsWith("trained on synthetic data"), bundled.manifest().status());
        assertEquals(Weights.DEFAULT_LOCATION, bundled.location());
        assertEquals(List.of("negative", "positive", "surprise"), bundled.manifest().classes());
        // the bundled sample clips come from the same generator with other seeds and were not trained on
        // (sample-clips/clips.csv: onset, apex, offset, emotion). The weights read three of the four as their
        // class; happiness is taken for negative (docs/default-weights.md). Untrained weights read one.
        ClassScheme megc = ClassScheme.named("megc-3");
        List<String> rows = Files.readAllLines(Path.of("sample-clips", "clips.csv"));
        List<String> right = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        try (Analyzer a = Analyzer.load(bundled, "cpu", null)) {
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",");
                try (ClipSource clip = ClipSources.open(Path.of("sample-clips", f[0]))) {
                    Analysis r = a.analyze(clip, Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                            null, (p, t) -> { });
                    (megc.classOf(f[5]).orElseThrow().equals(r.predicted()) ? right : wrong)
                            .add(f[0] + " " + r.predicted() + " " + r.probabilities());
                }
            }
        }
        assertEquals(4, right.size() + wrong.size());
        assertTrue(right.size() >= 3, "read as their class: " + right + "; not: " + wrong);
    }

    @Test
    void askingForAGpuThatIsNotThereIsAClearError() {
        if (DjlRuntime.engine().getGpuCount() > 0) {
            assertTrue(DjlRuntime.device("gpu").isGpu());
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlRuntime.device("gpu"));
        assertTrue(e.getMessage().contains("no CUDA GPU"), e.getMessage());
        assertFalse(DjlRuntime.device("auto").isGpu(), "auto falls back to the CPU");
        assertThrows(IllegalArgumentException.class, () -> DjlRuntime.device("tpu"));
    }

    @Test
    void djlRunsOffline() {
        DjlRuntime.engine();
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertTrue(ai.djl.util.Utils.isOfflineMode());
    }
}
