package dev.glimpse.annotation;

import java.util.Comparator;

/**
 * A FACS action unit as coded in an event: its number, the side when only one side moved ({@code L} or {@code R}),
 * and an optional intensity {@code A} (trace) to {@code E} (maximum).
 *
 * @param unit the side and the number as datasets write them: {@code 12}, {@code L10}, {@code R2}
 * @param intensity A-E, or null when not coded
 */
public record ActionUnit(String unit, String intensity) implements Comparable<ActionUnit> {
    /** FACS numbers its units from 1 to 99 (the head and eye codes reach the 60s and 70s). */
    public static final int MAX_NUMBER = 99;
    private static final Comparator<ActionUnit> ORDER = Comparator.comparingInt(ActionUnit::number)
            .thenComparing(ActionUnit::side);

    public ActionUnit {
        if (unit == null || !unit.matches("[LR]?[1-9]\\d?")) {
            throw new IllegalArgumentException("'" + unit + "' is not an action unit (a number 1-99, with L or R before it"
                    + " for one side)");
        }
        if (intensity != null && !intensity.matches("[A-E]")) {
            throw new IllegalArgumentException("'" + intensity + "' is not an intensity (A to E) of AU" + unit);
        }
    }

    /** The unit's number: 12 for {@code R12}. */
    public int number() {
        return Integer.parseInt(side().isEmpty() ? unit : unit.substring(1));
    }

    /** {@code L}, {@code R}, or empty for both sides. */
    public String side() {
        return Character.isDigit(unit.charAt(0)) ? "" : unit.substring(0, 1);
    }

    /** In FACS order: by number, then side (numeric, so AU6 comes before AU12). */
    @Override
    public int compareTo(ActionUnit other) {
        return ORDER.compare(this, other);
    }
}
