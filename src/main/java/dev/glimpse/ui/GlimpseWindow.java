package dev.glimpse.ui;

import dev.glimpse.analysis.Weights;
import dev.glimpse.annotation.Clip;
import dev.glimpse.annotation.Event;
import dev.glimpse.session.AnalysisEngine;
import dev.glimpse.session.Coding;
import dev.glimpse.session.ProjectSession;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window around {@link MainView}: the File menu (new and open project, open clip, recent files,
 * import and export, export of the view as PNG), drag and drop, and the one place where a project and a
 * clip are opened together. Opening is all or nothing: the new project and clip are opened first, and
 * only then is the old session closed, so a file that cannot be read leaves the window as it was.
 */
public final class GlimpseWindow extends BorderPane {
    private static final Logger LOG = LoggerFactory.getLogger(GlimpseWindow.class);
    static final List<String> VIDEO_EXTENSIONS = List.of("*.mp4", "*.mov", "*.avi", "*.mkv", "*.webm", "*.m4v", "*.mpg");

    private final Stage stage;
    private final Dialogs dialogs;
    private final RecentFiles recent;
    private String weights;
    private final String device;
    private AnalysisEngine engine;
    private final Path defaultClip;
    private final Path defaultProject;
    private final Menu openRecent = new Menu("Open recent");
    private final MenuItem annotatorItem = new MenuItem();
    private final javafx.scene.control.CheckMenuItem showRejected = new javafx.scene.control.CheckMenuItem("Show rejected proposals");
    /** Coders > Compare coders: the other coders' events shown beside one's own while coding blind. */
    private final javafx.scene.control.CheckMenuItem compare = new javafx.scene.control.CheckMenuItem("Compare coders");
    /** Coders > Code blind: the project's setting. */
    private final javafx.scene.control.CheckMenuItem blind = new javafx.scene.control.CheckMenuItem("Code blind (this project)");
    private final Path annotatorFile;
    private final Path dataDir;
    private TrainingViewModel training;
    private Stage trainingStage;
    private String annotator;
    private ProjectSession session;
    private Path clipPath;
    private ViewerViewModel viewer;
    private AnnotationViewModel annotation;
    private AnalysisViewModel analysis;
    private SpottingViewModel spotting;
    private MainView view;
    /** Clips open on this thread: a long video's first opening indexes all its frames. */
    private final ExecutorService opener = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glimpse-open");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> opening = CompletableFuture.completedFuture(true);
    private String openingName = "";

