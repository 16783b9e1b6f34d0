package dev.glimpse.ui;

import dev.glimpse.clip.FrameIndexCache;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop application: one window, one project and one clip at a time. */
public final class GlimpseApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(GlimpseApp.class);
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
        window = new GlimpseWindow(stage, Dialogs.of(stage, () -> window == null ? null : window.folder()), data,
                System.getProperty("glimpse.weights"), System.getProperty("glimpse.device", "auto"), sample, db);
        stage.setTitle("Glimpse");
        // 1100 x 790, or less on a smaller screen (a 1366 x 768 laptop): never larger than the screen's free area
        javafx.geometry.Rectangle2D free = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setScene(new Scene(window, Math.min(1100, free.getWidth()), Math.min(790, free.getHeight() - 40)));
        stage.show(); // the window and the opening's progress at once; the clip opens in the background
        LOG.debug("window shown {} ms after start", sinceStart());
        window.open(db, named.containsKey("clip") ? Path.of(named.get("clip")) : null);
        // measured from JVM start to the first frame on screen: what docs/benchmarks.md reports as start to a
        // usable window (the frame is decoded in the background; the pulse after it is shown paints it)
        window.whenFirstFrameShown(() -> LOG.info("window ready {} ms after start", sinceStart()));
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
