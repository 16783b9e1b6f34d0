package dev.glimpse.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.analysis.Analysis;
import dev.glimpse.annotation.ActionUnit;
import dev.glimpse.annotation.Event;
import dev.glimpse.clip.VideoFileWriter;
import dev.glimpse.store.Project;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's File menu, recent files, relinking and bad input, headless, on real videos and projects. */
@ExtendWith(ApplicationExtension.class)
class GlimpseWindowTest {
    Path dir;
    Path first;
    Path second;
    Path db;
    Path weights;
    Stage stage;
    ScriptedDialogs dialogs = new ScriptedDialogs();
    GlimpseWindow window;

    /** Answers the window's questions from a script, and keeps what it was told. */
    static final class ScriptedDialogs implements Dialogs {
        final Deque<Optional<Path>> paths = new ArrayDeque<>();
        final Deque<Boolean> answers = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final Deque<String> texts = new ArrayDeque<>();

        private Optional<Path> next(String title) {
            asked.add(title);
            return paths.isEmpty() ? Optional.empty() : paths.pop();
        }

        @Override
        public Optional<Path> openFile(String title, String kind, List<String> extensions) {
            return next(title);
        }

        @Override
        public Optional<Path> openFolder(String title) {
            return next(title);
        }

        @Override
        public Optional<Path> saveFile(String title, String suggestedName, String kind, List<String> extensions) {
            return next(title);
        }

        @Override
        public void error(String header, String text) {
            errors.add(header + ": " + text);
        }

        @Override
        public Optional<String> askText(String header, String text, String initial) {
            asked.add(header);
            return texts.isEmpty() ? Optional.empty() : Optional.of(texts.pop());
        }

        @Override
        public boolean confirm(String header, String text, String yes, String no) {
            asked.add(header);
            return !answers.isEmpty() && answers.pop();
        }
    }

