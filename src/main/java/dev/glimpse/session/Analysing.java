package dev.glimpse.session;

import dev.glimpse.analysis.Analysis;
import dev.glimpse.analysis.Analyzer;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.SavedAnalysis;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.CropBox;
import dev.glimpse.store.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Analysing the events of one clip with the window's {@link AnalysisEngine}: an analysis is saved with its
 * event, tied to the weights' checksum, before it is returned; a saved analysis is shown again as it was saved,
 * and its heatmaps and graph (not stored: they are large) computed again when the same weights are loaded. The
 * methods that run the network are called on the engine's thread ({@link AnalysisEngine#submit}).
 */
public final class Analysing {
    private final Project project;
    private final Path clipPath;
    private final AnalysisEngine engine;

    Analysing(Project project, Path clipPath, AnalysisEngine engine) {
        this.project = project;
        this.clipPath = clipPath;
        this.engine = engine;
    }

    public AnalysisEngine engine() {
        return engine;
    }

    public Path clipPath() {
        return clipPath;
    }

    /**
     * Runs ATM-GCN on {@code event} (on its own reader of the clip) and saves the result with the event, unless no
     * face was found in its frames: then there is no reading to keep (the caller says so).
     */
    public Analysis analyseAndSave(Event event, Analyzer.Progress progress) throws Exception {
        Analyzer a = engine.analyzer();
        if (a == null) {
            throw new IllegalStateException(engine.status());
        }
        try (ClipSource clip = ClipSources.open(clipPath)) {
            Analysis analysis = a.analyze(clip, event.onset(), event.apex(), event.offset(), null, progress);
            if (!analysis.faceFound()) {
                return analysis; // no face, no reading: nothing to keep with the event
            }
            // saved with what the model could not know: the face box used, and how much the face moved
            project.analyses().save(new SavedAnalysis(0, event.id(), analysis.weights().sha256(), analysis.weights().name(),
                    analysis.weights().trained(), analysis.preset(), analysis.device(), analysis.millis(),
                    analysis.classes(), analysis.probabilities(), analysis.predicted(), null,
                    new SavedAnalysis.Face(analysis.crop().x(), analysis.crop().y(), analysis.crop().size(),
                            analysis.faceDetected()),
                    analysis.movement() == null ? null : analysis.movement().score(),
                    analysis.movement() == null ? null : analysis.movement().threshold(), analysis.temperature(),
                    attention(analysis)));
            return analysis;
        }
    }

    /** The attention maps averaged over the nodes and scaled to 0-1: where the network looked, kept for reports. */
    static SavedAnalysis.Attention attention(Analysis analysis) {
        List<Analysis.AttentionMap> maps = analysis.attentionMaps();
        if (maps.isEmpty()) {
            return null;
        }
        int w = maps.get(0).width();
        int h = maps.get(0).height();
        float[] sum = new float[w * h];
        int n = 0;
        for (Analysis.AttentionMap m : maps) {
            if (m.width() != w || m.height() != h) {
                continue;
            }
            float[] v = m.values();
            for (int k = 0; k < sum.length; k++) {
                sum[k] += v[k];
            }
            n++;
        }
        float max = 0;
        for (float v : sum) {
            max = Math.max(max, v);
        }
        List<Float> values = new java.util.ArrayList<>(sum.length);
        for (float v : sum) {
            values.add(max > 0 ? v / max : 0f);
        }
        return n == 0 ? null : new SavedAnalysis.Attention(w, h, values);
    }

    /** The event's last saved analysis, if any. */
    public Optional<SavedAnalysis> saved(Event event) throws IOException {
        return project.analyses().latest(event.id());
    }

    /** A saved analysis as an {@link Analysis} to show: its numbers, without heatmaps or graph. */
    public Analysis asAnalysis(Event event, SavedAnalysis a) {
        CropBox box = a.face() == null ? null
                : new CropBox(a.face().x(), a.face().y(), a.face().size(), a.face().detected() ? "detected" : "user");
        Analysis.Movement movement = a.movementScore() == null ? null
                : new Analysis.Movement(a.movementScore(), a.movementThreshold());
        return new Analysis(clipPath.toString(), event.onset(), event.apex(), event.offset(), false, a.preset(),
                a.classes(), a.probabilities(), List.of(), List.of(), List.of(), box, a.device(), null, a.millis(),
                new Analysis.WeightsInfo(null, a.weightsName(), a.weightsSha256(), a.trained(),
                        a.trained() ? "trained" : "untrained"), movement, a.temperature());
    }

    /** What recomputing a saved analysis gave. */
    public enum Restored { SAME, CHANGED, OTHER_WEIGHTS }

    /** The outcome of {@link #recompute}: the analysis again, when it matched. */
    public record Recomputed(Restored outcome, Analysis analysis) {}

    /**
     * The saved analysis computed again with the same weights (nothing is saved): SAME when the numbers match to
     * 1e-4 (then with heatmaps and graph), CHANGED when the event's frames have changed since it was saved,
     * OTHER_WEIGHTS when the engine holds other weights now.
     */
    public Recomputed recompute(Event event, SavedAnalysis saved) throws Exception {
        Analyzer a = engine.analyzer();
        if (a == null || !a.weightsInfo().sha256().equals(saved.weightsSha256())) {
            return new Recomputed(Restored.OTHER_WEIGHTS, null);
        }
        try (ClipSource clip = ClipSources.open(clipPath)) {
            Analysis again = a.analyze(clip, event.onset(), event.apex(), event.offset(), null, (f, t) -> { });
            boolean same = again.probabilities().size() == saved.probabilities().size();
            for (int c = 0; same && c < again.probabilities().size(); c++) {
                same = Math.abs(again.probabilities().get(c) - saved.probabilities().get(c)) < 1e-4;
            }
            return same ? new Recomputed(Restored.SAME, again) : new Recomputed(Restored.CHANGED, null);
        }
    }
}
