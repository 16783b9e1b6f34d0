package dev.glimpse.ui;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.ClipSources;
import dev.glimpse.clip.FrameIndexCache;
import dev.glimpse.store.Project;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/** The desktop application: one clip in one project. */
public final class GlimpseApp extends Application {
    private Project project;
    private ViewerViewModel viewer;
    private AnalysisViewModel analysis;

    /** Arguments: CLIP [PROJECT_DB]. */
    public static void main(String[] args) {
        launch(GlimpseApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        Path clipPath = Path.of(args.isEmpty() ? "sample-clips/happiness.mp4" : args.get(0));
        Path db = args.size() > 1 ? Path.of(args.get(1))
                : FrameIndexCache.dataDirectory().resolve("projects").resolve("default.glimpse");
        try {
            project = Project.open(db);
            ClipSource clip = ClipSources.open(clipPath);
            long clipId = register(project, clip);
            viewer = new ViewerViewModel(clip, Platform::runLater);
            AnnotationViewModel annotation = new AnnotationViewModel(project, clipId, System.getProperty("user.name"));
            analysis = new AnalysisViewModel(project, clipPath, System.getProperty("glimpse.weights"),
                    System.getProperty("glimpse.device", "auto"), Platform::runLater);
            MainView view = new MainView(viewer, annotation, analysis);
            stage.setTitle("Glimpse: " + clipPath.getFileName() + " (" + db.getFileName() + ")");
            stage.setScene(new Scene(view, 1100, 760));
            stage.show();
            view.requestFocus();
            // measured from JVM start: what docs/benchmarks.md reports as start to a usable window
            long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            Platform.runLater(() -> System.err.println("glimpse: window ready " + ms + " ms after start"));
        } catch (Exception e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage());
            a.setHeaderText("Glimpse cannot open this");
            a.showAndWait();
            Platform.exit();
        }
    }

    /** The clip's row in the project, added on first sight and found again by path or, if moved, by checksum. */
    static long register(Project project, ClipSource clip) throws Exception {
        String path = clip.path().toAbsolutePath().toString();
        for (Project.StoredClip c : project.clips()) {
            if (c.path().equals(path)) {
                return c.id();
            }
        }
        String sha = sha256(clip.path());
        var moved = project.clipBySha256(sha);
        if (moved.isPresent()) {
            project.relink(moved.get().id(), path);
            return moved.get().id();
        }
        long size = Files.isRegularFile(clip.path()) ? Files.size(clip.path()) : 0;
        return project.addClip(path, size, sha, clip.fps(), clip.frameCount(), clip.width(), clip.height()).id();
    }

    /** SHA-256 of a video file, or of a frame folder's file names and sizes. */
    static String sha256(Path path) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        if (Files.isDirectory(path)) {
            try (var files = Files.list(path)) {
                for (Path p : files.sorted().toList()) {
                    md.update((p.getFileName() + ":" + Files.size(p) + "\n").getBytes());
                }
            }
        } else {
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void stop() throws Exception {
        if (viewer != null) {
            viewer.close();
        }
        if (analysis != null) {
            analysis.close();
        }
        if (project != null) {
            project.close();
        }
    }
}
