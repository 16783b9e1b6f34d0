package dev.glimpse.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each coefficient against its authors' worked examples and hand-computed cases, to 3 decimals. */
class ReliabilityTest {
    private static final double EPS = 0.0005;

    /** Fleiss (1971): 10 subjects, 14 raters, 5 categories; kappa 0.210 (P-bar 0.378, Pe-bar 0.213). */
    @Test
    void fleissKappaOfFleissTable() {
        int[][] counts = {
            {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
        };
        Statistic k = Reliability.fleissKappa(counts);
        assertEquals(0.210, k.value(), EPS);
        assertEquals(0.378, k.raw(), EPS);
        assertEquals(10, k.n());
    }

    /** Shrout and Fleiss (1979), Table 2: 6 targets, 4 judges; ICC(2,1) = 0.29 (0.290 to three places). */
    @Test
    void icc21OfShroutAndFleissTable2() {
        double[][] ratings = {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};
        Statistic icc = Reliability.icc21(ratings);
        assertEquals(0.290, icc.value(), EPS);
        assertEquals(6, icc.n());
    }

    /** Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the nominal example with missing values: 0.743. */
    @Test
    void krippendorffAlphaOfHisExampleWithMissingValues() {
        String[][] byObserver = {
            {"1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null},
            {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"},
            {null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null},
            {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null},
        };
        Statistic alpha = Reliability.krippendorffAlpha(units(byObserver));
        assertEquals(0.743, alpha.value(), EPS);
        assertEquals(11, alpha.n(), "unit 12 has one value only: not pairable");
    }

    /** Krippendorff (2011), the binary example of two observers and ten units: 0.095. */
    @Test
    void krippendorffAlphaOfHisBinaryExample() {
        String[][] byObserver = {
            {"0", "1", "0", "0", "0", "0", "0", "0", "1", "0"},
            {"1", "1", "1", "0", "0", "1", "0", "0", "0", "0"},
        };
        assertEquals(0.095, Reliability.krippendorffAlpha(units(byObserver)).value(), EPS);
    }

    /** Hand-computed: 50 units, yes/yes 20, yes/no 5, no/yes 10, no/no 15: po 0.7, pe 0.5, kappa 0.4. */
    @Test
    void cohenKappaByHand() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "yes", "yes", 20);
        add(a, b, "yes", "no", 5);
        add(a, b, "no", "yes", 10);
        add(a, b, "no", "no", 15);
        a.add(null); // a unit one coder left unlabelled: not counted
        b.add("yes");
        Statistic k = Reliability.cohenKappa(a, b);
        assertEquals(0.4, k.value(), EPS);
        assertEquals(0.7, k.raw(), EPS);
        assertEquals(50, k.n());
    }

    /** Two raters: Fleiss' kappa is not Cohen's (it pools the raters' marginals), Scott's pi; here by hand 0.3939. */
    @Test
    void fleissKappaOfTwoRatersIsScottsPi() {
        List<List<String>> units = new ArrayList<>();
        addUnits(units, "yes", "yes", 20);
        addUnits(units, "yes", "no", 5);
        addUnits(units, "no", "yes", 10);
        addUnits(units, "no", "no", 15);
        // pooled: yes 55/100, no 45/100; pe = 0.3025 + 0.2025 = 0.505; (0.7 - 0.505) / 0.495 = 0.3939
        assertEquals(0.394, Reliability.fleissKappa(units).value(), EPS);
    }

    @Test
    void undefinedCasesSaySoAndAreNeverNaN() {
        Statistic same = Reliability.cohenKappa(List.of("joy", "joy", "joy"), List.of("joy", "joy", "joy"));
        assertNull(same.value());
        assertEquals(1.0, same.raw());
        assertTrue(same.note().contains("same label"), same.note());

        Statistic none = Reliability.cohenKappa(List.of(), List.of());
        assertNull(none.value());
        assertEquals(0, none.n());
        assertNotNull(none.note());

        Statistic unlabelled = Reliability.cohenKappa(Arrays.asList(null, null), List.of("joy", "fear"));
        assertNull(unlabelled.value());

        assertNull(Reliability.icc21(new double[][] {{3, 3}}).value(), "one target");
        Statistic flat = Reliability.icc21(new double[][] {{5, 5}, {5, 5}, {5, 5}});
        assertNull(flat.value());
        assertTrue(flat.note().contains("same"), flat.note());

        Statistic oneValue = Reliability.krippendorffAlpha(List.of(List.of("a", "a"), List.of("a", "a")));
        assertNull(oneValue.value());
        assertEquals(1.0, oneValue.raw());
        assertNull(Reliability.fleissKappa(List.of(List.of("a", "a"))).value());
        assertNull(Reliability.krippendorffAlpha(List.of(Arrays.asList("a", null))).value(), "nothing pairable");
    }

    @Test
    void perfectAgreementIsOne() {
        assertEquals(1.0, Reliability.cohenKappa(List.of("a", "b", "c"), List.of("a", "b", "c")).value(), 1e-12);
        assertEquals(1.0, Reliability.icc21(new double[][] {{1, 1}, {5, 5}, {9, 9}}).value(), 1e-12);
        assertEquals(1.0, Reliability.krippendorffAlpha(List.of(List.of("a", "a"), List.of("b", "b"))).value(), 1e-12);
    }

    private static List<List<String>> units(String[][] byObserver) {
        List<List<String>> units = new ArrayList<>();
        for (int u = 0; u < byObserver[0].length; u++) {
            List<String> values = new ArrayList<>();
            for (String[] observer : byObserver) {
                values.add(observer[u]);
            }
            units.add(values);
        }
        return units;
    }

    private static void add(List<String> a, List<String> b, String x, String y, int times) {
        a.addAll(Collections.nCopies(times, x));
        b.addAll(Collections.nCopies(times, y));
    }

    private static void addUnits(List<List<String>> units, String x, String y, int times) {
        for (int i = 0; i < times; i++) {
            units.add(List.of(x, y));
        }
    }
}
