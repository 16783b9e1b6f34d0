package dev.glimpse.agreement;

/**
 * One agreement coefficient as it is reported: its value, how many units it rests on, the raw (observed)
 * agreement beside it, and, when the value is undefined (too few units, nothing to tell apart), null and the reason
 * in words. Never NaN.
 *
 * @param value the coefficient, or null when it is undefined
 * @param n the units it was computed over
 * @param raw the observed agreement (0 to 1), or null where there is none to speak of
 * @param note why the value is undefined, or a caveat; null when there is nothing to say
 */
public record Statistic(Double value, int n, Double raw, String note) {
    public Statistic {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a statistic of " + value + " (say why it is undefined instead)");
        }
    }

    static Statistic of(double value, int n, Double raw) {
        return new Statistic(value, n, raw, null);
    }

    static Statistic undefined(int n, Double raw, String why) {
        return new Statistic(null, n, raw, why);
    }
}
