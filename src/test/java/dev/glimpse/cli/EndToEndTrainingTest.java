package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole research path on data the project makes itself: a synthetic dataset in CASME II's layout,
 * leave-one-subject-out evaluation of the tiny preset (which must clearly beat chance: 3 classes,
 * UF1 >= 0.6), then training on everything and analysing a clip with the weights it wrote.
 */
class EndToEndTrainingTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void evaluateTrainAndAnalyseOnASyntheticCasme2Dataset(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("casme2-synthetic");
        SyntheticDataset.write(data, new SyntheticDataset.Options("casme2", 6, 6,
                List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST), 30, 64, "mp4", 0, 11));

        Path report = dir.resolve("report");
        AnalyzeCommandTest.Run evaluate = AnalyzeCommandTest.glimpse("evaluate", "--dataset", "casme2", "--root",
                data.toString(), "--scheme", "casme2-3", "--preset", "tiny", "--epochs", "60", "--out", report.toString(),
                "--cache", dir.resolve("cache").toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        JsonNode m = JSON.readTree(report.resolve("metrics.json").toFile());
        assertEquals(List.of("negative", "positive", "surprise"), JSON.convertValue(m.get("classes"), List.class));
        assertEquals(6, m.get("folds").asInt());
        assertEquals(3, m.get("confusion").size());
        for (String key : List.of("accuracy", "uf1", "uar")) {
            assertTrue(m.get("pooled").has(key) && m.get("perSubject").has(key), key);
        }
        double uf1 = m.get("pooled").get("uf1").asDouble();
        assertTrue(uf1 >= 0.6, "pooled UF1 " + uf1 + " on 3 classes: " + m.get("confusion"));

        Path weights = dir.resolve("weights");
        AnalyzeCommandTest.Run train = AnalyzeCommandTest.glimpse("train", "--dataset", "casme2", "--root",
                data.toString(), "--scheme", "casme2-3", "--preset", "tiny", "--epochs", "60", "--out", weights.toString(),
                "--evaluation", report.toString(), "--cache", dir.resolve("cache").toString());
        assertEquals(0, train.code(), train.err());
        JsonNode manifest = JSON.readTree(weights.resolve("manifest.json").toFile());
        assertTrue(manifest.get("trained").asBoolean());
        assertTrue(manifest.get("trainedOn").asText().startsWith("synthetic data"), manifest.get("trainedOn").asText());
        assertEquals(uf1, manifest.get("metrics").get("pooled").get("uf1").asDouble(), 1e-12);
        assertTrue(!Files.exists(weights.resolve("checkpoint")), "checkpoints go once the weights are written");

        String[] row = Files.readAllLines(data.resolve("clips.csv")).stream().filter(l -> l.endsWith(",surprise"))
                .findFirst().orElseThrow().split(",");
        Path clip = data.resolve(row[0]);
        AnalyzeCommandTest.Run analyze = AnalyzeCommandTest.glimpse("analyze", clip.toString(), "--onset", row[2],
                "--apex", row[3], "--offset", row[4], "--weights", weights.toString(), "--json");
        assertEquals(0, analyze.code(), analyze.err());
        JsonNode a = JSON.readTree(analyze.out());
        assertTrue(a.get("weights").get("trained").asBoolean());
        assertTrue(a.get("weights").get("status").asText().startsWith("trained on synthetic data"));
    }
}
