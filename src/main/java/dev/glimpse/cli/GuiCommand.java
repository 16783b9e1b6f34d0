package dev.glimpse.cli;

import dev.glimpse.ui.GlimpseApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse gui [CLIP] [--project DB]}: the desktop app (also what {@code glimpse} alone opens). */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop app on a clip.")
final class GuiCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CLIP", defaultValue = "sample-clips/happiness.mp4",
            description = "A video file or a folder of frames (default: ${DEFAULT-VALUE}).")
    Path clip;

    @Option(names = "--project", description = "Project database (default: the user's data folder).")
    Path project;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of(clip.toString()));
        if (project != null) {
            args.add(project.toString());
        }
        GlimpseApp.main(args.toArray(new String[0]));
        return 0;
    }
}
