package dev.glimpse.ui;

import dev.glimpse.annotation.Event;
import dev.glimpse.clip.CropBox;
import dev.glimpse.clip.FrameImage;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Alert;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.util.Duration;

/**
 * The main window's content: the frame, its number and time, a timeline with the events as spans,
 * the event list, and keyboard-first navigation and coding. It only binds to the view-models.
 */
public final class MainView extends BorderPane {
    static final String SHORTCUTS = String.join("\n",
            "Space            play / pause",
            "Left / Right     one frame back / forward",
            "Shift+Left/Right ten frames",
            "Home / End       first / last frame",
            "O / A / F        onset / apex / offset of the current event at this frame",
            "N                new event",
            "drag an edge      move an event's onset, apex or offset on the timeline (undoable)",
            "Delete           delete the current event (Ctrl+Z brings it back)",
            "Ctrl+F           find micro-expressions in the clip (Model menu; Esc stops)",
            "P / Shift+P      next / previous proposal of the spotter, at its apex",
            "Enter / Delete   accept the proposal as an event / reject it (Ctrl+Z undoes either)",
            "Ctrl+Z           undo",
            "Ctrl+Shift+Z     redo",
            "Ctrl+G           go to frame",
            "+ / -            zoom the timeline in / out around the playhead",
            "wheel            zoom the timeline at the mouse (Shift+wheel: scroll)",
            "Ctrl+Enter       analyse the current event with ATM-GCN",
            "Ctrl+T           train weights (Model menu)",
            "Ctrl+Shift+K     compare coders: show the other coders' events (Coders menu)",
            "Ctrl+Shift+A     agreement between the coders (Coders menu)",
            "F1               this help");

    private final ViewerViewModel viewer;
    private final AnnotationViewModel annotation;
    private final AnalysisViewModel analysis;
    private final SpottingViewModel spotting;
    private final AnalysisPanel analysisPanel;
    private final javafx.scene.layout.StackPane videoPane = new javafx.scene.layout.StackPane();
    private final Label status = new Label();
    private final ImageView image = new ImageView();
    private final Canvas faceBox = new Canvas();
    private final Label position = new Label();
    private final Label message = new Label();
    private final TextField goTo = new TextField();
    private final TimelineView timeline;
    private final OpenFaceViewModel openFace = new OpenFaceViewModel();
    private final ComboBox<Double> rate = new ComboBox<>();
    private final Timeline player = new Timeline();
    private WritableImage buffer;

