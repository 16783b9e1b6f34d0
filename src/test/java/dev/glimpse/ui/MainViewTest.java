package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.annotation.Event;
import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.FrameImage;
import dev.glimpse.clip.VideoFileSource;
import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.session.AnalysisEngine;
import dev.glimpse.session.ProjectSession;
import dev.glimpse.store.Project;
import dev.glimpse.testing.Barcode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless: a generated video whose frames carry their numbers, keys, and the project file. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    static Path dir;
    static Path video;
    ProjectSession session;
    Project project;
    ViewerViewModel viewer;
    AnalysisViewModel analysis;
    AnalysisEngine engine;
    MainView view;
    SpottingViewModel spotting;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("glimpse-ui");
        video = dir.resolve("session.mp4");
        dev.glimpse.testing.Faces.Renderer faces = dev.glimpse.testing.Faces.renderer(60, 128, 96);
        try (VideoFileWriter w = VideoFileWriter.open(video, 128, 96, 25, 10, VideoFileWriter.Kind.MP4_BFRAMES)) {
            for (int n = 0; n < 60; n++) {
                w.write(faces.frame(n)); // a face, for the analysis, carrying its frame number
            }
        }
        session = ProjectSession.open(dir.resolve("study.glimpse"));
        project = session.project();
        ProjectSession.OpenedClip clip = session.openClip(video);
        viewer = new ViewerViewModel(clip.source(), Platform::runLater);
        Path weights = dev.glimpse.testing.TinyWeights.write(dir.resolve("weights"), "tiny", 4);
        engine = new AnalysisEngine(weights.toString(), "cpu");
        analysis = new AnalysisViewModel(session.analysing(video, engine), Platform::runLater);
        AnnotationViewModel coding = new AnnotationViewModel(session.coding(clip.clip(), "tester"));
        spotting = new SpottingViewModel(session.spotting(clip.clip(), clip.path()), coding, Platform::runLater);
        coding.setProposalSource(session.spotting(clip.clip(), clip.path())::proposals);
        view = new MainView(viewer, coding, analysis, spotting);
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
        view.requestFocus();
    }

    @AfterEach
    void close() throws Exception {
        analysis.close();
        engine.close();
        viewer.close();
        session.close();
    }

    /** The number carried by the frame on screen. */
    int shownNumber() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> view.shownImage()).get(30, TimeUnit.SECONDS);
        PixelReader r = img.getPixelReader();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        byte[] bgra = new byte[w * h * 4];
        r.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getByteBgraInstance(), bgra, 0, w * 4);
        byte[] rgb = new byte[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            rgb[p * 3] = bgra[p * 4 + 2];
            rgb[p * 3 + 1] = bgra[p * 4 + 1];
            rgb[p * 3 + 2] = bgra[p * 4];
        }
        return Barcode.read(new FrameImage(w, h, rgb));
    }

    byte[] shownRgb() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> view.shownImage()).get(30, TimeUnit.SECONDS);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        byte[] bgra = new byte[w * h * 4];
        img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getByteBgraInstance(), bgra, 0, w * 4);
        return bgra;
    }

    @Test
    void analysingAnEventStoresItShowsTheHeatmapAndTheGraphJumpsToANodesFrame(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> analysis.statusProperty().get().contains("weights"));
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().contains("untrained"));
        for (int[] mark : new int[][] {{4, 'O'}, {9, 'A'}, {16, 'F'}}) {
            WaitForAsyncUtils.asyncFx(() -> viewer.goToFrame(mark[0])).get();
            waitForFrame(mark[0]);
            robot.type(KeyCode.getKeyCode(String.valueOf((char) mark[1])));
        }
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#analyse");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> analysis.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var stored = project.analyses().latest(project.events().of(project.clips().all().get(0).id()).get(0).id()).orElseThrow();
        assertEquals(analysis.resultProperty().get().weights().sha256(), stored.weightsSha256());
        assertEquals(7, analysis.resultProperty().get().nodes().size());
        assertTrue(robot.lookup("#verdict").queryAs(Label.class).getText().contains("untrained"));

        // the face box the analysis used is drawn over the frame: its edge painted, its inside left clear
        var box = analysis.faceBox();
        assertEquals("detected", box.source());
        WritableImage layer = WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
            p.setFill(javafx.scene.paint.Color.TRANSPARENT);
            return view.faceBoxLayer().snapshot(p, null);
        }).get(30, TimeUnit.SECONDS);
        javafx.geometry.Bounds shown = robot.lookup("#frame").query().getBoundsInParent();
        double k = shown.getWidth() / view.shownImage().getWidth();
        int midY = (int) (shown.getMinY() + (box.y() + box.size() / 2.0) * k);
        int edgeX = (int) (shown.getMinX() + box.x() * k + 1); // the middle of the 2-pixel stroke
        int centreX = (int) (shown.getMinX() + (box.x() + box.size() / 2.0) * k);
        assertTrue(layer.getPixelReader().getColor(edgeX, midY).getOpacity() > 0.5, "the box's left edge is drawn");
        assertEquals(0, layer.getPixelReader().getColor(centreX, midY).getOpacity(), 1e-9, "the face is not covered");

        // on a node's frame the heatmap changes what is shown; switched off, the frame is the frame again
        int nodeFrame = analysis.resultProperty().get().nodes().get(2).frame();
        WaitForAsyncUtils.asyncFx(() -> viewer.goToFrame(nodeFrame)).get();
        waitForFrame(nodeFrame);
        byte[] withHeatmap = shownRgb();
        robot.clickOn("#heatmap");
        byte[] without = shownRgb();
        assertTrue(!java.util.Arrays.equals(withHeatmap, without), "the overlay shows");
        assertEquals(nodeFrame, shownNumber(), "without the overlay, the frame carries its own number");

        // a click on a graph node takes the viewer to that node's frame
        int target = analysis.resultProperty().get().nodes().get(5).frame();
        double[] c = WaitForAsyncUtils.asyncFx(() -> view.analysisPanel().nodeCentre(5)).get();
        javafx.geometry.Bounds b = robot.lookup("#graph").query().localToScreen(
                robot.lookup("#graph").query().getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(b.getMinX() + c[0], b.getMinY() + c[1]));
        waitForFrame(target);
        assertEquals(target, viewer.frameNumber());
    }

    void waitForFrame(int number) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> viewer.frameProperty().get() != null
                && Barcode.read(viewer.frameProperty().get()) == number);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The Delete key deletes the current event, saved before shown; Ctrl+Z brings it back. */
    @Test
    void theDeleteKeyDeletesTheCurrentEventAndUndoBringsItBack(FxRobot robot) throws Exception {
        waitForFrame(0);
        robot.type(KeyCode.RIGHT, 3);
        waitForFrame(3);
        robot.type(KeyCode.O);
        robot.type(KeyCode.RIGHT, 2);
        waitForFrame(5);
        robot.type(KeyCode.A);
        robot.type(KeyCode.RIGHT, 4);
        waitForFrame(9);
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        long clip = project.clips().all().get(0).id();
        assertEquals(1, project.events().of(clip).size());
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(project.events().of(clip).isEmpty(), "deleted, and saved so");
        assertTrue(robot.lookup("#message").queryAs(Label.class).getText().startsWith("deleted event 3-5-9"));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, project.events().of(clip).size(), "Ctrl+Z brought it back");
        assertEquals("undone: event 3-5-9 deleted", robot.lookup("#message").queryAs(Label.class).getText());
    }

    /** An event's offset dragged on the timeline: saved, said, undoable; a drag past the apex's order is refused. */
    @Test
    void draggingAnEventsBoundaryOnTheTimelineMovesItUndoablyAndStaleMessagesClear(FxRobot robot) throws Exception {
        waitForFrame(0);
        for (int[] mark : new int[][] {{3, 'O'}, {5, 'A'}, {9, 'F'}}) {
            WaitForAsyncUtils.asyncFx(() -> viewer.goToFrame(mark[0])).get();
            waitForFrame(mark[0]);
            robot.type(KeyCode.getKeyCode(String.valueOf((char) mark[1])));
        }
        WaitForAsyncUtils.waitForFxEvents();
        long clip = project.clips().all().get(0).id();
        javafx.scene.canvas.Canvas canvas = robot.lookup("#timeline").queryAs(javafx.scene.canvas.Canvas.class);
        TimelineView timeline = (TimelineView) canvas.getParent();
        double cell = canvas.getWidth() / 60;
        double offsetEdge = WaitForAsyncUtils.asyncFx(() -> timeline.xOf(10)).get(); // the right edge of frame 9
        robot.drag(fxPoint(canvas, offsetEdge - 1, 20)).moveTo(fxPoint(canvas, offsetEdge + 2 * cell, 20))
                .moveTo(fxPoint(canvas, WaitForAsyncUtils.asyncFx(() -> timeline.xOf(14)).get() + cell / 2, 20)).drop();
        WaitForAsyncUtils.waitForFxEvents();
        Event moved = project.events().of(clip).get(0);
        assertEquals(List.of(3, 5, 14), List.of(moved.onset(), moved.apex(), moved.offset()), "saved where it was let go");
        assertEquals("saved: offset of event 3-5-9 moved from 9 to 14", robot.lookup("#message").queryAs(Label.class).getText());

        // the apex dragged before the onset: refused, said, and the saved event is as it was
        double apexLine = WaitForAsyncUtils.asyncFx(() -> timeline.xOf(5)).get() + cell / 2;
        robot.drag(fxPoint(canvas, apexLine, 20)).moveTo(fxPoint(canvas, apexLine - cell, 20))
                .moveTo(fxPoint(canvas, WaitForAsyncUtils.asyncFx(() -> timeline.xOf(1)).get() + cell / 2, 20)).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#message").queryAs(Label.class).getText().startsWith("not saved"));
        assertEquals(moved, project.events().of(clip).get(0));

        // a stale message goes with the next action
        robot.interact(view::requestFocus);
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", robot.lookup("#message").queryAs(Label.class).getText());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(9, project.events().of(clip).get(0).offset(), "undone, and saved so");
        assertEquals("undone: offset of event 3-5-9 moved from 9 to 14", robot.lookup("#message").queryAs(Label.class).getText());
    }

    /** The spotter's proposals with the keys: P goes to the next at its apex, Enter accepts, Delete rejects, Ctrl+Z undoes. */
    @Test
    void proposalsAreSteppedAcceptedAndRejectedWithTheKeys(FxRobot robot) throws Exception {
        waitForFrame(0);
        long clip = project.clips().all().get(0).id();
        var saved = project.proposals().replaceOpen(clip, 0, 59, List.of(
                new dev.glimpse.annotation.Proposal(0, clip, 10, 13, 18, 2.5, "micro", "open", null),
                new dev.glimpse.annotation.Proposal(0, clip, 30, 36, 50, 1.4, "macro", "open", null)), "{}", 0);
        robot.interact(() -> view.annotation().setProposals(saved));
        assertEquals(2, robot.lookup("#proposals").queryListView().getItems().size(), "listed beside the events");
        robot.type(KeyCode.P);
        waitForFrame(13);
        assertEquals(13, shownNumber(), "at the first proposal's apex");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Event accepted = project.events().of(clip).get(0);
        assertEquals(List.of(10, 13, 18), List.of(accepted.onset(), accepted.apex(), accepted.offset()));
        assertTrue(robot.lookup("#message").queryAs(Label.class).getText().contains("accepted as an event"));
        assertEquals(1, robot.lookup("#proposals").queryListView().getItems().size());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(project.events().of(clip).isEmpty(), "undone");
        assertEquals(2, robot.lookup("#proposals").queryListView().getItems().size(), "open again");

        robot.type(KeyCode.P); // from frame 13: the next is the macro proposal at 36
        waitForFrame(36);
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("rejected", project.proposals().of(clip).stream().filter(p -> p.onset() == 30).findFirst().orElseThrow().status());
        assertEquals(1, robot.lookup("#proposals").queryListView().getItems().size(), "a rejected proposal is hidden");
        assertTrue(project.events().of(clip).isEmpty(), "Delete rejected the proposal, it deleted no event");
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("no proposal after this frame", robot.lookup("#message").queryAs(Label.class).getText());

        // the first one accepted again, then every accepted event analysed in one job and saved with it
        robot.type(KeyCode.HOME);
        waitForFrame(0);
        robot.type(KeyCode.P);
        waitForFrame(13);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        long eventId = project.events().of(clip).get(0).id();
        robot.interact(view::analyseAccepted);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> project.analyses().latest(eventId).isPresent());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !analysis.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(analysis.messageProperty().get().startsWith("analysed 1 accepted events"), analysis.messageProperty().get());
    }

    /** A frame number typed wrong is said in the window (it used to throw on the console and show nothing). */
    @Test
    void goingToAFrameThatIsNotThereIsSaidInTheWindow(FxRobot robot) throws Exception {
        waitForFrame(0);
        robot.clickOn("#goto").write("abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("'abc' is not a frame number", robot.lookup("#message").queryAs(Label.class).getText());
        javafx.scene.control.TextField field = robot.lookup("#goto").queryAs(javafx.scene.control.TextField.class);
        robot.interact(field::clear);
        robot.clickOn("#goto").write("600").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        String said = robot.lookup("#message").queryAs(Label.class).getText();
        assertTrue(said.contains("no frame numbered 600") && said.contains("0 to 59"), said);
        robot.interact(field::clear);
        robot.clickOn("#goto").write("42").type(KeyCode.ENTER);
        waitForFrame(42);
        assertEquals(42, shownNumber());
    }

    @Test
    void keysStepFrameExactlyAndOafSavesAnEventThatSurvivesReopening(FxRobot robot) throws Exception {
        waitForFrame(0);
        assertEquals(0, shownNumber());
        robot.type(KeyCode.RIGHT);
        waitForFrame(1);
        assertEquals(1, shownNumber());
        assertTrue(robot.lookup("#position").queryAs(Label.class).getText().startsWith("frame 1 of 0..59"));
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        waitForFrame(11);
        assertEquals(11, shownNumber());
        robot.type(KeyCode.END);
        waitForFrame(59);
        robot.type(KeyCode.HOME);
        waitForFrame(0);
        robot.type(KeyCode.LEFT); // stays at the first frame
        waitForFrame(0);

        // code an event: onset 3, apex 7, offset 12
        for (int k = 0; k < 3; k++) {
            robot.type(KeyCode.RIGHT);
        }
        waitForFrame(3);
        robot.type(KeyCode.O);
        for (int k = 0; k < 4; k++) {
            robot.type(KeyCode.RIGHT);
        }
        waitForFrame(7);
        robot.type(KeyCode.A);
        for (int k = 0; k < 5; k++) {
            robot.type(KeyCode.RIGHT);
        }
        waitForFrame(12);
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#message").queryAs(Label.class).getText().startsWith("saved"));

        // the event is in the database file, committed: a second reader sees it
        List<Event> saved = project.events().of(project.clips().all().get(0).id());
        assertEquals(1, saved.size());
        assertEquals(3, saved.get(0).onset());
        assertEquals(7, saved.get(0).apex());
        assertEquals(12, saved.get(0).offset());
        assertEquals("tester", saved.get(0).coder());

        // move the apex, undo it, redo it
        robot.type(KeyCode.LEFT, KeyCode.LEFT); // frame 10
        waitForFrame(10);
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10, project.events().of(project.clips().all().get(0).id()).get(0).apex());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(7, project.events().of(project.clips().all().get(0).id()).get(0).apex());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10, project.events().of(project.clips().all().get(0).id()).get(0).apex());

        // an invalid mark is refused and nothing changes: apex after offset
        robot.type(KeyCode.END);
        waitForFrame(59);
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#message").queryAs(Label.class).getText().startsWith("not saved"));
        assertEquals(10, project.events().of(project.clips().all().get(0).id()).get(0).apex());
    }

    @Test
    void theTimelineZoomsDownToSingleFramesAndAClickShowsExactlyThatFrame(FxRobot robot) throws Exception {
        waitForFrame(0);
        javafx.scene.canvas.Canvas timeline = robot.lookup("#timeline").queryAs(javafx.scene.canvas.Canvas.class);
        // all 60 frames: a click a third of the way in lands near frame 20, not on a chosen frame
        for (int k = 0; k < 4; k++) {
            robot.type(KeyCode.EQUALS); // zoom in around the playhead
        }
        WaitForAsyncUtils.waitForFxEvents();
        // zoomed in to 12 frames from frame 0: each a cell of width / 12; the middle of cell 7 is frame 7
        double w = timeline.getWidth();
        javafx.geometry.Point2D cell7 = fxPoint(timeline, w * 7.5 / 12, 20);
        robot.clickOn(cell7);
        waitForFrame(7);
        assertEquals(7, shownNumber());
        javafx.geometry.Point2D cell8 = fxPoint(timeline, w * 8.5 / 12, 20);
        robot.clickOn(cell8);
        waitForFrame(8);
        assertEquals(8, shownNumber());
        // stepping past the visible frames scrolls the timeline with the playhead; zoom out shows all again
        robot.type(KeyCode.END);
        waitForFrame(59);
        for (int k = 0; k < 4; k++) {
            robot.type(KeyCode.MINUS);
        }
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(fxPoint(timeline, 2, 20));
        waitForFrame(0);

        // dragging along the timeline shows frames as it goes; letting go shows exactly the frame under the mouse
        robot.drag(fxPoint(timeline, 2, 20)).moveTo(fxPoint(timeline, w * 0.5, 20)).moveTo(fxPoint(timeline, w * 40.5 / 60, 20))
                .drop();
        waitForFrame(40);
        assertEquals(40, shownNumber());
        assertTrue(robot.lookup("#position").queryAs(Label.class).getText().startsWith("frame 40 of"));
    }

    static javafx.geometry.Point2D fxPoint(javafx.scene.Node node, double x, double y) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> node.localToScreen(x, y)).get(30, TimeUnit.SECONDS);
    }
}
