package dev.glimpse.ui;

import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.Proposal;
import dev.glimpse.session.Coding;
import java.io.IOException;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The coding of one clip as the window shows it: {@link Coding} does the work (marks, labels, action units,
 * undo and redo, each a committed change); this view-model holds what the views bind to, refreshed after every
 * call: the clip's events, the current one, and the message to show.
 */
public final class AnnotationViewModel {
    private final Coding coding;
    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final ObjectProperty<Event> current = new SimpleObjectProperty<>();
    private final ObjectProperty<String> message = new SimpleObjectProperty<>("");
    /** The spotter's open proposals on this clip (accepted ones are events, rejected ones hidden). */
    private final ObservableList<Proposal> proposals = FXCollections.observableArrayList();
    private final ObjectProperty<Proposal> currentProposal = new SimpleObjectProperty<>();
    private List<Proposal> allProposals = List.of();
    private final javafx.beans.property.BooleanProperty showRejected = new javafx.beans.property.SimpleBooleanProperty(false);
    {
        showRejected.addListener((o, a, b) -> setProposals(allProposals));
    }

    public AnnotationViewModel(Coding coding) {
        this.coding = coding;
        events.setAll(coding.events());
    }

    /** The clip's proposals as saved (every status): the open ones are shown. */
    public void setProposals(List<Proposal> all) {
        allProposals = List.copyOf(all);
        List<Proposal> open = all.stream().filter(p -> Proposal.OPEN.equals(p.status())
                || (showRejected.get() && Proposal.REJECTED.equals(p.status()))).toList();
        proposals.setAll(open);
        Proposal c = currentProposal.get();
        currentProposal.set(c == null ? null : open.stream().filter(p -> p.id() == c.id()).findFirst().orElse(null));
    }

    /**
     * Whether rejected proposals are shown too (Model > Show rejected proposals): hidden by default, so that what
     * was decided stays out of the way; shown, one can change one's mind (Enter accepts a rejected one too).
     */
    public javafx.beans.property.BooleanProperty showRejectedProperty() {
        return showRejected;
    }

    /** The open proposals (and the rejected ones when asked for), in time order. */
    public ObservableList<Proposal> proposals() {
        return proposals;
    }