    /**
     * @param weights a weights folder, or null for the bundled ones
     * @param defaultClip the clip shown when a project has none yet (the bundled sample)
     * @param defaultProject the project a clip opens in when none is open
     * @param dataDir where the recent files and the annotator's name are kept
     */
    public GlimpseWindow(Stage stage, Dialogs dialogs, Path dataDir, String weights, String device, Path defaultClip,
                         Path defaultProject) {
        this.stage = stage;
        this.dialogs = dialogs;
        this.recent = new RecentFiles(dataDir.resolve("recent.txt"));
        this.annotatorFile = dataDir.resolve("annotator.txt");
        this.dataDir = dataDir;
        this.annotator = readAnnotator(annotatorFile);
        this.weights = weights;
        this.device = device;
        this.defaultClip = defaultClip;
        this.defaultProject = defaultProject;
        setTop(menus());
        setCenter(new Label("Open a video (Ctrl+O) or a frame folder, or drop one here."));
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.LINK, TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            Dragboard d = e.getDragboard();
            boolean done = d.hasFiles() && !d.getFiles().isEmpty();
            if (done) {
                Path dropped = d.getFiles().get(0).toPath();
                Platform.runLater(() -> openPath(dropped)); // after the drop returns: dialogs may follow
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private MenuBar menus() {
        MenuItem newProject = item("New project...", "Shortcut+Shift+N", "new-project", this::newProject);
        MenuItem openProject = item("Open project...", "Shortcut+Shift+O", "open-project", () ->
                dialogs.openFile("Open a Glimpse project", "Glimpse projects", List.of("*.glimpse")).ifPresent(this::openProject));
        MenuItem openVideo = item("Open video...", "Shortcut+O", "open-video", () ->
                dialogs.openFile("Open a video", "Videos", VIDEO_EXTENSIONS).ifPresent(this::openClip));
        MenuItem openFolder = item("Open frame folder...", "Shortcut+Shift+F", "open-folder", () ->
                dialogs.openFolder("Open a folder of numbered frames").ifPresent(this::openClip));
        openRecent.setId("open-recent");
        openRecent.setOnShowing(e -> fillRecent());
        fillRecent();
        MenuItem importSheet = item("Import events (CSV or coding sheet)...", null, "import-sheet", this::importEvents);
        MenuItem exportCsv = item("Export events as CSV...", null, "export-csv", () -> exportEvents(false));
        MenuItem exportSheet = item("Export coding sheet (XLSX)...", null, "export-xlsx", () -> exportEvents(true));
        MenuItem report = item("Session report (PDF)...", null, "session-report", this::writeReport);
        MenuItem exportEaf = item("Export events as ELAN (EAF)...", null, "export-eaf", () -> {
            if (session != null && clipPath != null) {
                dialogs.saveFile("Export the clip's events for ELAN", suggestedName(".eaf"), "ELAN files", List.of("*.eaf"))
                        .ifPresent(out -> {
                            ProjectSession s = session;
                            Path clip = clipPath;
                            BackgroundTask.of(p -> s.exportEaf(clip, out)) // the clip's frame times are read
                                    .onSuccess(n -> annotation.messageProperty().set("exported " + n + " events to " + out))
                                    .onFailure(e -> dialogs.error("Not exported", BackgroundTask.message(e)))
                                    .runOn(opener::submit, Platform::runLater);
                        });
            }
        });
        MenuItem openFaceItem = item("Import OpenFace CSV...", null, "import-openface", this::importOpenFace);
        MenuItem exportView = item("Export view as PNG...", "Shortcut+E", "export-view", () ->
                dialogs.saveFile("Export the view as PNG", suggestedName(".png"), "PNG images", List.of("*.png"))
                        .ifPresent(this::exportView));
        annotatorItem.setId("annotator");
        annotatorItem.setMnemonicParsing(false);
        annotatorItem.setText("Annotator: " + annotator + "...");
        annotatorItem.setOnAction(e -> askAnnotator());
        MenuItem quit = item("Quit", "Shortcut+Q", "quit", stage::close);
        Menu file = new Menu("File", null, newProject, openProject, new SeparatorMenuItem(), openVideo, openFolder,
                openRecent, new SeparatorMenuItem(), importSheet, openFaceItem, exportCsv, exportSheet, exportEaf, report,
                exportView,
                new SeparatorMenuItem(), annotatorItem, new SeparatorMenuItem(), quit);
        MenuItem shortcuts = item("Keyboard shortcuts", null, "shortcuts", () -> {
            if (view != null) {
                view.help();
            }
        });
        MenuItem train = item("Train weights...", "Shortcut+T", "train-weights", this::showTraining);
        MenuItem useWeights = item("Use weights...", null, "use-weights", () ->
                dialogs.openFolder("A weights folder (glimpse train writes one)").ifPresent(this::useWeights));
        MenuItem find = item("Find micro-expressions", "Shortcut+F", "find-expressions", () -> {
            if (view != null) {
                view.findAll();
            }
        });
        MenuItem findVisible = item("Find micro-expressions in the visible range", null, "find-visible", () -> {
            if (view != null) {
                view.findVisible();
            }
        });
        MenuItem analyseAccepted = item("Analyse all accepted events", null, "analyse-accepted", () -> {
            if (view != null) {
                view.analyseAccepted();
            }
        });
        MenuItem sensitivity = item("Spotting sensitivity...", null, "spotting-sensitivity", () -> {
            if (spotting != null) {
                dialogs.askText("Spotting sensitivity", "How far a movement must stand above the face's own motion noise,"
                        + " in robust standard deviations: lower finds more, higher fewer (2 to 20; default 6). Kept with"
                        + " the project's proposals for this clip.", Double.toString(spotting.sensitivity()))
                        .ifPresent(spotting::setSensitivity);
            }
        });
        MenuItem auTracks = item("AU tracks...", null, "au-tracks-choice", () -> {
            if (view != null && view.openFace().tracksProperty().get() != null) {
                dialogs.askText("AU tracks", "Which of OpenFace's action units to draw under the timeline (up to "
                        + OpenFaceViewModel.MAX_SHOWN + ", e.g. AU12, AU06; empty hides them): "
                        + String.join(", ", view.openFace().tracksProperty().get().units()),
                        String.join(", ", view.openFace().shown())).ifPresent(view.openFace()::show);
            } else {
                dialogs.error("No OpenFace tracks", "File > Import OpenFace CSV... reads OpenFace's per-frame output for the"
                        + " open clip first.");
            }
        });
        showRejected.setId("show-rejected");
        showRejected.selectedProperty().addListener((o, a, on) -> {
            if (annotation != null) {
                annotation.showRejectedProperty().set(on);
            }
        });
        Menu model = new Menu("Model", null, find, findVisible, sensitivity, showRejected, analyseAccepted, auTracks,
                new SeparatorMenuItem(),
                train, useWeights);
        Menu help = new Menu("Help", null, shortcuts);
        compare.setId("compare-coders");
        compare.setAccelerator(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+K"));
        compare.setOnAction(e -> {
            if (annotation != null) {
                annotation.compare(compare.isSelected());
            }
        });
        blind.setId("blind-coding");
        blind.setOnAction(e -> setBlind(blind.isSelected()));
        MenuItem consensus = item("Make consensus with the matched event...", null, "consensus", this::makeConsensus);
        MenuItem agreementItem = item("Agreement...", "Shortcut+Shift+A", "agreement", this::showAgreement);
        MenuItem merge = item("Merge coder's project...", null, "merge-project", this::mergeProject);
        Menu coders = new Menu("Coders", null, compare, blind, new SeparatorMenuItem(), consensus, agreementItem,
                new SeparatorMenuItem(), merge);
        MenuBar bar = new MenuBar(file, model, coders, help);
        bar.setId("menus");
        return bar;
    }

    private static MenuItem item(String text, String accelerator, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    /** The name new events are coded under: asked once, kept for the next start. */
    private void askAnnotator() {
        dialogs.askText("Who is coding?", "Annotator's name (new events carry it):", annotator)
                .map(String::strip).filter(n -> !n.isEmpty()).ifPresent(name -> {
                    annotator = name;
                    annotatorItem.setText("Annotator: " + name + "...");
                    if (annotation != null) {
                        annotation.setAnnotator(name);
                    }
                    try {
                        Files.createDirectories(annotatorFile.getParent());
                        Files.writeString(annotatorFile, name + "\n");
                    } catch (IOException e) {
                        dialogs.error("Name not kept", annotatorFile + ": " + e.getMessage()
                                + "\nIt is used until Glimpse closes.");
                    }
                });
    }

    private static String readAnnotator(Path file) {
        try {
            String name = Files.readString(file).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // none kept yet
        }
        return System.getProperty("user.name", "annotator");
    }

    private void fillRecent() {
        openRecent.getItems().clear();
        for (Path p : recent.list()) {
            MenuItem m = new MenuItem(p.toString());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> openPath(p));
            openRecent.getItems().add(m);
        }
        openRecent.setDisable(openRecent.getItems().isEmpty());
    }

    /**
     * The training window: one per main window, hidden rather than closed, so a run goes on in the background
     * and its progress is there when the window is shown again.
     */
    private void showTraining() {
        if (trainingStage == null) {
            training = new TrainingViewModel(Platform::runLater);
            training.setCache(dataDir.resolve("prepared-clips")); // where glimpse train keeps them too
            training.rememberIn(dataDir.resolve("training.properties")); // the last run's recipe, for the next
            trainingStage = new Stage();
            trainingStage.initOwner(stage);
            trainingStage.setTitle("Glimpse: train ATM-GCN");
            trainingStage.setScene(new javafx.scene.Scene(new TrainingView(training, dialogs, dir -> {
                useWeights(dir);
                trainingStage.hide();
            })));
        }
        trainingStage.show();
        trainingStage.toFront();
    }

    /**
     * Analyses with another weights folder from now on: checked before anything changes, then the network is
     * loaded in the background and the open clip is shown again with it (its saved analyses stay as they were).
     */
    public void useWeights(Path dir) {
        try {
            Weights.open(dir.toString());
        } catch (Exception e) {
            dialogs.error("Not a weights folder", dir + ": " + e.getMessage() + "\n\nThe weights in use stay as they were.");
            return;
        }
        if (!opening.isDone()) {
            dialogs.error("Still opening", "Glimpse is still opening " + openingName + "; choose the weights when it is open.");
            return;
        }
        String previous = weights;
        AnalysisEngine old = engine;
        weights = dir.toString();
        engine = null;
        if (session == null) {
            closeQuietly(old);
            return;
        }
        open(session.file(), clipPath).thenAccept(opened -> { // a new engine, and the view rebuilt on it
            if (opened) {
                closeQuietly(old);
            } else { // the view on screen still analyses with the old engine
                if (engine != null) {
                    engine.close();
                }
                engine = old;
                weights = previous;
            }
        });
    }

    /** A dropped or recent path: a {@code .glimpse} file is a project, anything else a clip. */
    public CompletableFuture<Boolean> openPath(Path path) {
        if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".glimpse")) {
            return openProject(path);
        }
        return openClip(path);
    }

    /** Opens a clip in the current project. */
    public CompletableFuture<Boolean> openClip(Path clip) {
        return open(session == null ? defaultProject : session.file(), clip);
    }

    /** Opens a project on its last clip (relinked if it moved); false, with the user told, if it cannot. */
    public CompletableFuture<Boolean> openProject(Path db) {
        return open(db, null);
    }

    private void newProject() {
        dialogs.saveFile("Create a project", "project.glimpse", "Glimpse projects", List.of("*.glimpse")).ifPresent(db -> {
            Path file = db.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".glimpse") ? db
                    : db.resolveSibling(db.getFileName() + ".glimpse");
            if (Files.exists(file)) {
                dialogs.error("Not created", file + " already exists; open it with File > Open project.");
                return;
            }
            open(file, clipPath); // the clip on screen comes along into the new project
        });
    }

