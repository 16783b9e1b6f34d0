package dev.glimpse.ui;

import dev.glimpse.store.Project;
import dev.glimpse.store.StoreException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Coding events on one clip: O, A and F set the onset, apex and offset of the event being coded at the
 * current frame; once onset < apex <= offset holds, the event is saved to the project (committed before
 * it shows as saved) and later marks edit it. N starts a new event. Every saved change can be undone and
 * redone, each undo and redo itself a committed change.
 */
public final class AnnotationViewModel {
    private final Project project;
    private final long clipId;
    private String annotator;
    private final ObservableList<Project.Event> events = FXCollections.observableArrayList();
    private final ObjectProperty<Project.Event> current = new SimpleObjectProperty<>();
    private final ObjectProperty<String> message = new SimpleObjectProperty<>("");
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private Integer onset;
    private Integer apex;
    private Integer offset;

    /** A saved change: the event before (null: it did not exist) and after (null: deleted). */
    private record Edit(Project.Event before, Project.Event after) {}

    public AnnotationViewModel(Project project, long clipId, String annotator) throws StoreException {
        this.project = project;
        this.clipId = clipId;
        this.annotator = annotator;
        events.setAll(project.events(clipId));
    }

    /** Who codes from now on: new events carry this name (events already coded keep theirs). */
    public void setAnnotator(String name) {
        annotator = name;
    }

    public ObservableList<Project.Event> events() {
        return events;
    }

    public ObjectProperty<Project.Event> currentProperty() {
        return current;
    }

    public ObjectProperty<String> messageProperty() {
        return message;
    }

    public void newEvent() {
        current.set(null);
        onset = null;
        apex = null;
        offset = null;
        message.set("new event: mark onset (O), apex (A) and offset (F)");
    }

    public void markOnset(int frame) throws StoreException {
        onset = frame;
        apply("onset");
    }

    public void markApex(int frame) throws StoreException {
        apex = frame;
        apply("apex");
    }

    public void markOffset(int frame) throws StoreException {
        offset = frame;
        apply("offset");
    }

