package dev.glimpse.report;

import dev.glimpse.annotation.ActionUnits;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.SavedAnalysis;
import dev.glimpse.io.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * A session report a therapist can file: the clip, who coded it, with which weights, and per event its frames and
 * times, coding, notes, the model's probabilities beside the coder's label and (unless left out) stills of the onset
 * and apex with the face box the analysis used. A4 PDF by Apache PDFBox: real text, DejaVu Sans embedded, pages
 * numbered; written beside the target and moved into place.
 */
public final class SessionReport {
    /** What the model's output is and is not, on the first page of every report. */
    public static final String WHAT_IT_IS = "The model's readings are a research model's reading of facial movement"
            + " (ATM-GCN, a micro-expression recogniser): they are not a diagnosis, not a measure of what a person feels,"
            + " and not evidence on their own.";

    private static final float MARGIN = 50;
    private static final PDRectangle PAGE = PDRectangle.A4;

    /** One event as the report shows it; times already in mm:ss.fff from the clip's own timestamps. */
    public record Entry(Event event, String onsetTime, String apexTime, String offsetTime, double seconds,
                        SavedAnalysis analysis, BufferedImage onsetStill, BufferedImage apexStill) {}

    /**
     * The whole report's content.
     *
     * @param weights lines on the weights the readings came from (name, checksum, what they were trained on)
     * @param synthetic whether any reading came from weights trained on synthetic data: said prominently
     * @param proposals the spotter's proposals kept for the clip ({onset, offset} in seconds), drawn on the timeline
     * @param agreement the agreement summary of the clip's coders, or null with one coder
     * @param motion the spotter's motion signal of its last run, {time in s, value} (NaN: no face), or empty
     * @param motionTop the value drawn at the top of the band (the window's: twice the threshold)
     */
    public record Content(String clipName, String clipPath, double durationSeconds, double fps, int frameCount,
                          String sha256, List<String> coders, String date, List<String> weights, boolean synthetic,
                          List<Entry> entries, List<double[]> proposals, String agreement, boolean stills,
                          List<double[]> motion, double motionTop) {}

    private SessionReport() {}

