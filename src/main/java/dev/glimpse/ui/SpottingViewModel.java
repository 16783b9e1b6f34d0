package dev.glimpse.ui;

import dev.glimpse.session.Spotting;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Find micro-expressions", without a window: a spotting run over the clip or a range of it, in the background
 * with progress and cancel; when it completes, its proposals go to the coding's view-model and its motion signal
 * to the timeline. A cancelled or failed run saves nothing and says so.
 */
public final class SpottingViewModel implements AutoCloseable {
    private final Spotting spotting;
    private final AnnotationViewModel annotation;
    private final Executor uiThread;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glimpse-spotting");
        t.setDaemon(true);
        return t;
    });
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Spotting.Outcome> outcome = new SimpleObjectProperty<>();
    private volatile boolean stop;

    public SpottingViewModel(Spotting spotting, AnnotationViewModel annotation, Executor uiThread) {
        this.spotting = spotting;
        this.annotation = annotation;
        this.uiThread = uiThread;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** The last completed run (its signal is drawn under the timeline), or null. */
    public ObjectProperty<Spotting.Outcome> outcomeProperty() {
        return outcome;
    }

    /** Spots frames {@code first}..{@code last} (indices) in the background; ignored while a run goes on. */
    public void find(int first, int last) {
        if (running.get()) {
            return;
        }
        stop = false;
        running.set(true);
        progress.set(0);
        message.set("finding micro-expressions... (Esc stops)");
        BackgroundTask.of(p -> spotting.run(first, last, p, () -> stop))
                .onProgress(progress::set)
                .onSuccess(o -> {
                    annotation.setProposals(o.proposals());
                    outcome.set(o);
                    message.set(o.message() + (o.found() > 0 ? "; P and Shift+P go from one to the next" : ""));
                })
                .onCancelled(e -> message.set("stopped: nothing was saved, the proposals are as they were"))
                .onFailure(e -> message.set("not spotted: " + BackgroundTask.message(e)))
                .onFinished(() -> running.set(false))
                .runOn(worker::submit, uiThread);
    }

    /** Stops a run at its next frame; what was saved before stays as it was. */
    /** The sensitivity the next run uses (the clip's last, or the default). */
    public double sensitivity() {
        return spotting.parameters().sensitivity();
    }

    /**
     * Sets the sensitivity from what the person typed: the message says what happens, or why it was refused (not a
     * number, out of range); nothing changes when refused.
     */
    public void setSensitivity(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            spotting.setSensitivity(v);
            message.set("sensitivity " + v + " from the next run on (lower finds more, higher fewer)");
        } catch (NumberFormatException e) {
            message.set("sensitivity not changed: '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "' is not a number");
        } catch (IllegalArgumentException e) {
            message.set("sensitivity not changed: " + e.getMessage());
        }
    }

    public void cancel() {
        stop = true;
    }

    @Override
    public void close() {
        stop = true;
        worker.shutdownNow();
    }
}