    /**
     * Codes the current event: an emotion label from a class scheme, a confidence (0-1, or null) and notes;
     * saved and undoable like any other change.
     */
    public void code(String scheme, String label, Double confidence, String notes) throws StoreException {
        Project.Event before = current.get();
        if (before == null) {
            message.set("mark an event first (O, A, F)");
            return;
        }
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            message.set("not saved: confidence must be between 0 and 1");
            return;
        }
        Project.Event wanted = new Project.Event(before.id(), before.clipId(), before.onset(), before.apex(),
                before.offset(), scheme, label, confidence, notes, before.annotator(), before.actionUnits());
        Project.Event saved = save(before, wanted);
        undo.push(new Edit(before, saved));
        redo.clear();
        message.set("saved: " + (label == null ? "no label" : label));
    }

    /**
     * Codes the current event's FACS action units from text as annotators write them: {@code "AU6B + AU12C"},
     * {@code "6B 12C"}, {@code "L12, R14A"} (an optional AU prefix, an optional side L/R, the unit number, an
     * optional intensity A-E). Saved and undoable; text that does not parse is refused with the reason.
     */
    public void codeActionUnits(String text) throws StoreException {
        Project.Event before = current.get();
        if (before == null) {
            message.set("mark an event first (O, A, F)");
            return;
        }
        List<Project.ActionUnit> units;
        try {
            units = parseActionUnits(text);
        } catch (IllegalArgumentException e) {
            message.set("not saved: " + e.getMessage());
            return;
        }
        if (units.equals(before.actionUnits())) {
            return;
        }
        Project.Event wanted = new Project.Event(before.id(), before.clipId(), before.onset(), before.apex(),
                before.offset(), before.scheme(), before.label(), before.confidence(), before.notes(), before.annotator(),
                units);
        Project.Event saved = save(before, wanted);
        undo.push(new Edit(before, saved));
        redo.clear();
        message.set("saved: action units " + (units.isEmpty() ? "none" : formatActionUnits(units)));
    }

    private static final Pattern ACTION_UNIT =
            Pattern.compile("(?i)(?:AU)?([LR]?)(\\d{1,2})([A-E]?)");

    static List<Project.ActionUnit> parseActionUnits(String text) {
        Map<String, Project.ActionUnit> units = new TreeMap<>();
        for (String token : (text == null ? "" : text).trim().split("[\\s,;+]+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = ACTION_UNIT.matcher(token);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + token + "' is not an action unit (write them like AU6B + AU12C)");
            }
            String unit = m.group(1).toUpperCase(Locale.ROOT) + Integer.parseInt(m.group(2));
            String intensity = m.group(3).isEmpty() ? null : m.group(3).toUpperCase(Locale.ROOT);
            if (units.put(unit, new Project.ActionUnit(unit, intensity)) != null) {
                throw new IllegalArgumentException("AU" + unit + " is there twice");
            }
        }
        return List.copyOf(units.values());
    }

    /** Action units as {@link #parseActionUnits} reads them back: {@code "AU6B + AU12C"}. */
    public static String formatActionUnits(List<Project.ActionUnit> units) {
        return String.join(" + ", units.stream()
                .map(u -> "AU" + u.unit() + (u.intensity() == null ? "" : u.intensity())).toList());
    }

    /** Makes {@code e} the event being coded (clicking its span on the timeline). */
    public void select(Project.Event e) {
        current.set(e);
        onset = e.onset();
        apex = e.apex();
        offset = e.offset();
        message.set("event " + e.onset() + "-" + e.apex() + "-" + e.offset());
    }

    private void apply(String what) throws StoreException {
        if (onset == null || apex == null || offset == null) {
            message.set(what + " marked; still to mark: " + missing());
            return;
        }
        if (!(onset < apex && apex <= offset)) {
            message.set("not saved: an event needs onset < apex <= offset (now " + onset + ", " + apex + ", " + offset + ")");
            return;
        }
        Project.Event before = current.get();
        Project.Event wanted = before == null
                ? new Project.Event(0, clipId, onset, apex, offset, null, null, null, "", annotator, List.of())
                : new Project.Event(before.id(), clipId, onset, apex, offset, before.scheme(), before.label(),
                        before.confidence(), before.notes(), before.annotator(), before.actionUnits());
        Project.Event saved = save(before, wanted);
        undo.push(new Edit(before, saved));
        redo.clear();
        message.set("saved: event " + onset + "-" + apex + "-" + offset);
    }

    private String missing() {
        StringBuilder b = new StringBuilder();
        if (onset == null) {
            b.append("onset (O) ");
        }
        if (apex == null) {
            b.append("apex (A) ");
        }
        if (offset == null) {
            b.append("offset (F)");
        }
        return b.toString().trim();
    }

    /** Writes {@code wanted} (over {@code before}, or new, or deletes when null); the list follows only after the commit. */
    private Project.Event save(Project.Event before, Project.Event wanted) throws StoreException {
        Project.Event saved;
        if (wanted == null) {
            project.deleteEvent(before.id());
            saved = null;
        } else if (before == null || !exists(before.id())) {
            saved = project.addEvent(wanted);
        } else {
            project.updateEvent(wanted);
            saved = wanted;
        }
        events.setAll(project.events(clipId));
        current.set(saved);
        return saved;
    }

    private boolean exists(long id) {
        return events.stream().anyMatch(e -> e.id() == id);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public void undo() throws StoreException {
        if (undo.isEmpty()) {
            return;
        }
        Edit e = undo.pop();
        Project.Event now = save(e.after(), e.before()); // before == null: the edit created it, so undo deletes it
        redo.push(new Edit(now, e.after()));
        if (now != null) {
            select(now);
        } else {
            newEvent();
        }
        message.set("undone");
    }

    public void redo() throws StoreException {
        if (redo.isEmpty()) {
            return;
        }
        Edit e = redo.pop();
        Project.Event now = save(e.before(), e.after());
        undo.push(new Edit(e.before(), now));
        if (now != null) {
            select(now);
        }
        message.set("redone");
    }
}
