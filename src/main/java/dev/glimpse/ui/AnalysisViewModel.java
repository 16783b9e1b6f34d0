package dev.glimpse.ui;

import dev.glimpse.analysis.Analysis;
import dev.glimpse.analysis.ColorMap;
import dev.glimpse.analysis.Heatmaps;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.SavedAnalysis;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.FaceCrop;
import dev.glimpse.clip.FrameImage;
import dev.glimpse.session.Analysing;
import dev.glimpse.session.AnalysisEngine;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ATM-GCN for one clip: the window's {@link AnalysisEngine} loads in the background (the window does not
 * wait for it), an analysis runs as a cancellable background job on its own reader of the clip, and its result
 * is stored with the event, tied to the weights' checksum, before it is shown. It also composes the
 * heatmap overlay: the first CA block's map for the frame on screen, over the face crop.
 */
public final class AnalysisViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisViewModel.class);
    private final Analysing analysing;
    private final Executor uiThread;
    private final AnalysisEngine engine;
    private final StringProperty status = new SimpleStringProperty("loading ATM-GCN...");
    private final ObjectProperty<Analysis> result = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty heatmapOn = new SimpleBooleanProperty(true);
    // low enough that the face stays clearly visible under the colours
    private final DoubleProperty opacity = new SimpleDoubleProperty(0.35);
    private final ObjectProperty<ColorMap> colors = new SimpleObjectProperty<>(ColorMap.VIRIDIS);
    private final StringProperty message = new SimpleStringProperty("");
    private Future<?> job;
    private volatile long shownEvent = -1; // read by the engine's thread too

    public AnalysisViewModel(Analysing analysing, Executor uiThread) {
        this.analysing = analysing;
        this.engine = analysing.engine();
        this.uiThread = uiThread;
        status.set(engine.status());
        engine.submit(() -> uiThread.execute(() -> status.set(engine.status()))); // once it has loaded
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<Analysis> resultProperty() {
        return result;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty heatmapOnProperty() {
        return heatmapOn;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public ObjectProperty<ColorMap> colorsProperty() {
        return colors;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Analyses {@code event} in the background; a second call while one runs is ignored. */
    public void analyze(Event event) {
        if (event == null) {
            message.set("mark an event first (O, A, F)");
            return;
        }
        if (running.get()) {
            return;
        }
        running.set(true);
        progress.set(0);
        shownEvent = event.id();
        long clicked = System.nanoTime();
        message.set("analysing event " + event.onset() + "-" + event.apex() + "-" + event.offset());
        job = BackgroundTask.of(progressTo -> analysing.analyseAndSave(event, (f, text) -> progressTo.accept(f)))
                .onProgress(progress::set)
                .onSuccess(analysis -> {
                    if (shownEvent != event.id()) {
                        message.set("analysis of event " + event.frames() + " saved");
                        return; // the user has moved to another event meanwhile
                    }
                    long shown = (System.nanoTime() - clicked) / 1_000_000;
                    if (!analysis.faceFound()) { // no face, no reading: no probabilities shown as one
                        result.set(null);
                        message.set("no face found in the event's frames: there is nothing to read");
                        return;
                    }
                    result.set(analysis);
                    String still = analysis.movement() != null && !analysis.movement().clear()
                            ? "no clear facial movement in this interval (the model has no neutral class); " : "";
                    message.set(still + "predicted " + analysis.predicted() + (analysis.weights().trained() ? ""
                            : " (untrained weights: no information)") + (analysis.temperature() == null ? ""
                            : String.format(java.util.Locale.ROOT, " (probabilities calibrated, T = %.2f)",
                                    analysis.temperature())) + String.format(java.util.Locale.ROOT,
                            ", %.3f s", analysis.millis() / 1000.0));
                    // what docs/benchmarks.md reports as the time from the click to the result on screen
                    LOG.info("analysis shown {} ms after the click (network {} ms on {})", shown, analysis.millis(),
                            analysis.device());
                })
                .onCancelled(e -> message.set("analysis cancelled"))
                .onFailure(e -> message.set("analysis failed: " + BackgroundTask.message(e)))
                .onFinished(() -> running.set(false))
                .runOn(engine::submit, uiThread);
    }

    /**
     * Analyses every event of {@code events} in one background job (Model > Analyse all accepted events), each saved
     * with its event as the single analyses are; progress over the whole list, cancel between events. An event
     * without a face is saved without a reading and counted.
     */
    public void analyzeAll(java.util.List<Event> events) {
        if (running.get()) {
            return;
        }
        if (events.isEmpty()) {
            message.set("no accepted proposals to analyse: accept some first (P, then Enter)");
            return;
        }
        running.set(true);
        progress.set(0);
        message.set("analysing " + events.size() + " accepted events...");
        int n = events.size();
        job = BackgroundTask.<int[]>of(progressTo -> {
            int faceless = 0;
            for (int k = 0; k < n; k++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped after " + k + " of " + n + " events");
                }
                int done = k;
                Analysis a = analysing.analyseAndSave(events.get(k), (f, text) -> progressTo.accept((done + f) / n));
                if (!a.faceFound()) {
                    faceless++;
                }
            }
            return new int[] {n, faceless};
        }).onProgress(progress::set)
                .onSuccess(r -> message.set("analysed " + r[0] + " accepted events, each saved with it"
                        + (r[1] > 0 ? "; " + r[1] + " without a face, so without a reading" : "")
                        + " (select one to see its analysis)"))
                .onCancelled(e -> message.set("analyses stopped; those finished are saved"))
                .onFailure(e -> message.set("analyses failed: " + BackgroundTask.message(e)))
                .onFinished(() -> running.set(false))
                .runOn(engine::submit, uiThread);
    }

    /**
     * Shows what the project holds for {@code event} (null: none): its last analysis, probabilities and
     * prediction as they were saved. The heatmaps and the graph are not stored (they are large); when the
     * engine holds the same weights they are computed again in the background, which gives the same analysis,
     * and shown without saving it twice. An analysis still running for another event does not replace it
     * when it ends.
     */
    public void showSaved(Event event) {
        shownEvent = event == null ? -1 : event.id();
        result.set(null);
        if (event == null) {
            return;
        }
        try {
            analysing.saved(event).ifPresent(a -> {
                result.set(analysing.asAnalysis(event, a));
                String saved = "saved analysis of " + a.createdAt() + ": predicted " + a.predicted() + " (weights "
                        + a.weightsName() + ")";
                message.set(saved + "; Analyse event for the heatmaps and the graph");
                restore(event, a, saved);
            });
        } catch (IOException e) {
            message.set(e.getMessage());
        }
    }

    /** The saved analysis's heatmaps and graph, computed again with the same weights (nothing is saved). */
    private void restore(Event event, SavedAnalysis saved, String text) {
        if (shownEvent != event.id()) {
            return;
        }
        // skipped when the person has moved on by the time the engine gets to it
        BackgroundTask.of(ignored -> shownEvent == event.id() ? analysing.recompute(event, saved) : null)
                .onSuccess(again -> {
                    // other weights now: the saved numbers stand alone, and "Analyse event" runs the new ones
                    if (again == null || again.outcome() == Analysing.Restored.OTHER_WEIGHTS || shownEvent != event.id()
                            || result.get() == null || !result.get().nodes().isEmpty()) {
                        return;
                    }
                    if (again.outcome() == Analysing.Restored.SAME) {
                        result.set(again.analysis());
                        message.set(text + "; heatmaps and graph computed again with the same weights");
                    } else {
                        message.set(text + "; the event has changed since: Analyse event for a new analysis");
                    }
                })
                // a failure leaves the saved numbers shown, and the message still offers "Analyse event"
                .runOn(engine::submit, uiThread);
    }

    public void cancel() {
        if (job != null) {
            job.cancel(true);
        }
    }

    /**
     * {@code frame} with the attention map of the node behind frame number {@code number} laid over its face
     * crop, or {@code frame} itself when there is no such node or the overlay is off.
     */
    public FrameImage overlay(FrameImage frame, int number) {
        Analysis a = result.get();
        if (a == null || !heatmapOn.get() || frame == null) {
            return frame;
        }
        Optional<Analysis.AttentionMap> map = a.attentionMaps().stream().filter(m -> m.frame() == number).findFirst();
        if (map.isEmpty() || !a.crop().fitsIn(frame.width(), frame.height())) {
            return frame;
        }
        int size = a.crop().size();
        FrameImage crop = FaceCrop.crop(frame, a.crop(), size);
        FrameImage painted = Heatmaps.overlay(crop, map.get(), colors.get(), opacity.get());
        byte[] out = frame.rgb().clone();
        for (int y = 0; y < size; y++) {
            System.arraycopy(painted.rgb(), y * size * 3, out, ((a.crop().y() + y) * frame.width() + a.crop().x()) * 3, size * 3);
        }
        return new FrameImage(frame.width(), frame.height(), out);
    }

    /**
     * The face box the shown analysis cut every frame with, or null when no analysis is shown: the window draws
     * it over the frame (at render time, the frame's pixels untouched), so the person sees what the model saw.
     */
    public CropBox faceBox() {
        Analysis a = result.get();
        return a == null ? null : a.crop();
    }

    /** Cancels this clip's analysis, if one runs; the engine stays, for the next clip. */
    @Override
    public void close() {
        cancel();
    }
}
