package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.analysis.Weights;
import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training from the desktop app's form, without a window: a generated dataset in CASME II's layout, the
 * tiny preset, a run stopped and resumed, and the refusals, all on files on disk. The "UI thread" is a
 * thread of the test's own, and every property is read on it.
 */
class TrainingViewModelTest {
    @TempDir
    Path dir;
    Path data;
    final ExecutorService ui = Executors.newSingleThreadExecutor();
    TrainingViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        data = dir.resolve("casme2-synthetic");
        SyntheticDataset.write(data, new SyntheticDataset.Options("casme2", 3, 2,
                List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST), 30, 64, "mp4", 0, 5));
        model = new TrainingViewModel(ui);
        model.setCache(dir.resolve("cache"));
        onUi(() -> {
            model.datasetProperty().set("casme2");
            model.schemeProperty().set("casme2-3");
            model.presetProperty().set("tiny");
            model.rootProperty().set(data);
            model.outProperty().set(dir.resolve("weights"));
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        model.close();
        ui.shutdownNow();
    }

    <T> T onUi(Callable<T> c) throws Exception {
        return ui.submit(c).get(30, TimeUnit.SECONDS);
    }

    void await(BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!onUi(condition::getAsBoolean)) {
            assertTrue(System.nanoTime() < end, "waited 120 s; the message: " + onUi(() -> model.messageProperty().get()));
            Thread.sleep(20);
        }
    }

    @Test
    void checksTheDatasetThenTrainsWeightsTheAnalyzerLoads() throws Exception {
        assertEquals(16, onUi(() -> model.batchProperty().get()), "the tiny preset's batch");
        onUi(() -> {
            model.check();
            return null;
        });
        await(() -> !model.runningProperty().get());
        String summary = onUi(() -> model.messageProperty().get());
        assertTrue(summary.contains("18 clips used of 3 subjects") && summary.contains("negative 6"), summary);

        long nativeBefore = org.bytedeco.javacpp.Pointer.physicalBytes();
        onUi(() -> {
            model.epochsProperty().set(3);
            model.start();
            return null;
        });
        assertTrue(onUi(() -> model.runningProperty().get()));
        await(() -> model.trainedProperty().get() != null);
        // the run held its network, optimiser and clips in a child process: this one's memory is as it was
        long grown = org.bytedeco.javacpp.Pointer.physicalBytes() - nativeBefore;
        assertTrue(grown < 150L << 20, "this process grew by " + (grown >> 20) + " MB while training");
        Path out = dir.resolve("weights");
        assertEquals(out, onUi(() -> model.trainedProperty().get()));
        assertEquals(1.0, onUi(() -> model.progressProperty().get()), 1e-9);
        assertTrue(onUi(() -> model.messageProperty().get()).startsWith("Wrote " + out));
        WeightsManifest m = Weights.read(out).manifest();
        assertTrue(m.trained());
        assertEquals(3, m.epochs());
        assertEquals("casme2-3", m.scheme());
        assertTrue(m.trainedOn().startsWith("synthetic data"), m.trainedOn());
        assertFalse(Files.exists(out.resolve("checkpoint")));

        // and the process goes on working: the new weights analyse a clip of the dataset, a video opens and decodes
        Path frames;
        try (var files = Files.walk(data)) {
            frames = files.filter(f -> f.toString().endsWith(".jpg")).map(Path::getParent).sorted().findFirst().orElseThrow();
        }
        Path video = dir.resolve("after-training.avi");
        try (var w = dev.glimpse.clip.VideoFileWriter.open(video, 96, 64, 25, 5, dev.glimpse.clip.VideoFileWriter.Kind.AVI_MJPEG)) {
            for (int n = 0; n < 12; n++) {
                w.write(dev.glimpse.testing.Barcode.frame(n, 96, 64));
            }
        }
        try (dev.glimpse.analysis.Analyzer a = dev.glimpse.analysis.Analyzer.load(Weights.read(out), "cpu", "tiny");
             dev.glimpse.clip.ClipSource clip = dev.glimpse.clip.ClipSources.open(frames);
             dev.glimpse.clip.ClipSource v = dev.glimpse.clip.ClipSources.open(video)) {
            int first = clip.firstFrame();
            assertEquals(3, a.analyze(clip, first, first + 3, first + 7, null, (f, t) -> { }).probabilities().size());
            assertEquals(11, dev.glimpse.testing.Barcode.read(v.read(11)));
        }

        // the same folder again is refused: finished weights are never overwritten
        onUi(() -> {
            model.start();
            return null;
        });
        assertFalse(onUi(() -> model.runningProperty().get()));
        assertTrue(onUi(() -> model.messageProperty().get()).contains("already holds weights"));
    }

    @Test
    void aStoppedRunKeepsItsLastEpochAndResumesFromIt() throws Exception {
        Path out = dir.resolve("weights");
        onUi(() -> {
            model.epochsProperty().set(40);
            model.start();
            return null;
        });
        await(() -> model.messageProperty().get().startsWith("epoch 3/40"));
        onUi(() -> {
            model.stop();
            return null;
        });
        await(() -> !model.runningProperty().get());
        String stopped = onUi(() -> model.messageProperty().get());
        assertTrue(stopped.matches("Stopped: training stopped with (\\d+) of 40 epochs finished; a resume continues from the"
                + " checkpoint of epoch \\1 .*"), stopped);
        assertTrue(Files.isRegularFile(out.resolve("checkpoint").resolve("checkpoint.bin")));
        assertFalse(Files.exists(out.resolve("manifest.json")), "a stopped run writes no weights");
        assertNull(onUi(() -> model.trainedProperty().get()));

        onUi(() -> {
            model.resumeProperty().set(true);
            model.start();
            return null;
        });
        await(() -> model.trainedProperty().get() != null);
        assertEquals(40, Weights.read(out).manifest().epochs());
    }

    @Test
    void evaluatesLeavingOneSubjectOutIntoAReportFolder() throws Exception {
        Path report = dir.resolve("report");
        onUi(() -> {
            model.epochsProperty().set(2);
            model.reportFolderProperty().set(report);
            model.evaluate();
            return null;
        });
        await(() -> model.messageProperty().get().startsWith("fold 2/3"));
        await(() -> !model.runningProperty().get());
        String message = onUi(() -> model.messageProperty().get());
        assertTrue(message.startsWith("Evaluated, leave one subject out: 3 folds, pooled UF1 ")
                && message.endsWith("Report: " + report.resolve("metrics.json")), message);
        assertEquals(1.0, onUi(() -> model.progressProperty().get()), 1e-9);
        var metrics = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals(3, metrics.get("folds").asInt());
        assertEquals(18, metrics.get("clips").asInt());
        assertNull(onUi(() -> model.trainedProperty().get()), "an evaluation leaves no weights to use");
        List<String> folds = onUi(() -> List.copyOf(model.foldResults()));
        assertEquals(3, folds.size(), folds.toString());
        assertTrue(folds.get(1).matches("fold 2/3 \\(casme2:\\w+\\): \\d of 6 test clips right"), folds.get(1));
    }

    @Test
    void whatIsMissingOrWrongIsSaid() throws Exception {
        onUi(() -> {
            model.outProperty().set(null);
            model.start();
            return null;
        });
        assertEquals("Not started: choose a folder for the weights.", onUi(() -> model.messageProperty().get()));
        onUi(() -> {
            model.evaluate();
            return null;
        });
        assertEquals("Not started: choose a folder for the evaluation's report.", onUi(() -> model.messageProperty().get()));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        onUi(() -> {
            model.outProperty().set(dir.resolve("w"));
            model.rootProperty().set(empty);
            model.check();
            return null;
        });
        await(() -> !model.runningProperty().get());
        String message = onUi(() -> model.messageProperty().get());
        assertTrue(message.startsWith("Not read: ") && message.contains(empty.toString()), message);
        assertFalse(Files.exists(dir.resolve("w")), "nothing written");
    }

    /** The form's settings come back in the next session; values out of bounds in the file are not used, and said. */
    @Test
    void theLastRecipeIsKeptAndABadValueInItsFileIsSaidNotUsed() throws Exception {
        Path settings = dir.resolve("data").resolve("training.properties");
        onUi(() -> {
            model.rememberIn(settings); // none yet: the defaults stay
            model.epochsProperty().set(7);
            model.seedProperty().set(42);
            model.check();
            return null;
        });
        await(() -> !model.runningProperty().get());
        assertTrue(Files.exists(settings), "kept when a run starts");
        TrainingViewModel next = new TrainingViewModel(ui);
        try {
            onUi(() -> {
                next.rememberIn(settings);
                return null;
            });
            assertEquals(List.of("casme2", "casme2-3", "tiny", 7, 42, data, dir.resolve("weights")), onUi(() -> List.of(
                    next.datasetProperty().get(), next.schemeProperty().get(), next.presetProperty().get(),
                    next.epochsProperty().get(), next.seedProperty().get(), next.rootProperty().get(), next.outProperty().get())));
        } finally {
            next.close();
        }
        Files.writeString(settings, "preset=enormous\nepochs=0\nbatch=100000\nseed=3\n");
        TrainingViewModel edited = new TrainingViewModel(ui);
        try {
            onUi(() -> {
                edited.rememberIn(settings);
                return null;
            });
            assertEquals(List.of("small", 40, 3), onUi(() -> List.of(edited.presetProperty().get(),
                    edited.epochsProperty().get(), edited.seedProperty().get())), "the bad values left at their defaults");
            String said = onUi(() -> edited.messageProperty().get());
            assertTrue(said.contains(settings.toString()) && said.contains("preset=enormous") && said.contains("epochs=0")
                    && said.contains("batch=100000"), said);
        } finally {
            edited.close();
        }
    }
}
