package dev.glimpse.spotting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.cli.Main;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.FrameImage;
import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.dataset.synth.SyntheticSession;
import dev.glimpse.dataset.synth.SyntheticSessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spotter on generated long sessions whose expressions, blinks, speech and head movements are known (synthetic
 * data: these numbers say the spotter works as designed, nothing about real faces), and the command line's contract.
 */
class SpottingTest {
    @TempDir
    static Path dir;
    static Path root;
    static List<SyntheticSessions.Written> sessions;

    @BeforeAll
    static void writeSessions() throws Exception {
        root = dir.resolve("sessions");
        sessions = SyntheticSessions.write(root, 2, 40, 30, 112, "mp4", 3);
    }

    /** The generator also lists its distractors, for looking into false positives: every blink it drew. */
    @Test
    void theDistractorsAreListed() throws Exception {
        var rows = dev.glimpse.io.Csv.read(root.resolve("distractors.csv"));
        assertEquals(List.of("subject", "video", "kind", "start", "end"), rows.get(0).toList());
        int listed = (int) rows.stream().filter(r -> r.get(2).equals("blink")).count();
        assertEquals(sessions.stream().mapToInt(w -> w.session().blinks().size()).sum(), listed);
        assertTrue(rows.stream().anyMatch(r -> r.get(2).equals("head-turn")));
    }

    static List<TrueInterval> truth(SyntheticSessions.Written w) {
        return w.session().expressions().stream()
                .map(e -> new TrueInterval(w.subject(), w.video(), e.kind(), e.onset(), e.apex(), e.offset())).toList();
    }

    @Test
    void findsMostExpressionsAndSetsBlinksAside() throws Exception {
        List<MegcScore.Video> scored = new ArrayList<>();
        int blinks = 0;
        int onBlinks = 0;
        int proposals = 0;
        for (SyntheticSessions.Written w : sessions) {
            try (ClipSource clip = ClipSources.open(w.file())) {
                SpottingResult r = new Spotter(SpottingParameters.DEFAULT).spot(clip, 0, clip.frameCount() - 1, null, null,
                        p -> { }, () -> false);
                assertEquals(clip.frameCount(), r.frames());
                assertEquals(0, r.facelessFrames(), "the face is there throughout");
                scored.add(MegcScore.video(w.video(), truth(w), r.proposals()));
                blinks += r.blinks();
                proposals += r.proposals().size();
                for (Proposal p : r.proposals()) { // a proposal on a blink, away from every expression, is the blink
                    boolean blink = w.session().blinks().stream().anyMatch(b -> b.start() <= p.offset() && b.start() + b.length() >= p.onset());
                    boolean near = w.session().expressions().stream().anyMatch(e -> e.onset() <= p.offset() + 15 && e.offset() >= p.onset() - 15);
                    if (blink && !near) {
                        onBlinks++;
                    }
                }
                for (int k = 1; k < r.proposals().size(); k++) {
                    assertTrue(r.proposals().get(k - 1).onset() <= r.proposals().get(k).onset(), "sorted by onset");
                }
            }
        }
        MegcScore.Counts all = MegcScore.total(scored, "overall");
        int trueBlinks = sessions.stream().mapToInt(w -> w.session().blinks().size()).sum();
        assertTrue(all.recall() >= 0.4, "hits " + MegcScore.describe(all));
        assertTrue(all.precision() >= 0.25, "precision " + MegcScore.describe(all));
        assertTrue(blinks >= 1, "blinks recognised and set aside: " + blinks + " of " + trueBlinks);
        assertTrue(onBlinks <= trueBlinks / 3, onBlinks + " of " + trueBlinks + " blinks proposed (" + proposals + " proposals)");
    }

