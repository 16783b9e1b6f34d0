package dev.glimpse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report charts, drawn headless and read back as PNG: the right size, the data's colours where the data is. */
class ChartsTest {

    static long pixels(BufferedImage image, java.awt.Color colour) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aConfusionMatrixShadesTheDiagonalItsRowsFill(@TempDir Path dir) throws Exception {
        // every row entirely on its diagonal: three cells of the darkest shade, the other six white
        int[][] counts = {{5, 0, 0}, {0, 3, 0}, {0, 0, 9}};
        BufferedImage image = Charts.image(Charts.matrix("t", List.of("a", "b", "c"), List.of("a", "b", "c"), counts,
                "truth", "predicted"), 480, 420);
        Path png = Charts.writePng(image, dir.resolve("m.png"));
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(480, back.getWidth());
        assertEquals(420, back.getHeight());
        java.awt.Color full = new java.awt.Color(1 - 0.78f, 1 - 0.47f, 1 - 0.30f);
        assertTrue(pixels(back, full) > 3 * 40 * 40, "three full cells");
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "nothing half-written left beside it");
        }
    }

    @Test
    void barsAreDrawnInTheSeriesColoursToScale() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("accuracy", new double[] {1.0, 0.5});
        series.put("UF1", new double[] {0.0, 0.25});
        BufferedImage image = Charts.image(Charts.bars("t", List.of("s1", "s2"), series, "score", 1), 400, 300);
        long blue = pixels(image, Charts.BLUE);
        long orange = pixels(image, Charts.ORANGE);
        assertTrue(blue > 0 && orange > 0, blue + " " + orange);
        // blue bars reach 1.5 in all, orange 0.25 (plus a legend swatch each): blue has several times the pixels
        assertTrue(blue > 3 * orange, blue + " against " + orange);
    }
}