    static void video(Path file, int frames, int offset) throws Exception {
        // a face (an analysis needs one to read) carrying each frame's number
        dev.glimpse.testing.Faces.Renderer faces = dev.glimpse.testing.Faces.renderer(frames + offset, 128, 96);
        try (VideoFileWriter w = VideoFileWriter.open(file, 128, 96, 25, 10, VideoFileWriter.Kind.MP4_BFRAMES)) {
            for (int n = 0; n < frames; n++) {
                w.write(faces.frame(n + offset));
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("glimpse-window");
        first = dir.resolve("first.mp4");
        second = dir.resolve("second.mp4");
        video(first, 40, 0);
        video(second, 30, 500);
        db = dir.resolve("study.glimpse");
        weights = dev.glimpse.testing.TinyWeights.write(dir.resolve("weights"), "tiny", 4);
        window = newWindow(stage, dialogs);
        stage.setScene(new Scene(window, 1100, 790));
        stage.show();
    }

    GlimpseWindow newWindow(Stage s, Dialogs d) {
        return new GlimpseWindow(s, d, dir, weights.toString(), "cpu", second,
                dir.resolve("default.glimpse"));
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            window.close();
            return null;
        });
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    /** Starts an opening on the UI thread and waits until it is done (the clip opens in the background). */
    static boolean opened(Callable<java.util.concurrent.CompletableFuture<Boolean>> open) throws Exception {
        boolean ok = fx(open).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return ok;
    }

    /** Waits until an opening started by a menu, a drop or a dialog is done. */
    void awaitOpen() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> window.opening()).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Clicks the node showing this text once it is on screen: a view just replaced gets its list cells at the
     * next layout pulse, which on a loaded machine comes after the events the test has waited for.
     */
    static void clickWhenShown(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup(query).tryQuery().filter(javafx.scene.Node::isVisible).isPresent());
        robot.clickOn(query);
    }

    void fire(String id) throws Exception {
        fx(() -> {
            MenuBar bar = (MenuBar) window.lookup("#menus");
            MenuItem item = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                    .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
            item.fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Ctrl+Enter on the view, and the analysis once it is on screen with its graph. */
    Analysis analyse(FxRobot robot) throws Exception {
        fx(() -> {
            window.view().requestFocus();
            return null;
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        return shownWithGraph();
    }

    Analysis shownWithGraph() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> {
            Analysis shown = window.view().analysis().resultProperty().get();
            return shown != null && !shown.nodes().isEmpty();
        }));
        return fx(() -> window.view().analysis().resultProperty().get());
    }

    void markEvent(FxRobot robot, int onset, int apex, int offset) throws Exception {
        fx(() -> {
            window.view().requestFocus();
            return null;
        });
        fx(() -> {
            window.view().viewer().indexProperty().set(onset);
            return null;
        });
        robot.type(KeyCode.O);
        fx(() -> {
            window.view().viewer().indexProperty().set(apex);
            return null;
        });
        robot.type(KeyCode.A);
        fx(() -> {
            window.view().viewer().indexProperty().set(offset);
            return null;
        });
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void openAVideoFromTheMenuThenTheFirstAgainFromRecentFilesWithItsEvents(FxRobot robot) throws Exception {
        // the clip opens in the background: the window shows its progress at once, its UI thread free
        var opening = fx(() -> {
            var f = window.open(db, first);
            assertTrue(window.lookup("#opening") != null, "the progress is shown while the clip opens");
            return f;
        });
        assertTrue(opening.get(60, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> window.lookup("#opening") == null && window.view() != null), "then the clip replaces it");
        markEvent(robot, 5, 8, 12);
        long firstId = fx(() -> window.session().project().clips().all().get(0).id());
        // the checksum that relinks a moved clip is computed in the background, and is the file's SHA-256
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(first)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.session().project().clips().all().get(0).sha256()).equals(expected));
        assertEquals(1, fx(() -> window.session().project().events().of(firstId).size()));

        dialogs.paths.push(Optional.of(second));
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL); // the accelerator, not the O key
        awaitOpen();
        assertEquals(List.of("Open a video"), dialogs.asked);
        assertEquals(second, fx(() -> window.clipPath()));
        assertTrue(stage.getTitle().contains("second.mp4") && stage.getTitle().contains("study.glimpse"), stage.getTitle());
        assertEquals(1, fx(() -> window.session().project().events().of(firstId).size()), "Ctrl+O marked no onset");
        assertTrue(fx(() -> window.view().annotation().events().isEmpty()));

        List<Path> recent = new RecentFiles(dir.resolve("recent.txt")).list();
        assertEquals(List.of(db, second, first), recent.subList(0, 3));
        opened(() -> window.openPath(first));
        assertEquals(first, fx(() -> window.clipPath()));
        assertEquals(List.of(5), fx(() -> window.view().annotation().events().stream().map(Event::onset).toList()));
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());

        // the event's action units, typed into their field: the letters go to the field, not to O/A/F
        clickWhenShown(robot, "5 - 8 - 12"); // the event in the list
        robot.clickOn("#aus").write("AU6B + AU12C").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Event coded = fx(() -> window.session().project().events().of(firstId).get(0));
        assertEquals(List.of(new ActionUnit("6", "B"), new ActionUnit("12", "C")), coded.actionUnits());
        assertEquals(5, coded.onset(), "typing A and F in the field marked nothing");
    }

    @Test
    void weightsTrainedFromTheModelMenuAnalyseTheOpenClip(FxRobot robot) throws Exception {
        assertTrue(opened(() -> window.open(db, first)));
        markEvent(robot, 5, 8, 12);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.view().analysis().statusProperty().get())
                .contains("weights"));
        String before = fx(() -> window.view().analysis().statusProperty().get());

        // a folder that holds no weights is refused, naming it, and the weights in use stay
        dialogs.paths.push(Optional.of(dir));
        fire("use-weights");
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Not a weights folder: " + dir), dialogs.errors.get(0));
        assertEquals(before, fx(() -> window.view().analysis().statusProperty().get()));
        dialogs.errors.clear();

        Path data = dir.resolve("synthetic");
        dev.glimpse.dataset.synth.SyntheticDataset.write(data, new dev.glimpse.dataset.synth.SyntheticDataset.Options(
                "casme2", 3, 2, List.of(dev.glimpse.dataset.synth.Emotion.HAPPINESS, dev.glimpse.dataset.synth.Emotion.SURPRISE,
                dev.glimpse.dataset.synth.Emotion.DISGUST), 30, 64, "mp4", 0, 5));
        Path out = dir.resolve("trained");
        fire("train-weights");
        dialogs.paths.push(Optional.of(data));
        clickWhenShown(robot, "#root-choose");
        dialogs.paths.push(Optional.of(out));
        clickWhenShown(robot, "#out-choose");
        fx(() -> {
            robot.lookup("#preset").queryAs(javafx.scene.control.ChoiceBox.class).setValue("tiny");
            robot.lookup("#scheme").queryAs(javafx.scene.control.ChoiceBox.class).setValue("casme2-3");
            robot.lookup("#epochs").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(3);
            return null;
        });
        clickWhenShown(robot, "#start");
        javafx.scene.control.Button use = robot.lookup("#use").queryButton();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !use.isDisabled()));
        assertTrue(fx(() -> robot.lookup("#training-message").queryLabeled().getText()).startsWith("Wrote " + out));
        assertTrue(Files.isDirectory(dir.resolve("prepared-clips")), "clips prepared in the window's data folder");
        robot.clickOn(use);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.view().analysis().statusProperty().get())
                .contains("weights atm-gcn-tiny-casme2 (trained on synthetic data"));
        assertEquals(first, fx(() -> window.clipPath()), "the same clip, with its events");
        assertEquals(1, fx(() -> window.view().annotation().events().size()));
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }

    /** A second coder's events imported from a CSV: hidden while coding blind, compared, agreed on, merged in. */
    @Test
    void aSecondCodersEventsAreImportedComparedAndAgreedOn(FxRobot robot) throws Exception {
        assertTrue(opened(() -> window.open(db, first)));
        markEvent(robot, 5, 8, 12);
        Path csv = dir.resolve("bob.csv");
        Files.writeString(csv, "path,onset,apex,offset,label\n" + first.getFileName() + ",5,9,13,happiness\n"
                + first.getFileName() + ",5,12,3,broken\n");
        dialogs.paths.push(Optional.of(csv));
        dialogs.texts.push("bob");
        fire("import-sheet");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !dialogs.errors.isEmpty()));
        awaitOpen();
        assertEquals(1, dialogs.errors.size(), dialogs.errors.toString());
        assertTrue(dialogs.errors.get(0).contains("row 3:"), "the broken row is said with its number: " + dialogs.errors);
        dialogs.errors.clear();
        long clip = fx(() -> window.session().project().clips().all().get(0).id());
        assertEquals(2, fx(() -> window.session().project().events().of(clip).size()));
        assertEquals(1, fx(() -> window.view().annotation().events().size()), "bob's event hidden: blind");

        toggle("compare-coders");
        assertEquals(2, fx(() -> window.view().annotation().events().size()), "comparing shows bob's");
        toggle("compare-coders");
        assertEquals(1, fx(() -> window.view().annotation().events().size()));
        toggle("blind-coding"); // the project stops coding blind
        assertEquals(2, fx(() -> window.view().annotation().events().size()));
        toggle("blind-coding");

        fire("agreement");
        WaitForAsyncUtils.waitForFxEvents();
        String report = fx(() -> robot.lookup("#agreement-text").queryAs(javafx.scene.control.TextArea.class).getText());
        assertTrue((report.contains(" and bob") || report.contains("bob and ")) && report.contains("matched 1"), report);
        assertTrue(report.contains("what the numbers mean"), report);
        Path saved = dir.resolve("agreement");
        dialogs.paths.push(Optional.of(saved));
        fx(() -> {
            robot.lookup("#agreement-save").queryButton().fire();
            return null;
        });
        assertTrue(Files.exists(saved.resolve("agreement.csv")));
        try (var pngs = Files.list(saved)) {
            assertEquals(2, pngs.filter(f -> f.toString().endsWith(".png")).count());
        }
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());

        // the session report of the clip, without faces, written in the background
        Path pdf = dir.resolve("session.pdf");
        dialogs.answers.push(false);
        dialogs.paths.push(Optional.of(pdf));
        fire("session-report");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.view().annotation().messageProperty().get())
                .startsWith("report written"));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("bob") && text.contains("Agreement between the coders"), text);
        }

        // the clip's events for ELAN, and back: nothing new (every event is there already)
        Path eaf = dir.resolve("first.eaf");
        dialogs.paths.push(Optional.of(eaf));
        fire("export-eaf");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.view().annotation().messageProperty().get())
                .startsWith("exported 2 events"));
        assertTrue(Files.readString(eaf).contains("ANNOTATION_DOCUMENT"), "written");
        dialogs.paths.push(Optional.of(eaf));
        dialogs.texts.push("");
        fire("import-sheet");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> window.view().annotation().messageProperty().get())
                .startsWith("imported 0 events"));
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        assertEquals(2, fx(() -> window.session().project().events().of(clip).size()), "imported twice, added once");

        // OpenFace's tracks of the clip, under the timeline; another clip's file is refused by name
        Path wrong = dev.glimpse.openface.OpenFaceCsvTestFiles.write(dir.resolve("other-clip.csv"), 41);
        dialogs.paths.push(Optional.of(wrong));
        fire("import-openface");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialogs.errors.isEmpty());
        assertTrue(dialogs.errors.get(0).contains("other-clip.csv") && dialogs.errors.get(0).contains("first.mp4 has 40"),
                dialogs.errors.get(0));
        dialogs.errors.clear();
        assertFalse(fx(() -> robot.lookup("#au-tracks").query().isVisible()));
        dialogs.paths.push(Optional.of(dev.glimpse.openface.OpenFaceCsvTestFiles.write(dir.resolve("first.csv"), 40)));
        fire("import-openface");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#au-tracks").query().isVisible()));
        javafx.scene.image.Image tracks = fx(() -> robot.lookup("#au-tracks").query().snapshot(null, null));
        int blue = 0;
        for (int x = 0; x < (int) tracks.getWidth(); x++) {
            for (int y = 0; y < (int) tracks.getHeight(); y++) {
                javafx.scene.paint.Color c = tracks.getPixelReader().getColor(x, y);
                blue += c.getBlue() > 0.55 && c.getRed() < 0.45 ? 1 : 0;
            }
        }
        assertTrue(blue > 30, "AU12 is drawn: " + blue);

        // merging a project into itself is refused in the window, naming the file
        dialogs.paths.push(Optional.of(db));
        fire("merge-project");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !dialogs.errors.isEmpty()));
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("the project being merged into"), dialogs.errors.get(0));
    }

    void toggle(String id) throws Exception {
        fx(() -> {
            MenuBar bar = (MenuBar) window.lookup("#menus");
            var item = (javafx.scene.control.CheckMenuItem) bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                    .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
            item.setSelected(!item.isSelected());
            item.fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aClipThatCannotBeReadIsNamedAndTheWindowStaysAsItWas(FxRobot robot) throws Exception {
        assertTrue(opened(() -> window.open(db, first)));
        markEvent(robot, 5, 8, 12);
        Path bad = Files.writeString(dir.resolve("not-a-video.mp4"), "text, not a video");
        dialogs.paths.push(Optional.of(bad));
        fire("open-video");
        awaitOpen();
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains(bad.toString()), dialogs.errors.get(0));
        assertEquals(first, fx(() -> window.clipPath()));
        robot.type(KeyCode.N);
        markEvent(robot, 20, 22, 25); // the project is still open and saving
        assertEquals(2, fx(() -> window.view().annotation().events().size()));

        // a project held by another window is refused, and this one stays open
        dialogs.errors.clear();
        Path other = dir.resolve("other.glimpse");
        try (Project held = Project.open(other)) {
            opened(() -> window.openProject(other));
            assertTrue(dialogs.errors.get(0).contains("another Glimpse"), dialogs.errors.toString());
            assertEquals(db, fx(() -> window.session().project().file()));
        }
    }

    /** Closes the window and opens a new one, as a restart of the program would. */
    void restart() throws Exception {
        fx(() -> {
            window.close();
            window = newWindow(stage, dialogs);
            stage.setScene(new Scene(window, 1100, 790));
            return null;
        });
    }

    @Test
    void aProjectWhoseClipMovedIsRelinkedToTheSameFileOnlyAndKeepsItsEvents(FxRobot robot) throws Exception {
        assertTrue(opened(() -> window.open(db, first)));
        markEvent(robot, 5, 8, 12);
        Path moved = Files.createDirectories(dir.resolve("moved")).resolve("renamed.mp4");
        restart();
        Files.move(first, moved);

        // the user locates it: relinked after the checksum matched, and the event is there
        dialogs.answers.push(true);
        dialogs.paths.push(Optional.of(moved));
        assertTrue(opened(() -> window.openProject(db)));
        assertTrue(dialogs.asked.contains("The clip has moved or been deleted"), dialogs.asked.toString());
        assertEquals(moved, fx(() -> window.clipPath()));
        assertEquals(moved.toString(), fx(() -> window.session().project().clips().all().get(0).path()));
        assertEquals(List.of(5), fx(() -> window.view().annotation().events().stream().map(Event::onset).toList()));

        // moved again, and this time the user points at another video: refused, nothing relinked, and the
        // project opens on the default clip instead
        Path again = dir.resolve("again.mp4");
        restart();
        Files.move(moved, again);
        dialogs.answers.push(true);
        dialogs.paths.push(Optional.of(second));
        assertTrue(opened(() -> window.openProject(db)));
        assertTrue(dialogs.errors.get(0).startsWith("Not the same clip"), dialogs.errors.toString());
        assertEquals(moved.toString(), fx(() -> window.session().project().clips().all().get(0).path()));
        assertEquals(second, fx(() -> window.clipPath()), "the default clip");
    }

    @Test
    void reopeningTheProjectBringsBackTheClipItsEventsAndTheirLastAnalysis(FxRobot robot) throws Exception {
        assertTrue(opened(() -> window.open(db, first)));
        markEvent(robot, 5, 8, 12);
        List<Double> shown = analyse(robot).probabilities();

        restart();
        assertTrue(opened(() -> window.openProject(db)), "the project alone: its last clip comes back");
        assertEquals(first, fx(() -> window.clipPath()));
        assertTrue(fx(() -> window.view().analysis().resultProperty().get() == null), "no event chosen yet");
        long saved = fx(() -> window.session().project().analyses().latest(window.session().project().events().of(window.session().project().clips().all().get(0).id())
                .get(0).id()).orElseThrow().id());
        clickWhenShown(robot, "5 - 8 - 12");
        WaitForAsyncUtils.waitForFxEvents();
        String message = fx(() -> window.view().analysis().messageProperty().get());
        assertTrue(message.startsWith("saved analysis of"), message);
        // the same weights: the heatmaps and the graph come back, computed again, and nothing is saved twice
        List<Double> again = shownWithGraph().probabilities();
        for (int c = 0; c < shown.size(); c++) {
            assertEquals(shown.get(c), again.get(c), 1e-6);
        }
        assertTrue(fx(() -> window.view().analysis().messageProperty().get()).endsWith("computed again with the same weights"));
        assertEquals(saved, (long) fx(() -> window.session().project().analyses().latest(window.session().project().events().of(
                window.session().project().clips().all().get(0).id()).get(0).id()).orElseThrow().id()));

        // the event's frames changed after its analysis: the saved numbers stay as they were, with a word why
        fx(() -> {
            Event e = window.session().project().events().of(window.session().project().clips().all().get(0).id()).get(0);
            window.session().project().events().update(new Event(e.id(), e.clipId(), 0, 8, 20, e.coder(), e.label(), e.scheme(), e.actionUnits(), e.confidence(), e.notes()));
            return null;
        });
        restart();
        assertTrue(opened(() -> window.openProject(db)));
        clickWhenShown(robot, "0 - 8 - 20");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> fx(() -> window.view().analysis().messageProperty().get()).contains("the event has changed since"));
        assertTrue(fx(() -> window.view().analysis().resultProperty().get().nodes().isEmpty()));
        assertEquals(shown, fx(() -> window.view().analysis().resultProperty().get().probabilities()));
    }

    @Test
    void theNetworkLoadsOnceAndServesEveryClipOpenedAfter(FxRobot robot) throws Exception {
        assertTrue(opened(() -> window.open(db, first)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> fx(() -> window.view().analysis().statusProperty().get().contains("weights")));
        assertTrue(opened(() -> window.open(db, second)));
        String status = fx(() -> window.view().analysis().statusProperty().get());
        assertTrue(status.contains("weights"), "the next clip finds the network loaded: " + status);
        markEvent(robot, 3, 6, 9);
        assertEquals(second.toString(), analyse(robot).clip());
    }

    @Test
    void newProjectTakesTheClipOnScreenAndTheViewExportsAsAPng(FxRobot robot) throws Exception {
        assertTrue(opened(() -> window.open(db, first)));
        markEvent(robot, 5, 8, 12);
        // the coder names themselves once; new events carry the name, and it is kept for the next start
        dialogs.texts.push("  Dr. Okafor ");
        fire("annotator");
        fx(() -> {
            window.view().requestFocus();
            return null;
        });
        robot.type(KeyCode.N);
        markEvent(robot, 20, 22, 25);
        List<String> coders = fx(() -> window.session().project().events().of(window.session().project().clips().all().get(0).id()).stream()
                .map(Event::coder).toList());
        assertEquals(List.of(System.getProperty("user.name"), "Dr. Okafor"), coders);
        assertEquals("Dr. Okafor", Files.readString(dir.resolve("annotator.txt")).strip());
        Path fresh = dir.resolve("fresh");
        dialogs.paths.push(Optional.of(fresh));
        fire("new-project");
        awaitOpen();
        assertEquals(dir.resolve("fresh.glimpse"), fx(() -> window.session().project().file()));
        assertEquals(first, fx(() -> window.clipPath()));
        assertTrue(fx(() -> window.view().annotation().events().isEmpty()), "a new project starts empty");
        assertTrue(Files.exists(db), "the old project is untouched");

        Path png = dir.resolve("view.png");
        dialogs.paths.push(Optional.of(png));
        fire("export-view");
        BufferedImage img = ImageIO.read(png.toFile());
        double w = fx(() -> window.view().getWidth());
        assertEquals((int) Math.round(w), img.getWidth());
        assertTrue(img.getHeight() > 300, "the whole view, not just the frame: " + img.getHeight());
        assertFalse(dialogs.errors.stream().anyMatch(e -> e.contains("Not exported")), dialogs.errors.toString());
    }
}