    /** Writes the report; returns its number of pages. */
    public static int write(Content c, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try (PDDocument doc = new PDDocument()) {
            Writer w = new Writer(doc);
            w.title("Glimpse session report");
            w.text("Clip: " + c.clipName(), 11, true);
            w.text(String.format(Locale.ROOT, "%s; %d frames at %.3f fps, %s", c.clipPath(), c.frameCount(), c.fps(),
                    time(c.durationSeconds())), 9, false);
            w.text("SHA-256: " + (c.sha256() == null || c.sha256().isEmpty() ? "not computed" : c.sha256()), 8, false);
            w.text("Coded by: " + (c.coders().isEmpty() ? "nobody yet" : String.join(", ", c.coders())), 10, false);
            w.text("Report made: " + c.date(), 10, false);
            for (String line : c.weights()) {
                w.text(line, 10, false);
            }
            if (c.synthetic()) {
                w.gap(4);
                w.boxed("These readings come from weights trained on synthetic data (rendered faces, not people): they"
                        + " show that the program works, and say nothing about a real person's face.");
            }
            w.gap(4);
            w.text(WHAT_IT_IS, 9, false);
            w.gap(8);
            w.heading("The whole clip");
            w.image(Charts.image(timeline(c), 1000, 90 + 34 * Math.max(1, c.coders().size() + (c.proposals().isEmpty() ? 0 : 1))),
                    PAGE.getWidth() - 2 * MARGIN, true);
            if (c.entries().isEmpty()) {
                w.gap(6);
                w.text("No events have been coded on this clip" + (c.coders().isEmpty() ? "." : " by the coder(s) chosen.")
                        + " There is nothing to report yet.", 11, false);
            }
            if (c.agreement() != null) {
                w.heading("Agreement between the coders");
                for (String line : c.agreement().split("\n")) {
                    w.text(line, 8, false);
                }
            }
            int k = 0;
            for (Entry e : c.entries()) {
                k++;
                event(w, e, k, c.stills());
            }
            w.close();
            int pages = doc.getNumberOfPages();
            number(doc, w.font);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Glimpse session report: " + c.clipName());
            info.setCreator("Glimpse");
            doc.save(tmp.toFile());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return pages;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void event(Writer w, Entry e, int k, boolean stills) throws IOException {
        Event ev = e.event();
        float needed = stills ? 430 : 250;
        w.keep(needed);
        w.heading(String.format(Locale.ROOT, "Event %d: frames %d-%d-%d", k, ev.onset(), ev.apex(), ev.offset()));
        w.text(String.format(Locale.ROOT, "onset %s, apex %s, offset %s; %.3f s long", e.onsetTime(), e.apexTime(),
                e.offsetTime(), e.seconds()), 10, false);
        w.text("Coder: " + (ev.coder() == null ? "not recorded" : ev.coder()) + "; label: "
                + (ev.label() == null ? "none" : ev.label()) + (ev.scheme() == null ? "" : " (" + ev.scheme() + ")")
                + "; action units: " + (ev.actionUnits().isEmpty() ? "none" : ActionUnits.format(ev.actionUnits()))
                + (ev.confidence() == null ? "" : String.format(Locale.ROOT, "; coder's confidence %.2f", ev.confidence())),
                10, false);
        if (!ev.notes().isBlank()) {
            w.text("Notes: " + ev.notes(), 10, false);
        }
        SavedAnalysis a = e.analysis();
        if (a == null) {
            w.text("Not analysed by the model.", 10, false);
        } else if (a.probabilities().isEmpty()) {
            w.text("The model gave no reading: no face was found in this event.", 10, false);
        } else {
            boolean clear = a.movementScore() == null || a.movementThreshold() == null
                    || a.movementScore() >= a.movementThreshold();
            w.text("Model: " + a.predicted() + (clear ? "" : " (no clear facial movement: read with care)") + "; weights "
                    + a.weightsName() + (a.trained() ? "" : " (untrained)"), 10, false);
            w.probabilities(a, ev.label());
        }
        if (stills && (e.onsetStill() != null || e.apexStill() != null)) {
            w.stills(e.onsetStill(), "onset " + ev.onset(), e.apexStill(), "apex " + ev.apex());
        }
        w.gap(10);
    }

    /** The clip's time line: one lane per coder with their events, and the spotter's proposals in a lane of their own. */
    private static JFreeChart timeline(Content c) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        Map<String, XYIntervalSeries> lanes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(c.coders());
        if (!c.proposals().isEmpty()) {
            names.add("spotter's proposals");
        }
        for (String name : names) {
            XYIntervalSeries s = new XYIntervalSeries(name);
            lanes.put(name, s);
            data.addSeries(s);
        }
        for (Entry e : c.entries()) {
            String who = e.event().coder() == null ? null : e.event().coder();
            XYIntervalSeries s = lanes.get(who);
            if (s == null) {
                continue;
            }
            int lane = names.indexOf(who);
            double on = seconds(e.onsetTime());
            double off = Math.max(seconds(e.offsetTime()), on + 0.02);
            s.add((on + off) / 2, on, off, lane, lane - 0.35, lane + 0.35);
        }
        if (!c.proposals().isEmpty()) {
            int lane = names.size() - 1;
            for (double[] p : c.proposals()) {
                lanes.get(names.get(lane)).add((p[0] + p[1]) / 2, p[0], Math.max(p[1], p[0] + 0.02), lane, lane - 0.3, lane + 0.3);
            }
        }
        JFreeChart chart = ChartFactory.createXYBarChart(null, "time (s)", false, null, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer bars = new XYBarRenderer();
        bars.setUseYInterval(true);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        Color[] colours = {Charts.BLUE, Charts.ORANGE, new Color(90, 160, 90), new Color(150, 90, 160), Charts.GREY};
        for (int k = 0; k < names.size(); k++) {
            bars.setSeriesPaint(k, k == names.size() - 1 && !c.proposals().isEmpty() ? Charts.GREY : colours[k % colours.length]);
        }
        plot.setRenderer(bars);
        if (!c.motion().isEmpty()) { // the spotter's motion curve over the lanes, as in the window
            org.jfree.data.xy.XYSeries curve = new org.jfree.data.xy.XYSeries("motion (spotter)", false, true);
            int step = Math.max(1, c.motion().size() / 2000);
            for (int k = 0; k < c.motion().size(); k += step) {
                double[] p = c.motion().get(k);
                curve.add(p[0], Double.isNaN(p[1]) ? null : Math.max(0, Math.min(c.motionTop(), p[1])));
            }
            org.jfree.chart.axis.NumberAxis band = new org.jfree.chart.axis.NumberAxis();
            band.setRange(0, c.motionTop());
            band.setVisible(false);
            plot.setRangeAxis(1, band);
            plot.setDataset(1, new org.jfree.data.xy.XYSeriesCollection(curve));
            plot.mapDatasetToRangeAxis(1, 1);
            org.jfree.chart.renderer.xy.XYLineAndShapeRenderer line = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
            line.setSeriesPaint(0, new Color(123, 82, 171));
            line.setSeriesStroke(0, new BasicStroke(1f));
            plot.setRenderer(1, line);
        }
        plot.getDomainAxis().setRange(0, Math.max(0.1, c.durationSeconds()));
        plot.getRangeAxis().setRange(-0.6, Math.max(0.6, names.size() - 0.4));
        plot.getRangeAxis().setVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The widest still kept: a still is printed about 250 points wide, so 800 pixels are ample (and a 1080p frame is 6 MB). */
    public static final int STILL_WIDTH = 800;

    /** The factor a frame {@code width} pixels wide is scaled by for a still (at most {@value #STILL_WIDTH} wide). */
    public static double stillScale(int width) {
        return Math.min(1, STILL_WIDTH / (double) width);
    }

    /** A copy of the frame at a still's size. */
    public static BufferedImage scaled(BufferedImage frame) {
        double k = stillScale(frame.getWidth());
        int w = Math.max(1, (int) Math.round(frame.getWidth() * k));
        int h = Math.max(1, (int) Math.round(frame.getHeight() * k));
        BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(frame, 0, 0, w, h, null);
        g.dispose();
        return copy;
    }

    /** Draws the face box (given in the frame's pixels) on a still scaled by {@code k}; returns the still. */
    public static BufferedImage withBox(BufferedImage still, SavedAnalysis.Face face, double k) {
        if (face != null) {
            Graphics2D g = still.createGraphics();
            g.setColor(face.detected() ? new Color(255, 200, 0) : Color.LIGHT_GRAY);
            g.setStroke(new BasicStroke(Math.max(2, still.getWidth() / 200f)));
            g.drawRect((int) Math.round(face.x() * k), (int) Math.round(face.y() * k), (int) Math.round(face.size() * k),
                    (int) Math.round(face.size() * k));
            g.dispose();
        }
        return still;
    }

    /** "mm:ss.fff" for a time in seconds. */
    public static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d.%03d", ms / 60000, (ms / 1000) % 60, ms % 1000);
    }

    private static double seconds(String time) {
        String[] p = time.split("[:.]");
        return Integer.parseInt(p[0]) * 60 + Integer.parseInt(p[1]) + Integer.parseInt(p[2]) / 1000.0;
    }

    private static void number(PDDocument doc, PDFont font) throws IOException {
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream s = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
                String text = "page " + (i + 1) + " of " + n;
                s.beginText();
                s.setFont(font, 8);
                s.newLineAtOffset(PAGE.getWidth() - MARGIN - font.getStringWidth(text) / 1000 * 8, 25);
                s.showText(text);
                s.endText();
            }
        }
    }