    @Test
    void aVideoWithoutAFaceGivesNoProposalsAndSaysSo() throws Exception {
        Path grey = dir.resolve("no-face.mp4");
        Random noise = new Random(1);
        try (VideoFileWriter w = VideoFileWriter.open(grey, 160, 120, 30, 30, VideoFileWriter.Kind.MP4_H264)) {
            for (int k = 0; k < 90; k++) {
                byte[] rgb = new byte[160 * 120 * 3];
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = (byte) (120 + noise.nextInt(16));
                }
                w.write(new FrameImage(160, 120, rgb));
            }
        }
        String out = run(0, "spot", grey.toString(), "--json");
        JsonNode j = new ObjectMapper().readTree(out);
        assertEquals(0, j.get("proposals").size());
        assertEquals(90, j.get("facelessFrames").asInt());
        assertTrue(j.get("message").asText().contains("no face"), out);
        try (ClipSource clip = ClipSources.open(grey)) {
            var e = assertThrows(IllegalArgumentException.class, () -> new Spotter(SpottingParameters.DEFAULT)
                    .spot(clip, 50, 200, null, null, p -> { }, () -> false));
            assertTrue(e.getMessage().contains("50..200"), e.getMessage());
        }
    }

    @Test
    void theCommandLinesContract() throws Exception {
        SyntheticSessions.Written w = sessions.get(0);
        Path signal = dir.resolve("signal.csv");
        String out = run(0, "spot", w.file().toString(), "--json", "--from", "30", "--to", "929", "--signal", signal.toString());
        JsonNode j = new ObjectMapper().readTree(out);
        for (String key : List.of("clip", "fps", "frameCount", "proposals", "facelessFrames", "millis")) {
            assertTrue(j.has(key), key + " in " + out);
        }
        assertEquals(30.0, j.get("fps").asDouble(), 1e-9);
        assertEquals(w.session().frames(), j.get("frameCount").asInt());
        for (JsonNode p : j.get("proposals")) {
            assertTrue(p.get("onset").asInt() >= 30 && p.get("offset").asInt() <= 929, p.toString());
            assertTrue(p.get("onset").asInt() <= p.get("apex").asInt() && p.get("apex").asInt() <= p.get("offset").asInt());
            assertTrue(List.of("micro", "macro").contains(p.get("kind").asText()));
            assertTrue(p.get("score").asDouble() > 0);
        }
        List<String> rows = Files.readAllLines(signal);
        assertEquals("frame,brows,eyes,mouth,micro,macro", rows.get(0));
        assertEquals(900, rows.size() - 1, "one row per frame of the range");
        assertTrue(rows.get(1).startsWith("30,") && rows.get(900).startsWith("929,"), rows.get(1) + " ... " + rows.get(900));

        String micro = run(0, "spot", w.file().toString(), "--json", "--kind", "micro");
        for (JsonNode p : new ObjectMapper().readTree(micro).get("proposals")) {
            assertEquals("micro", p.get("kind").asText());
        }
        // a range shorter than a micro-expression: looked at, nothing to propose
        JsonNode shortRange = new ObjectMapper().readTree(run(0, "spot", w.file().toString(), "--json", "--to", "4"));
        assertEquals(0, shortRange.get("proposals").size());
        String err = runErr(2, "spot", w.file().toString(), "--from", "5000");
        assertTrue(err.contains("--from 5000") && err.contains("0 to " + (w.session().frames() - 1)), err);
        assertTrue(runErr(2, "spot", w.file().toString(), "--kind", "tiny").contains("--kind"));

        // the whole set, scored: the report's files and keys
        Path report = dir.resolve("report");
        String metrics = run(0, "evaluate-spotting", "--dataset", "csv", "--root", root.toString(), "--out", report.toString(), "--json");
        JsonNode m = new ObjectMapper().readTree(metrics);
        for (String kind : List.of("micro", "macro", "overall")) {
            for (String key : List.of("tp", "m", "n", "precision", "recall", "f1")) {
                assertTrue(m.get(kind).has(key), kind + "." + key);
            }
        }
        assertEquals(2, m.get("videos").asInt());
        assertTrue(m.get("synthetic").asBoolean(), "a synthetic set says so in its metrics");
        int m1 = m.get("overall").get("m").asInt();
        assertEquals(sessions.stream().mapToInt(s -> s.session().expressions().size()).sum(), m1);
        List<String> log = Files.readAllLines(report.resolve("matches.log"));
        assertTrue(log.stream().allMatch(l -> l.matches("s0[12]_1 (\\d+|-) (\\d+|-) (\\d+|-) (\\d+|-) (TP|FP|FN)")), log.toString());
        assertEquals(m.get("overall").get("tp").asInt(), log.stream().filter(l -> l.endsWith("TP")).count());
        assertEquals(3, Files.readAllLines(report.resolve("videos.csv")).size());
    }

    static String run(int expected, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expected, Main.run(args));
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String runErr(int expected, String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expected, Main.run(args));
        } finally {
            System.setErr(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
