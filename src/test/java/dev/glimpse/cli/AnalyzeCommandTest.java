package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.testing.Frames;
import dev.glimpse.testing.TinyWeights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyze command's JSON contract, on a generated clip folder. */
class AnalyzeCommandTest {

    record Run(int code, String out, String err) {}

    static Run glimpse(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void jsonOutputKeepsTheContract(@TempDir Path dir) throws Exception {
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        Path clip = Frames.write(dir.resolve("clip"), "img", "jpg", 1, 20, 120, 90, 4);
        Path heatmaps = dir.resolve("maps");
        Run run = glimpse("analyze", clip.toString(), "--onset", "1", "--apex", "9", "--offset", "17",
                "--weights", weights.toString(), "--preset", "tiny", "--device", "cpu", "--json",
                "--heatmaps", heatmaps.toString(), "--crop", "10,5,80"); // a texture, no face: the box is given
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out()); // exactly one object: readTree fails on trailing text
        for (String key : List.of("clip", "onset", "apex", "offset", "preset", "classes", "probabilities",
                "predicted", "nodes", "adjacency", "attentionMaps", "device", "precision", "millis", "weights", "face",
                "movement", "calibration")) {
            assertTrue(j.has(key), "missing " + key);
        }
        assertEquals(clip.toString(), j.get("clip").asText());
        assertEquals(List.of(10, 5, 80, 0), List.of(j.get("face").get("x").asInt(), j.get("face").get("y").asInt(),
                j.get("face").get("size").asInt(), j.get("face").get("detected").asBoolean() ? 1 : 0), "the box given, not detected");
        assertTrue(j.get("movement").get("score").isNumber() && j.get("movement").get("threshold").asDouble() > 0
                && j.get("movement").has("clear"));
        assertTrue(j.get("calibration").isNull(), "these weights carry no temperature");
        assertEquals(1, j.get("onset").asInt());
        assertEquals(9, j.get("apex").asInt());
        assertEquals(17, j.get("offset").asInt());
        assertEquals("tiny", j.get("preset").asText());
        assertEquals(List.of("negative", "positive", "surprise"),
                new ObjectMapper().convertValue(j.get("classes"), List.class));
        double sum = 0;
        for (JsonNode p : j.get("probabilities")) {
            sum += p.asDouble();
        }
        assertEquals(1.0, sum, 1e-5);
        assertTrue(List.of("negative", "positive", "surprise").contains(j.get("predicted").asText()));
        JsonNode nodes = j.get("nodes");
        assertEquals(7, nodes.size());
        int globals = 0;
        int previous = 1;
        for (JsonNode n : nodes) {
            assertTrue(n.has("index") && n.has("frame") && n.has("global") && n.has("importance"));
            assertTrue(n.get("frame").asInt() >= previous, "temporal order");
            previous = n.get("frame").asInt();
            if (n.get("global").asBoolean()) {
                globals++;
                assertEquals(9, n.get("frame").asInt());
            }
        }
        assertEquals(1, globals);
        JsonNode adjacency = j.get("adjacency");
        assertEquals(2, adjacency.size());
        assertEquals(7, adjacency.get(0).size());
        assertEquals(7, adjacency.get(0).get(0).size());
        JsonNode maps = j.get("attentionMaps");
        assertEquals(7, maps.get("count").asInt());
        assertEquals(32, maps.get("width").asInt());
        assertEquals(32, maps.get("height").asInt());
        assertEquals(heatmaps.toAbsolutePath().toString(), maps.get("directory").asText());
        assertEquals("cpu", j.get("device").asText());
        assertEquals(dev.glimpse.analysis.DjlRuntime.precision(ai.djl.Device.cpu()), j.get("precision").asText());
        assertTrue(j.get("millis").asLong() >= 0);
        JsonNode w = j.get("weights");
        assertEquals(weights.toString(), w.get("path").asText());
        assertEquals(64, w.get("sha256").asText().length());
        assertEquals(false, w.get("trained").asBoolean());
        try (Stream<Path> files = Files.list(heatmaps)) {
            assertEquals(14, files.count(), "a colour overlay and a 16-bit raw map per node");
        }
        assertTrue(Files.exists(heatmaps.resolve("node_00_frame_000003.png")));
    }

