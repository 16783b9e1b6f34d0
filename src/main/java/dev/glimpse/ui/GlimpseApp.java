package dev.glimpse.ui;

import dev.glimpse.clip.ClipSource;
import dev.glimpse.clip.FrameIndexCache;
import dev.glimpse.store.Project;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application: one window, one project and one clip at a time. */
public final class GlimpseApp extends Application {
    private GlimpseWindow window;

    /**
     * Arguments, all optional: {@code --clip=PATH} (default: the project's last clip, else the sample),
     * {@code --project=DB} (default: {@code default.glimpse} in the user's data folder), {@code --sample=PATH}.
     */
    public static void main(String[] args) {
        launch(GlimpseApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        Path data = FrameIndexCache.dataDirectory();
        Path db = Path.of(named.getOrDefault("project", data.resolve("projects").resolve("default.glimpse").toString()));
        Path sample = Path.of(named.getOrDefault("sample", "sample-clips/happiness.mp4"));
        window = new GlimpseWindow(stage, Dialogs.of(stage), data,
                System.getProperty("glimpse.weights"), System.getProperty("glimpse.device", "auto"), sample, db);
        stage.setTitle("Glimpse");
        stage.setScene(new Scene(window, 1100, 790));
        stage.show();
        window.open(db, named.containsKey("clip") ? Path.of(named.get("clip")) : null);
        // measured from JVM start: what docs/benchmarks.md reports as start to a usable window
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Platform.runLater(() -> System.err.println("glimpse: window ready " + ms + " ms after start"));
    }

    /**
     * The clip's row in the project: found by path, or, if the file moved, by checksum, else added. Hashing a
     * long video takes seconds, and a moved file keeps its size, so the file is hashed here only when a clip
     * of the same size has gone missing; otherwise the row is added with its checksum still to compute
     * (empty), which {@link GlimpseWindow} does in the background.
     */
    static long register(Project project, ClipSource clip) throws Exception {
        String path = clip.path().toAbsolutePath().toString();
        List<Project.StoredClip> known = project.clips();
        for (Project.StoredClip c : known) {
            if (c.path().equals(path)) {
                return c.id();
            }
        }
        long size = Files.isRegularFile(clip.path()) ? Files.size(clip.path()) : 0;
        String sha = "";
        if (known.stream().anyMatch(c -> c.sizeBytes() == size && !Files.exists(Path.of(c.path())))) {
            sha = sha256(clip.path());
            for (Project.StoredClip c : known) {
                if (c.sha256().equalsIgnoreCase(sha)) {
                    project.relink(c.id(), path);
                    return c.id();
                }
            }
        }
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
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
