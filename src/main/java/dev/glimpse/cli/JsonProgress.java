package dev.glimpse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glimpse.training.TrainingListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Training progress for another program (the desktop app's training runs as a child process): one JSON object a
 * line on stdout ({@code {"event":"step","epoch":1,...}}), and a line {@code stop} on stdin asks the run to stop
 * after its step, keeping its checkpoint. The events: preparing, fold, step, epoch, foldFinished, then one of
 * done (with {@code message}, {@code complete}, {@code trained}), stopped (with {@code message}).
 */
final class JsonProgress implements TrainingListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private volatile boolean stop;

    JsonProgress(PrintStream out) {
        this.out = out;
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.strip().equals("stop")) {
                        stop = true;
                    }
                }
            } catch (java.io.IOException e) {
                // stdin closed: nothing more to hear
            }
        }, "glimpse-progress-stdin");
        stdin.setDaemon(true);
        stdin.start();
    }

    @Override
    public void preparing(int done, int total) {
        emit(event("preparing").put("done", done).put("total", total));
    }

    @Override
    public void foldStarted(int fold, int folds, String subject) {
        emit(event("fold").put("fold", fold).put("folds", folds).put("subject", subject));
    }

    @Override
    public void step(int epoch, int epochs, int step, int steps, double loss, double clipsPerSecond, double secondsLeft) {
        emit(event("step").put("epoch", epoch).put("epochs", epochs).put("step", step).put("steps", steps).put("loss", loss)
                .put("clipsPerSecond", clipsPerSecond).put("secondsLeft", secondsLeft));
    }

    @Override
    public void epochFinished(int epoch, int epochs, double meanLoss, double seconds) {
        emit(event("epoch").put("epoch", epoch).put("epochs", epochs).put("meanLoss", meanLoss).put("seconds", seconds));
    }

    @Override
    public void foldFinished(int fold, int folds, String subject, int correct, int total) {
        emit(event("foldFinished").put("fold", fold).put("folds", folds).put("subject", subject).put("correct", correct)
                .put("total", total));
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    /** The run's end: what the person is told, whether the work is complete, and the weights folder written. */
    void done(String message, boolean complete, String trained) {
        emit(event("done").put("message", message).put("complete", complete).put("trained", trained));
    }

    void stopped(String message) {
        emit(event("stopped").put("message", message));
    }

    private static ObjectNode event(String name) {
        return JSON.createObjectNode().put("event", name);
    }

    private synchronized void emit(ObjectNode o) {
        out.println(o.toString());
        out.flush();
    }
}