    @Test
    void eventsFromAFileAreAnalysedInOneRunAsOneByOne(@TempDir Path dir) throws Exception {
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        Path clip = Frames.write(dir.resolve("clip"), "img", "jpg", 1, 20, 120, 90, 4);
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "path,subject,onset,apex,offset,label,scheme,action_units,confidence,annotator,notes\n"
                + "clip,s1,1,9,17,surprise,,,,ana,\n"
                + "clip,s1,3,5,12,,,,,,\n"
                + "clip,s1,12,10,15,,,,,ana,\n" // apex before onset: left out, said
                + "other.mp4,s2,1,2,3,,,,,ana,\n" // another clip: left out, said
                + "clip,s1,2,6,40,,,,,ana,\n"); // beyond the clip's last frame (20): left out, said
        Run run = glimpse("analyze", clip.toString(), "--events", csv.toString(), "--weights", weights.toString(),
                "--device", "cpu", "--crop", "10,5,80", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertEquals(csv.toString(), j.get("events").asText());
        JsonNode analyses = j.get("analyses");
        assertEquals(2, analyses.size(), run.out());
        assertEquals(List.of(1, 9, 17), List.of(analyses.get(0).get("onset").asInt(), analyses.get(0).get("apex").asInt(),
                analyses.get(0).get("offset").asInt()));
        assertEquals(List.of(3, 5, 12), List.of(analyses.get(1).get("onset").asInt(), analyses.get(1).get("apex").asInt(),
                analyses.get(1).get("offset").asInt()));
        assertEquals(3, j.get("skipped").size(), j.get("skipped").toString());
        assertTrue(j.get("skipped").get(0).asText().startsWith("row 4:"), j.get("skipped").toString());
        assertTrue(run.err().contains("row 5: of clip 'other.mp4'"), run.err());
        assertTrue(j.get("totalMillis").asLong() >= analyses.get(1).get("millis").asLong());

        // each reading is the one a run of its own gives
        for (JsonNode a : analyses) {
            Run one = glimpse("analyze", clip.toString(), "--onset", a.get("onset").asText(), "--apex",
                    a.get("apex").asText(), "--offset", a.get("offset").asText(), "--weights", weights.toString(),
                    "--device", "cpu", "--crop", "10,5,80", "--json");
            assertEquals(0, one.code(), one.err());
            JsonNode alone = new ObjectMapper().readTree(one.out());
            assertEquals(alone.get("predicted").asText(), a.get("predicted").asText());
            for (int c = 0; c < 3; c++) {
                assertEquals(alone.get("probabilities").get(c).asDouble(), a.get("probabilities").get(c).asDouble(), 1e-6);
            }
        }

        Run table = glimpse("analyze", clip.toString(), "--events", csv.toString(), "--weights", weights.toString(),
                "--device", "cpu", "--crop", "10,5,80");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("2 events in") && table.out().contains("3 rows left out"), table.out());
    }

    @Test
    void eventsAndFramesAreOneOrTheOther(@TempDir Path dir) throws Exception {
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        Path clip = Frames.write(dir.resolve("clip"), "img", "jpg", 1, 20, 120, 90, 4);
        Path csv = dir.resolve("events.csv");
        // rows of two other clips (rows all of one other clip would be taken for this one, as import takes them)
        Files.writeString(csv, "path,onset,apex,offset\nother.mp4,1,2,3\nthird.mp4,1,2,3\n");
        Run both = glimpse("analyze", clip.toString(), "--events", csv.toString(), "--onset", "1", "--apex", "2",
                "--weights", weights.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("leave out --onset"), both.err());
        Run neither = glimpse("analyze", clip.toString(), "--weights", weights.toString());
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("--onset and --apex"), neither.err());
        Run none = glimpse("analyze", clip.toString(), "--events", csv.toString(), "--weights", weights.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains(csv + ": no event of clip"), none.err());
        Run missing = glimpse("analyze", clip.toString(), "--events", dir.resolve("nothing.csv").toString(),
                "--weights", weights.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nothing.csv"), missing.err());
    }

    @Test
    void theSummarySaysUntrained(@TempDir Path dir) throws Exception {
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        Path clip = Frames.write(dir.resolve("clip"), "img", "png", 1, 12, 64, 64, 4);
        Run run = glimpse("analyze", clip.toString(), "--onset", "1", "--apex", "5", "--weights", weights.toString(),
                "--crop", "0,0,64");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("UNTRAINED"), run.out());
    }

    /** No face, no reading: a texture gets a named error, not "97% negative". */
    @Test
    void aClipWithoutAFaceGetsNoReading(@TempDir Path dir) throws Exception {
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        Path clip = Frames.write(dir.resolve("clip"), "img", "png", 1, 12, 64, 64, 4);
        for (boolean json : new boolean[] {false, true}) {
            Run run = json ? glimpse("analyze", clip.toString(), "--onset", "1", "--apex", "5", "--weights", weights.toString(), "--json")
                    : glimpse("analyze", clip.toString(), "--onset", "1", "--apex", "5", "--weights", weights.toString());
            assertEquals(2, run.code());
            assertTrue(run.err().contains("no face found in the event's frames") && run.err().contains("--crop"), run.err());
            assertEquals("", run.out(), "no probabilities printed as a reading");
        }
    }

    /** No movement, no reading: a still stretch of a sample clip is said to be one, beside the numbers. */
    @Test
    void aStillFaceIsSaidToHaveNoClearMovement() throws Exception {
        Path home = Path.of(System.getProperty("user.dir"), "sample-clips");
        Run still = glimpse("analyze", home.resolve("happiness.mp4").toString(), "--onset", "50", "--apex", "55",
                "--offset", "60", "--json");
        assertEquals(0, still.code(), still.err());
        JsonNode s = new ObjectMapper().readTree(still.out());
        assertTrue(s.get("face").get("detected").asBoolean());
        assertTrue(!s.get("movement").get("clear").asBoolean(), s.get("movement").toString());
        Run event = glimpse("analyze", home.resolve("happiness.mp4").toString(), "--onset", "30", "--apex", "35",
                "--offset", "43");
        assertEquals(0, event.code(), event.err());
        assertTrue(!event.out().contains("NO CLEAR FACIAL MOVEMENT"), event.out());
        Run text = glimpse("analyze", home.resolve("happiness.mp4").toString(), "--onset", "50", "--apex", "55",
                "--offset", "60");
        assertTrue(text.out().contains("NO CLEAR FACIAL MOVEMENT"), text.out());
    }

    @Test
    void aMissingClipIsNamedWithoutAStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        Run run = glimpse("analyze", missing.toString(), "--onset", "1", "--apex", "5");
        assertEquals(2, run.code());
        assertTrue(run.err().contains(missing.toString()) && run.err().contains("does not exist"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void anApexOutsideTheEventIsAClearError(@TempDir Path dir) throws Exception {
        Path clip = Frames.write(dir.resolve("clip"), "img", "png", 1, 12, 64, 64, 4);
        Path weights = TinyWeights.write(dir.resolve("w"), "tiny", 3);
        Run run = glimpse("analyze", clip.toString(), "--onset", "3", "--apex", "11", "--offset", "8",
                "--weights", weights.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("apex"), run.err());
    }
}
