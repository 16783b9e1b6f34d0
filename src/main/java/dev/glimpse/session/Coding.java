package dev.glimpse.session;

import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.ActionUnits;
import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.Intervals;
import dev.glimpse.annotation.Proposal;
import dev.glimpse.store.Project;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Coding the events of one clip, the use case behind the window's O/A/F/N keys: marks set the onset, apex and
 * offset of the event being coded; once onset &lt; apex &lt;= offset holds, the event is saved to the project
 * (committed before it is reported saved) and later marks edit it. Every saved change can be undone and redone,
 * each undo and redo itself a committed change, and each says what it changed. Each call returns the message a
 * person should see.
 */
public final class Coding {
    private final Project project;
    private final long clipId;
    private String coder;
    private List<Event> events; // every coder's
    private boolean comparing; // this coder asked to see the others' events
    private Event current;
    private Integer onset;
    private Integer apex;
    private Integer offset;
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();

    /**
     * A saved change: the event before (null: it did not exist) and after (null: deleted), what it was, and the
     * spotter's proposal it decided, before and after (both null when it decided none).
     */
    private record Edit(Event before, Event after, String what, Proposal proposalBefore, Proposal proposalAfter) {
        Edit(Event before, Event after, String what) {
            this(before, after, what, null, null);
        }
    }

    /** The marks of an event. */
    public enum Mark { ONSET, APEX, OFFSET }

    public Coding(Project project, long clipId, String coder) throws IOException {
        this.project = project;
        this.clipId = clipId;
        this.coder = coder;
        this.events = project.events().of(clipId);
    }

    /** The coder every consensus event carries. */
    public static final String CONSENSUS = "consensus";
    /** The project setting that turns blind coding off ({@code off}); on by default. */
    public static final String BLIND_SETTING = "blind";

    /**
     * The clip's saved events this coder sees, in time order: while the project codes blind and a second coder has
     * coded the clip, only this coder's own (and those no coder is recorded for), until the coder asks to compare.
     */
    public List<Event> events() {
        if (!hidesOthers()) {
            return events;
        }
        return events.stream().filter(e -> e.coder() == null || e.coder().equals(coder)).toList();
    }

    /** Every coder's events of the clip, whatever is shown. */
    public List<Event> allEvents() {
        return events;
    }

    /** The coders of the clip's events, and this one. */
    public java.util.SortedSet<String> coders() {
        java.util.SortedSet<String> who = new java.util.TreeSet<>();
        events.stream().map(Event::coder).filter(Objects::nonNull).forEach(who::add);
        if (coder != null) {
            who.add(coder);
        }
        return who;
    }

    /** Whether the project codes blind (its setting; on unless turned off). */
    public boolean blindProject() throws IOException {
        return !"off".equals(project.setting(BLIND_SETTING));
    }

    /** Blind: the project codes blind, another coder has coded this clip, and this one has not asked to compare. */
    public boolean hidesOthers() {
        try {
            return !comparing && coders().size() >= 2 && blindProject();
        } catch (IOException e) {
            return true; // the setting cannot be read: stay blind, the safe side
        }
    }

    /** Shows the other coders' events too (true), or hides them again (false). */
    public String compare(boolean on) {
        comparing = on;
        int others = (int) events.stream().filter(e -> e.coder() != null && !e.coder().equals(coder)).count();
        return on ? "comparing: " + others + " events of " + (coders().size() - 1) + " other coders shown"
                : "blind again: only your events are shown";
    }

    public boolean comparing() {
        return comparing;
    }

    /**
     * A consensus of two coders' matched events: a new event of the coder {@value #CONSENSUS} with the frames of one
     * and the label (scheme and action units too) of one, as the person picks; both originals stay. Undoable.
     */
    public String consensus(Event a, Event b, boolean framesOfA, boolean labelOfA) throws IOException {
        if (a == null || b == null || a.id() == 0 || b.id() == 0) {
            return "pick two saved events to make a consensus of";
        }
        if (Objects.equals(a.coder(), b.coder())) {
            return "not made: both events are " + (a.coder() == null ? "nobody's" : a.coder() + "'s")
                    + "; a consensus is of two coders' events";
        }
        Event frames = framesOfA ? a : b;
        Event coding = labelOfA ? a : b;
        Event made = new Event(0, clipId, frames.onset(), frames.apex(), frames.offset(), CONSENSUS, coding.label(),
                coding.scheme(), coding.actionUnits(), null, "consensus of " + a.coder() + " " + a.frames() + " and "
                + b.coder() + " " + b.frames() + ": frames of " + frames.coder() + ", label of " + coding.coder());
        String what = "consensus " + made.frames() + " (" + (made.label() == null ? "no label" : made.label()) + ") of "
                + a.coder() + " and " + b.coder();
        apply(null, made, what);
        select(current);
        return "saved: " + what;
    }

