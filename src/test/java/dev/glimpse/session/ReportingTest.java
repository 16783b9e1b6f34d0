package dev.glimpse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glimpse.analysis.ColorMap;
import dev.glimpse.annotation.SavedAnalysis;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the network looked, laid over the face in a report's stills: inside the box only, at the window's opacity. */
class ReportingTest {
    static SavedAnalysis reading(SavedAnalysis.Attention attention) {
        return new SavedAnalysis(1, 1, "ab", "w", true, "small", "cpu", 1, List.of("a", "b"), List.of(0.4, 0.6), "b", "t",
                new SavedAnalysis.Face(10, 20, 40, true), null, null, null, attention);
    }

    @Test
    void theAttentionColoursTheFaceBoxAndNothingElse() {
        BufferedImage frame = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                frame.setRGB(x, y, 0x808080);
            }
        }
        BufferedImage out = Reporting.attended(frame, reading(new SavedAnalysis.Attention(2, 2, List.of(1f, 1f, 1f, 1f))), 1);
        int c = ColorMap.VIRIDIS.rgb(1.0);
        int expected = blend(0x80, c >> 16) << 16 | blend(0x80, c >> 8) << 8 | blend(0x80, c);
        assertEquals(expected, out.getRGB(30, 40) & 0xffffff, "inside the box: viridis at 1, 45 % over the frame");
        assertEquals(0x808080, out.getRGB(5, 5) & 0xffffff, "outside the box: untouched");
        assertEquals(0x808080, out.getRGB(60, 40) & 0xffffff, "just right of the box (10 + 40): untouched");
        BufferedImage plain = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        assertEquals(plain, Reporting.attended(plain, reading(null), 1), "no attention kept: the frame as it is");
        // on a still scaled by a half, the box is too: (5, 10) to (25, 30)
        BufferedImage half = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        Reporting.attended(half, reading(new SavedAnalysis.Attention(2, 2, List.of(1f, 1f, 1f, 1f))), 0.5);
        assertEquals(0, half.getRGB(4, 15) & 0xffffff);
        assertEquals(blend(0, c >> 16) << 16 | blend(0, c >> 8) << 8 | blend(0, c), half.getRGB(6, 15) & 0xffffff);
        assertEquals(0, half.getRGB(26, 15) & 0xffffff);
    }

    private static int blend(int base, int colour) {
        return (int) Math.round((base & 0xff) * 0.55 + (colour & 0xff) * 0.45);
    }
}
