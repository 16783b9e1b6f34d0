package dev.glimpse.dataset;

import dev.glimpse.annotation.Intervals;
import java.util.ArrayList;
import java.util.List;

/**
 * The onset/apex/offset of one annotation row, with the datasets' known quirks repaired and said:
 * an apex written "/" or left out (the middle frame serves), an offset of 0 (the interval ends at the
 * apex), an apex outside [onset, offset] (the interval is extended to include it, keeping the annotated
 * apex exact). Anything else that is not a frame interval is refused with the reason.
 */
record Annotation(int onset, int apex, int offset, List<String> notes) {
    /** The largest frame number a row may hold: over four days of video at 240 fps. */
    static final int MAX_FRAME = 99_999_999;

    /** A row that cannot be used, and why. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    static Annotation of(String onsetText, String apexText, String offsetText) throws Refused {
        List<String> notes = new ArrayList<>();
        Integer onset = number(onsetText);
        if (onset == null) {
            throw new Refused("onset '" + onsetText + "' is not a frame number (0 to " + MAX_FRAME + ")");
        }
        Integer apex = number(apexText);
        if (apex == null && !missing(apexText)) {
            throw new Refused("apex '" + apexText + "' is not a frame number (0 to " + MAX_FRAME + ")");
        }
        Integer offset = number(offsetText);
        if (offset == null && !missing(offsetText)) {
            throw new Refused("offset '" + offsetText + "' is not a frame number (0 to " + MAX_FRAME + ")");
        }
        if (offset == null || offset == 0) {
            if (apex == null || apex <= onset) {
                throw new Refused("neither an offset nor an apex after the onset");
            }
            notes.add("offset missing (" + (offset == null ? "empty" : "0") + "): the interval ends at the apex " + apex);
            offset = apex;
        }
        if (apex == null) {
            apex = onset + (offset - onset) / 2;
            notes.add("no apex annotated ('" + apexText.trim() + "'): the middle frame " + apex + " serves");
        }
        if (apex < onset || apex > offset) {
            int newOnset = Math.min(onset, apex);
            int newOffset = Math.max(offset, apex);
            notes.add("apex " + apex + " outside [" + onset + ", " + offset + "]: the interval is extended to ["
                    + newOnset + ", " + newOffset + "]");
            onset = newOnset;
            offset = newOffset;
        }
        if (Intervals.problemAllowingApexAtOnset(onset, apex, offset) != null) { // the program's rule, repairs done
            throw new Refused("offset " + offset + " does not come after onset " + onset);
        }
        if (apex.equals(onset)) {
            notes.add("apex = onset: the second sampled frame serves as apex");
        }
        return new Annotation(onset, apex, offset, notes);
    }

    /** Known ways of writing "not annotated". */
    private static boolean missing(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() || t.equals("/") || t.equals("-") || t.equalsIgnoreCase("n/a");
    }

    static Integer number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(text.trim());
            return d == Math.rint(d) && d >= 0 && d <= MAX_FRAME ? (int) d : null; // 1e300 is no frame
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
