package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.io.Csv;
import dev.glimpse.store.Project;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import, merge and agreement from the command line, on a real video, real projects, CSV and XLSX files. */
class CodersCommandsTest {
    @TempDir
    Path dir;

    private List<Event> events(Path project) throws Exception {
        try (Project p = Project.openReadOnly(project)) {
            Clip c = p.clips().all().get(0);
            return p.events().of(c.id());
        }
    }

    private Path codedProject(Path clip, String name, String coder) throws Exception {
        Path csv = dir.resolve(name + ".csv");
        try (var w = Csv.writer(csv)) {
            w.printRecord("path", "subject", "onset", "apex", "offset", "label", "scheme", "action_units", "confidence",
                    "annotator", "notes");
            if (coder.equals("ann")) {
                w.printRecord(clip.getFileName(), "clip", 2, 5, 9, "happiness", "casme2-5", "6B+12C", "0.9", "", "smile, \"masked\"");
                w.printRecord(clip.getFileName(), "clip", 20, 24, 30, "disgust", "casme2-5", "9+10", "", "", "");
                w.printRecord(clip.getFileName(), "clip", 33, 35, 38, "surprise", "casme2-5", "1+2", "", "", "");
            } else {
                w.printRecord(clip.getFileName(), "clip", 3, 5, 10, "happiness", "casme2-5", "12", "", "", "");
                w.printRecord(clip.getFileName(), "clip", 20, 23, 29, "repression", "casme2-5", "9", "", "", "");
            }
        }
        Path project = dir.resolve(name + ".glimpse");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("import", "--project", project.toString(), csv.toString(),
                "--clip", clip.toString(), "--annotator", coder);
        assertEquals(0, run.code(), run.err());
        return project;
    }