    /**
     * Opens {@code db} (the current project when it is the same file) and {@code clip} in it (null: the
     * project's last clip, else the clip on screen, else the default clip); all or nothing. The project is opened
     * here (a moved clip is asked for here too); the clip, whose first opening indexes every frame of a long video,
     * is opened in the background while the window shows its progress, and only then does the new session replace
     * the old one. The future says, on the UI thread, whether it opened.
     */
    public CompletableFuture<Boolean> open(Path db, Path clip) {
        if (!opening.isDone()) {
            dialogs.error("Still opening", "Glimpse is still opening " + openingName + "; try again when it is open.");
            return CompletableFuture.completedFuture(false);
        }
        boolean sameProject = session != null && db != null && session.isFile(db);
        ProjectSession s = null;
        Path chosen;
        try {
            s = sameProject ? session : ProjectSession.open(db);
            chosen = clip != null ? clip : s.lastClip(relinking()).orElse(null);
            if (chosen == null) {
                chosen = clipPath != null ? clipPath : defaultClip;
            }
        } catch (Exception e) {
            if (s != null && s != session) {
                closeQuietly(s);
            }
            refused(e);
            return CompletableFuture.completedFuture(false);
        }
        ProjectSession project = s;
        Path path = chosen;
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        opening = done;
        openingName = String.valueOf(path.getFileName());
        javafx.scene.Node before = getCenter();
        setCenter(progress("Opening " + openingName + " (the first time, every frame of a video is indexed)..."));
        long started = System.nanoTime();
        BackgroundTask.of(p -> {
            ProjectSession.OpenedClip opened = project.openClip(path);
            LOG.debug("{} opened in {} ms", path.getFileName(), (System.nanoTime() - started) / 1_000_000);
            try {
                dev.glimpse.session.Spotting spots = project.spotting(opened.clip(), path);
                return new Opening(opened, project.coding(opened.clip(), annotator), spots, spots.proposals());
            } catch (Exception | Error e) {
                closeQuietly(opened.source());
                throw e;
            }
        }).onSuccess(o -> {
            try {
                show(project, path, o);
                done.complete(true);
            } catch (Exception e) {
                closeQuietly(o.clip().source());
                abandon(project, before, e, done);
            }
        }).onFailure(e -> abandon(project, before, e, done))
                .runOn(opener::submit, Platform::runLater);
        return done;
    }

