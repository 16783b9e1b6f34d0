package dev.glimpse.agreement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reliability coefficients micro-expression coding reports, each as its authors define it:
 * Cohen's kappa (1960), Fleiss' kappa (1971), Krippendorff's alpha for nominal data (2011, missing values allowed)
 * and the intraclass correlation ICC(2,1) of Shrout and Fleiss (1979). Undefined cases (no units, every rating
 * the same) come back as a {@link Statistic} with no value and the reason, never as NaN.
 */
public final class Reliability {
    private Reliability() {}

    /**
     * Cohen's kappa of two coders' labels of the same units, {@code (po - pe) / (1 - pe)}; units where either label is
     * missing (null) are left out.
     */
    public static Statistic cohenKappa(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(a.size() + " labels against " + b.size());
        }
        Map<String, Integer> countA = new HashMap<>();
        Map<String, Integer> countB = new HashMap<>();
        int n = 0;
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) == null || b.get(i) == null) {
                continue;
            }
            n++;
            same += a.get(i).equals(b.get(i)) ? 1 : 0;
            countA.merge(a.get(i), 1, Integer::sum);
            countB.merge(b.get(i), 1, Integer::sum);
        }
        if (n == 0) {
            return Statistic.undefined(0, null, "no unit with a label from both coders");
        }
        double po = same / (double) n;
        double pe = 0;
        for (Map.Entry<String, Integer> e : countA.entrySet()) {
            pe += e.getValue() / (double) n * countB.getOrDefault(e.getKey(), 0) / n;
        }
        if (pe >= 1) {
            return Statistic.undefined(n, po, "undefined: both coders gave every unit the same label (" + countA.keySet()
                    .iterator().next() + "), so agreement by chance is certain; the raw agreement is 1");
        }
        return Statistic.of((po - pe) / (1 - pe), n, po);
    }

    /**
     * Fleiss' kappa over units each rated by the same number of raters: {@code counts[i][j]} raters put unit i in
     * category j.
     */
    public static Statistic fleissKappa(int[][] counts) {
        int units = counts.length;
        if (units == 0) {
            return Statistic.undefined(0, null, "no unit rated by every coder");
        }
        int raters = 0;
        for (int c : counts[0]) {
            raters += c;
        }
        if (raters < 2) {
            return Statistic.undefined(units, null, "fewer than two ratings per unit");
        }
        double[] share = new double[counts[0].length];
        double meanAgreement = 0;
        for (int[] unit : counts) {
            int m = 0;
            double squares = 0;
            for (int j = 0; j < unit.length; j++) {
                m += unit[j];
                squares += (double) unit[j] * unit[j];
                share[j] += unit[j];
            }
            if (m != raters) {
                throw new IllegalArgumentException("Fleiss' kappa needs as many ratings of every unit: " + m + " and " + raters);
            }
            meanAgreement += (squares - raters) / (raters * (raters - 1.0));
        }
        meanAgreement /= units;
        double chance = 0;
        for (double s : share) {
            double p = s / ((double) units * raters);
            chance += p * p;
        }
        if (chance >= 1) {
            return Statistic.undefined(units, meanAgreement, "undefined: every rating is the same category, so agreement"
                    + " by chance is certain; the raw agreement is 1");
        }
        return Statistic.of((meanAgreement - chance) / (1 - chance), units, meanAgreement);
    }

    /** Fleiss' kappa of labelled units; units missing any label are left out (Fleiss needs every rater's). */
    public static Statistic fleissKappa(List<List<String>> units) {
        Map<String, Integer> categories = new LinkedHashMap<>();
        List<List<String>> complete = new ArrayList<>();
        int raters = -1;
        for (List<String> u : units) {
            if (u.stream().anyMatch(Objects::isNull) || u.size() < 2) {
                continue;
            }
            if (raters >= 0 && u.size() != raters) {
                throw new IllegalArgumentException("units rated by " + raters + " and by " + u.size() + " coders");
            }
            raters = u.size();
            complete.add(u);
            u.forEach(label -> categories.putIfAbsent(label, categories.size()));
        }
        int[][] counts = new int[complete.size()][categories.size()];
        for (int i = 0; i < complete.size(); i++) {
            for (String label : complete.get(i)) {
                counts[i][categories.get(label)]++;
            }
        }
        return fleissKappa(counts);
    }

    /**
     * Krippendorff's alpha for nominal data, {@code 1 - Do / De} from the coincidence matrix; each unit lists the
     * values its coders gave, null where a coder gave none. Units with fewer than two values are not pairable and
     * are left out. {@code n} is the number of pairable units.
     */
    public static Statistic krippendorffAlpha(List<List<String>> units) {
        Map<String, Map<String, Double>> o = new LinkedHashMap<>(); // the coincidences o_ck
        int pairable = 0;
        double total = 0;
        double agreeing = 0;
        for (List<String> u : units) {
            List<String> values = u.stream().filter(Objects::nonNull).toList();
            int m = values.size();
            if (m < 2) {
                continue;
            }
            pairable++;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i != j) {
                        o.computeIfAbsent(values.get(i), k -> new LinkedHashMap<>()).merge(values.get(j), 1.0 / (m - 1), Double::sum);
                    }
                }
            }
        }
        Map<String, Double> marginal = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> row : o.entrySet()) {
            for (Map.Entry<String, Double> cell : row.getValue().entrySet()) {
                marginal.merge(row.getKey(), cell.getValue(), Double::sum);
                total += cell.getValue();
                if (row.getKey().equals(cell.getKey())) {
                    agreeing += cell.getValue();
                }
            }
        }
        if (pairable == 0) {
            return Statistic.undefined(0, null, "no unit with values from two coders");
        }
        double disagreeing = total - agreeing;
        double expected = 0; // sum over c != k of n_c n_k
        for (Map.Entry<String, Double> c : marginal.entrySet()) {
            for (Map.Entry<String, Double> k : marginal.entrySet()) {
                if (!c.getKey().equals(k.getKey())) {
                    expected += c.getValue() * k.getValue();
                }
            }
        }
        double raw = agreeing / total;
        if (expected == 0) {
            return Statistic.undefined(pairable, raw, "undefined: every value is the same, so there is no variation to"
                    + " agree on; the raw agreement is 1");
        }
        return Statistic.of(1 - (total - 1) * disagreeing / expected, pairable, raw);
    }

    /**
     * ICC(2,1): two-way random effects, absolute agreement, single rater (Shrout and Fleiss 1979), of {@code n}
     * targets each rated by the same {@code k} raters ({@code ratings[target][rater]}).
     */
    public static Statistic icc21(double[][] ratings) {
        int n = ratings.length;
        if (n < 2) {
            return Statistic.undefined(n, null, "fewer than two matched events");
        }
        int k = ratings[0].length;
        double grand = 0;
        double[] rowMean = new double[n];
        double[] colMean = new double[k];
        for (int i = 0; i < n; i++) {
            if (ratings[i].length != k) {
                throw new IllegalArgumentException("targets rated by " + k + " and by " + ratings[i].length + " raters");
            }
            for (int j = 0; j < k; j++) {
                rowMean[i] += ratings[i][j] / k;
                colMean[j] += ratings[i][j] / n;
                grand += ratings[i][j] / ((double) n * k);
            }
        }
        double ssRows = 0;
        double ssCols = 0;
        double ssTotal = 0;
        for (int i = 0; i < n; i++) {
            ssRows += k * (rowMean[i] - grand) * (rowMean[i] - grand);
            for (int j = 0; j < k; j++) {
                ssTotal += (ratings[i][j] - grand) * (ratings[i][j] - grand);
            }
        }
        for (int j = 0; j < k; j++) {
            ssCols += n * (colMean[j] - grand) * (colMean[j] - grand);
        }
        double bms = ssRows / (n - 1);
        double jms = ssCols / (k - 1);
        double ems = (ssTotal - ssRows - ssCols) / ((n - 1.0) * (k - 1));
        double denominator = bms + (k - 1) * ems + k * (jms - ems) / n;
        if (denominator <= 1e-12) {
            return Statistic.undefined(n, null, "undefined: every rating is the same, so there is no variation to agree on");
        }
        return Statistic.of((bms - ems) / denominator, n, null);
    }
}
