package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench --stages}: every stage of a pass timed, and together they make up the pass. */
class BenchCommandTest {
    @Test
    void stagesAddUpToThePass() throws Exception {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("bench", "--preset", "tiny", "--iterations", "5",
                "--warmup", "1", "--stages", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        JsonNode stages = j.get("stagesMillisPerClip");
        List<String> expected = List.of("copy in", "motion pairs (frame differences)",
                "motion encoder: stem", "motion encoder: CA blocks",
                "motion encoder: rest (positional encoding, grid pooling, head)", "edge mask (host, per clip)",
                "edge weights", "TM-GCN layers",
                "adaptive TM layers", "classifier (self-attention)", "copy out (softmax, to host)");
        double sum = 0;
        for (String stage : expected) {
            assertTrue(stages.has(stage), "timed: " + stage + " in " + stages);
            assertTrue(stages.get(stage).asDouble() >= 0);
            sum += stages.get(stage).asDouble();
        }
        double total = j.get("medianMillisPerClip").asDouble();
        assertTrue(sum > 0.5 * total && sum < 1.5 * total, "the stages (" + sum + " ms) make up the pass (" + total + " ms)");

        run = AnalyzeCommandTest.glimpse("bench", "--preset", "tiny", "--iterations", "2", "--warmup", "0", "--json");
        assertFalse(new ObjectMapper().readTree(run.out()).has("stagesMillisPerClip"), "not asked for, not timed");
    }
}
