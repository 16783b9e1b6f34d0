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

class DatasetCommandTest {

    @Test
    void jsonReportsRowsUsedSubjectsClassesAndSkippedRows(@TempDir Path dir) throws Exception {
        SyntheticDataset.write(dir, new SyntheticDataset.Options("casme2", 3, 1,
                List.of(Emotion.HAPPINESS, Emotion.SURPRISE, Emotion.DISGUST, Emotion.OTHERS), 30, 48, "mp4", 0, 5));
        // one clip's frames gone: its row must be skipped, by number and with the reason
        Path gone = dir.resolve("Cropped/sub02/EP01_01f");
        try (var files = Files.list(gone)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("dataset", "--dataset", "casme2", "--root", dir.toString(),
                "--scheme", "casme2-3", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertEquals(12, j.get("rows").asInt());
        assertEquals(8, j.get("used").asInt()); // 3 x (happiness, surprise, disgust), less the one gone; others out
        assertEquals(3, j.get("subjects").asInt());
        assertEquals(3, j.get("perClass").get("negative").asInt());
        assertEquals(2, j.get("perClass").get("positive").asInt()); // EP01 is each subject's happiness
        assertEquals(3, j.get("perClass").get("surprise").asInt());
        assertEquals(4, j.get("skipped").size());
        boolean namedGone = false;
        for (JsonNode s : j.get("skipped")) {
            assertTrue(s.has("row") && s.has("reason"));
            namedGone |= s.get("reason").asText().contains(gone.toString());
        }
        assertTrue(namedGone, run.out());
    }

    @Test
    void aMissingSheetIsNamed(@TempDir Path dir) {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("dataset", "--dataset", "casme2", "--root", dir.toString(),
                "--scheme", "casme2-5", "--json");
        assertEquals(2, run.code());
        assertTrue(run.err().contains(dir.toString()) && run.err().contains("coding sheet"), run.err());
    }
}