    /** A clip opened in the background, with its coding, waiting to be shown. */
    private record Opening(ProjectSession.OpenedClip clip, Coding coding, dev.glimpse.session.Spotting spotting,
                           List<dev.glimpse.annotation.Proposal> proposals) {}

    /** Puts the opened clip on screen: only now is the old session closed. */
    private void show(ProjectSession s, Path chosen, Opening o) {
        boolean sameProject = s == session;
        AnnotationViewModel newAnnotation = new AnnotationViewModel(o.coding());
        closeSession(!sameProject);
        session = s;
        clipPath = chosen;
        viewer = new ViewerViewModel(o.clip().source(), Platform::runLater);
        annotation = newAnnotation;
        if (engine == null) { // once per window: every clip analyses with it; it loads after the first frame is shown
            CompletableFuture<Void> shown = new CompletableFuture<>();
            engine = new AnalysisEngine(weights, device, shown);
            whenFirstFrameShown(() -> shown.complete(null));
        }
        analysis = new AnalysisViewModel(s.analysing(chosen, engine), Platform::runLater);
        spotting = new SpottingViewModel(o.spotting(), annotation, Platform::runLater);
        annotation.setProposalSource(o.spotting()::proposals);
        annotation.showRejectedProperty().set(showRejected.isSelected());
        annotation.setProposals(o.proposals());
        if (compare.isSelected()) {
            annotation.compare(true); // comparing stays on from clip to clip until the coder turns it off
        }
        try {
            blind.setSelected(s.blind());
        } catch (IOException e) {
            blind.setSelected(true);
        }
        view = new MainView(viewer, annotation, analysis, spotting);
        setCenter(view);
        stage.setTitle("Glimpse: " + chosen.getFileName() + " (" + s.file().getFileName() + ")");
        recent.add(chosen);
        recent.add(s.file());
        fillRecent();
        view.requestFocus();
        if (o.clip().source().damage() != null) {
            dialogs.error("This video is damaged", chosen + ": " + o.clip().source().damage() + ".");
        }
    }

