package dev.glimpse.ui;

import dev.glimpse.annotation.Event;
import dev.glimpse.annotation.Proposal;
import dev.glimpse.session.Coding;
import java.io.IOException;
import javafx.collections.ListChangeListener;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The zoomable timeline under the frame: the clip's frames at the scale {@link TimelineScale} keeps, the events
 * as spans with their apex marked, frame ticks and numbers, and the playhead. Painted at render time from the
 * view-models (nothing of it is state of its own but the zoom); a click selects an event or shows that exact
 * frame, a drag scrubs through keyframes and shows the exact frame where it is let go, a drag that starts on an
 * event's onset edge, apex line or offset edge moves that boundary (one saved, undoable edit), the wheel zooms at
 * the mouse and Shift+wheel (or a horizontal wheel) scrolls.
 */
final class TimelineView extends Pane {
    private final ViewerViewModel viewer;
    private final AnnotationViewModel annotation;
    private final SpottingViewModel spotting;
    /** The narrowest an event is drawn, in pixels, however far the timeline is zoomed out. */
    static final double MIN_SPAN = 6;
    private final Canvas canvas = new Canvas(800, 62);
    /** OpenFace's AU tracks, in a band under the timeline on the same frame scale; shown only when there are some. */
    private final Canvas tracksCanvas = new Canvas(800, TRACKS);
    static final double TRACKS = 46;
    private final OpenFaceViewModel openFace;
    private final TimelineScale scale;
    private int scrubTarget = -1;
    /** A boundary being dragged: which event, which mark, and the frame (index) it is over now. */
    private Event dragged;
    private Coding.Mark draggedMark;
    private int dragIndex = -1;
    /** How near (pixels) the mouse must be to an onset, apex or offset to take hold of it. */
    static final double HANDLE = 5;

