package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.session.AnalysisEngine;
import dev.glimpse.session.ProjectSession;
import dev.glimpse.testing.Faces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A 1080p clip in windows of 1024 x 700, 1366 x 768 and 1920 x 1080: the video scales to the space it is given, and
 * every control a person needs is inside the window, with room to be used.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutTest {
    static final List<String> CONTROLS = List.of("#frame", "#timeline", "#events", "#analyse", "#analysis-help",
            "#heatmap", "#opacity", "#graph", "#goto", "#label", "#aus", "#notes", "#message", "#status");
    Stage stage;
    ProjectSession session;
    AnalysisEngine engine;
    ViewerViewModel viewer;
    AnalysisViewModel analysis;
    MainView view;
    SpottingViewModel spotting;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("glimpse-layout");
        Path video = dir.resolve("hd.avi");
        Faces.Renderer faces = Faces.renderer(6, 1920, 1080);
        try (VideoFileWriter w = VideoFileWriter.open(video, 1920, 1080, 25, 3, VideoFileWriter.Kind.AVI_MJPEG)) {
            for (int n = 0; n < 6; n++) {
                w.write(faces.frame(n));
            }
        }
        session = ProjectSession.open(dir.resolve("layout.glimpse"));
        ProjectSession.OpenedClip clip = session.openClip(video);
        viewer = new ViewerViewModel(clip.source(), Platform::runLater);
        engine = new AnalysisEngine(dev.glimpse.testing.TinyWeights.write(dir.resolve("w"), "tiny", 4).toString(), "cpu");
        analysis = new AnalysisViewModel(session.analysing(video, engine), Platform::runLater);
        AnnotationViewModel coding = new AnnotationViewModel(session.coding(clip.clip(), "tester"));
        spotting = new SpottingViewModel(session.spotting(clip.clip(), clip.path()), coding, Platform::runLater);
        view = new MainView(viewer, coding, analysis, spotting);
        stage.setScene(new Scene(view, 1024, 700));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        analysis.close();
        engine.close();
        viewer.close();
        session.close();
    }

    @Test
    void everyControlIsInsideTheWindowAtEverySize(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> viewer.frameProperty().get() != null);
        for (int[] size : new int[][] {{1024, 700}, {1366, 768}, {1920, 1080}}) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
                view.getScene().getRoot().applyCss();
                view.getScene().getRoot().layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            double w = view.getScene().getWidth();
            double h = view.getScene().getHeight();
            for (String id : CONTROLS) {
                Node n = robot.lookup(id).query();
                Bounds b = n.localToScene(n.getBoundsInLocal());
                String where = id + " at " + size[0] + " x " + size[1] + ": " + b;
                assertTrue(n.isVisible(), where + " is hidden");
                assertTrue(b.getWidth() >= 8 && b.getHeight() >= 8, where + " is squashed");
                assertTrue(b.getMinX() >= -0.5 && b.getMinY() >= -0.5 && b.getMaxX() <= w + 0.5 && b.getMaxY() <= h + 0.5,
                        where + " is outside the " + w + " x " + h + " scene");
                // inside the analysis panel's scroll pane: within what it shows, not scrolled out of sight
                Node scroll = robot.lookup("#analysis-scroll").query();
                for (Node p = n.getParent(); p != null; p = p.getParent()) {
                    if (p == scroll) {
                        Bounds port = scroll.localToScene(scroll.getBoundsInLocal());
                        assertTrue(b.getMaxY() <= port.getMaxY() + 0.5, where + " is scrolled out of sight (" + port + ")");
                    }
                }
            }
            Bounds frame = robot.lookup("#frame").query().getBoundsInParent();
            assertTrue(frame.getWidth() <= w * 0.8, "the video does not take the whole width at " + size[0]);
        }
        // the video grows with the window
        double small;
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        small = robot.lookup("#frame").query().getBoundsInParent().getWidth();
        robot.interact(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
        });
        WaitForAsyncUtils.waitForFxEvents();
        double big = robot.lookup("#frame").query().getBoundsInParent().getWidth();
        assertTrue(big > small * 1.3, "the video scales with the window: " + small + " -> " + big);
    }
}