    @Test
    void importMergeAndAgreementKeepTheContract() throws Exception {
        Path clip = ClipCommandsTest.video(dir); // 40 frames
        Path ann = codedProject(clip, "ann", "ann");
        Path bob = codedProject(clip, "bob", "bob");
        Event first = events(ann).get(0);
        assertEquals("ann", first.coder());
        assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), first.actionUnits());
        assertEquals(0.9, first.confidence());
        assertEquals("smile, \"masked\"", first.notes());
        assertEquals("casme2-5", first.scheme());

        AnalyzeCommandTest.Run merge = AnalyzeCommandTest.glimpse("merge", ann.toString(), bob.toString());
        assertEquals(0, merge.code(), merge.err());
        assertTrue(merge.out().contains("2 events added"), merge.out());
        AnalyzeCommandTest.Run twice = AnalyzeCommandTest.glimpse("merge", ann.toString(), bob.toString());
        assertTrue(twice.out().contains("0 events added (2 already here)"), twice.out());
        assertEquals(5, events(ann).size());

        Path plots = dir.resolve("plots");
        Path csv = dir.resolve("agreement.csv");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("agreement", "--project", ann.toString(), "--json",
                "--csv", csv.toString(), "--plots", plots.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertEquals("ann", j.get("annotators").get(0).asText());
        assertEquals("bob", j.get("annotators").get(1).asText());
        assertEquals(1, j.get("clips").asInt());
        JsonNode p = j.get("pairs").get(0);
        assertEquals("ann", p.get("a").asText());
        assertEquals(3, p.get("eventsA").asInt());
        assertEquals(2, p.get("eventsB").asInt());
        assertEquals(2, p.get("matched").asInt());
        assertEquals(1, p.get("onlyA").asInt());
        assertEquals(0, p.get("onlyB").asInt());
        assertEquals(0.8, p.get("eventF1").asDouble(), 1e-9);
        for (String landmark : List.of("onset", "apex", "offset")) {
            JsonNode f = p.get(landmark);
            for (String key : List.of("meanAbsFrames", "medianAbsFrames", "meanAbsMillis", "icc", "n")) {
                assertTrue(f.has(key), landmark + " has " + key);
            }
            assertEquals(2, f.get("n").asInt());
        }
        // onset 2/3 and 20/20: mean 0.5 frames, 20 ms at 25 fps
        assertEquals(0.5, p.get("onset").get("meanAbsFrames").asDouble(), 1e-9);
        assertEquals(20.0, p.get("onset").get("meanAbsMillis").asDouble(), 1e-9);
        assertTrue(p.has("labelKappa"));
        // AUs {6,12}/{12} and {9,10}/{9}: R = 2 * 2 / 6
        assertEquals(4 / 6.0, p.get("auReliability").asDouble(), 1e-9);
        JsonNode overall = j.get("overall");
        assertTrue(overall.has("fleissKappa") && overall.has("krippendorffAlpha") && overall.has("n"));
        assertFalse(run.out().contains("NaN"));

        var rows = Csv.read(csv);
        assertEquals(3, rows.size(), "a header and the two matched pairs");
        for (String f : List.of("ann-bob-frames.png", "ann-bob-labels.png")) {
            BufferedImage image = ImageIO.read(plots.resolve(f).toFile());
            assertNotNull(image, f);
            assertTrue(image.getWidth() > 300 && image.getHeight() > 300, f);
        }
    }

    @Test
    void aSheetRoundTripKeepsEveryField() throws Exception {
        Path clip = ClipCommandsTest.video(dir);
        Path ann = codedProject(clip, "ann", "ann");
        Path sheet = dir.resolve("ann.xlsx");
        AnalyzeCommandTest.Run export = AnalyzeCommandTest.glimpse("export", "--project", ann.toString(), "--xlsx",
                sheet.toString(), "--csv", dir.resolve("again.csv").toString());
        assertEquals(0, export.code(), export.err());
        for (Path file : List.of(sheet, dir.resolve("again.csv"))) {
            Path copy = dir.resolve("copy-" + file.getFileName() + ".glimpse");
            AnalyzeCommandTest.Run in = AnalyzeCommandTest.glimpse("import", "--project", copy.toString(), file.toString(),
                    "--clip", clip.toString());
            assertEquals(0, in.code(), in.err());
            List<Event> original = events(ann);
            List<Event> back = events(copy);
            assertEquals(original.size(), back.size());
            for (int i = 0; i < original.size(); i++) {
                assertEquals(original.get(i).withId(0), back.get(i).withId(0), file.getFileName() + " row " + i);
            }
        }
    }

    @Test
    void badRowsAreSkippedWithTheirNumbersAndAFailedImportLeavesNoProject() throws Exception {
        Path clip = ClipCommandsTest.video(dir);
        Path csv = dir.resolve("bad.csv");
        try (var w = Csv.writer(csv)) {
            w.printRecord("path", "onset", "apex", "offset", "label", "annotator");
            w.printRecord("clip.mp4", 5, 12, 10, "joy", "ann");   // apex after offset
            w.printRecord("clip.mp4", 30, 35, 60, "joy", "ann");  // beyond the 40 frames
            w.printRecord("clip.mp4", 5, "x", 10, "joy", "ann");  // not a number
        }
        Path project = dir.resolve("new.glimpse");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("import", "--project", project.toString(), csv.toString(),
                "--clip", clip.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("row 2:"), run.err());
        assertTrue(run.err().contains("row 3:") && run.err().contains("outside the clip's 0..39"), run.err());
        assertTrue(run.err().contains("row 4:") && run.err().contains("'x' is not a frame number"), run.err());
        assertFalse(Files.exists(project), "a failed import leaves no project behind");

        // one good row among bad ones: the good one is imported, the others said
        try (var w = Csv.writer(csv)) {
            w.printRecord("path", "onset", "apex", "offset", "label", "annotator");
            w.printRecord("clip.mp4", 5, 12, 10, "joy", "ann");
            w.printRecord("clip.mp4", 5, 7, 10, "joy", "");        // no coder, and no --annotator
            w.printRecord("clip.mp4", 5, 7, 10, "joy", "x".repeat(300)); // a coder no one is called
            w.printRecord("clip.mp4", 5, 7, 10, "joy", "ann");
        }
        run = AnalyzeCommandTest.glimpse("import", "--project", project.toString(), csv.toString(), "--clip", clip.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("row 3: names no coder"), run.err());
        assertTrue(run.err().contains("row 4: a coder, label or scheme of more than 200 characters"), run.err());
        assertEquals(1, events(project).size());
    }
}