    /** An opening that failed: what was on screen comes back, a new project is closed again, the person is told. */
    private void abandon(ProjectSession s, javafx.scene.Node before, Throwable e, CompletableFuture<Boolean> done) {
        if (s != session) {
            closeQuietly(s);
        }
        setCenter(before);
        if (view != null) {
            view.requestFocus();
        }
        refused(e);
        done.complete(false);
    }

    private void refused(Throwable e) {
        dialogs.error("Glimpse cannot open this", BackgroundTask.message(e) + "\n\nNothing was changed; what was open stays open.");
    }

    /** What the window shows while a clip opens: at once, before anything is decoded. */
    private static javafx.scene.Node progress(String text) {
        javafx.scene.control.ProgressIndicator spinner = new javafx.scene.control.ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label label = new Label(text);
        label.setWrapText(true);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(12, spinner, label);
        box.setId("opening");
        box.setAlignment(javafx.geometry.Pos.CENTER);
        return box;
    }

    /** The opening under way (done when nothing is being opened). */
    CompletableFuture<Boolean> opening() {
        return opening;
    }

    /** When the project's last clip has moved: ask where it is (the session checks it is the same file). */
    private ProjectSession.Relinking relinking() {
        return new ProjectSession.Relinking() {
            @Override
            public Optional<Path> locate(Clip moved) {
                Path path = Path.of(moved.path());
                if (!dialogs.confirm("The clip has moved or been deleted", moved.path() + " is not there any more. Locate"
                        + " it? Glimpse checks that it is the same file (SHA-256) before it relinks the project's events"
                        + " to it.", "Locate...", "Not now")) {
                    return Optional.empty();
                }
                return moved.sizeBytes() == 0
                        ? dialogs.openFolder("Locate the frame folder " + path.getFileName())
                        : dialogs.openFile("Locate " + path.getFileName(), "Videos", VIDEO_EXTENSIONS);
            }

            @Override
            public void refused(String header, String text) {
                dialogs.error(header, text);
            }
        };
    }

