package dev.glimpse.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy, UF1 and UAR of a confusion matrix (rows = truth, columns = prediction), by the MEGC convention
 * of datasets.md: the fixed class list; a class is left out of the means only when it has neither samples
 * nor predictions; 0/0 counts as 0.
 *
 * @param accuracy correct / total
 * @param uf1 mean over the classes counted of 2TP / (2TP + FP + FN)
 * @param uar mean over the classes counted of TP / N_class
 * @param precision per class (0 where nothing was predicted as it)
 * @param recall per class
 * @param f1 per class
 * @param counted per class: whether it entered the means
 * @param total samples
 */
public record Metrics(double accuracy, double uf1, double uar, double[] precision, double[] recall, double[] f1,
                      boolean[] counted, int total) {

    public static Metrics of(int[][] confusion) {
        int c = confusion.length;
        double[] precision = new double[c];
        double[] recall = new double[c];
        double[] f1 = new double[c];
        boolean[] counted = new boolean[c];
        int total = 0;
        int correct = 0;
        double f1Sum = 0;
        double recallSum = 0;
        int classes = 0;
        for (int k = 0; k < c; k++) {
            int tp = confusion[k][k];
            int actual = 0;
            int predicted = 0;
            for (int j = 0; j < c; j++) {
                actual += confusion[k][j];
                predicted += confusion[j][k];
            }
            total += actual;
            correct += tp;
            int fp = predicted - tp;
            int fn = actual - tp;
            precision[k] = ratio(tp, predicted);
            recall[k] = ratio(tp, actual);
            f1[k] = ratio(2 * tp, 2 * tp + fp + fn);
            counted[k] = actual > 0 || predicted > 0;
            if (counted[k]) {
                classes++;
                f1Sum += f1[k];
                recallSum += recall[k];
            }
        }
        return new Metrics(ratio(correct, total), classes == 0 ? 0 : f1Sum / classes,
                classes == 0 ? 0 : recallSum / classes, precision, recall, f1, counted, total);
    }

    /** The confusion matrix of truth/prediction pairs over {@code classes} classes. */
    public static int[][] confusion(int classes, List<int[]> truthAndPrediction) {
        int[][] m = new int[classes][classes];
        for (int[] tp : truthAndPrediction) {
            m[tp[0]][tp[1]]++;
        }
        return m;
    }

    /** Mean of each metric over groups (the paper's per-subject means), each group's matrix on its own. */
    public static double[] meanOf(List<int[][]> groups) {
        List<Metrics> ms = new ArrayList<>();
        for (int[][] g : groups) {
            ms.add(of(g));
        }
        double acc = 0;
        double uf1 = 0;
        double uar = 0;
        for (Metrics m : ms) {
            acc += m.accuracy();
            uf1 += m.uf1();
            uar += m.uar();
        }
        int n = Math.max(1, ms.size());
        return new double[] {acc / n, uf1 / n, uar / n};
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }
}
