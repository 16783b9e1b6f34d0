package dev.glimpse.annotation;

import java.util.ArrayList;
import java.util.List;

/**
 * One coded micro-expression (or macro-expression) of a clip: its onset, apex and offset frames (the clip's own
 * numbers), who coded it, and what they coded.
 *
 * @param id the event's id in its project, 0 before it is saved
 * @param clipId the clip's id in the same project
 * @param coder the annotator's name, or null when not recorded
 * @param label the coder's emotion label, or null when not coded yet
 * @param scheme the class scheme the label belongs to (e.g. casme2-5), or null
 * @param actionUnits sorted in FACS order
 * @param confidence the coder's confidence from 0 to 1, or null
 * @param notes free text, never null
 */
public record Event(long id, long clipId, int onset, int apex, int offset, String coder, String label, String scheme,
                    List<ActionUnit> actionUnits, Double confidence, String notes) {
    /** The longest note kept: a page of text. */
    public static final int MAX_NOTES = 10_000;

    public Event {
        String problem = Intervals.problem(onset, apex, offset);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be from 0 to 1, was " + confidence);
        }
        List<ActionUnit> units = new ArrayList<>(actionUnits == null ? List.of() : actionUnits);
        units.sort(null);
        actionUnits = List.copyOf(units);
        notes = notes == null ? "" : notes;
        if (notes.length() > MAX_NOTES) {
            throw new IllegalArgumentException("notes of " + notes.length() + " characters; at most " + MAX_NOTES);
        }
    }

    /** This event with other frames. */
    public Event withFrames(int newOnset, int newApex, int newOffset) {
        return new Event(id, clipId, newOnset, newApex, newOffset, coder, label, scheme, actionUnits, confidence, notes);
    }

    /** This event, not saved yet (id 0), in the clip {@code newClipId} (another project's copy of the same video). */
    public Event unsavedIn(long newClipId) {
        return new Event(0, newClipId, onset, apex, offset, coder, label, scheme, actionUnits, confidence, notes);
    }

    public Event withId(long newId) {
        return new Event(newId, clipId, onset, apex, offset, coder, label, scheme, actionUnits, confidence, notes);
    }

    public Event withLabel(String newScheme, String newLabel) {
        return new Event(id, clipId, onset, apex, offset, coder, newLabel, newScheme, actionUnits, confidence, notes);
    }

    public Event withActionUnits(List<ActionUnit> units) {
        return new Event(id, clipId, onset, apex, offset, coder, label, scheme, units, confidence, notes);
    }

    public Event withNotes(String newNotes) {
        return new Event(id, clipId, onset, apex, offset, coder, label, scheme, actionUnits, confidence, newNotes);
    }

    /** "30-35-43": how a person names an event in a message. */
    public String frames() {
        return onset + "-" + apex + "-" + offset;
    }
}