    /** Null, or why this coder may not change {@code e}: another coder's event, seen while comparing blind. */
    private String notYours(Event e) {
        try {
            if (e != null && e.coder() != null && !e.coder().equals(coder) && coders().size() >= 2 && blindProject()) {
                return "not saved: event " + e.frames() + " is " + e.coder() + "'s (only " + e.coder()
                        + " changes it; make a consensus instead)";
            }
        } catch (IOException x) {
            return "not saved: " + x.getMessage();
        }
        return null;
    }

    /** The event being coded, or null (a new one, not saved yet). */
    public Event current() {
        return current;
    }

    public long clipId() {
        return clipId;
    }

    /** Who codes from now on: new events carry this name (events already coded keep theirs). */
    public void setCoder(String name) {
        coder = name;
    }

    public String newEvent() {
        current = null;
        onset = null;
        apex = null;
        offset = null;
        return "new event: mark onset (O), apex (A) and offset (F)";
    }

    /** Marks {@code frame} (a clip frame number) as the current event's onset, apex or offset. */
    public String mark(Mark which, int frame) throws IOException {
        switch (which) {
            case ONSET -> onset = frame;
            case APEX -> apex = frame;
            case OFFSET -> offset = frame;
            default -> throw new IllegalArgumentException(which.toString());
        }
        String what = which.name().toLowerCase(java.util.Locale.ROOT);
        if (onset == null || apex == null || offset == null) {
            return what + " marked; still to mark: " + missing();
        }
        String problem = Intervals.problem(onset, apex, offset);
        if (problem != null) {
            return "not saved: " + problem;
        }
        if (notYours(current) != null) {
            return notYours(current);
        }
        Event before = current;
        Event wanted = before == null
                ? new Event(0, clipId, onset, apex, offset, coder, null, null, List.of(), null, "")
                : before.withFrames(onset, apex, offset);
        if (before != null && before.equals(wanted)) {
            return what + " unchanged";
        }
        String change = before == null ? "event " + wanted.frames() + " added"
                : what + " of event " + before.frames() + " moved from " + frameOf(before, which) + " to " + frame;
        apply(before, wanted, change);
        return "saved: " + change;
    }

    /**
     * Codes the current event: an emotion label from a class scheme, a confidence (0-1, or null) and notes;
     * saved and undoable like any other change.
     */
    public String code(String scheme, String label, Double confidence, String notes) throws IOException {
        if (current == null) {
            return "mark an event first (O, A, F)";
        }
        if (notYours(current) != null) {
            return notYours(current);
        }
        Event wanted;
        try {
            wanted = new Event(current.id(), clipId, current.onset(), current.apex(), current.offset(), current.coder(),
                    label, scheme, current.actionUnits(), confidence, notes);
        } catch (IllegalArgumentException e) {
            return "not saved: " + e.getMessage();
        }
        if (wanted.equals(current)) {
            return "unchanged";
        }
        String change = "coding of event " + current.frames() + (Objects.equals(label, current.label()) ? ""
                : " (label " + (current.label() == null ? "none" : current.label()) + " -> " + (label == null ? "none" : label) + ")");
        apply(current, wanted, change);
        return "saved: " + (label == null ? "no label" : label);
    }

    /**
     * Codes the current event's FACS action units from text as annotators write them ({@link ActionUnits}):
     * saved and undoable; text that does not parse is refused with the reason.
     */
    public String codeActionUnits(String text) throws IOException {
        if (current == null) {
            return "mark an event first (O, A, F)";
        }
        if (notYours(current) != null) {
            return notYours(current);
        }
        List<ActionUnit> units;
        try {
            units = ActionUnits.parse(text);
        } catch (IllegalArgumentException e) {
            return "not saved: " + e.getMessage();
        }
        if (units.equals(current.actionUnits())) {
            return "action units unchanged";
        }
        String formatted = units.isEmpty() ? "none" : ActionUnits.format(units);
        apply(current, current.withActionUnits(units), "action units of event " + current.frames() + " set to " + formatted);
        return "saved: action units " + formatted;
    }

    /**
     * Moves one boundary of {@code e} to {@code frame} (dragging it on the timeline): one saved, undoable edit,
     * made the current event; a move that breaks onset &lt; apex &lt;= offset is refused and nothing changes.
     */
    public String move(Event e, Mark which, int frame) throws IOException {
        select(e);
        String said = mark(which, frame);
        if (said.startsWith("not saved")) {
            select(e); // the refused mark is not kept: the event stays as it was saved
        }
        return said;
    }

