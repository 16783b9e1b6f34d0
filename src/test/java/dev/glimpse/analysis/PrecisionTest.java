package dev.glimpse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bfloat16 convolutions (issue 18), which the launcher asks oneDNN for on CPUs that have the instructions: the same
 * predicted class as float32 and probabilities within 0.02, on the sample clips and on a synthetic set; and what ran
 * is what is said. Each arithmetic runs in a JVM of its own, since oneDNN reads the request once, at start.
 */
class PrecisionTest {
    @Test
    void bfloat16ReadsTheSampleClipsAndASyntheticSetAsFloat32Does(@TempDir Path dir) throws Exception {
        Path synthetic = dir.resolve("synthetic");
        assertEquals(0, Main.run("synth", "--layout", "video", "--subjects", "2", "--clips-per-class", "1",
                "--seed", "18", "--out", synthetic.toString()));
        for (Path csv : List.of(Path.of("sample-clips", "clips.csv"), synthetic.resolve("clips.csv"))) {
            Map<String, String[]> float32 = probe(csv, null);
            Map<String, String[]> bfloat16 = probe(csv, "BF16");
            assertTrue(float32.size() >= 4, "clips read: " + float32.keySet());
            assertEquals(float32.keySet(), bfloat16.keySet());
            boolean cpuHasIt = DjlRuntime.cpuHasBfloat16();
            for (String clip : float32.keySet()) {
                String[] f = float32.get(clip);
                String[] b = bfloat16.get(clip);
                assertEquals("float32", f[0], clip + ": float32 unless asked");
                assertEquals(cpuHasIt ? "bfloat16" : "float32", b[0], clip + ": what ran is what is said");
                assertEquals(f[1], b[1], clip + ": the same predicted class");
                for (int k = 2; k < f.length; k++) {
                    double d = Math.abs(Double.parseDouble(f[k]) - Double.parseDouble(b[k]));
                    assertTrue(d <= (cpuHasIt ? 0.02 : 1e-6), clip + ": probability " + (k - 2) + " moved by " + d);
                }
            }
        }
    }

    /** The readings of every clip of {@code csv} in a child JVM, with oneDNN's fpmath mode as given (null: unset). */
    private static Map<String, String[]> probe(Path csv, String fpmath) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-cp", System.getProperty("java.class.path"),
                PrecisionProbe.class.getName(), csv.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ONEDNN_DEFAULT_FPMATH_MODE");
        if (fpmath != null) {
            builder.environment().put("ONEDNN_DEFAULT_FPMATH_MODE", fpmath);
        }
        Process child = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the probe finished");
        assertEquals(0, child.exitValue(), out);
        Map<String, String[]> readings = new HashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] parts = line.split(" ");
            String[] rest = new String[parts.length - 1];
            System.arraycopy(parts, 1, rest, 0, rest.length);
            readings.put(parts[0], rest);
        }
        return readings;
    }
}
