package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.analysis.Weights;
import dev.glimpse.annotation.ActionUnits;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.SavedAnalysis;
import dev.glimpse.report.SessionReport;
import dev.glimpse.store.Project;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session report, read back with PDFBox: its text, its pages, its fonts, a page rendered. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private Path project(Path video, boolean withEvents) throws Exception {
        Path db = dir.resolve(withEvents ? "coded.glimpse" : "empty.glimpse");
        try (Project p = Project.open(db)) {
            Clip clip = p.clips().add(video.toString(), Files.size(video), "ab".repeat(32), 25, 40, 128, 96);
            if (withEvents) {
                Event ann = p.events().add(new Event(0, clip.id(), 2, 5, 9, "ann", "happiness", "casme2-5",
                        ActionUnits.parse("AU6B+AU12C"), 0.8, "smiled at the question about her mother"));
                p.events().add(new Event(0, clip.id(), 3, 5, 10, "bob", "repression", "casme2-5", ActionUnits.parse("12"),
                        null, ""));
                p.events().add(new Event(0, clip.id(), 20, 24, 30, "ann", "surprise", "casme2-5", List.of(), null, ""));
                float[] signal = new float[40];
                for (int i = 0; i < signal.length; i++) {
                    signal[i] = i == 7 ? Float.NaN : (float) (6 + 5 * Math.sin(i / 3.0));
                }
                p.proposals().replaceOpen(clip.id(), 0, 39, List.of(new dev.glimpse.annotation.Proposal(0, clip.id(), 30, 32,
                        35, 1.2, "micro", "open", null)), "{}", 0, signal, 0);
                assertEquals(40, p.proposals().lastSignal(clip.id()).values().length);
                assertTrue(Float.isNaN(p.proposals().lastSignal(clip.id()).values()[7]), "NaN kept: no face there");
                String sha = Weights.bundled().manifest().sha256();
                p.analyses().save(new SavedAnalysis(0, ann.id(), sha, "default", true, "small", "cpu", 900,
                        List.of("negative", "positive", "surprise"), List.of(0.2, 0.7, 0.1), "positive", "2026-12-01T00:00:00Z",
                        new SavedAnalysis.Face(20, 10, 60, true), 1.8, 1.2, 1.0,
                        new SavedAnalysis.Attention(2, 2, List.of(1f, 0.5f, 0.25f, 0f))));
            }
        }
        return db;
    }

    @Test
    void aReportReadsBackWithEveryEventItsTimesAndWhatTheModelIs() throws Exception {
        Path video = ClipCommandsTest.video(dir);
        Path db = project(video, true);
        Path pdf = dir.resolve("report.pdf");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("report", "--project", db.toString(), "--out", pdf.toString());
        assertEquals(0, run.code(), run.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            for (String expected : List.of("Glimpse session report", "clip.mp4", "Coded by: ann, bob",
                    "trained on synthetic data", "not a diagnosis", "frames 2-5-9", "frames 3-5-10", "frames 20-24-30",
                    "onset 00:00.080, apex 00:00.200, offset 00:00.360", "happiness", "AU6B + AU12C",
                    "smiled at the question about her mother", "Model: positive", "Not analysed by the model",
                    "Agreement between the coders", "Cohen's kappa", "page 1 of " + doc.getNumberOfPages())) {
                assertTrue(text.contains(expected), "the report says '" + expected + "':\n" + text);
            }
            assertTrue(run.out().contains(doc.getNumberOfPages() + " pages"), run.out());
            for (PDPage page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                }
            }
            BufferedImage first = new PDFRenderer(doc).renderImage(0);
            assertEquals(595, first.getWidth());
            assertEquals(841, first.getHeight()); // A4, 595.3 x 841.9 points at 72 dpi
            int ink = 0;
            for (int y = 0; y < first.getHeight(); y += 2) {
                for (int x = 0; x < first.getWidth(); x += 2) {
                    ink += (first.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
                }
            }
            assertTrue(ink > 2000, "the first page is not blank: " + ink);
            assertTrue(text.contains("positive") && text.contains("0.70"), "the probabilities are text: " + text);
            assertEquals(1 + 6, images(doc), "the timeline and two stills per event");
        }
        Path plain = dir.resolve("no-faces.pdf");
        run = AnalyzeCommandTest.glimpse("report", "--project", db.toString(), "--out", plain.toString(), "--no-stills",
                "--annotator", "ann");
        assertEquals(0, run.code(), run.err());
        try (PDDocument doc = Loader.loadPDF(plain.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Coded by: ann") && !text.contains("bob"), text);
            assertEquals(1, images(doc), "the timeline, no face");
        }
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.toString().endsWith(".tmp")), "nothing half-written left behind");
        }
    }

    @Test
    void aClipWithNoEventsGetsAReportThatSaysSo() throws Exception {
        Path db = project(ClipCommandsTest.video(dir), false);
        Path pdf = dir.resolve("empty.pdf");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("report", "--project", db.toString(), "--out", pdf.toString());
        assertEquals(0, run.code(), run.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            assertTrue(new PDFTextStripper().getText(doc).contains("No events have been coded on this clip"));
        }
        run = AnalyzeCommandTest.glimpse("report", "--project", db.toString(), "--out", pdf.toString(), "--clip", "other.mp4");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("has no clip other.mp4"), run.err());
    }

    private static int images(PDDocument doc) throws Exception {
        int n = 0;
        for (PDPage page : doc.getPages()) {
            for (var name : page.getResources().getXObjectNames()) {
                n += page.getResources().getXObject(name) instanceof PDImageXObject ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void timesAreWrittenAsMinutesSecondsAndMilliseconds() {
        assertEquals("00:00.080", SessionReport.time(0.08));
        assertEquals("61:01.500", SessionReport.time(3661.5));
    }
}
