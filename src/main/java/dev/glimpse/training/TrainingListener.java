package dev.glimpse.training;

/** Progress of training and evaluation, for the console's progress bar and the desktop app. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    default void preparing(int done, int total) { }

    default void foldStarted(int fold, int folds, String subject) { }

    default void epochStarted(int epoch, int epochs, double learningRate) { }

    /** After each optimiser step: the batch's loss, throughput so far this epoch, and time left in the run. */
    default void step(int epoch, int epochs, int step, int steps, double loss, double clipsPerSecond, double secondsLeft) { }

    default void epochFinished(int epoch, int epochs, double meanLoss, double seconds) { }

    default void foldFinished(int fold, int folds, String subject, int correct, int total) { }

    /**
     * Asked before every clip prepared and every step: true stops the run with a
     * {@link java.util.concurrent.CancellationException}, keeping the last epoch's checkpoint for a resume.
     * A flag rather than a thread interrupt, which would also break the clip cache's file channels.
     */
    default boolean stopRequested() {
        return false;
    }

    /** A time left as people read it: 1h05m, 4m09s. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
