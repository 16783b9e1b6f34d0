package dev.glimpse.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Temperature scaling and the expected calibration error, on cases worked by hand and on made-up predictions. */
class CalibrationTest {

    @Test
    void scalingKeepsTheClassAndSpreadsOrSharpensTheProbabilities() {
        double[] p = {0.7, 0.2, 0.1};
        assertArrayEquals(p, Calibration.scale(p, 1), 1e-12, "T = 1 changes nothing");
        double[] soft = Calibration.scale(p, 2);
        // T = 2: softmax(log p / 2) = sqrt(p) / sum sqrt(p)
        double z = Math.sqrt(0.7) + Math.sqrt(0.2) + Math.sqrt(0.1);
        assertArrayEquals(new double[] {Math.sqrt(0.7) / z, Math.sqrt(0.2) / z, Math.sqrt(0.1) / z}, soft, 1e-12);
        assertTrue(Calibration.scale(p, 0.5)[0] > 0.7, "T below 1 sharpens");
    }

    @Test
    void theExpectedCalibrationErrorOfAHandWorkedSet() {
        // two predictions at 0.95 (one right) and two at 0.65 (both right): bins 9 and 6
        List<double[]> p = List.of(new double[] {0.95, 0.05}, new double[] {0.95, 0.05}, new double[] {0.65, 0.35},
                new double[] {0.65, 0.35});
        int[] truth = {0, 1, 0, 0};
        // bin 9: acc 0.5, conf 0.95 -> 0.45 x 2/4; bin 6: acc 1, conf 0.65 -> 0.35 x 2/4
        assertEquals(0.5 * 0.45 + 0.5 * 0.35, Calibration.ece(p, truth), 1e-12);
    }

    @Test
    void anOverconfidentNetworkGetsATemperatureAboveOneThatLowersItsError() {
        // right 70 % of the time but always 99 % sure of itself
        Random r = new Random(3);
        List<double[]> p = new ArrayList<>();
        int[] truth = new int[400];
        for (int k = 0; k < truth.length; k++) {
            int predicted = r.nextInt(3);
            truth[k] = r.nextDouble() < 0.7 ? predicted : (predicted + 1 + r.nextInt(2)) % 3;
            double[] q = {0.005, 0.005, 0.005};
            q[predicted] = 0.99;
            p.add(q);
        }
        double t = Calibration.fitTemperature(p, truth);
        assertTrue(t > 1.5, "overconfident: T = " + t);
        List<double[]> after = p.stream().map(q -> Calibration.scale(q, t)).toList();
        assertTrue(Calibration.ece(after, truth) < Calibration.ece(p, truth) / 3,
                Calibration.ece(p, truth) + " -> " + Calibration.ece(after, truth));
        assertTrue(Calibration.nll(p, truth, t) < Calibration.nll(p, truth, 1));
    }
}
