package dev.glimpse.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Against confusion matrices worked by hand. */
class MetricsTest {

    /**
     * truth \\ predicted: negative 5 1 0 / positive 2 3 1 / surprise 0 0 4 (16 clips).
     * accuracy 12/16 = 0.75; F1: neg 10/13, pos 6/10 = 0.6, sur 8/9; UF1 = (0.76923 + 0.6 + 0.88889) / 3 = 0.75271;
     * recall: 5/6, 3/6, 4/4; UAR = (0.83333 + 0.5 + 1) / 3 = 0.77778.
     */
    @Test
    void threeClassesByHand() {
        Metrics m = Metrics.of(new int[][] {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}});
        assertEquals(0.75, m.accuracy(), 1e-9);
        assertEquals((10 / 13.0 + 0.6 + 8 / 9.0) / 3, m.uf1(), 1e-9);
        assertEquals((5 / 6.0 + 0.5 + 1.0) / 3, m.uar(), 1e-9);
        assertArrayEquals(new double[] {5 / 7.0, 0.75, 0.8}, m.precision(), 1e-9);
        assertEquals(16, m.total());
    }

    /** A class with neither samples nor predictions is left out of the means. */
    @Test
    void aClassWithNoSamplesAndNoPredictionsIsLeftOut() {
        Metrics m = Metrics.of(new int[][] {{3, 1, 0}, {1, 3, 0}, {0, 0, 0}});
        assertFalse(m.counted()[2]);
        assertEquals(0.75, m.uf1(), 1e-9); // (6/8 + 6/8) / 2
        assertEquals(0.75, m.uar(), 1e-9);
    }

    /** A class with predictions but no samples counts, with recall 0/0 = 0 and F1 0. */
    @Test
    void aClassPredictedButAbsentCountsAsZero() {
        Metrics m = Metrics.of(new int[][] {{2, 0, 1}, {0, 2, 0}, {0, 0, 0}});
        assertTrue(m.counted()[2]);
        assertEquals(0, m.f1()[2], 1e-12);
        assertEquals((4 / 5.0 + 1 + 0) / 3, m.uf1(), 1e-9);
        assertEquals((2 / 3.0 + 1 + 0) / 3, m.uar(), 1e-9);
        assertEquals(0.8, m.accuracy(), 1e-9);
    }

    @Test
    void confusionAndPerSubjectMeans() {
        int[][] a = Metrics.confusion(2, List.of(new int[] {0, 0}, new int[] {1, 0}));
        assertArrayEquals(new int[] {1, 0}, a[0]);
        assertArrayEquals(new int[] {1, 0}, a[1]);
        int[][] b = Metrics.confusion(2, List.of(new int[] {1, 1}));
        double[] mean = Metrics.meanOf(List.of(a, b));
        // a: acc 0.5, F1 class0 = 2/3, class1 = 0 -> UF1 1/3, UAR (1 + 0)/2; b: only class 1 counted -> 1, 1, 1
        assertEquals((0.5 + 1) / 2, mean[0], 1e-9);
        assertEquals((1 / 3.0 + 1) / 2, mean[1], 1e-9);
        assertEquals((0.5 + 1) / 2, mean[2], 1e-9);
    }
}