    public MainView(ViewerViewModel viewer, AnnotationViewModel annotation, AnalysisViewModel analysis,
                    SpottingViewModel spotting) {
        this.viewer = viewer;
        this.annotation = annotation;
        this.analysis = analysis;
        this.spotting = spotting;
        this.analysisPanel = new AnalysisPanel(analysis, () -> analysis.analyze(annotation.currentProperty().get()),
                viewer::goToFrame);
        annotation.currentProperty().addListener((o, a, e) -> {
            analysisPanel.setAnnotatorLabel(e == null ? null : e.label());
            if (a == null || e == null || a.id() != e.id()) {
                analysis.showSaved(e); // another event: its own saved analysis, not the last one's
            }
        });
        status.setId("status");
        status.textProperty().bind(analysis.statusProperty());
        analysis.resultProperty().addListener((o, a, b) -> show(viewer.frameProperty().get()));
        analysis.heatmapOnProperty().addListener((o, a, b) -> show(viewer.frameProperty().get()));
        analysis.opacityProperty().addListener((o, a, b) -> show(viewer.frameProperty().get()));
        analysis.colorsProperty().addListener((o, a, b) -> show(viewer.frameProperty().get()));
        image.setPreserveRatio(true);
        image.setId("frame");
        // the video takes the space it is given, never the other way round: it fits its pane, which the split
        // pane sizes (a 1280-pixel frame no longer pushes the event list and the analysis off the window)
        image.fitWidthProperty().bind(videoPane.widthProperty());
        image.fitHeightProperty().bind(videoPane.heightProperty());
        videoPane.setMinSize(160, 120);
        // the face box the shown analysis used, drawn over the frame at render time (the frame's pixels untouched);
        // unmanaged, so it never sizes the pane
        faceBox.setId("face-box");
        faceBox.setManaged(false);
        faceBox.setMouseTransparent(true);
        faceBox.widthProperty().bind(videoPane.widthProperty());
        faceBox.heightProperty().bind(videoPane.heightProperty());
        image.boundsInParentProperty().addListener((o, a, b) -> drawFaceBox());
        faceBox.widthProperty().addListener((o, a, b) -> drawFaceBox()); // the layer resized after the frame moved
        faceBox.heightProperty().addListener((o, a, b) -> drawFaceBox());
        analysis.resultProperty().addListener((o, a, b) -> drawFaceBox());
        videoPane.getChildren().addAll(image, faceBox);
        position.setId("position");
        message.setId("message");
        goTo.setId("goto");
        goTo.setPromptText("go to frame");
        goTo.setPrefColumnCount(7);
        goTo.setOnAction(e -> {
            String text = goTo.getText().trim();
            try {
                viewer.goToFrame(Integer.parseInt(text));
                goTo.getParent().requestFocus();
            } catch (NumberFormatException ex) { // the message is bound to the coding's: said there, in the window
                annotation.messageProperty().set("'" + text + "' is not a frame number");
            } catch (RuntimeException ex) {
                annotation.messageProperty().set(ex.getMessage());
            }
        });
        rate.getItems().addAll(0.1, 0.25, 0.5, 1.0, 2.0);
        rate.setValue(1.0);
        rate.setFocusTraversable(false);
        position.textProperty().bind(viewer.positionProperty());
        message.textProperty().bind(annotation.messageProperty());
        viewer.frameProperty().addListener((obs, old, frame) -> show(frame));
        viewer.errorProperty().addListener((obs, old, err) -> {
            if (err != null) {
                annotation.messageProperty().set(err);
            } else if (old != null && old.equals(annotation.messageProperty().get())) {
                annotation.clearMessage(); // a frame decoded again: the decoding error is over
            }
        });
        timeline = new TimelineView(viewer, annotation, spotting, openFace);
        spotting.messageProperty().addListener((o, a, text) -> annotation.messageProperty().set(text));
        openFace.messageProperty().addListener((o, a, text) -> annotation.messageProperty().set(text));

        ListView<Event> list = new ListView<>(annotation.events());
        list.setId("events");
        list.setFocusTraversable(false);
        list.setPrefWidth(240);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Event e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.onset() + " - " + e.apex() + " - " + e.offset()
                        + (e.label() == null ? "" : "  " + e.label()));
            }
        });
        javafx.scene.control.MenuItem remove = new javafx.scene.control.MenuItem("Delete event (Delete)");
        remove.setId("delete-event");
        remove.setOnAction(a -> {
            Event e = list.getSelectionModel().getSelectedItem();
            try {
                annotation.delete(e != null ? e : annotation.currentProperty().get());
            } catch (java.io.IOException ex) {
                annotation.messageProperty().set(ex.getMessage());
            }
        });
        list.setContextMenu(new javafx.scene.control.ContextMenu(remove));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, e) -> {
            if (e != null) {
                annotation.select(e);
                viewer.goToFrame(e.onset());
            }
        });
        // the spotter's open proposals, beside the events: a click makes one current and shows its apex
        ListView<dev.glimpse.annotation.Proposal> proposalList = new ListView<>(annotation.proposals());
        proposalList.setId("proposals");
        proposalList.setFocusTraversable(false);
        proposalList.setPrefWidth(200);
        proposalList.setPlaceholder(new Label("No proposals. Model > Find micro-expressions (Ctrl+F)"));
        proposalList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(dev.glimpse.annotation.Proposal p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : String.format(java.util.Locale.ROOT, "%s  %s  %.2f%s", p.frames(), p.kind(),
                        p.score(), dev.glimpse.annotation.Proposal.REJECTED.equals(p.status()) ? "  (rejected)" : ""));
            }
        });
        proposalList.getSelectionModel().selectedItemProperty().addListener((obs, old, p) -> {
            if (p != null) {
                annotation.currentProposalProperty().set(p);
                viewer.goToFrame(p.apex());
                requestFocus();
            }
        });
        annotation.currentProposalProperty().addListener((obs, old, p) -> {
            if (p == null) {
                proposalList.getSelectionModel().clearSelection();
            } else if (proposalList.getSelectionModel().getSelectedItem() != p) {
                proposalList.getSelectionModel().select(p);
            }
        });

        ComboBox<String> scheme = new ComboBox<>();
        scheme.getItems().addAll(dev.glimpse.dataset.ClassScheme.NAMES);
        scheme.setValue("casme2-5");
        scheme.setFocusTraversable(false);
        ComboBox<String> label = new ComboBox<>();
        label.setId("label");
        label.setPromptText("emotion");
        label.setFocusTraversable(false);
        scheme.valueProperty().addListener((o, a, b) -> label.getItems().setAll(dev.glimpse.dataset.ClassScheme.named(b).classes()));
        label.getItems().setAll(dev.glimpse.dataset.ClassScheme.named(scheme.getValue()).classes());
        label.setOnAction(ev -> {
            Event e = annotation.currentProperty().get();
            if (label.getValue() == null || e == null || label.getValue().equals(e.label())) {
                return;
            }
            try {
                annotation.code(scheme.getValue(), label.getValue(), e.confidence(), e.notes());
            } catch (java.io.IOException ex) {
                annotation.messageProperty().set(ex.getMessage());
            }
            requestFocus();
        });
        annotation.currentProperty().addListener((o, a, e) -> {
            if (e != null && e.scheme() != null) {
                scheme.setValue(e.scheme());
            }
            label.setValue(e == null ? null : e.label());
        });
        // the rest of an event's coding: action units with intensities, confidence, notes (Enter saves)
        TextField units = new TextField();
        units.setId("aus");
        units.setPromptText("AUs, e.g. AU6B + AU12C");
        units.setPrefColumnCount(14);
        TextField confidence = new TextField();
        confidence.setId("confidence");
        confidence.setPromptText("confidence 0-1");
        confidence.setPrefColumnCount(7);
        TextField notes = new TextField();
        notes.setId("notes");
        notes.setPromptText("notes");
        HBox.setHgrow(notes, Priority.ALWAYS);
        annotation.currentProperty().addListener((o, a, e) -> {
            units.setText(e == null ? "" : dev.glimpse.annotation.ActionUnits.format(e.actionUnits()));
            confidence.setText(e == null || e.confidence() == null ? "" : String.valueOf(e.confidence()));
            notes.setText(e == null ? "" : e.notes());
        });
        units.setOnAction(ev -> {
            try {
                annotation.codeActionUnits(units.getText());
            } catch (java.io.IOException ex) {
                annotation.messageProperty().set(ex.getMessage());
            }
            requestFocus();
        });
        Runnable codeDetails = () -> {
            Event e = annotation.currentProperty().get();
            if (e == null) {
                annotation.messageProperty().set("mark an event first (O, A, F)");
                return;
            }
            try {
                String c = confidence.getText().trim();
                annotation.code(e.scheme(), e.label(), c.isEmpty() ? null : Double.valueOf(c), notes.getText());
            } catch (NumberFormatException ex) {
                annotation.messageProperty().set("not saved: confidence must be a number between 0 and 1");
            } catch (java.io.IOException ex) {
                annotation.messageProperty().set(ex.getMessage());
            }
            requestFocus();
        };
        confidence.setOnAction(ev -> codeDetails.run());
        notes.setOnAction(ev -> codeDetails.run());
        HBox coding = new HBox(10, new Label("AUs"), units, confidence, notes);
        coding.setAlignment(Pos.CENTER_LEFT);
        HBox controls = new HBox(10, position, new Label("rate"), rate, goTo, scheme, label);
        controls.setAlignment(Pos.CENTER_LEFT);
        // messages on a line of their own, cut with an ellipsis: a long one never squashes the controls
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        javafx.scene.control.ProgressBar spotProgress = new javafx.scene.control.ProgressBar();
        spotProgress.setId("spotting-progress");
        spotProgress.progressProperty().bind(spotting.progressProperty());
        spotProgress.visibleProperty().bind(spotting.runningProperty());
        spotProgress.managedProperty().bind(spotting.runningProperty());
        spotProgress.setMaxWidth(Double.MAX_VALUE);
        VBox bottom = new VBox(4, timeline, spotProgress, controls, coding, message, status);
        bottom.setPadding(new Insets(4, 10, 6, 10));
        // split panes the person can drag, with sensible minimums: video | events and analysis
        javafx.scene.control.ScrollPane panel = new javafx.scene.control.ScrollPane(analysisPanel);
        panel.setId("analysis-scroll");
        panel.setFitToWidth(true);
        panel.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        panel.setMinWidth(230);
        // left: the video over the event list; right: the analysis, the whole height
        list.setMinHeight(60);
        javafx.scene.control.SplitPane lists = new javafx.scene.control.SplitPane(list, proposalList);
        lists.setDividerPositions(0.6);
        lists.setMinHeight(60);
        javafx.scene.control.SplitPane left = new javafx.scene.control.SplitPane(videoPane, lists);
        left.setOrientation(javafx.geometry.Orientation.VERTICAL);
        left.setDividerPositions(0.8);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(left, panel);
        split.setId("split");
        split.setDividerPositions(0.72);
        setCenter(split);
        setBottom(bottom);
        setFocusTraversable(true);
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        player.setCycleCount(Timeline.INDEFINITE);
        show(viewer.frameProperty().get());
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl && e.getCode() != KeyCode.ESCAPE) {
            return; // typing a frame number, action units or notes
        }
        if (e.isShortcutDown() && e.getCode() != KeyCode.Z && e.getCode() != KeyCode.G && e.getCode() != KeyCode.ENTER) {
            return; // Ctrl+O and the like belong to the menus
        }
        if (!e.getCode().isModifierKey()) {
            annotation.clearMessage(); // a new action: the last one's message is stale now (an action says its own)
        }
        try {
            int big = e.isShiftDown() ? 10 : 1;
            switch (e.getCode()) {
                case RIGHT -> viewer.step(big);
                case LEFT -> viewer.step(-big);
                case HOME -> viewer.first();
                case END -> viewer.last();
                case SPACE -> togglePlay();
                case O -> annotation.markOnset(viewer.frameNumber());
                case A -> annotation.markApex(viewer.frameNumber());
                case F -> annotation.markOffset(viewer.frameNumber());
                case N -> annotation.newEvent();
                case P -> { // the next proposal (Shift: the previous), shown at its apex
                    Integer apex = annotation.stepProposal(viewer.frameNumber(), !e.isShiftDown());
                    if (apex != null) {
                        viewer.goToFrame(apex);
                    }
                }
                case DELETE, BACK_SPACE -> {
                    if (annotation.currentProposalProperty().get() != null) {
                        annotation.rejectProposal();
                    } else {
                        annotation.deleteCurrent();
                    }
                }
                case Z -> {
                    if (e.isShortcutDown() && e.isShiftDown()) {
                        annotation.redo();
                    } else if (e.isShortcutDown()) {
                        annotation.undo();
                    } else {
                        return;
                    }
                }
                case G -> {
                    if (!e.isShortcutDown()) {
                        return;
                    }
                    goTo.requestFocus();
                }
                case F1 -> help();
                case EQUALS, ADD, PLUS -> timeline.zoom(2);
                case MINUS, SUBTRACT -> timeline.zoom(0.5);
                case ESCAPE -> {
                    if (spotting.runningProperty().get()) {
                        spotting.cancel();
                    }
                    requestFocus(); // out of a text field, back to the keys
                }
                case ENTER -> {
                    if (e.isShortcutDown()) {
                        analysis.analyze(annotation.currentProperty().get());
                    } else if (annotation.currentProposalProperty().get() != null) {
                        annotation.acceptProposal();
                    } else {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        } catch (java.io.IOException ex) {
            annotation.messageProperty().set(ex.getMessage()); // not saved, and the user is told
        }
        e.consume();
    }

    private void togglePlay() {
        if (player.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            player.stop();
            return;
        }
        double fps = viewer.fps() * rate.getValue();
        player.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / fps), ev -> {
            if (viewer.index() >= viewer.frameCount() - 1) {
                player.stop();
            } else {
                viewer.step(1);
            }
        }));
        player.play();
    }

    void help() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, SHORTCUTS);
        a.setHeaderText("Keyboard shortcuts");
        a.show();
    }

    private void show(FrameImage raw) {
        if (raw == null) {
            return;
        }
        FrameImage f = analysis.overlay(raw, viewer.frameNumber());
        if (buffer == null || buffer.getWidth() != f.width() || buffer.getHeight() != f.height()) {
            buffer = new WritableImage(f.width(), f.height());
            image.setImage(buffer);
            drawFaceBox();
        }
        buffer.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getByteRgbInstance(), f.rgb(), 0,
                f.width() * 3);
    }

    /** The analysis's face box, scaled to where the frame is drawn in its pane; nothing when no analysis is shown. */
    private void drawFaceBox() {
        GraphicsContext g = faceBox.getGraphicsContext2D();
        g.clearRect(0, 0, faceBox.getWidth(), faceBox.getHeight());
        CropBox box = analysis.faceBox();
        if (box == null || buffer == null || !box.fitsIn((int) buffer.getWidth(), (int) buffer.getHeight())) {
            return;
        }
        Bounds shown = image.getBoundsInParent();
        double k = shown.getWidth() / buffer.getWidth();
        double x = shown.getMinX() + box.x() * k;
        double y = shown.getMinY() + box.y() * k;
        double side = box.size() * k;
        boolean found = !"centre".equals(box.source());
        g.setStroke(found ? Color.web("#39d353") : Color.web("#ffb000"));
        g.setLineWidth(2);
        g.strokeRect(x + 1, y + 1, side - 2, side - 2);
        g.setFont(Font.font(11));
        String text = "face (" + switch (box.source()) {
            case "detected" -> "detected";
            case "dataset" -> "the dataset's crop";
            case "user" -> "given";
            default -> "none found: centre of the frame";
        } + ")";
        g.setFill(Color.color(0, 0, 0, 0.6));
        g.fillRect(x + 1, Math.max(0, y - 16), text.length() * 6.2 + 8, 15);
        g.setFill(Color.WHITE);
        g.fillText(text, x + 5, Math.max(11, y - 4));
    }

    /** The face box layer over the frame (for tests). */
    Canvas faceBoxLayer() {
        return faceBox;
    }

    /** Finds micro-expressions over the whole clip, in the background. */
    public void findAll() {
        spotting.find(0, viewer.frameCount() - 1);
    }

    /** Finds micro-expressions over the frames the timeline shows. */
    public void findVisible() {
        int[] range = timeline.visibleRange();
        spotting.find(range[0], range[1]);
    }

    /** Analyses every event that an accepted proposal became, in one background job. */
    public void analyseAccepted() {
        analysis.analyzeAll(annotation.acceptedEvents());
    }

    SpottingViewModel spotting() {
        return spotting;
    }

    ViewerViewModel viewer() {
        return viewer;
    }

    /** OpenFace's AU tracks under the timeline. */
    OpenFaceViewModel openFace() {
        return openFace;
    }

    AnnotationViewModel annotation() {
        return annotation;
    }

    AnalysisViewModel analysis() {
        return analysis;
    }

    AnalysisPanel analysisPanel() {
        return analysisPanel;
    }

    /** The frame under the playhead, as shown (for tests and export). */
    public WritableImage shownImage() {
        return buffer;
    }

}
