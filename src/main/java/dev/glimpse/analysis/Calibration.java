package dev.glimpse.analysis;

import dev.glimpse.io.Charts;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): one number T that divides the
 * network's logits, fitted to the leave-one-subject-out predictions by minimising their negative log-likelihood, so
 * that a reading of 0.9 is right about nine times in ten. The logits are recovered from the saved probabilities as
 * their logarithms (softmax is unchanged by a constant), so a report's predictions are enough to fit it. The
 * predicted class never changes: only how sure the probabilities say the network is.
 */
public final class Calibration {
    /** Bins of confidence for the expected calibration error and the reliability diagram. */
    public static final int BINS = 10;
    private static final double MIN_T = 0.05;
    private static final double MAX_T = 20;

    private Calibration() {}

    /** {@code p} recalibrated with temperature {@code t}: softmax(log p / t). */
    public static double[] scale(double[] p, double t) {
        double[] z = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            z[c] = Math.log(Math.max(p[c], 1e-12)) / t;
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < p.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    /** Mean negative log-likelihood of the true classes after scaling with {@code t}. */
    public static double nll(List<double[]> probabilities, int[] truth, double t) {
        double sum = 0;
        for (int k = 0; k < truth.length; k++) {
            sum -= Math.log(Math.max(scale(probabilities.get(k), t)[truth[k]], 1e-12));
        }
        return sum / Math.max(1, truth.length);
    }

    /** The temperature that minimises the NLL (golden-section search over log T in [0.05, 20]); 1 with no data. */
    public static double fitTemperature(List<double[]> probabilities, int[] truth) {
        if (truth.length == 0) {
            return 1;
        }
        double a = Math.log(MIN_T);
        double b = Math.log(MAX_T);
        double phi = (Math.sqrt(5) - 1) / 2;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        for (int i = 0; i < 100 && b - a > 1e-7; i++) {
            if (nll(probabilities, truth, Math.exp(c)) < nll(probabilities, truth, Math.exp(d))) {
                b = d;
            } else {
                a = c;
            }
            c = b - phi * (b - a);
            d = a + phi * (b - a);
        }
        return Math.exp((a + b) / 2);
    }

    /**
     * Expected calibration error: over {@link #BINS} equal bins of confidence (the top probability), the share of
     * predictions in a bin times the gap between its accuracy and its mean confidence, summed.
     */
    public static double ece(List<double[]> probabilities, int[] truth) {
        double[][] bins = bins(probabilities, truth);
        double sum = 0;
        for (double[] bin : bins) {
            if (bin[0] > 0) {
                sum += bin[0] / truth.length * Math.abs(bin[1] / bin[0] - bin[2] / bin[0]);
            }
        }
        return sum;
    }

    /** Per bin: count, correct, summed confidence. */
    private static double[][] bins(List<double[]> probabilities, int[] truth) {
        double[][] bins = new double[BINS][3];
        for (int k = 0; k < truth.length; k++) {
            double[] p = probabilities.get(k);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            int b = Math.min(BINS - 1, (int) (p[best] * BINS));
            bins[b][0]++;
            bins[b][1] += best == truth[k] ? 1 : 0;
            bins[b][2] += p[best];
        }
        return bins;
    }

    /** A reliability diagram: accuracy per confidence bin before (grey) and after (blue) scaling, and the diagonal. */
    public static BufferedImage diagram(List<double[]> before, List<double[]> after, int[] truth, double t) {
        double[][] b0 = bins(before, truth);
        double[][] b1 = bins(after, truth);
        org.jfree.data.xy.XYSeries grey = new org.jfree.data.xy.XYSeries("before");
        org.jfree.data.xy.XYSeries blue = new org.jfree.data.xy.XYSeries(String.format(java.util.Locale.ROOT,
                "after T = %.2f", t));
        double width = 1.0 / BINS;
        for (int b = 0; b < BINS; b++) { // each bin's two bars side by side within it; an empty bin has none
            if (b0[b][0] > 0) {
                grey.add((b + 0.25) * width, b0[b][1] / b0[b][0]);
            }
            if (b1[b][0] > 0) {
                blue.add((b + 0.75) * width, b1[b][1] / b1[b][0]);
            }
        }
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
        data.addSeries(grey);
        data.addSeries(blue);
        data.setIntervalWidth(width / 2);
        org.jfree.chart.JFreeChart chart = org.jfree.chart.ChartFactory.createXYBarChart(
                "reliability: accuracy per confidence bin", "confidence (top probability)", false, "accuracy", data,
                org.jfree.chart.plot.PlotOrientation.VERTICAL, true, false, false);
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        org.jfree.chart.renderer.xy.XYBarRenderer bars = (org.jfree.chart.renderer.xy.XYBarRenderer) plot.getRenderer();
        bars.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Charts.GREY);
        bars.setSeriesPaint(1, Charts.BLUE);
        plot.addAnnotation(new org.jfree.chart.annotations.XYLineAnnotation(0, 0, 1, 1, Charts.dashed(), Color.DARK_GRAY));
        return Charts.image(chart, 460, 440);
    }
}
