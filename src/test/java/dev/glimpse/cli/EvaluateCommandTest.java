package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.analysis.Weights;
import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --folds}: a long evaluation shared out fold by fold, and its report once every fold is in. */
class EvaluateCommandTest {

    @Test
    void foldsRunBySelectionAndTheReportComesWhenEveryFoldIsThere(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("synthetic");
        SyntheticDataset.write(data, new SyntheticDataset.Options("casme2", 3, 1,
                List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST), 30, 48, "mp4", 0, 9));
        Path report = dir.resolve("report");

        AnalyzeCommandTest.Run outside = evaluate(data, report, dir, "--folds", "2-4");
        assertNotEquals(0, outside.code());
        assertTrue(outside.err().contains("--folds 2-4") && outside.err().contains("numbered 1 to 3"), outside.err());
        AnalyzeCommandTest.Run garbled = evaluate(data, report, dir, "--folds", "two");
        assertNotEquals(0, garbled.code());
        assertTrue(garbled.err().contains("'two' is not a fold number"), garbled.err());

        AnalyzeCommandTest.Run one = evaluate(data, report, dir, "--folds", "2");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("1 of 3 folds finished"), one.out());
        assertTrue(Files.isRegularFile(report.resolve("folds/casme2_02.json")));
        assertFalse(Files.exists(report.resolve("metrics.json")), "no report from one fold of three");

        AnalyzeCommandTest.Run rest = evaluate(data, report, dir, "--folds", "1,3", "--resume");
        assertEquals(0, rest.code(), rest.err());
        assertTrue(rest.err().contains("(casme2:01)") && rest.err().contains("(casme2:03)"), rest.err());
        assertFalse(rest.err().contains("(casme2:02)"), "the finished fold is not trained again: " + rest.err());
        var metrics = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertEquals(3, metrics.get("folds").asInt());

        // the final weights trained apart; the evaluation goes into their manifest afterwards
        Path weights = dir.resolve("weights");
        AnalyzeCommandTest.Run train = AnalyzeCommandTest.glimpse("train", "--dataset", "casme2", "--root", data.toString(),
                "--scheme", "casme2-3", "--preset", "tiny", "--epochs", "1", "--batch", "4", "--out", weights.toString(),
                "--cache", dir.resolve("cache").toString());
        assertEquals(0, train.code(), train.err());
        byte[] parameters = Files.readAllBytes(weights.resolve("atm-gcn.params"));
        AnalyzeCommandTest.Run attach = AnalyzeCommandTest.glimpse("attach-evaluation", weights.toString(), report.toString());
        assertEquals(0, attach.code(), attach.err());
        var manifest = new ObjectMapper().readTree(weights.resolve("manifest.json").toFile());
        assertEquals(metrics.get("pooled"), manifest.get("metrics").get("pooled"));
        // the temperature fitted on the pooled predictions goes along, with the reliability diagram in the report
        double t = metrics.get("calibration").get("temperature").asDouble();
        assertTrue(t > 0 && metrics.get("calibration").get("eceAfter").asDouble() <= 1, metrics.get("calibration").toString());
        assertEquals(t, manifest.get("metrics").get("calibration").get("temperature").asDouble(), 1e-12);
        assertTrue(Files.size(report.resolve("reliability.png")) > 1000);
        // and the analyzer applies it, saying so
        Path clip;
        try (var files = Files.walk(data)) {
            clip = files.filter(f -> f.toString().endsWith(".jpg")).map(Path::getParent).sorted().findFirst().orElseThrow();
        }
        int first;
        try (var source = dev.glimpse.clip.ClipSources.open(clip)) {
            first = source.firstFrame();
        }
        AnalyzeCommandTest.Run analyzed = AnalyzeCommandTest.glimpse("analyze", clip.toString(), "--onset",
                Integer.toString(first), "--apex", Integer.toString(first + 3), "--offset", Integer.toString(first + 7),
                "--weights", weights.toString(), "--json");
        assertEquals(0, analyzed.code(), analyzed.err());
        assertEquals(t, new ObjectMapper().readTree(analyzed.out()).get("calibration").get("temperature").asDouble(), 1e-12);
        assertEquals(3, manifest.get("metrics").get("folds").asInt());
        assertArrayEquals(parameters, Files.readAllBytes(weights.resolve("atm-gcn.params")));
        assertEquals(metrics.get("pooled"), new ObjectMapper().valueToTree(
                Weights.read(weights).manifest().metrics()).get("pooled"), "the weights still read, checksum and all");

        // a report of another recipe is refused, and the manifest keeps what it had
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        ObjectMapper json = new ObjectMapper();
        var longer = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(report.resolve("metrics.json").toFile());
        longer.put("epochs", 60);
        json.writeValue(other.resolve("metrics.json").toFile(), longer);
        AnalyzeCommandTest.Run refused = AnalyzeCommandTest.glimpse("attach-evaluation", weights.toString(), other.toString());
        assertNotEquals(0, refused.code());
        assertTrue(refused.err().contains("epochs 60 in the report, 1 in the weights"), refused.err());
        assertEquals(manifest, new ObjectMapper().readTree(weights.resolve("manifest.json").toFile()));
    }

    private static AnalyzeCommandTest.Run evaluate(Path data, Path report, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--dataset", "casme2", "--root", data.toString(),
                "--scheme", "casme2-3", "--preset", "tiny", "--epochs", "1", "--batch", "4", "--out", report.toString(),
                "--cache", dir.resolve("cache").toString()));
        args.addAll(List.of(more));
        return AnalyzeCommandTest.glimpse(args.toArray(String[]::new));
    }
}
