package dev.glimpse.annotation;

/**
 * The rule every onset/apex/offset obeys, in one place. A coded event has onset &lt; apex &lt;= offset: the apex
 * is the peak, reached after the movement began, and the movement may end at its peak. The datasets also hold
 * rows with the apex at the onset (spec section 1: the second sampled frame then serves as apex); a dataset row
 * is {@link #problemAllowingApexAtOnset checked} for that, an event of the program is not allowed it.
 */
public final class Intervals {
    private Intervals() {}

    /** Null when onset &lt; apex &lt;= offset, else what is wrong, in words. */
    public static String problem(int onset, int apex, int offset) {
        if (onset < 0) {
            return "frame numbers start at 0, the onset was " + onset;
        }
        if (!(onset < apex && apex <= offset)) {
            return "an event needs onset < apex <= offset, got " + onset + ", " + apex + ", " + offset;
        }
        return null;
    }

    /** As {@link #problem}, but an apex at the onset is allowed (onset &lt; offset still). */
    public static String problemAllowingApexAtOnset(int onset, int apex, int offset) {
        if (apex == onset && onset < offset && onset >= 0) {
            return null;
        }
        return problem(onset, apex, offset);
    }
}