    TimelineView(ViewerViewModel viewer, AnnotationViewModel annotation, SpottingViewModel spotting,
                 OpenFaceViewModel openFace) {
        this.viewer = viewer;
        this.annotation = annotation;
        this.spotting = spotting;
        this.openFace = openFace;
        tracksCanvas.setId("au-tracks");
        tracksCanvas.setLayoutY(62);
        tracksCanvas.widthProperty().bind(widthProperty());
        tracksCanvas.setVisible(false);
        getChildren().add(tracksCanvas);
        openFace.shown().addListener((ListChangeListener<String>) c -> {
            boolean any = !openFace.shown().isEmpty();
            tracksCanvas.setVisible(any);
            setMinHeight(any ? 62 + TRACKS : 62);
            setPrefHeight(any ? 62 + TRACKS : 62);
            draw();
        });
        annotation.proposals().addListener((ListChangeListener<Proposal>) c -> draw());
        annotation.currentProposalProperty().addListener((obs, old, now) -> draw());
        spotting.outcomeProperty().addListener((obs, old, now) -> draw());
        this.scale = new TimelineScale(viewer.frameCount());
        canvas.setId("timeline");
        getChildren().add(canvas);
        setMinHeight(62);
        setPrefHeight(62);
        canvas.widthProperty().bind(widthProperty());
        canvas.widthProperty().addListener((obs, o, n) -> draw());
        openFace.tracksProperty().addListener((obs, o, n) -> draw());
        viewer.indexProperty().addListener((obs, old, now) -> {
            scale.follow(now.intValue());
            draw();
        });
        annotation.currentProperty().addListener((obs, old, now) -> draw());
        annotation.events().addListener((ListChangeListener<Event>) c -> draw());
        annotation.messageProperty().addListener((obs, old, now) -> draw()); // a mark of an event not saved yet
        canvas.setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                click(e.getX());
            }
        });
        canvas.setOnMouseMoved(e -> canvas.setCursor(handleAt(e.getX()) != null ? Cursor.H_RESIZE : Cursor.DEFAULT));
        canvas.setOnMousePressed(e -> {
            annotation.clearMessage(); // a new action: the last one's message is stale now
            Handle h = handleAt(e.getX());
            dragged = h == null ? null : h.event();
            draggedMark = h == null ? null : h.mark();
            dragIndex = -1;
        });
        canvas.setOnMouseDragged(e -> {
            if (dragged != null) {
                dragIndex = scale.index(Math.max(0, Math.min(canvas.getWidth() - 1, e.getX())), canvas.getWidth());
                viewer.indexProperty().set(dragIndex); // the frame the boundary would move to, exact
                draw();
            } else {
                scrub(e.getX());
            }
        });
        canvas.setOnMouseReleased(e -> {
            if (dragged != null) {
                Event event = dragged;
                Coding.Mark mark = draggedMark;
                int index = dragIndex;
                dragged = null;
                dragIndex = -1;
                if (index >= 0) {
                    try {
                        annotation.move(event, mark, viewer.numberAt(index)); // saved and undoable, or refused and said
                    } catch (IOException ex) {
                        annotation.messageProperty().set("not saved: " + ex.getMessage());
                    }
                }
                draw();
            } else if (scrubTarget >= 0) {
                viewer.indexProperty().set(scrubTarget); // the exact frame where the user let go
                scrubTarget = -1;
            }
        });
        canvas.setOnScroll(this::wheel);
        draw();
    }

    /** Zooms in (factor above 1) or out around the playhead. */
    void zoom(double factor) {
        scale.zoom(factor, viewer.index());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        double cell = scale.cell(w);
        int first = scale.first();
        int last = Math.min(viewer.frameCount(), first + scale.visible()) - 1;
        g.setFill(Color.web("#f2f2f2"));
        g.fillRect(0, 0, w, h);
        drawSignal(g, w, h, first, last);
        drawProposals(g, w, h, first, last);
        for (Event e : annotation.events()) {
            int on = viewer.indexOf(e.onset());
            int apex = viewer.indexOf(e.apex());
            int off = viewer.indexOf(e.offset());
            if (e == dragged && dragIndex >= 0) { // drawn where it is being dragged to
                switch (draggedMark) {
                    case ONSET -> on = dragIndex;
                    case APEX -> apex = dragIndex;
                    case OFFSET -> off = dragIndex;
                    default -> { }
                }
            }
            if (off < first || on > last) {
                continue;
            }
            double x0 = scale.x(on, w);
            // at least MIN_SPAN px wide: a 7-frame event on a 2-minute clip would otherwise be a hairline
            double span = Math.max(MIN_SPAN, scale.x(off + 1, w) - x0);
            boolean current = e == annotation.currentProperty().get();
            g.setFill(current ? Color.web("#2f6db3") : Color.web("#9bbde3"));
            g.fillRect(x0, 6, span, h - 38); // events above, the spotter's proposals in the lane below
            if (current) { // the event the keys edit: outlined as well as darker
                g.setStroke(Color.web("#0b2e59"));
                g.setLineWidth(2);
                g.strokeRect(x0 + 1, 7, Math.max(1, span - 2), h - 40);
            }
            g.setFill(Color.web("#d8572a"));
            g.fillRect(scale.x(apex, w) + Math.max(0, cell / 2 - 1), 4, 2, h - 34);
        }
        drawPendingMarks(g, w, h, cell, first, last);
        // frame ticks once frames are wide enough to see, and numbers at a round step at least 60 px apart
        g.setStroke(Color.web("#b0b0b0"));
        g.setLineWidth(1);
        if (cell >= 4) {
            for (int i = first; i <= last; i++) {
                double x = Math.floor(scale.x(i, w)) + 0.5;
                g.strokeLine(x, h - 16, x, h - 12);
            }
        }
        int step = labelStep(cell);
        g.setFill(Color.web("#404040"));
        g.setFont(Font.font(10));
        for (long k = ((long) first + step - 1) / step * step; k <= last; k += step) {
            int i = (int) k;
            double x = scale.x(i, w);
            g.strokeLine(Math.floor(x) + 0.5, h - 16, Math.floor(x) + 0.5, h - 10);
            g.fillText(String.valueOf(viewer.numberAt(i)), x + 2, h - 1);
        }
        // the playhead: the frame's whole cell when zoomed in, a line otherwise
        g.setFill(Color.color(0, 0, 0, cell >= 4 ? 0.35 : 1));
        g.fillRect(cell >= 4 ? scale.x(viewer.index(), w) : scale.x(viewer.index(), w) - 1, 0, Math.max(2, cell), h - 14);
        drawTracks(first, last);
    }

    /** The AU tracks chosen, intensity 0-5 from the band's foot to its top, aligned frame for frame with the events. */
    private void drawTracks(int first, int last) {
        if (openFace.shown().isEmpty() || openFace.tracksProperty().get() == null) {
            return;
        }
        GraphicsContext g = tracksCanvas.getGraphicsContext2D();
        double w = tracksCanvas.getWidth();
        double h = tracksCanvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        Color[] colours = {Color.web("#2f6db3"), Color.web("#d8572a"), Color.web("#3a8f3a"), Color.web("#7b52ab")};
        int step = Math.max(1, (last - first + 1) / (int) Math.max(1, w));
        g.setFont(Font.font(10));
        int k = 0;
        for (String unit : openFace.shown()) {
            float[] t = openFace.tracksProperty().get().track(unit);
            Color c = colours[k % colours.length];
            g.setStroke(c);
            g.setLineWidth(1.2);
            double px = -1;
            double py = 0;
            for (int i = first; i <= last && i < t.length; i += step) {
                if (Float.isNaN(t[i])) {
                    px = -1; // no face there: a gap, not a zero
                    continue;
                }
                double x = scale.x(i, w) + scale.cell(w) / 2;
                double y = h - 3 - (h - 8) * t[i] / 5.0;
                if (px >= 0) {
                    g.strokeLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.setFill(c);
            g.fillText(unit, 4 + 40 * k, 11);
            k++;
        }
        g.setFill(Color.color(0, 0, 0, 0.35)); // the playhead, continued
        g.fillRect(scale.x(viewer.index(), w), 0, Math.max(1, scale.cell(w)), h);
    }

    /**
     * The spotter's motion signal of its last run, as a curve in the top band, aligned frame for frame: its height
     * is how far the face's motion stood above its own noise (the top of the band is twice the threshold).
     */
    private void drawSignal(GraphicsContext g, double w, double h, int first, int last) {
        var o = spotting.outcomeProperty().get();
        if (o == null) {
            return;
        }
        float[] s = o.signal();
        double top = 2 * dev.glimpse.spotting.SpottingParameters.DEFAULT.sensitivity();
        double band = h - 18;
        g.setStroke(Color.web("#7b52ab"));
        g.setLineWidth(1);
        double px = -1;
        double py = 0;
        int step = Math.max(1, (last - first + 1) / (int) Math.max(1, w)); // about one point a pixel
        for (int i = Math.max(first, o.first()); i <= last && i - o.first() < s.length; i += step) {
            float v = s[i - o.first()];
            if (Float.isNaN(v)) {
                px = -1;
                continue;
            }
            double x = scale.x(i, w) + scale.cell(w) / 2;
            double y = 2 + band * (1 - Math.min(1, Math.max(0, v) / top));
            if (px >= 0) {
                g.strokeLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
    }

    /** Open proposals as ghost events: an outline in the lower band, the current one filled, the apex marked. */
    private void drawProposals(GraphicsContext g, double w, double h, int first, int last) {
        Proposal current = annotation.currentProposalProperty().get();
        for (Proposal p : annotation.proposals()) {
            int on;
            int off;
            int apex;
            try {
                on = viewer.indexOf(p.onset());
                off = viewer.indexOf(p.offset());
                apex = viewer.indexOf(p.apex());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (off < first || on > last) {
                continue;
            }
            double x0 = scale.x(on, w);
            double span = Math.max(MIN_SPAN, scale.x(off + 1, w) - x0);
            boolean isCurrent = current != null && current.id() == p.id();
            if (Proposal.REJECTED.equals(p.status())) { // shown only when asked for: grey, struck through
                g.setStroke(Color.web("#909090"));
                g.setLineWidth(isCurrent ? 2 : 1);
                g.strokeRect(x0 + 0.5, h - 29.5, Math.max(1, span - 1), 11);
                g.strokeLine(x0, h - 24, x0 + span, h - 24);
                continue;
            }
            g.setFill(isCurrent ? Color.color(0.95, 0.6, 0.1, 0.55) : Color.color(0.95, 0.6, 0.1, 0.18));
            g.fillRect(x0, h - 30, span, 12);
            g.setStroke(Color.web("#c06000"));
            g.setLineWidth(isCurrent ? 2 : 1);
            g.setLineDashes(isCurrent ? null : new double[] {3, 2});
            g.strokeRect(x0 + 0.5, h - 29.5, Math.max(1, span - 1), 11);
            g.setLineDashes((double[]) null);
            g.fillRect(scale.x(apex, w) + Math.max(0, scale.cell(w) / 2 - 1), h - 32, 2, 16);
        }
    }

    /** The marks of an event not saved yet (onset only, say): a labelled line each, so a half-marked event is seen. */
    private void drawPendingMarks(GraphicsContext g, double w, double h, double cell, int first, int last) {
        Integer[] marks = annotation.pendingMarks();
        if (marks == null) {
            return;
        }
        String[] names = {"O", "A", "F"};
        g.setFont(Font.font(10));
        for (int m = 0; m < 3; m++) {
            if (marks[m] == null) {
                continue;
            }
            int i;
            try {
                i = viewer.indexOf(marks[m]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (i < first || i > last) {
                continue;
            }
            double x = scale.x(i, w) + Math.max(0, cell / 2 - 1);
            g.setFill(Color.web("#2e8b57"));
            g.fillRect(x, 2, 2, h - 16);
            g.fillText(names[m], x + 3, 12);
        }
    }

    /** The smallest round step (1, 2, 5, 10, 20, 50, ...) of frames that puts labels 60 px apart. */
    static int labelStep(double cell) {
        if (!(cell > 0)) {
            return Integer.MAX_VALUE; // not laid out yet: no labels
        }
        for (int base = 1; base < 100_000_000; base *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (base * m * cell >= 60) {
                    return base * m;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * The wheel zooms at the mouse; Shift+wheel scrolls. JavaFX on Linux turns Shift+wheel into a horizontal
     * delta (deltaY 0), elsewhere it keeps the vertical one: whichever is not zero is taken.
     */
    private void wheel(ScrollEvent e) {
        double w = canvas.getWidth();
        if (e.isShiftDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            double d = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            scale.scroll((int) Math.round(-Math.signum(d) * Math.max(1, scale.visible() / 10)));
        } else if (e.getDeltaY() != 0) {
            scale.zoom(e.getDeltaY() > 0 ? 1.5 : 1 / 1.5, scale.index(e.getX(), w));
        }
        draw();
        e.consume();
    }

    /**
     * Dragging along the timeline shows the keyframe at or before the frame under the mouse, which decodes
     * at once even in long-GOP video, labelled with its own number; letting go shows the exact frame.
     */
    private void scrub(double x) {
        int target = scale.index(Math.max(0, Math.min(canvas.getWidth() - 1, x)), canvas.getWidth());
        scrubTarget = target;
        int key = viewer.keyframeAtOrBefore(target);
        viewer.indexProperty().set(key >= scale.first() ? key : target);
    }

    /** A boundary of an event that the mouse can take hold of. */
    private record Handle(Event event, Coding.Mark mark) {}

    /** The onset edge, apex line or offset edge nearest {@code x} within {@link #HANDLE} px (the current event's first). */
    private Handle handleAt(double x) {
        double w = canvas.getWidth();
        Event current = annotation.currentProperty().get();
        java.util.List<Event> order = new java.util.ArrayList<>(annotation.events());
        if (current != null && order.remove(current)) {
            order.add(0, current);
        }
        for (Event e : order) {
            double x0 = scale.x(viewer.indexOf(e.onset()), w);
            double x1 = x0 + Math.max(MIN_SPAN, scale.x(viewer.indexOf(e.offset()) + 1, w) - x0);
            double xa = scale.x(viewer.indexOf(e.apex()), w) + Math.max(0, scale.cell(w) / 2);
            Handle best = null;
            double nearest = HANDLE;
            double[] at = {x0, xa, x1};
            Coding.Mark[] marks = {Coding.Mark.ONSET, Coding.Mark.APEX, Coding.Mark.OFFSET};
            for (int m = 0; m < 3; m++) {
                if (Math.abs(x - at[m]) <= nearest) {
                    nearest = Math.abs(x - at[m]);
                    best = new Handle(e, marks[m]);
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    /** The first and last frame index the timeline shows. */
    int[] visibleRange() {
        return new int[] {scale.first(), Math.min(viewer.frameCount(), scale.first() + scale.visible()) - 1};
    }

    /** Where frame {@code index}'s cell begins on the timeline, in its own pixels (for tests). */
    double xOf(int index) {
        return scale.x(index, canvas.getWidth());
    }

    private void click(double x) {
        double w = canvas.getWidth();
        int index = scale.index(x, w);
        for (Event e : annotation.events()) {
            double x0 = scale.x(viewer.indexOf(e.onset()), w);
            double span = Math.max(MIN_SPAN, scale.x(viewer.indexOf(e.offset()) + 1, w) - x0);
            if (x >= x0 && x < x0 + span && e != annotation.currentProperty().get()) { // as drawn, however narrow
                annotation.select(e);
                viewer.goToFrame(e.onset());
                return;
            }
        }
        viewer.indexProperty().set(index); // inside the current event, or outside any: that exact frame
    }
}
