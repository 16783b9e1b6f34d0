package dev.glimpse.session;

import dev.glimpse.agreement.Agreement;
import dev.glimpse.agreement.AgreementReports;
import dev.glimpse.analysis.Analysis;
import dev.glimpse.analysis.ColorMap;
import dev.glimpse.analysis.Heatmaps;
import dev.glimpse.analysis.Weights;
import dev.glimpse.analysis.WeightsException;
import dev.glimpse.analysis.WeightsManifest;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.Proposal;
import dev.glimpse.annotation.SavedAnalysis;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.report.SessionReport;
import dev.glimpse.store.Project;
import dev.glimpse.store.StoreException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session report, the use case behind File > Session report and {@code glimpse report}: a clip's events, the
 * saved readings and their weights' provenance, the times from the clip's own timestamps, stills of onset and apex
 * with the face box the reading used, the spotter's open proposals and, with several coders, their agreement;
 * handed to {@link SessionReport} to lay out.
 */
final class Reporting {
    private static final Logger LOG = LoggerFactory.getLogger(Reporting.class);

    private Reporting() {}

    /** How strongly the attention colours the face: the face stays readable under it. */
    static final double OPACITY = 0.45;

    /** A still of a frame: scaled down, where the network looked laid over the face, the face box drawn. */
    static BufferedImage still(BufferedImage frame, SavedAnalysis a, SavedAnalysis.Face face) {
        double k = SessionReport.stillScale(frame.getWidth());
        return SessionReport.withBox(attended(SessionReport.scaled(frame), a, k), face, k);
    }

    /** Viridis in 256 steps: a still's pixels look their colour up rather than compute it. */
    private static final int[] VIRIDIS = new int[256];

    static {
        for (int v = 0; v < 256; v++) {
            VIRIDIS[v] = ColorMap.VIRIDIS.rgb(v / 255.0);
        }
    }

    /**
     * {@code image} (a frame scaled by {@code k}) with where the network looked laid over the face box (viridis,
     * bilinear, as the window draws it); unchanged when the reading kept no attention or no box.
     */
    static BufferedImage attended(BufferedImage image, SavedAnalysis a, double k) {
        if (a == null || a.attention() == null || a.face() == null) {
            return image;
        }
        SavedAnalysis.Attention kept = a.attention();
        float[] values = new float[kept.values().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = kept.values().get(i);
        }
        Analysis.AttentionMap map = new Analysis.AttentionMap(0, 0, kept.width(), kept.height(), values);
        double bx = a.face().x() * k;
        double by = a.face().y() * k;
        double size = a.face().size() * k;
        for (int y = Math.max(0, (int) Math.floor(by)); y < Math.min(image.getHeight(), (int) Math.ceil(by + size)); y++) {
            for (int x = Math.max(0, (int) Math.floor(bx)); x < Math.min(image.getWidth(), (int) Math.ceil(bx + size)); x++) {
                double mx = (x - bx + 0.5) * map.width() / size - 0.5;
                double my = (y - by + 0.5) * map.height() / size - 0.5;
                int c = VIRIDIS[(int) Math.round(255 * Math.max(0, Math.min(1, Heatmaps.sample(map, mx, my))))];
                int p = image.getRGB(x, y);
                image.setRGB(x, y, blend(p >> 16, c >> 16) << 16 | blend(p >> 8, c >> 8) << 8 | blend(p, c));
            }
        }
        return image;
    }

    private static int blend(int base, int colour) {
        return (int) Math.round((base & 0xff) * (1 - OPACITY) + (colour & 0xff) * OPACITY);
    }


    /** The clip named by path or file name; with none named, the project's only clip or the one opened last. */
    static Clip choose(Project project, String clip) throws StoreException {
        Clip chosen = null;
        for (Clip c : project.clips().all()) {
            if (clip == null || c.path().equals(clip) || Path.of(c.path()).getFileName().toString().equals(clip)) {
                chosen = chosen == null || clip != null ? c : chosen;
            }
        }
        if (clip == null && project.clips().all().size() > 1) {
            chosen = project.clips().lastOpened().orElse(chosen);
        }
        if (chosen == null) {
            throw new StoreException(project.file(), clip == null ? "has no clip" : "has no clip " + clip);
        }
        return chosen;
    }

