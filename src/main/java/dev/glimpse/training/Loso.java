package dev.glimpse.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Leave-one-subject-out: one fold per subject (a subject of one database is never another's), each
 * trained from scratch on every other subject for the epochs fixed in advance, then tested on the subject
 * left out. A finished fold is written to {@code folds/}, so that an interrupted run resumes at the next
 * unfinished fold, and folds can be run apart (on several machines) and their files put together. The
 * report folder's {@code run.json} records what the folds were trained with, so that folds of different
 * runs are never mixed.
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

    /** Every fold, one after another. */
    public static List<Fold> run(List<Sample> samples, AtmGcnConfig config, Training.Options options,
                                 PreparedSamples data, Path reportDir, boolean resume, TrainingListener listener)
            throws IOException {
        return run(samples, config, options, data, reportDir, resume, null, listener);
    }

    /**
     * Runs the folds numbered in {@code only} (1 = the first subject in {@link #bySubject} order; null: all)
     * that are not finished yet, and returns every finished fold the report folder holds, in order.
     *
     * @param resume keep the folds already finished in {@code reportDir} (and continue an interrupted one);
     *               without it, a report folder that holds finished folds is refused rather than overwritten
     */
    public static List<Fold> run(List<Sample> samples, AtmGcnConfig config, Training.Options options,
                                 PreparedSamples data, Path reportDir, boolean resume, Set<Integer> only,
                                 TrainingListener listener) throws IOException {
        Map<String, List<Sample>> subjects = bySubject(samples);
        Path foldDir = reportDir.resolve("folds");
        Files.createDirectories(foldDir);
        // compared as it reads back from run.json (a long written is an int read)
        checkPlan(reportDir, JSON.readTree(JSON.writeValueAsString(plan(subjects, config, options))), resume);
        List<Fold> folds = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<Sample>> e : subjects.entrySet()) {
            index++;
            String subject = e.getKey();
            Path file = foldFile(foldDir, subject);
            if (resume && Files.isRegularFile(file)) {
                folds.add(JSON.readValue(file.toFile(), Fold.class));
                continue;
            }
            if (only != null && !only.contains(index)) {
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

    /** The number of folds: one per subject. */
    public static int foldCount(List<Sample> samples) {
        return bySubject(samples).size();
    }

    private static Path foldFile(Path foldDir, String subject) {
        return foldDir.resolve(subject.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    /** What makes two runs the same: the network, the training options and the clips of every subject. */
    private static ObjectNode plan(Map<String, List<Sample>> subjects, AtmGcnConfig config, Training.Options options) {
        ObjectNode plan = JSON.createObjectNode();
        plan.set("network", JSON.valueToTree(config));
        plan.set("training", JSON.valueToTree(options));
        ObjectNode clips = plan.putObject("clipsPerSubject");
        subjects.forEach((subject, list) -> clips.put(subject, list.size()));
        return plan;
    }

    private static void checkPlan(Path reportDir, JsonNode plan, boolean resume) throws IOException {
        Path file = reportDir.resolve("run.json");
        boolean finished;
        try (var list = Files.list(reportDir.resolve("folds"))) {
            finished = list.anyMatch(p -> p.getFileName().toString().endsWith(".json"));
        }
        if (Files.isRegularFile(file)) {
            JsonNode saved = JSON.readTree(file.toFile());
            List<String> differences = new ArrayList<>();
            differences(saved, plan, "", differences);
            if (!differences.isEmpty()) {
                throw new IOException(file + ": this report folder holds a run trained differently (" + String.join("; ",
                        differences.subList(0, Math.min(6, differences.size()))) + "); use another --out, or the same options");
            }
        }
        if (finished && !resume) {
            throw new IOException(reportDir + ": holds finished folds already; add --resume to continue that run, or use"
                    + " another report folder (nothing was overwritten)");
        }
        Path tmp = reportDir.resolve("run.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), plan);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The fields that differ between two plans, as {@code path: was -> now}. */
    static void differences(JsonNode was, JsonNode now, String path, List<String> out) {
        if (was != null && now != null && was.isObject() && now.isObject()) {
            Set<String> names = new TreeSet<>();
            was.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(was.get(name), now.get(name), path.isEmpty() ? name : path + "." + name, out);
            }
        } else if (was == null || !was.equals(now)) {
            out.add(path + ": " + (was == null ? "none" : was) + " -> " + (now == null ? "none" : now));
        }
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