    /** Lays text and images down the page, starting a new page when the next thing does not fit. */
    private static final class Writer {
        final PDDocument doc;
        final PDFont font;
        final PDFont bold;
        PDPageContentStream out;
        float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            this.font = load(doc, "DejaVuSans.ttf");
            this.bold = load(doc, "DejaVuSans-Bold.ttf");
            newPage();
        }

        private static PDFont load(PDDocument doc, String name) throws IOException {
            try (InputStream in = SessionReport.class.getResourceAsStream("/dev/glimpse/report/" + name)) {
                if (in == null) {
                    throw new IOException("the font " + name + " is missing from this build");
                }
                return PDType0Font.load(doc, in, true); // embedded, subset to the glyphs used
            }
        }

        void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PAGE.getHeight() - MARGIN;
        }

        void keep(float height) throws IOException {
            if (y - height < MARGIN && y < PAGE.getHeight() - MARGIN - 1) {
                newPage();
            }
        }

        void gap(float points) {
            y -= points;
        }

        void title(String text) throws IOException {
            text(text, 18, true);
            gap(6);
        }

        void heading(String text) throws IOException {
            keep(40);
            gap(6);
            text(text, 12, true);
            gap(2);
        }

        /** Wrapped text; characters the font has no glyph for are replaced, never dropped silently. */
        void text(String text, float size, boolean isBold) throws IOException {
            PDFont f = isBold ? bold : font;
            float width = PAGE.getWidth() - 2 * MARGIN;
            for (String line : wrap(printable(f, text), f, size, width)) {
                keep(size * 1.35f);
                out.beginText();
                out.setFont(f, size);
                out.newLineAtOffset(MARGIN, y - size);
                out.showText(line);
                out.endText();
                y -= size * 1.35f;
            }
        }

        void boxed(String text) throws IOException {
            float size = 11;
            float width = PAGE.getWidth() - 2 * MARGIN;
            List<String> lines = wrap(printable(bold, text), bold, size, width - 16);
            float h = lines.size() * size * 1.35f + 12;
            keep(h);
            out.setNonStrokingColor(new Color(255, 240, 200));
            out.addRect(MARGIN, y - h, width, h);
            out.fill();
            out.setNonStrokingColor(Color.BLACK);
            y -= 6;
            for (String line : lines) {
                out.beginText();
                out.setFont(bold, size);
                out.newLineAtOffset(MARGIN + 8, y - size);
                out.showText(line);
                out.endText();
                y -= size * 1.35f;
            }
            y -= 6;
        }

        void image(BufferedImage image, float width, boolean lossless) throws IOException {
            float height = width * image.getHeight() / image.getWidth();
            keep(height + 4);
            PDImageXObject x = lossless ? LosslessFactory.createFromImage(doc, image) : JPEGFactory.createFromImage(doc, image, 0.85f);
            out.drawImage(x, MARGIN, y - height, width, height);
            y -= height + 4;
        }

        /**
         * The model's probabilities as bars drawn in the page itself (vector, the class names and values real text),
         * the predicted class in blue, the coder's label marked beside its class.
         */
        void probabilities(SavedAnalysis a, String coderLabel) throws IOException {
            float row = 13;
            float labelWidth = 110;
            float barWidth = 200;
            keep(row * a.classes().size() + 6);
            for (int k = 0; k < a.classes().size(); k++) {
                String name = a.classes().get(k);
                double p = a.probabilities().get(k);
                float top = y - row * k;
                boolean predicted = name.equals(a.predicted());
                out.setNonStrokingColor(new Color(235, 235, 235));
                out.addRect(MARGIN + labelWidth, top - row + 3, barWidth, row - 4);
                out.fill();
                out.setNonStrokingColor(predicted ? Charts.BLUE : Charts.GREY);
                out.addRect(MARGIN + labelWidth, top - row + 3, (float) (barWidth * Math.max(0, Math.min(1, p))), row - 4);
                out.fill();
                out.setNonStrokingColor(Color.BLACK);
                boolean coders = coderLabel != null && coderLabel.trim().equalsIgnoreCase(name);
                line(printable(font, name), MARGIN, top - row + 4, 9);
                line(String.format(Locale.ROOT, "%.2f%s", p, coders ? "   <- the coder's label" : ""),
                        MARGIN + labelWidth + barWidth + 6, top - row + 4, 9);
            }
            y -= row * a.classes().size() + 6;
        }

        private void line(String text, float x, float baseline, float size) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, baseline);
            out.showText(text);
            out.endText();
        }

        void stills(BufferedImage a, String captionA, BufferedImage b, String captionB) throws IOException {
            float width = (PAGE.getWidth() - 2 * MARGIN - 12) / 2;
            BufferedImage any = a != null ? a : b;
            float height = width * any.getHeight() / any.getWidth();
            keep(height + 16);
            float x = MARGIN;
            for (Object[] still : new Object[][] {{a, captionA}, {b, captionB}}) {
                if (still[0] != null) {
                    BufferedImage img = (BufferedImage) still[0];
                    out.drawImage(JPEGFactory.createFromImage(doc, img, 0.85f), x, y - height, width, height);
                    out.beginText();
                    out.setFont(font, 8);
                    out.newLineAtOffset(x, y - height - 10);
                    out.showText((String) still[1]);
                    out.endText();
                }
                x += width + 12;
            }
            y -= height + 16;
        }

        void close() throws IOException {
            out.close();
        }

        private static String printable(PDFont f, String text) {
            StringBuilder s = new StringBuilder();
            text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ').codePoints().forEach(cp -> {
                try {
                    f.encode(new String(Character.toChars(cp)));
                    s.appendCodePoint(cp);
                } catch (IOException | IllegalArgumentException e) {
                    s.append('?');
                }
            });
            return s.toString();
        }

        private static List<String> wrap(String text, PDFont f, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (f.getStringWidth(candidate) / 1000 * size <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                // a word longer than the line (a path, a checksum) is cut where it must be
                String rest = word;
                while (f.getStringWidth(rest) / 1000 * size > width) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && f.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            if (line.length() > 0 || lines.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