    /** File > Import events: the open clip's events from a CSV or a coding sheet, for a coder the person names. */
    private void importEvents() {
        if (session == null || clipPath == null) {
            dialogs.error("Open the clip first", "Events are imported for the clip that is open: open it, then import.");
            return;
        }
        dialogs.openFile("Import events for " + clipPath.getFileName(), "CSV files, coding sheets and ELAN files",
                List.of("*.csv", "*.xlsx", "*.xls", "*.eaf")).ifPresent(file -> {
            boolean elan = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eaf");
            dialogs.askText("Whose events are these?", elan ? "The coder of every event read (empty: each ELAN tier's"
                    + " name):" : "The coder of rows that name none (a coding sheet names none):", elan ? "" : annotator)
                    .ifPresent(coder -> {
                    if ((coder.isBlank() && !elan) || coder.length() > 200) {
                        dialogs.error("Not imported", "A coder's name has 1 to 200 characters.");
                        return;
                    }
                    // in the background: a clip new to the project has its checksum computed (a whole video read)
                    ProjectSession s = session;
                    Path clip = clipPath;
                    String who = coder.isBlank() ? null : coder.trim();
                    annotation.messageProperty().set("importing " + file.getFileName() + "...");
                    BackgroundTask.of(p -> elan ? s.importEaf(file, clip, List.of(), who) : s.importEvents(file, clip, who))
                            .onSuccess(r -> imported(s, file, clip, r))
                            .onFailure(e -> dialogs.error("Not imported", BackgroundTask.message(e) + "\n\nNothing was changed."))
                            .runOn(opener::submit, Platform::runLater);
                });
        });
    }

    /** After an import: the clip shown again with its events, and what was imported or skipped said. */
    private void imported(ProjectSession s, Path file, Path clip, ProjectSession.Imported r) {
        if (r.added() + r.alreadyHere() == 0 && !r.skipped().isEmpty()) {
            dialogs.error("Not imported", file + ": no row could be imported:\n" + String.join("\n", r.skipped()));
            return;
        }
        String said = "imported " + r.added() + " events from " + file.getFileName()
                + (r.alreadyHere() > 0 ? " (" + r.alreadyHere() + " were there already)" : "");
        open(s.file(), clip).thenAccept(ok -> Platform.runLater(() -> {
            if (annotation != null) {
                annotation.messageProperty().set(said);
            }
            if (!r.skipped().isEmpty()) {
                dialogs.error("Imported " + r.added() + " events, some rows skipped", String.join("\n", r.skipped()));
            }
        }));
    }

    /** File > Import OpenFace CSV: its AU intensity tracks for the open clip, read in the background. */
    private void importOpenFace() {
        if (view == null || clipPath == null) {
            dialogs.error("Open a clip first", "OpenFace's tracks are read for the clip that is open.");
            return;
        }
        MainView shownView = view;
        int frames = viewer.frameCount();
        String name = clipPath.getFileName().toString();
        dialogs.openFile("OpenFace's per-frame CSV for " + name, "CSV files", List.of("*.csv")).ifPresent(csv ->
                BackgroundTask.of(p -> OpenFaceViewModel.read(csv, frames, name))
                        .onSuccess(t -> shownView.openFace().set(t))
                        .onFailure(e -> dialogs.error("OpenFace tracks not read", BackgroundTask.message(e)))
                        .runOn(opener::submit, Platform::runLater));
    }

