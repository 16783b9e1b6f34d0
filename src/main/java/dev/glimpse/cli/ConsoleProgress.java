package dev.glimpse.cli;

import dev.glimpse.training.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/** Training progress on stderr: one line that redraws itself, and a line per finished epoch and fold. */
final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private String fold = "";

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void preparing(int done, int total) {
        if (done == total || done % 10 == 0) {
            out.printf(Locale.ROOT, "\r%spreparing clips %d/%d", fold, done, total);
            if (done == total) {
                out.println();
            }
        }
    }

    @Override
    public void foldStarted(int index, int folds, String subject) {
        fold = String.format(Locale.ROOT, "fold %d/%d (%s) ", index, folds, subject);
    }

    @Override
    public void step(int epoch, int epochs, int step, int steps, double loss, double clipsPerSecond, double secondsLeft) {
        int width = 24;
        int filled = (int) Math.round(width * step / (double) steps);
        out.printf(Locale.ROOT, "\r%sepoch %d/%d [%s%s] step %d/%d loss %.4f %.1f clips/s, %s left   ", fold, epoch,
                epochs, "#".repeat(filled), ".".repeat(width - filled), step, steps, loss, clipsPerSecond,
                TrainingListener.duration(secondsLeft));
    }

    @Override
    public void epochFinished(int epoch, int epochs, double meanLoss, double seconds) {
        out.printf(Locale.ROOT, "\r%sepoch %d/%d: mean loss %.4f, %.1f s%s%n", fold, epoch, epochs, meanLoss, seconds,
                " ".repeat(30));
    }

    @Override
    public void foldFinished(int index, int folds, String subject, int correct, int total) {
        out.printf(Locale.ROOT, "%s: %d of %d test clips right%n", fold.trim(), correct, total);
    }
}