    /**
     * Accepts a proposal of the spotter: it becomes an event (coded by this coder, noted as spotted), which O, A and F
     * then adjust as usual; one saved, undoable edit.
     */
    public String accept(Proposal p) throws IOException {
        if (p == null || Proposal.ACCEPTED.equals(p.status())) {
            return "no open proposal to accept"; // a rejected one may be accepted after all
        }
        String problem = Intervals.problem(p.onset(), p.apex(), p.offset());
        if (problem != null) {
            return "not accepted: " + problem;
        }
        Event saved = save(null, new Event(0, clipId, p.onset(), p.apex(), p.offset(), coder, null, null, List.of(), null,
                String.format(java.util.Locale.ROOT, "spotted: %s, score %.2f", p.kind(), p.score())));
        Proposal decided = project.proposals().setStatus(p, Proposal.ACCEPTED, saved.id());
        String what = p.kind() + " proposal " + p.frames() + (Proposal.REJECTED.equals(p.status()) ? " (rejected before)" : "")
                + " accepted as an event";
        undo.push(new Edit(null, saved, what, p, decided));
        redo.clear();
        select(saved);
        return "saved: " + what + " (O, A, F adjust it)";
    }

    /** Rejects a proposal of the spotter (it is kept, hidden, so that a new run does not propose it again); undoable. */
    public String reject(Proposal p) throws IOException {
        if (p == null || !Proposal.OPEN.equals(p.status())) {
            return "no open proposal to reject";
        }
        Proposal decided = project.proposals().setStatus(p, Proposal.REJECTED, null);
        String what = p.kind() + " proposal " + p.frames() + " rejected";
        undo.push(new Edit(null, null, what, p, decided));
        redo.clear();
        return what + " (Ctrl+Z brings it back)";
    }

    /** Deletes {@code e} (undoable). */
    public String delete(Event e) throws IOException {
        if (e == null || e.id() == 0) {
            return "no saved event to delete";
        }
        if (notYours(e) != null) {
            return notYours(e);
        }
        apply(e, null, "event " + e.frames() + " deleted");
        newEvent();
        return "deleted event " + e.frames() + " (Ctrl+Z brings it back)";
    }

    /** Makes {@code e} the event being coded (clicking it on the timeline or in the list). */
    public String select(Event e) {
        current = e;
        onset = e.onset();
        apex = e.apex();
        offset = e.offset();
        return "event " + e.frames();
    }

    /** The marks set so far for the current event (a half-marked event is not saved yet): null where not set. */
    public Integer[] marks() {
        return new Integer[] {onset, apex, offset};
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public String undo() throws IOException {
        if (undo.isEmpty()) {
            return "nothing to undo";
        }
        Edit e = undo.pop();
        // before == null: the edit created it, so undo deletes it; neither: the edit decided a proposal only
        Event now = e.before() == null && e.after() == null ? null : save(e.after(), e.before());
        if (e.proposalBefore() != null) {
            project.proposals().setStatus(e.proposalAfter(), e.proposalBefore().status(), e.proposalBefore().eventId());
        }
        redo.push(new Edit(now, e.after(), e.what(), e.proposalBefore(), e.proposalAfter()));
        if (now != null) {
            select(now);
        } else {
            newEvent();
        }
        return "undone: " + e.what();
    }

    public String redo() throws IOException {
        if (redo.isEmpty()) {
            return "nothing to redo";
        }
        Edit e = redo.pop();
        Event now = e.before() == null && e.after() == null ? null : save(e.before(), e.after());
        Proposal decided = e.proposalAfter() == null ? null : project.proposals().setStatus(e.proposalBefore(),
                e.proposalAfter().status(), now == null ? null : now.id()); // an accepted proposal names the event anew
        undo.push(new Edit(e.before(), now, e.what(), e.proposalBefore(), decided));
        if (now != null) {
            select(now);
        } else {
            newEvent();
        }
        return "redone: " + e.what();
    }

    private void apply(Event before, Event wanted, String what) throws IOException {
        Event saved = save(before, wanted);
        undo.push(new Edit(before, saved, what));
        redo.clear();
    }

    /** Writes {@code wanted} (over {@code before}, or new, or deletes when null); the list follows only after the commit. */
    private Event save(Event before, Event wanted) throws IOException {
        Event saved;
        if (wanted == null) {
            project.events().delete(before.id());
            saved = null;
        } else if (before == null || events.stream().noneMatch(e -> e.id() == before.id())) {
            saved = project.events().add(wanted);
        } else {
            project.events().update(wanted);
            saved = wanted;
        }
        events = project.events().of(clipId);
        current = saved;
        return saved;
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

    private static int frameOf(Event e, Mark which) {
        return switch (which) {
            case ONSET -> e.onset();
            case APEX -> e.apex();
            case OFFSET -> e.offset();
        };
    }
}
