package dev.glimpse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The edge mask of eqs. 3-5, cell by cell, against grids written out by hand (row = sender). */
class EdgeMaskTest {

    @Test
    void eightFramesApexFiveWindowOne() {
        assertMask(EdgeMask.of(8, 5, 1), 3,
                "1101000",
                "1111000",
                "0111000",
                "1111111", // the Global Motion Node (frame 5) sends to all
                "0001110",
                "0001111",
                "0001011");
    }

    @Test
    void sixteenFramesApexTwoWindowTwo() {
        assertMask(EdgeMask.of(16, 2, 2), 0,
                "111111111111111",
                "111100000000000",
                "111110000000000",
                "111111000000000",
                "101111100000000",
                "100111110000000",
                "100011111000000",
                "100001111100000",
                "100000111110000",
                "100000011111000",
                "100000001111100",
                "100000000111110",
                "100000000011111",
                "100000000001111",
                "100000000000111");
    }

    @Test
    void sixteenFramesApexLastWindowOne() {
        assertMask(EdgeMask.of(16, 16, 1), 14,
                "110000000000001",
                "111000000000001",
                "011100000000001",
                "001110000000001",
                "000111000000001",
                "000011100000001",
                "000001110000001",
                "000000111000001",
                "000000011100001",
                "000000001110001",
                "000000000111001",
                "000000000011101",
                "000000000001111",
                "000000000000111",
                "111111111111111");
    }

    @Test
    void apexOutsideTheClipIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EdgeMask.of(8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> EdgeMask.of(8, 9, 1));
    }

    private static void assertMask(EdgeMask mask, int globalNode, String... rows) {
        assertEquals(rows.length, mask.nodes());
        assertEquals(globalNode, mask.globalNode());
        float[] flat = mask.toFloats();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows.length; j++) {
                boolean expected = rows[i].charAt(j) == '1';
                assertEquals(expected, mask.edge(i, j), "edge (" + i + ", " + j + ")");
                assertEquals(expected ? 1f : 0f, flat[i * rows.length + j], "cell (" + i + ", " + j + ")");
            }
        }
    }
}
