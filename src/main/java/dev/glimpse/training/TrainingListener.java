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
}