    /**
     * Writes a session report (PDF) of one clip of {@code project}: {@code clip} a path or file name, or null for the
     * project's only (or last opened) clip; {@code annotator} only that coder's events, or null for everyone's;
     * stills of the onset and apex frames unless {@code stills} is false (a report that leaves the clinic may be
     * wanted without faces). Returns the number of pages.
     */
    static int report(Project project, String clip, Path out, boolean stills, String annotator) throws Exception {
        Clip chosen = choose(project, clip);
        List<Event> events = new ArrayList<>();
        for (Event e : project.events().of(chosen.id())) {
            if (annotator == null || annotator.equals(e.coder())) {
                events.add(e);
            }
        }
        SortedSet<String> coders = new TreeSet<>();
        events.forEach(e -> coders.add(Agreement.coder(e)));
        WeightsManifest bundled = null;
        try {
            bundled = Weights.bundled().manifest();
        } catch (WeightsException e) {
            LOG.warn("bundled weights not readable for the report: {}", e.getMessage());
        }
        Map<String, String> weights = new LinkedHashMap<>();
        boolean synthetic = false;
        List<SessionReport.Entry> entries = new ArrayList<>();
        List<double[]> motion = new ArrayList<>();
        Path file = Path.of(chosen.path());
        ClipSource source = null;
        try {
            try {
                source = ClipSources.open(file);
            } catch (IOException e) {
                if (stills) {
                    throw new StoreException(file, "cannot be read for the stills (" + e.getMessage() + "); relink the clip"
                            + " in the window, or ask for the report without stills");
                }
            }
            for (Event e : events) {
                SavedAnalysis a = project.analyses().latest(e.id()).orElse(null);
                if (a != null) {
                    boolean isBundled = bundled != null && bundled.sha256().equalsIgnoreCase(a.weightsSha256());
                    String provenance = isBundled ? bundled.status() : a.trained() ? "trained (what on: see the weights'"
                            + " manifest)" : "untrained";
                    synthetic |= isBundled && bundled.status().contains("synthetic");
                    weights.put(a.weightsSha256(), "Weights: " + a.weightsName() + ", " + provenance + " (SHA-256 "
                            + a.weightsSha256().substring(0, Math.min(16, a.weightsSha256().length())) + "...)");
                }
                double fps = chosen.fps();
                double on = source == null ? e.onset() / fps : source.timestampSeconds(source.indexOf(e.onset()));
                double apex = source == null ? e.apex() / fps : source.timestampSeconds(source.indexOf(e.apex()));
                double off = source == null ? e.offset() / fps : source.timestampSeconds(source.indexOf(e.offset()));
                BufferedImage onStill = null;
                BufferedImage apexStill = null;
                if (stills && source != null) {
                    SavedAnalysis.Face face = a == null ? null : a.face();
                    onStill = still(source.read(source.indexOf(e.onset())).toBufferedImage(), a, face);
                    apexStill = still(source.read(source.indexOf(e.apex())).toBufferedImage(), a, face);
                }
                entries.add(new SessionReport.Entry(e, SessionReport.time(on),
                        SessionReport.time(apex), SessionReport.time(off),
                        off - on + 1 / fps, a, onStill, apexStill));
            }
            // the spotter's last motion curve, at each frame's own time
            dev.glimpse.store.ProposalRepository.Signal signal = project.proposals().lastSignal(chosen.id());
            if (signal != null) {
                for (int i = 0; i < signal.values().length; i++) {
                    int index = signal.first() + i;
                    double t = source != null && index < source.frameCount() ? source.timestampSeconds(index)
                            : index / chosen.fps();
                    motion.add(new double[] {t, signal.values()[i]});
                }
            }
        } finally {
            if (source != null) {
                source.close();
            }
        }
        if (weights.isEmpty()) {
            weights.put("", "Weights: no event has been analysed by the model yet");
        }
        List<double[]> proposals = new ArrayList<>();
        for (Proposal p : project.proposals().of(chosen.id())) {
            if (Proposal.OPEN.equals(p.status())) {
                proposals.add(new double[] {p.onset() / chosen.fps(), (p.offset() + 1) / chosen.fps()});
            }
        }
        String agreementText = null;
        if (annotator == null && coders.size() >= 2) {
            agreementText = AgreementReports.text(ProjectSession.agreement(project, List.of(), chosen.path(), false));
        }
        SessionReport.Content content = new SessionReport.Content(
                file.getFileName().toString(), chosen.path(), chosen.frameCount() / chosen.fps(), chosen.fps(),
                chosen.frameCount(), chosen.sha256(), List.copyOf(coders),
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")),
                List.copyOf(weights.values()), synthetic, entries, proposals, agreementText, stills, motion,
                2 * dev.glimpse.spotting.SpottingParameters.DEFAULT.sensitivity());
        return SessionReport.write(content, out);
    }

}