    /** File > Session report: the open clip's report as a PDF, written in the background. */
    private void writeReport() {
        if (session == null || clipPath == null) {
            dialogs.error("Open a clip first", "A session report is of the clip that is open.");
            return;
        }
        boolean stills = dialogs.confirm("Stills of the face?", "Put stills of each event's onset and apex in the report?"
                + " A report that leaves the clinic may be better without faces.", "With stills", "Without");
        dialogs.saveFile("Write the session report", suggestedName("-report.pdf"), "PDF documents", List.of("*.pdf"))
                .ifPresent(out -> {
                    ProjectSession s = session;
                    Path clip = clipPath;
                    annotation.messageProperty().set("writing the report...");
                    BackgroundTask.of(p -> s.report(clip, out, stills))
                            .onSuccess(pages -> annotation.messageProperty().set("report written: " + out + " (" + pages
                                    + " pages)"))
                            .onFailure(e -> dialogs.error("Report not written", BackgroundTask.message(e)
                                    + "\n\nNothing was written."))
                            .runOn(opener::submit, Platform::runLater);
                });
    }

    /** Coders > Merge coder's project: another coder's project file, its clips by checksum and events with their coder. */
    private void mergeProject() {
        if (session == null) {
            dialogs.error("Open a project first", "A coder's project is merged into the project that is open.");
            return;
        }
        dialogs.openFile("Merge another coder's project into this one", "Glimpse projects", List.of("*.glimpse"))
                .ifPresent(source -> {
                    ProjectSession s = session;
                    Path clip = clipPath;
                    BackgroundTask.of(p -> s.merge(source))
                            .onSuccess(m -> {
                                if (clip != null) {
                                    open(s.file(), clip).thenAccept(ok -> Platform.runLater(() -> {
                                        if (annotation != null) {
                                            annotation.messageProperty().set(m.toString());
                                        }
                                    }));
                                }
                            })
                            .onFailure(e -> dialogs.error("Not merged", BackgroundTask.message(e)))
                            .runOn(opener::submit, Platform::runLater);
                });
    }

    private void setBlind(boolean on) {
        if (session == null) {
            return;
        }
        try {
            session.setBlind(on);
            if (annotation != null) {
                annotation.refresh(on ? "this project codes blind: each coder sees only their own events"
                        : "this project no longer codes blind: every coder's events are shown");
            }
        } catch (IOException e) {
            blind.setSelected(!on);
            dialogs.error("Setting not saved", BackgroundTask.message(e));
        }
    }

    /** Coders > Make consensus: of the current event and the other coder's event it matches; frames and label picked. */
    private void makeConsensus() {
        Event e = annotation == null ? null : annotation.currentProperty().get();
        Event other = annotation == null ? null : annotation.matchOf(e);
        if (e == null || other == null) {
            dialogs.error("No matched event", e == null ? "Select an event first (Coders > Compare coders shows the others')."
                    : "No other coder's event overlaps event " + e.frames() + " by half (IoU 0.5) or more.");
            return;
        }
        boolean framesOfThis = dialogs.confirm("Consensus: frames", "Take the frames of " + e.coder() + " (" + e.frames()
                + ") or of " + other.coder() + " (" + other.frames() + ")?", e.coder(), other.coder());
        boolean labelOfThis = dialogs.confirm("Consensus: label", "Take the label of " + e.coder() + " (" + e.label()
                + ") or of " + other.coder() + " (" + other.label() + ")?", e.coder(), other.coder());
        try {
            annotation.consensus(e, other, framesOfThis, labelOfThis);
        } catch (IOException x) {
            dialogs.error("Consensus not saved", BackgroundTask.message(x));
        }
    }