    /** The events that accepted proposals became, in time order. */
    public List<Event> acceptedEvents() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Proposal p : allProposals) {
            if (Proposal.ACCEPTED.equals(p.status()) && p.eventId() != null) {
                ids.add(p.eventId());
            }
        }
        return events.stream().filter(e -> ids.contains(e.id())).toList();
    }

    /** How many proposals were rejected (kept hidden, so a new run does not propose them again). */
    public long rejectedCount() {
        return allProposals.stream().filter(p -> Proposal.REJECTED.equals(p.status())).count();
    }

    /** The proposal the keys act on (Enter accepts, Delete rejects), or null. */
    public ObjectProperty<Proposal> currentProposalProperty() {
        return currentProposal;
    }

    /**
     * Makes the next open proposal after frame number {@code frame} (by apex) current, or the previous one before
     * it; null (and said) when there is none that way. Returns its apex's frame number, or null.
     */
    public Integer stepProposal(int frame, boolean forward) {
        Proposal found = null;
        for (Proposal p : proposals) {
            if (forward && p.apex() > frame && (found == null || p.apex() < found.apex())) {
                found = p;
            } else if (!forward && p.apex() < frame && (found == null || p.apex() > found.apex())) {
                found = p;
            }
        }
        currentProposal.set(found);
        message.set(found == null ? (proposals.isEmpty() ? "no proposals: find them with Model > Find micro-expressions (Ctrl+F)"
                : "no proposal " + (forward ? "after" : "before") + " this frame")
                : String.format(java.util.Locale.ROOT, "proposal %s (%s, score %.2f): Enter accepts, Delete rejects",
                found.frames(), found.kind(), found.score()));
        return found == null ? null : found.apex();
    }

    /** Accepts the current proposal: it becomes an event (then O, A, F adjust it); undoable. */
    public void acceptProposal() throws IOException {
        Proposal p = currentProposal.get();
        show(coding.accept(p));
        currentProposal.set(null);
        refreshProposals();
    }

    /** Rejects the current proposal; undoable. */
    public void rejectProposal() throws IOException {
        Proposal p = currentProposal.get();
        show(coding.reject(p));
        currentProposal.set(null);
        refreshProposals();
    }

    private void refreshProposals() throws IOException {
        if (proposalSource != null) {
            setProposals(proposalSource.get());
        }
    }

    /** Where the saved proposals are read again after an accept, a reject, an undo or a redo. */
    public void setProposalSource(ProposalSource source) {
        this.proposalSource = source;
    }

    /** Reads the clip's saved proposals. */
    @FunctionalInterface
    public interface ProposalSource {
        List<Proposal> get() throws IOException;
    }

    private ProposalSource proposalSource;

    /** Who codes from now on: new events carry this name (events already coded keep theirs). */
    public void setAnnotator(String name) {
        coding.setCoder(name);
        show("coding as " + name);
    }

    /** Whether the other coders' events are hidden now (blind coding, and not comparing). */
    public boolean hidesOthers() {
        return coding.hidesOthers();
    }

    public boolean comparing() {
        return coding.comparing();
    }

    /** Shows the events as they are now (after a setting changed) with {@code text} as the message. */
    public void refresh(String text) {
        show(text);
    }

    /** Shows the other coders' events beside one's own (View > Compare coders), or hides them again. */
    public void compare(boolean on) {
        show(coding.compare(on));
    }

    /** The coders of this clip, and the one coding now. */
    public java.util.SortedSet<String> coders() {
        return coding.coders();
    }

    /**
     * The event of another coder that best matches {@code e} (IoU of at least 0.5, the agreement's rule), or null:
     * what a consensus is made with.
     */
    public Event matchOf(Event e) {
        Event best = null;
        double bestIou = 0;
        for (Event other : coding.allEvents()) {
            if (e == null || other.id() == e.id() || java.util.Objects.equals(other.coder(), e.coder())
                    || Coding.CONSENSUS.equals(other.coder())) {
                continue;
            }
            double iou = dev.glimpse.agreement.EventMatching.iou(e, other);
            if (iou >= dev.glimpse.agreement.EventMatching.MIN_IOU && iou > bestIou) {
                best = other;
                bestIou = iou;
            }
        }
        return best;
    }

    /** Makes a consensus event of {@code a} and {@code b}: frames and label each from the one picked; undoable. */
    public void consensus(Event a, Event b, boolean framesOfA, boolean labelOfA) throws IOException {
        show(coding.consensus(a, b, framesOfA, labelOfA));
    }

    public ObservableList<Event> events() {
        return events;
    }

    public ObjectProperty<Event> currentProperty() {
        return current;
    }

    public ObjectProperty<String> messageProperty() {
        return message;
    }

    public void newEvent() {
        show(coding.newEvent());
    }

    public void markOnset(int frame) throws IOException {
        show(coding.mark(Coding.Mark.ONSET, frame));
    }

    public void markApex(int frame) throws IOException {
        show(coding.mark(Coding.Mark.APEX, frame));
    }

    public void markOffset(int frame) throws IOException {
        show(coding.mark(Coding.Mark.OFFSET, frame));
    }

    /** Codes the current event's label, confidence (0-1, or null) and notes. */
    public void code(String scheme, String label, Double confidence, String notes) throws IOException {
        show(coding.code(scheme, label, confidence, notes));
    }

    /** Codes the current event's action units from text as annotators write them (e.g. {@code AU6B + AU12C}). */
    public void codeActionUnits(String text) throws IOException {
        show(coding.codeActionUnits(text));
    }

    /** Deletes the event being coded (Delete, or the event list's menu); undoable, saved before shown. */
    public void deleteCurrent() throws IOException {
        show(coding.delete(current.get()));
    }

    /** Moves one boundary (onset, apex or offset) of {@code e} to {@code frame}: dragged on the timeline; undoable. */
    public void move(Event e, Coding.Mark which, int frame) throws IOException {
        show(coding.move(e, which, frame));
    }

    /** Clears the message: the person has moved on, so what it said is no longer news. */
    public void clearMessage() {
        message.set("");
    }

    /** Deletes {@code e}; undoable, saved before shown. */
    public void delete(Event e) throws IOException {
        show(coding.delete(e));
    }

    /**
     * The marks of an event not saved yet (onset only, say), null where not set: the timeline draws them so a
     * half-marked event is seen. Null when the current event is saved.
     */
    public Integer[] pendingMarks() {
        return coding.current() == null ? coding.marks() : null;
    }

    /** Makes {@code e} the event being coded (clicking its span on the timeline). */
    public void select(Event e) {
        show(coding.select(e));
    }

    public boolean canUndo() {
        return coding.canUndo();
    }

    public boolean canRedo() {
        return coding.canRedo();
    }

    public void undo() throws IOException {
        show(coding.undo());
        refreshProposals();
    }

    public void redo() throws IOException {
        show(coding.redo());
        refreshProposals();
    }

    /** After every call: the saved list (only after its commit), the current event and the message. */
    private void show(String text) {
        if (!events.equals(coding.events())) {
            events.setAll(coding.events());
        }
        current.set(coding.current());
        message.set(text);
    }
}
