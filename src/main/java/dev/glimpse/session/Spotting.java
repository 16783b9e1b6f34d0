package dev.glimpse.session;

import dev.glimpse.annotation.Proposal;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.spotting.Spotter;
import dev.glimpse.spotting.SpottingParameters;
import dev.glimpse.spotting.SpottingResult;
import dev.glimpse.store.Project;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Spotting a clip of the project, the use case behind "Find micro-expressions": runs the spotter over a range
 * of the clip on its own reader of the file (the window's reader stays the viewer's), and saves the proposals
 * only when the run completes: a run that fails or is cancelled changes nothing in the project. Accepting and
 * rejecting proposals are edits of the coding ({@link Coding#accept}, {@link Coding#reject}), undoable as any.
 */
public final class Spotting {
    private final Project project;
    private final long clipId;
    private final Path clipPath;
    private SpottingParameters parameters;

    /** The motion signal of the last run, for drawing under the timeline: one value per frame index, NaN where none. */
    public record Outcome(List<Proposal> proposals, int found, int facelessFrames, int blinks, long millis, int first,
                          float[] signal, String message) {}

    Spotting(Project project, long clipId, Path clipPath) {
        this.project = project;
        this.clipId = clipId;
        this.clipPath = clipPath;
        this.parameters = SpottingParameters.DEFAULT.withSensitivity(lastSensitivity());
    }

    /** The sensitivity of the clip's last run (the project keeps each run's parameters), else the default. */
    private double lastSensitivity() {
        try {
            String json = project.proposals().lastParameters(clipId);
            com.fasterxml.jackson.databind.JsonNode v = json == null ? null
                    : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("sensitivity");
            if (v != null && v.isNumber() && v.asDouble() >= MIN_SENSITIVITY && v.asDouble() <= MAX_SENSITIVITY) {
                return v.asDouble();
            }
        } catch (IOException e) { // a JsonProcessingException too
            // unreadable: the default, said nowhere since nothing was lost
        }
        return SpottingParameters.DEFAULT.sensitivity();
    }

    /** The range a person may set: below 2 the noise itself is proposed, above 20 nothing is. */
    public static final double MIN_SENSITIVITY = 2;
    public static final double MAX_SENSITIVITY = 20;

    /** What the next run looks for: the default, or the sensitivity last set or used on this clip. */
    public SpottingParameters parameters() {
        return parameters;
    }

    /** Sets the next runs' sensitivity (fewer proposals when higher); refused outside 2-20. */
    public void setSensitivity(double value) {
        if (!(value >= MIN_SENSITIVITY && value <= MAX_SENSITIVITY)) {
            throw new IllegalArgumentException("a sensitivity of " + value + ": it must be from " + MIN_SENSITIVITY
                    + " to " + MAX_SENSITIVITY + " (default " + SpottingParameters.DEFAULT.sensitivity() + ")");
        }
        parameters = parameters.withSensitivity(value);
    }

    /** The clip's proposals of every status, in time order. */
    public List<Proposal> proposals() throws IOException {
        return project.proposals().of(clipId);
    }

    /**
     * Spots frames {@code first}..{@code last} (indices) and saves what it found in place of the range's open
     * proposals; accepted and rejected ones stay.
     */
    public Outcome run(int first, int last, DoubleConsumer progress, BooleanSupplier cancelled) throws IOException {
        SpottingParameters parameters = this.parameters;
        try (ClipSource clip = ClipSources.open(clipPath)) {
            if (first < 0 || last >= clip.frameCount() || first > last) {
                throw new IllegalArgumentException("frames " + first + ".." + last + " are not a range of " + clipPath.getFileName());
            }
            float[] signal = new float[last - first + 1];
            java.util.Arrays.fill(signal, Float.NaN);
            SpottingResult r = new Spotter(parameters).spot(clip, first, last, null,
                    (number, brows, eyes, mouth, micro, macro) -> {
                        int i = clip.indexOf(number) - first;
                        if (i >= 0 && i < signal.length) {
                            signal[i] = (float) Math.max(Double.isNaN(micro) ? 0 : micro, Double.isNaN(macro) ? 0 : macro);
                        }
                    }, progress, cancelled);
            List<Proposal> found = new ArrayList<>();
            for (dev.glimpse.spotting.Proposal p : r.proposals()) {
                found.add(new Proposal(0, clipId, p.onset(), p.apex(), p.offset(), p.score(), p.kind(), Proposal.OPEN, null));
            }
            String json = String.format(Locale.ROOT, "{\"microWindow\":%s,\"macroWindow\":%s,\"maxMicro\":%s,\"maxMacro\":%s,"
                            + "\"sensitivity\":%s,\"floor\":%s}", parameters.microWindow(), parameters.macroWindow(),
                    parameters.maxMicro(), parameters.maxMacro(), parameters.sensitivity(), parameters.floor());
            List<Proposal> all = project.proposals().replaceOpen(clipId, clip.frameNumber(first), clip.frameNumber(last), found,
                    json, r.facelessFrames(), signal, first);
            String message = r.facelessFrames() == r.frames() ? "no face found in these frames: nothing to propose"
                    : String.format(Locale.ROOT, "%d proposals (%d micro, %d macro) in %.1f s; %d blinks set aside%s",
                    found.size(), r.ofKind("micro").size(), r.ofKind("macro").size(), r.millis() / 1000.0, r.blinks(),
                    r.facelessFrames() > 0 ? "; " + r.facelessFrames() + " frames without a face skipped" : "");
            return new Outcome(all, found.size(), r.facelessFrames(), r.blinks(), r.millis(), first, signal, message);
        }
    }
}
