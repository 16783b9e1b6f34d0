package dev.glimpse.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.analysis.DjlRuntime;
import dev.glimpse.clip.PreparedClip;
import dev.glimpse.dataset.Sample;
import dev.glimpse.model.AtmGcn;
import dev.glimpse.model.AtmGcnConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leave-one-subject-out: one fold per subject (a subject of one database is never another's), each
 * trained from scratch on every other subject for the epochs fixed in advance, then tested on the subject
 * left out. A finished fold is written to {@code folds/}, so that an interrupted run resumes at the next
 * unfinished fold.
 */
public final class Loso {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One test clip's outcome. */
    public record Prediction(String database, String subject, String episode, int row, int truth, int predicted,
                             float[] probabilities) {}

    /** One finished fold. */
    public record Fold(String subject, int trainClips, int testClips, double seconds, List<Prediction> predictions) {
        public int correct() {
            return (int) predictions.stream().filter(p -> p.truth() == p.predicted()).count();
        }
    }

    private Loso() {}

    /** Subjects in a stable order, each with its clips. */
    public static Map<String, List<Sample>> bySubject(List<Sample> samples) {
        Map<String, List<Sample>> groups = new TreeMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(s.subjectKey(), k -> new ArrayList<>()).add(s);
        }
        return groups;
    }

    /** The training clips of the fold that leaves out {@code subject}: every clip of every other subject. */
    public static List<Sample> trainingClips(List<Sample> samples, String subject) {
        return samples.stream().filter(s -> !s.subjectKey().equals(subject)).toList();
    }

    public static List<Fold> run(List<Sample> samples, AtmGcnConfig config, Training.Options options,
                                 PreparedSamples data, Path reportDir, boolean resume, TrainingListener listener)
            throws IOException {
        Map<String, List<Sample>> subjects = bySubject(samples);
        Path foldDir = reportDir.resolve("folds");
        Files.createDirectories(foldDir);
        List<Fold> folds = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<Sample>> e : subjects.entrySet()) {
            index++;
            String subject = e.getKey();
            Path file = foldDir.resolve(subject.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
            if (resume && Files.isRegularFile(file)) {
                folds.add(JSON.readValue(file.toFile(), Fold.class));
                continue;
            }
            listener.foldStarted(index, subjects.size(), subject);
            long start = System.nanoTime();
            List<Sample> train = trainingClips(samples, subject);
            List<Sample> test = e.getValue();
            // each fold from scratch, seeded from the run's seed and the fold
            Training.Options foldOptions = new Training.Options(options.epochs(), options.batch(), options.lr(),
                    options.lrFinal(), options.weightDecay(), options.gamma(), options.alphaInverseFrequency(),
                    options.colorJitter(), options.flip(), options.seed() * 100 + index);
            List<Prediction> predictions = new ArrayList<>();
            try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
                AtmGcn net = Training.train(config, train, data, foldOptions, manager, listener,
                        foldDir.resolve("checkpoint-" + index), resume);
                List<PreparedClip> clips = new ArrayList<>();
                for (Sample s : test) {
                    clips.add(data.get(s));
                }
                float[][] p = Training.predict(net, manager, clips, 8);
                for (int k = 0; k < test.size(); k++) {
                    Sample s = test.get(k);
                    predictions.add(new Prediction(s.database(), s.subject(), s.episode(), s.row(), s.classIndex(),
                            argmax(p[k]), p[k]));
                }
            }
            Fold fold = new Fold(subject, train.size(), test.size(), (System.nanoTime() - start) / 1e9, predictions);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), fold);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(foldDir.resolve("checkpoint-" + index));
            listener.foldFinished(index, subjects.size(), subject, fold.correct(), fold.testClips());
            folds.add(fold);
        }
        return folds;
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
