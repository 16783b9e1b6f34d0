package dev.glimpse.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.dataset.Casme2Reader;
import dev.glimpse.dataset.ClassScheme;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.dataset.Sample;
import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticDataset;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
    @TempDir
    static Path shared;
    static DatasetReport data;
    static final AtmGcnConfig TINY = AtmGcnConfig.preset("tiny", 3);

    @BeforeAll
    static void dataset() throws IOException {
        SyntheticDataset.write(shared.resolve("synth"), new SyntheticDataset.Options("casme2", 3, 2,
                List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST), 30, 64, "mp4", 0, 3));
        data = new Casme2Reader().read(shared.resolve("synth"), null, ClassScheme.named("casme2-3"));
    }

    static float[][] weights(AtmGcn net) {
        List<float[]> all = new ArrayList<>();
        net.getParameters().forEach(p -> all.add(p.getValue().getArray().toFloatArray()));
        return all.toArray(new float[0][]);
    }

    static float[][] train(Training.Options o, Path checkpoints, boolean resume, TrainingListener l) throws IOException {
        try (NDManager m = DjlRuntime.engine().newBaseManager()) {
            return weights(Training.train(TINY, data.samples(), new PreparedSamples(null, 8, 64), o, m, l, checkpoints, resume));
        }
    }

    @Test
    void losoNeverLetsATestSubjectIntoItsTrainingFold() {
        Map<String, List<Sample>> subjects = Loso.bySubject(data.samples());
        assertEquals(3, subjects.size());
        Set<Sample> tested = new HashSet<>();
        for (var e : subjects.entrySet()) {
            List<Sample> train = Loso.trainingClips(data.samples(), e.getKey());
            assertTrue(train.stream().noneMatch(s -> s.subjectKey().equals(e.getKey())), e.getKey());
            assertEquals(data.samples().size() - e.getValue().size(), train.size());
            tested.addAll(e.getValue());
        }
        assertEquals(new HashSet<>(data.samples()), tested, "every clip is tested exactly in its own subject's fold");
    }

    @Test
    void subjectsOfDifferentDatabasesAreDifferentSubjects() {
        Sample a = data.samples().get(0);
        Sample b = new Sample("samm", a.subject(), a.episode(), a.clip(), a.onset(), a.apex(), a.offset(), a.label(),
                a.classIndex(), a.fps(), a.cropped(), a.row(), a.notes());
        assertEquals(2, Loso.bySubject(List.of(a, b)).size());
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Training.Options o = new Training.Options(3, 8, 1e-3, 1e-4, 0.01, 2, false, false, true, 5);
        float[][] once = train(o, dir.resolve("a"), false, TrainingListener.NONE);
        float[][] again = train(o, dir.resolve("b"), false, TrainingListener.NONE);
        for (int k = 0; k < once.length; k++) {
            assertArrayEquals(once[k], again[k], "parameter " + k);
        }
        // interrupted at the start of epoch 3, then resumed from the checkpoint of epoch 2
        TrainingListener crash = new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, double learningRate) {
                if (epoch == 3) {
                    throw new IllegalStateException("power cut");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> train(o, dir.resolve("c"), false, crash));
        assertTrue(Files.exists(dir.resolve("c/checkpoint.bin")));
        List<Integer> epochsRun = new ArrayList<>();
        float[][] resumed = train(o, dir.resolve("c"), true, new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, double learningRate) {
                epochsRun.add(epoch);
            }
        });
        assertEquals(List.of(3), epochsRun, "only the unfinished epoch runs again");
        for (int k = 0; k < once.length; k++) {
            assertArrayEquals(once[k], resumed[k], 1e-6f, "parameter " + k + " after resuming");
        }
        float[][] otherSeed = train(new Training.Options(3, 8, 1e-3, 1e-4, 0.01, 2, false, false, true, 6), null, false,
                TrainingListener.NONE);
        boolean differs = false;
        for (int k = 0; k < once.length && !differs; k++) {
            differs = !java.util.Arrays.equals(once[k], otherSeed[k]);
        }
        assertTrue(differs);
    }

    @Test
    void aThreadOtherThanTheEnginesTrainsTheSameAndAStopKeepsTheLastEpoch(@TempDir Path dir) throws Exception {
        Training.Options o = new Training.Options(2, 8, 1e-3, 1e-4, 0.01, 2, false, false, false, 9);
        DjlRuntime.engine(); // loaded here: libtorch's per-thread autograd flag is off on this thread only
        float[][] here = train(o, null, false, TrainingListener.NONE);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            float[][] there = other.submit(() -> train(o, null, false, TrainingListener.NONE)).get();
            for (int k = 0; k < here.length; k++) {
                assertArrayEquals(here[k], there[k], 1e-6f, "parameter " + k);
            }
            // a stop asked for during epoch 2: epoch 1 stays in the checkpoint, and the message says so
            TrainingListener stopInEpoch2 = new TrainingListener() {
                int epoch;

                @Override
                public void epochStarted(int epoch, int epochs, double learningRate) {
                    this.epoch = epoch;
                }

                @Override
                public boolean stopRequested() {
                    return epoch == 2;
                }
            };
            var stopped = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> other.submit(() -> train(o, dir, false, stopInEpoch2)).get());
            assertTrue(stopped.getCause() instanceof java.util.concurrent.CancellationException, stopped.toString());
            assertEquals("training stopped with 1 of 2 epochs finished; a resume continues from the checkpoint of epoch 1",
                    stopped.getCause().getMessage());
            float[][] resumed = other.submit(() -> train(o, dir, true, TrainingListener.NONE)).get();
            for (int k = 0; k < here.length; k++) {
                assertArrayEquals(here[k], resumed[k], 1e-6f, "parameter " + k + " after the stop and resume");
            }
        } finally {
            other.shutdown();
        }
    }

    @Test
    void theLearningRateDecaysExponentiallyToItsFinalValue() {
        Training.Options o = Training.Options.defaults(60, 1);
        assertEquals(1e-3, o.learningRate(0), 1e-12);
        assertEquals(1e-4, o.learningRate(59), 1e-12);
        assertEquals(Math.sqrt(1e-3 * 1e-4), new Training.Options(3, 16, 1e-3, 1e-4, 0, 2, false, false, false, 1)
                .learningRate(1), 1e-12);
    }

    @Test
    void anEvaluationResumesAtItsNextUnfinishedFoldAndReportsTheContract(@TempDir Path dir) throws Exception {
        Training.Options o = new Training.Options(1, 8, 1e-3, 1e-4, 0.01, 2, false, false, false, 2);
        PreparedSamples prepared = new PreparedSamples(dir.resolve("cache"), 8, 64);
        List<Loso.Fold> first = Loso.run(data.samples(), TINY, o, prepared, dir.resolve("report"), false, TrainingListener.NONE);
        assertEquals(3, first.size());
        Files.delete(dir.resolve("report/folds/casme2_02.json")); // as if the run had stopped in fold 2
        List<String> started = new ArrayList<>();
        List<Loso.Fold> resumed = Loso.run(data.samples(), TINY, o, prepared, dir.resolve("report"), true,
                new TrainingListener() {
                    @Override
                    public void foldStarted(int fold, int folds, String subject) {
                        started.add(subject);
                    }
                });
        assertEquals(List.of("casme2:02"), started);
        assertEquals(first.get(0).predictions().size(), resumed.get(0).predictions().size());
        var metrics = Reports.write(dir.resolve("report"), data.scheme().classes(), resumed, Map.of("preset", "tiny"));
        for (String key : List.of("classes", "pooled", "perSubject", "confusion", "folds")) {
            assertTrue(metrics.has(key), key);
        }
        assertEquals(3, metrics.get("folds").asInt());
        int total = 0;
        for (var row : metrics.get("confusion")) {
            for (var v : row) {
                total += v.asInt();
            }
        }
        assertEquals(data.used(), total, "every clip predicted once");
        for (String f : List.of("metrics.json", "metrics.csv", "predictions.csv", "folds.csv", "confusion.png", "folds.png")) {
            assertTrue(Files.size(dir.resolve("report").resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(dir.resolve("report/folds/checkpoint-2")), "a finished fold leaves no checkpoint");
    }

    @Test
    void foldsRunApartThenPutTogetherMakeTheSameEvaluationAndRunsTrainedDifferentlyAreNeverMixed(@TempDir Path dir)
            throws Exception {
        Training.Options o = new Training.Options(1, 8, 1e-3, 1e-4, 0.01, 2, false, false, false, 2);
        PreparedSamples prepared = new PreparedSamples(dir.resolve("cache"), 8, 64);
        List<Loso.Fold> whole = Loso.run(data.samples(), TINY, o, prepared, dir.resolve("whole"), false, TrainingListener.NONE);

        // as on two machines: fold 2 on one, folds 1 and 3 on the other
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        assertEquals(1, Loso.run(data.samples(), TINY, o, prepared, dir.resolve("a"), false, Set.of(2), starts(first)).size());
        assertEquals(2, Loso.run(data.samples(), TINY, o, prepared, dir.resolve("b"), false, Set.of(1, 3), starts(second)).size());
        assertEquals(List.of("casme2:02"), first);
        assertEquals(List.of("casme2:01", "casme2:03"), second);
        try (var files = Files.list(dir.resolve("b/folds"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve("a/folds").resolve(f.getFileName()));
            }
        }
        List<String> again = new ArrayList<>();
        List<Loso.Fold> together = Loso.run(data.samples(), TINY, o, prepared, dir.resolve("a"), true, null, starts(again));
        assertEquals(List.of(), again, "every fold is there: nothing is trained again");
        assertEquals(whole.stream().map(Loso.Fold::subject).toList(), together.stream().map(Loso.Fold::subject).toList());
        for (int f = 0; f < whole.size(); f++) {
            for (int k = 0; k < whole.get(f).predictions().size(); k++) {
                Loso.Prediction w = whole.get(f).predictions().get(k);
                Loso.Prediction t = together.get(f).predictions().get(k);
                assertEquals(w.episode(), t.episode());
                assertArrayEquals(w.probabilities(), t.probabilities(), 1e-5f, "fold " + (f + 1) + ", clip " + k);
            }
        }

        byte[] fold2 = Files.readAllBytes(dir.resolve("a/folds/casme2_02.json"));
        Training.Options twoEpochs = new Training.Options(2, 8, 1e-3, 1e-4, 0.01, 2, false, false, false, 2);
        IOException mixed = assertThrows(IOException.class, () -> Loso.run(data.samples(), TINY, twoEpochs, prepared,
                dir.resolve("a"), true, TrainingListener.NONE));
        assertTrue(mixed.getMessage().contains("run.json") && mixed.getMessage().contains("training.epochs: 1 -> 2"),
                mixed.getMessage());
        IOException overwrite = assertThrows(IOException.class, () -> Loso.run(data.samples(), TINY, o, prepared,
                dir.resolve("a"), false, TrainingListener.NONE));
        assertTrue(overwrite.getMessage().contains("--resume"), overwrite.getMessage());
        assertArrayEquals(fold2, Files.readAllBytes(dir.resolve("a/folds/casme2_02.json")), "nothing was overwritten");
    }

    private static TrainingListener starts(List<String> subjects) {
        return new TrainingListener() {
            @Override
            public void foldStarted(int fold, int folds, String subject) {
                subjects.add(subject);
            }
        };
    }
}