    /** Coders > Agreement: the report in a window of its own, with its explanations; saved as CSV and plots on request. */
    private void showAgreement() {
        if (session == null) {
            dialogs.error("Open a project first", "Agreement is computed over the coders of the open project.");
            return;
        }
        AgreementViewModel vm = new AgreementViewModel(session);
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea();
        text.setId("agreement-text");
        text.setEditable(false);
        text.setStyle("-fx-font-family: monospace;");
        try {
            text.setText(vm.refresh());
        } catch (IOException e) {
            dialogs.error("Agreement not computed", BackgroundTask.message(e));
            return;
        }
        javafx.scene.control.Button save = new javafx.scene.control.Button("Save as CSV and plots...");
        save.setId("agreement-save");
        save.setOnAction(a -> dialogs.openFolder("A folder for agreement.csv and the plots").ifPresent(folder -> {
            try {
                List<Path> written = vm.save(folder);
                text.appendText("\nsaved: " + written.stream().map(p -> p.getFileName().toString())
                        .collect(java.util.stream.Collectors.joining(", ")) + " in " + folder + "\n");
            } catch (IOException | RuntimeException x) {
                dialogs.error("Not saved", BackgroundTask.message(x));
            }
        }));
        javafx.scene.layout.BorderPane pane = new javafx.scene.layout.BorderPane(text);
        pane.setBottom(save);
        javafx.scene.layout.BorderPane.setMargin(save, new javafx.geometry.Insets(6));
        Stage s = new Stage();
        s.initOwner(stage);
        s.setTitle("Glimpse: agreement between coders");
        s.setScene(new javafx.scene.Scene(pane, 860, 560));
        s.show();
    }

    private void exportEvents(boolean sheet) {
        if (session == null) {
            return;
        }
        String ext = sheet ? ".xlsx" : ".csv";
        dialogs.saveFile(sheet ? "Export a coding sheet" : "Export events as CSV", suggestedName(ext),
                sheet ? "Excel workbooks" : "CSV files", List.of("*" + ext)).ifPresent(out -> {
            try {
                int n = sheet ? session.exportSheet(out) : session.exportCsv(out);
                annotation.messageProperty().set("exported " + n + " events to " + out);
            } catch (IOException | RuntimeException e) {
                dialogs.error("Not exported", e.getMessage());
            }
        });
    }

    /** The view as it is on screen (frame with heatmap, graph, probabilities) as a PNG. */
    public void exportView(Path out) {
        if (view == null) {
            return;
        }
        WritableImage shot = view.snapshot(null, null);
        BufferedImage img = SwingFXUtils.fromFXImage(shot, null);
        try {
            if (!ImageIO.write(img, "png", out.toFile())) {
                throw new IOException("no PNG writer");
            }
            annotation.messageProperty().set("view exported to " + out);
        } catch (IOException e) {
            dialogs.error("Not exported", out + ": " + e.getMessage());
        }
    }

    private String suggestedName(String ext) {
        String base = clipPath == null ? "glimpse" : clipPath.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return base + ext;
    }

    MainView view() {
        return view;
    }

    /** Runs {@code action} once the clip's first frame is on screen (at once when no clip opened). */
    void whenFirstFrameShown(Runnable action) {
        if (!opening.isDone()) {
            opening.thenRun(() -> whenFirstFrameShown(action));
            return;
        }
        if (viewer == null || viewer.frameProperty().get() != null) {
            Platform.runLater(action);
            return;
        }
        viewer.frameProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends dev.glimpse.clip.FrameImage> o,
                                dev.glimpse.clip.FrameImage old, dev.glimpse.clip.FrameImage now) {
                if (now != null) {
                    o.removeListener(this);
                    Platform.runLater(action); // after the view's own listener has shown it
                }
            }
        });
    }

    /** The open project's folder, where its exports go by default; null before one is open. */
    Path folder() {
        return session == null ? null : session.file().getParent();
    }

    ProjectSession session() {
        return session;
    }

    Path clipPath() {
        return clipPath;
    }

    private void closeSession(boolean closeProject) {
        if (viewer != null) {
            viewer.close();
        }
        if (analysis != null) {
            analysis.close();
        }
        if (spotting != null) {
            spotting.close(); // a run under way stops; it saves nothing
        }
        if (closeProject && session != null) {
            closeQuietly(session);
        }
        viewer = null;
        analysis = null;
        spotting = null;
    }

    /** Closes everything; the window is going away. */
    public void close() {
        if (training != null) {
            training.close(); // stops a run after its step; its last epoch is in the checkpoint
            trainingStage.close();
        }
        opener.shutdownNow();
        closeSession(true);
        if (engine != null) {
            engine.close();
            engine = null;
        }
        session = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("{}", e.getMessage());
        }
    }
}
