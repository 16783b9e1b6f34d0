package dev.glimpse.ui;

import dev.glimpse.dataset.ClassScheme;
import dev.glimpse.dataset.DatasetReader;
import dev.glimpse.dataset.DatasetReport;
import dev.glimpse.session.TrainingProcess;
import dev.glimpse.training.Recipe;
import dev.glimpse.training.Training;
import dev.glimpse.training.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training a weights folder from the desktop app, as {@code glimpse train} does: a {@link Recipe} filled in
 * from the form, run on a background thread with its progress (clips prepared, epoch, step, loss, clips per
 * second, time left) posted to the UI thread. Stopping keeps the last epoch's checkpoint, and "resume"
 * continues from it. Testable without a window: the UI thread is an {@link Executor}.
 */
public final class TrainingViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingViewModel.class);
    private final Executor uiThread;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glimpse-training");
        t.setDaemon(true);
        return t;
    });

    private final StringProperty dataset = new SimpleStringProperty("casme2");
    private final ObjectProperty<Path> root = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> sheet = new SimpleObjectProperty<>();
    private final StringProperty scheme = new SimpleStringProperty("casme2-5");
    private final StringProperty preset = new SimpleStringProperty("small");
    private final IntegerProperty epochs = new SimpleIntegerProperty(40);
    private final IntegerProperty batch = new SimpleIntegerProperty(16);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final BooleanProperty balanceClasses = new SimpleBooleanProperty(true);
    private final ObjectProperty<Path> out = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> reportFolder = new SimpleObjectProperty<>();
    private final BooleanProperty resume = new SimpleBooleanProperty(false);
    private Path cache; // null: the user's data folder, as on the command line
    private Path settings; // null: not kept

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Choose a dataset folder and a folder for the weights.");
    private final ReadOnlyObjectWrapper<Path> trained = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> foldResults = FXCollections.observableArrayList();
    private volatile boolean stopRequested;

    public TrainingViewModel(Executor uiThread) {
        this.uiThread = uiThread;
        // each dataset's own scheme, and a batch that fits in memory (small at 224 px and batch 16 held 19 GB)
        dataset.addListener((obs, old, d) -> scheme.set(switch (d) {
            case "samm" -> "samm-5";
            case "smic", "megc", "csv" -> "megc-3";
            case "casme3" -> "casme3-7";
            default -> "casme2-5";
        }));
        preset.addListener((obs, old, p) -> batch.set("tiny".equals(p) ? 16 : 4));
        batch.set(4);
    }

    public static List<String> datasets() {
        return DatasetReader.NAMES;
    }

    public static List<String> schemes() {
        return ClassScheme.NAMES;
    }

    public static List<String> presets() {
        return Recipe.PRESETS;
    }

    public StringProperty datasetProperty() {
        return dataset;
    }

    public ObjectProperty<Path> rootProperty() {
        return root;
    }

    /** The annotation file; empty to let the reader find it under the root. */
    public ObjectProperty<Path> sheetProperty() {
        return sheet;
    }

    public StringProperty schemeProperty() {
        return scheme;
    }

    public StringProperty presetProperty() {
        return preset;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** Focal loss alpha = inverse class frequency ({@code --alpha}): micro-expression datasets are unbalanced. */
    public BooleanProperty balanceClassesProperty() {
        return balanceClasses;
    }

    public ObjectProperty<Path> outProperty() {
        return out;
    }

    /** Where a leave-one-subject-out evaluation writes its folds and report. */
    public ObjectProperty<Path> reportFolderProperty() {
        return reportFolder;
    }

    /** Continue from the checkpoint a stopped run left (and, evaluating, after the folds already finished). */
    public BooleanProperty resumeProperty() {
        return resume;
    }

    /** Where prepared clips are kept; null for the user's data folder. */
    public void setCache(Path cache) {
        this.cache = cache;
    }

    /**
     * Keeps the form's settings in {@code file}: read now (a value that is missing, unknown or out of bounds is
     * left at its default, and said), written again whenever a run starts, so the next session starts from the
     * last recipe. Paths are kept as chosen; nothing is read from them here.
     */
    public void rememberIn(Path file) {
        settings = file;
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            return; // first use
        } catch (IOException | IllegalArgumentException e) {
            message.set("The last settings were not read (" + file + ": " + e.getMessage() + ").");
            return;
        }
        List<String> ignored = new java.util.ArrayList<>();
        // dataset first: choosing it sets its own scheme, which the saved scheme then replaces
        take(p, "dataset", v -> datasets().contains(v), dataset::set, ignored);
        take(p, "scheme", v -> schemes().contains(v), scheme::set, ignored);
        take(p, "preset", v -> presets().contains(v), preset::set, ignored); // before the batch it sets
        takeInt(p, "epochs", 1, 10_000, epochs::set, ignored);
        takeInt(p, "batch", 1, dev.glimpse.training.Training.MAX_BATCH, batch::set, ignored);
        takeInt(p, "seed", 0, Integer.MAX_VALUE, seed::set, ignored);
        take(p, "balance", v -> v.equals("true") || v.equals("false"), v -> balanceClasses.set(Boolean.parseBoolean(v)), ignored);
        for (String key : List.of("root", "sheet", "out", "report")) {
            ObjectProperty<Path> target = switch (key) {
                case "root" -> root;
                case "sheet" -> sheet;
                case "out" -> out;
                default -> reportFolder;
            };
            take(p, key, v -> v.length() <= 4096 && !v.contains("\0"), v -> target.set(Path.of(v)), ignored);
        }
        if (!ignored.isEmpty()) {
            message.set("From the last settings (" + file + "), not used: " + String.join(", ", ignored) + ".");
        }
    }

    private static void take(java.util.Properties p, String key, java.util.function.Predicate<String> valid,
                             java.util.function.Consumer<String> set, List<String> ignored) {
        String v = p.getProperty(key);
        if (v == null || v.isEmpty()) {
            return;
        }
        try {
            if (valid.test(v)) {
                set.accept(v);
                return;
            }
        } catch (RuntimeException e) {
            // not a path on this system, and the like: said below
        }
        ignored.add(key + "=" + (v.length() > 40 ? v.substring(0, 40) + "..." : v));
    }

    private static void takeInt(java.util.Properties p, String key, int min, int max, java.util.function.IntConsumer set,
                                List<String> ignored) {
        take(p, key, v -> {
            int n = Integer.parseInt(v.trim());
            return n >= min && n <= max;
        }, v -> set.accept(Integer.parseInt(v.trim())), ignored);
    }

    /** Writes the form's settings where {@link #rememberIn} reads them; a failure costs only the memory of them. */
    private void remember() {
        if (settings == null) {
            return;
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("dataset", dataset.get());
        p.setProperty("scheme", scheme.get());
        p.setProperty("preset", preset.get());
        p.setProperty("epochs", String.valueOf(epochs.get()));
        p.setProperty("batch", String.valueOf(batch.get()));
        p.setProperty("seed", String.valueOf(seed.get()));
        p.setProperty("balance", String.valueOf(balanceClasses.get()));
        for (var e : java.util.Map.of("root", root, "sheet", sheet, "out", out, "report", reportFolder).entrySet()) {
            if (e.getValue().get() != null) {
                p.setProperty(e.getKey(), e.getValue().get().toString());
            }
        }
        try {
            Files.createDirectories(settings.getParent());
            try (var w = Files.newBufferedWriter(settings)) {
                p.store(w, "Glimpse: the training window's last settings");
            }
        } catch (IOException e) {
            LOG.warn("training settings not kept in {}: {}", settings, e.getMessage());
        }
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** From 0 to 1 over the whole run (preparing the clips, then every step of every epoch). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The weights folder of the last run that finished; null until one has. */
    public ReadOnlyObjectProperty<Path> trainedProperty() {
        return trained.getReadOnlyProperty();
    }

    /** An evaluation's finished folds, one line each ("fold 2/8 (casme2:02): 3 of 12 test clips right"). */
    public ObservableList<String> foldResults() {
        return FXCollections.unmodifiableObservableList(foldResults);
    }

    /** The recipe the form describes; an {@link IllegalArgumentException} says what is missing or wrong. */
    Recipe recipe() {
        if (root.get() == null) {
            throw new IllegalArgumentException("choose the dataset's folder");
        }
        Training.Options d = Training.Options.defaults(epochs.get(), seed.get()); // the schedule of spec section 7
        Training.Options o = new Training.Options(d.epochs(), batch.get(), d.lr(), d.lrFinal(), d.weightDecay(), d.gamma(),
                balanceClasses.get(), d.colorJitter(), d.flip(), d.seed());
        return new Recipe(dataset.get(), root.get(), sheet.get(), scheme.get(), preset.get(), null, o, cache);
    }

    private enum Run { CHECK, TRAIN, EVALUATE }

    /** Reads the dataset as training would, and says what it found (rows, clips, subjects, classes, skipped). */
    public void check() {
        launch(Run.CHECK);
    }

    /** Starts training a weights folder on the whole dataset; does nothing while a run is going. */
    public void start() {
        launch(Run.TRAIN);
    }

    /**
     * Starts a leave-one-subject-out evaluation of the recipe (one network per subject, trained from scratch)
     * into the report folder, as {@code glimpse evaluate} does.
     */
    public void evaluate() {
        launch(Run.EVALUATE);
    }

    /** Stops the run after the step under way; the last finished epoch stays in the checkpoint. */
    public void stop() {
        if (running.get()) {
            stopRequested = true;
            message.set("stopping after this step...");
        }
    }

    private void launch(Run run) {
        if (running.get()) {
            return;
        }
        Recipe recipe;
        Path target = run == Run.TRAIN ? out.get() : run == Run.EVALUATE ? reportFolder.get() : null;
        try {
            recipe = recipe();
            if (run != Run.CHECK && target == null) {
                throw new IllegalArgumentException(run == Run.TRAIN ? "choose a folder for the weights"
                        : "choose a folder for the evaluation's report");
            }
        } catch (IllegalArgumentException e) {
            message.set("Not started: " + e.getMessage() + ".");
            return;
        }
        boolean resuming = resume.get();
        if (run == Run.TRAIN && !resuming && Files.exists(target.resolve("manifest.json"))) {
            message.set("Not started: " + target + " already holds weights; choose another folder.");
            return;
        }
        remember();
        stopRequested = false;
        running.set(true);
        progress.set(0);
        foldResults.clear();
        message.set("reading " + recipe.root() + "...");
        BackgroundTask.<TrainingProcess.Outcome>of(ignored -> {
            if (run == Run.CHECK) { // reading the dataset holds no network: in this process
                DatasetReport report = recipe.read();
                if (report.used() == 0) {
                    throw new IllegalArgumentException(recipe.root() + ": no usable clips under scheme " + recipe.scheme()
                            + " (" + report.skipped().size() + " rows skipped)");
                }
                return new TrainingProcess.Outcome(summary(report), false, null);
            }
            // training holds gigabytes of native memory: a child process gives every byte back when it ends
            return TrainingProcess.run(TrainingProcess.arguments(recipe, run == Run.EVALUATE, target, resuming), new Progress());
        }).onSuccess(outcome -> {
            message.set(outcome.message());
            if (outcome.complete()) {
                progress.set(1);
            }
            if (outcome.trained() != null) {
                trained.set(outcome.trained());
            }
        }).onCancelled(e -> message.set("Stopped: " + e.getMessage() + " (tick \"resume\" and start again)."))
          .onFailure(e -> message.set((run == Run.CHECK ? "Not read: " : run == Run.TRAIN ? "Not trained: " : "Not evaluated: ")
                + BackgroundTask.message(e)))
          .onFinished(() -> running.set(false))
          .runOn(worker::submit, uiThread);
    }

    /** What a reader made of the dataset, as {@code glimpse dataset} reports it, with the first rows skipped and why. */
    static String summary(DatasetReport report) {
        String perClass = report.perClass().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String skipped = report.skipped().stream().limit(3).map(k -> "\nrow " + k.row() + ": " + k.reason())
                .collect(Collectors.joining());
        return String.format(Locale.ROOT, "%s: %d rows, %d clips used of %d subjects (%s); %d rows skipped.%s",
                report.dataset(), report.rows(), report.used(), report.subjects(), perClass, report.skipped().size(),
                skipped + (report.skipped().size() > 3 ? "\n..." : ""));
    }
    /** The run's progress, posted to the UI thread; one step's numbers at a time. */
    private final class Progress implements TrainingListener {
        private int fold = 1;
        private int folds = 1;
        private String foldName = "";

        @Override
        public void foldStarted(int fold, int folds, String subject) {
            this.fold = fold;
            this.folds = folds;
            this.foldName = "fold " + fold + "/" + folds + " (" + subject + ") · ";
        }

        @Override
        public void preparing(int done, int total) {
            post(overall(0.02 * done / total), foldName + "preparing clips " + done + "/" + total
                    + " (decoded and cropped once, then cached)");
        }

        @Override
        public void step(int epoch, int epochs, int step, int steps, double loss, double clipsPerSecond, double secondsLeft) {
            double f = ((epoch - 1) + step / (double) steps) / epochs;
            post(overall(0.02 + 0.98 * f), String.format(Locale.ROOT, "%sepoch %d/%d · step %d/%d · loss %.4f · %.1f clips/s · %s left%s",
                    foldName, epoch, epochs, step, steps, loss, clipsPerSecond, TrainingListener.duration(secondsLeft),
                    folds > 1 ? " in this fold" : ""));
        }

        @Override
        public void epochFinished(int epoch, int epochs, double meanLoss, double seconds) {
            post(overall(0.02 + 0.98 * epoch / epochs), String.format(Locale.ROOT, "%sepoch %d/%d: mean loss %.4f, %.0f s",
                    foldName, epoch, epochs, meanLoss, seconds));
        }

        @Override
        public void foldFinished(int fold, int folds, String subject, int correct, int total) {
            String line = "fold " + fold + "/" + folds + " (" + subject + "): " + correct + " of " + total + " test clips right";
            uiThread.execute(() -> foldResults.add(line));
        }

        /** A fraction of this fold's run as a fraction of the whole (folds taken as equal). */
        private double overall(double inFold) {
            return (fold - 1 + inFold) / folds;
        }

        @Override
        public boolean stopRequested() {
            return stopRequested;
        }

        private void post(double value, String text) {
            uiThread.execute(() -> {
                progress.set(value);
                if (!stopRequested) {
                    message.set(text);
                }
            });
        }
    }

    @Override
    public void close() {
        stopRequested = true;
        worker.shutdown();
    }
}
