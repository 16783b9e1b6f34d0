package dev.glimpse.agreement;

import dev.glimpse.annotation.Event;
import dev.glimpse.io.Charts;
import dev.glimpse.io.Csv;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.apache.commons.csv.CSVPrinter;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * An agreement {@link Agreement.Report} as people read it: a text summary with a one-line explanation of each
 * number, a CSV of every matched pair of events, and PNG plots (JFreeChart): Bland-Altman plots of the frame
 * differences per landmark and the confusion matrix of two coders' labels.
 */
public final class AgreementReports {
    /** What each number means, in one line (the window shows the same lines). */
    public static final String EVENT_F1 = "events both coders marked (IoU >= 0.5), as a share of all they marked: 1 is full agreement";
    public static final String FRAMES = "how many frames apart the two coders put onset, apex and offset, over the matched events";
    public static final String ICC = "ICC(2,1): agreement of the frame positions themselves, 1 = identical; high whenever events"
            + " spread over the clip, so read the frame differences beside it";
    public static final String KAPPA = "Cohen's kappa: label agreement beyond chance on the matched events; 0 = chance, 1 = perfect"
            + " (above 0.6 is usually called substantial)";
    public static final String AU = "action unit reliability R = 2 x shared units / all units coded (CASME II reports"
            + " 0.846 between its two coders, SAMM about 0.82)";
    public static final String FLEISS = "Fleiss' kappa: label agreement beyond chance across all coders, on events every coder marked";
    public static final String ALPHA = "Krippendorff's alpha: the same, also counting events some coders missed or left unlabelled";

    private AgreementReports() {}

