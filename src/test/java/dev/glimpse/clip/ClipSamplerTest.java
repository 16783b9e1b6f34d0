package dev.glimpse.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClipSamplerTest {

    @Test
    void longClipIsSpreadEvenlyAndKeepsTheApexExactly() {
        // 0..30 in 8 samples: 0, 4.29, 8.57, 12.86, 17.14, 21.43, 25.71, 30 -> rounded; apex 13 replaces 13
        ClipSampler.Sample s = ClipSampler.sample(0, 14, 30, 8);
        assertArrayEquals(new int[] {0, 4, 9, 14, 17, 21, 26, 30}, s.indices());
        assertEquals(4, s.apexPosition());
        assertFalse(s.apexSubstituted());
    }

    @Test
    void shortClipRepeatsFrames() {
        ClipSampler.Sample s = ClipSampler.sample(10, 12, 13, 8);
        int[] idx = s.indices();
        assertEquals(8, idx.length);
        assertEquals(10, idx[0]);
        assertEquals(13, idx[7]);
        assertEquals(12, idx[s.apexPosition() - 1]);
        for (int k = 1; k < idx.length; k++) {
            assertTrue(idx[k] >= idx[k - 1], "non-decreasing");
        }
    }

    @Test
    void apexNextToTheOnsetNeverReplacesTheOnset() {
        ClipSampler.Sample s = ClipSampler.sample(0, 1, 200, 16);
        assertEquals(0, s.indices()[0]);
        assertEquals(2, s.apexPosition());
        assertEquals(1, s.indices()[1]);
    }

    @Test
    void apexEqualToOnsetLetsTheSecondSampleServeAndSaysSo() {
        ClipSampler.Sample s = ClipSampler.sample(5, 5, 20, 8);
        assertEquals(2, s.apexPosition());
        assertTrue(s.apexSubstituted());
    }

    @Test
    void badIntervalsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClipSampler.sample(5, 6, 5, 8));
        assertThrows(IllegalArgumentException.class, () -> ClipSampler.sample(5, 30, 20, 8));
        assertThrows(IllegalArgumentException.class, () -> ClipSampler.sample(5, 3, 20, 8));
    }
}