    public static String text(Agreement.Report r) {
        StringBuilder s = new StringBuilder();
        s.append("coders: ").append(String.join(", ", r.annotators())).append("; clips: ").append(r.clips()).append('\n');
        for (Agreement.Pair p : r.pairs()) {
            s.append('\n').append(p.a()).append(" and ").append(p.b()).append('\n');
            s.append(String.format(Locale.ROOT, "  events %d and %d, matched %d, only %s %d, only %s %d, event F1 %s%n",
                    p.eventsA(), p.eventsB(), p.matched(), p.a(), p.onlyA(), p.b(), p.onlyB(), f(p.eventF1())));
            for (String landmark : List.of("onset", "apex", "offset")) {
                Agreement.FrameAgreement fa = landmark.equals("onset") ? p.onset() : landmark.equals("apex") ? p.apex() : p.offset();
                s.append(String.format(Locale.ROOT, "  %-6s mean |difference| %s frames (%s ms), median %s frames, ICC %s (n %d)%s%n",
                        landmark, f(fa.meanAbsFrames()), f(fa.meanAbsMillis()), f(fa.medianAbsFrames()), f(fa.icc().value()),
                        fa.n(), note(fa.icc())));
            }
            s.append(String.format(Locale.ROOT, "  labels: Cohen's kappa %s (n %d, raw agreement %s)%s%n", f(p.labelKappa().value()),
                    p.labelKappa().n(), f(p.labelKappa().raw()), note(p.labelKappa())));
            s.append(String.format(Locale.ROOT, "  action units: R %s (n %d)%s%n", f(p.auReliability().value()),
                    p.auReliability().n(), note(p.auReliability())));
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, "all coders: Fleiss' kappa %s (n %d, raw %s)%s%n", f(r.fleissKappa().value()),
                r.fleissKappa().n(), f(r.fleissKappa().raw()), note(r.fleissKappa())));
        s.append(String.format(Locale.ROOT, "            Krippendorff's alpha %s (n %d, raw %s)%s%n",
                f(r.krippendorffAlpha().value()), r.krippendorffAlpha().n(), f(r.krippendorffAlpha().raw()),
                note(r.krippendorffAlpha())));
        s.append("\nwhat the numbers mean (docs/agreement.md):\n");
        for (String line : List.of("event F1: " + EVENT_F1, "frames: " + FRAMES, ICC, KAPPA, "R: " + AU, FLEISS, ALPHA)) {
            s.append("  ").append(line).append('\n');
        }
        return s.toString();
    }

    /** One row per matched pair of events: who, which clip, both coders' frames and labels, the differences. */
    public static void writeCsv(Agreement.Report r, Path out) throws IOException {
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName(), ".tmp");
        try (CSVPrinter w = Csv.writer(tmp)) {
            w.printRecord("a", "b", "clip", "iou", "onset_a", "onset_b", "apex_a", "apex_b", "offset_a", "offset_b",
                    "onset_diff", "apex_diff", "offset_diff", "label_a", "label_b", "action_units_a", "action_units_b");
            for (Agreement.Pair p : r.pairs()) {
                for (Agreement.MatchedEvents m : p.matches()) {
                    Event a = m.a();
                    Event b = m.b();
                    w.printRecord(Csv.text(p.a()), Csv.text(p.b()), Csv.text(m.clip()), String.format(Locale.ROOT, "%.3f", m.iou()),
                            a.onset(), b.onset(), a.apex(), b.apex(), a.offset(), b.offset(), a.onset() - b.onset(),
                            a.apex() - b.apex(), a.offset() - b.offset(), Csv.text(a.label()), Csv.text(b.label()),
                            Csv.text(dev.glimpse.annotation.ActionUnits.formatSheet(a.actionUnits())),
                            Csv.text(dev.glimpse.annotation.ActionUnits.formatSheet(b.actionUnits())));
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** For each pair: {@code A-B-frames.png} (Bland-Altman) and {@code A-B-labels.png} (confusion); returns the files. */
    public static List<Path> writePlots(Agreement.Report r, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (Agreement.Pair p : r.pairs()) {
            String stem = safe(p.a()) + "-" + safe(p.b());
            written.add(Charts.writePng(blandAltman(p), folder.resolve(stem + "-frames.png")));
            written.add(Charts.writePng(confusion(p), folder.resolve(stem + "-labels.png")));
        }
        return written;
    }

    /** Three Bland-Altman plots stacked: per matched event, the mean of the two coders' frames against A - B. */
    public static BufferedImage blandAltman(Agreement.Pair p) {
        int w = 900;
        int h = 300;
        BufferedImage image = new BufferedImage(w, 3 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            int row = 0;
            for (String landmark : List.of("onset", "apex", "offset")) {
                ToIntFunction<Event> at = landmark.equals("onset") ? Event::onset : landmark.equals("apex") ? Event::apex : Event::offset;
                XYSeries points = new XYSeries(landmark);
                double sum = 0;
                double squares = 0;
                for (Agreement.MatchedEvents m : p.matches()) {
                    double d = at.applyAsInt(m.a()) - at.applyAsInt(m.b());
                    points.add((at.applyAsInt(m.a()) + at.applyAsInt(m.b())) / 2.0, d);
                    sum += d;
                    squares += d * d;
                }
                int n = p.matches().size();
                JFreeChart chart = ChartFactory.createScatterPlot(landmark + ": " + p.a() + " - " + p.b() + " (n " + n + ")",
                        "mean of the two coders' frames", "difference (frames)", new XYSeriesCollection(points),
                        PlotOrientation.VERTICAL, false, false, false);
                XYPlot plot = chart.getXYPlot();
                plot.setBackgroundPaint(Color.WHITE);
                plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
                if (n > 0) {
                    double mean = sum / n;
                    double sd = n > 1 ? Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1))) : 0;
                    plot.addRangeMarker(marker(mean, "mean " + String.format(Locale.ROOT, "%.2f", mean), Color.BLUE));
                    plot.addRangeMarker(marker(mean + 1.96 * sd, "+1.96 SD", Color.GRAY));
                    plot.addRangeMarker(marker(mean - 1.96 * sd, "-1.96 SD", Color.GRAY));
                    // the limits of agreement are what the plot is for: the axis shows them, not only the points
                    double low = Math.min(points.getMinY(), mean - 1.96 * sd);
                    double high = Math.max(points.getMaxY(), mean + 1.96 * sd);
                    double pad = Math.max(0.5, 0.1 * (high - low));
                    plot.getRangeAxis().setRange(low - pad, high + pad);
                } else {
                    plot.setNoDataMessage("no matched events");
                }
                chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, row * h, w, h));
                row++;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The confusion matrix of two coders' labels on their matched events, counts in the cells. */
    public static BufferedImage confusion(Agreement.Pair p) {
        TreeSet<String> labelSet = new TreeSet<>();
        for (Agreement.MatchedEvents m : p.matches()) {
            labelSet.add(shown(m.a()));
            labelSet.add(shown(m.b()));
        }
        List<String> labels = new ArrayList<>(labelSet);
        int[][] counts = new int[labels.size()][labels.size()];
        for (Agreement.MatchedEvents m : p.matches()) {
            counts[labels.indexOf(shown(m.a()))][labels.indexOf(shown(m.b()))]++;
        }
        int side = Math.max(420, 120 + 70 * labels.size());
        return Charts.image(Charts.matrix("labels: " + p.a() + " against " + p.b() + " (n " + p.matches().size() + ")",
                labels, labels, counts, p.a() + "'s label", p.b() + "'s label"), side + 80, side);
    }

    private static ValueMarker marker(double at, String label, Color color) {
        ValueMarker m = new ValueMarker(at, color, new BasicStroke(1.2f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        return m;
    }

    private static String shown(Event e) {
        String l = Agreement.label(e);
        return l == null ? "(none)" : l;
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    private static String f(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String note(Statistic s) {
        return s.note() == null ? "" : " - " + s.note();
    }
}
