package dev.glimpse.cli;

import dev.glimpse.ui.GlimpseApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glimpse gui [CLIP] [--project DB]}: the desktop app (also what {@code glimpse} alone opens). */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop app on a clip.")
final class GuiCommand implements Callable<Integer> {
    static final String SAMPLE = "sample-clips/happiness.mp4";

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLIP",
            description = "A video file or a folder of frames (default: the bundled " + SAMPLE
                    + "; with --project alone, the project's last clip).")
    Path clip; // null: the bundled sample, found beside the program (glimpse.home) or in the working folder

    @Option(names = "--project", description = "Project database (default: the user's data folder).")
    Path project;

    @Override
    public Integer call() {
        String problem = displayProblem(System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("glass.platform"));
        if (problem != null) {
            System.err.println("glimpse: " + problem);
            return 2;
        }
        // nothing named: the bundled sample (the README's promise); a project alone: its last clip, else the sample
        Path sample = sampleClip(System.getProperty("glimpse.home")).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("--sample=" + sample));
        if (clip != null || project == null) {
            args.add("--clip=" + (clip != null ? clip.toAbsolutePath() : sample));
        }
        if (project != null) {
            args.add("--project=" + project.toAbsolutePath());
        }
        GlimpseApp.main(args.toArray(new String[0]));
        return 0;
    }

    /** The bundled sample clip: beside the program when the launcher says where that is, else in the working folder. */
    static Path sampleClip(String home) {
        if (home != null && Files.exists(Path.of(home, SAMPLE))) {
            return Path.of(home, SAMPLE);
        }
        return Path.of(SAMPLE);
    }

    /** Why no window can open here (Linux with no X11 or Wayland display), or null when one can. */
    static String displayProblem(Map<String, String> env, String os, String glassPlatform) {
        boolean linux = os.toLowerCase(java.util.Locale.ROOT).contains("linux");
        boolean display = notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
        if (linux && !display && !"Monocle".equals(glassPlatform)) {
            return "no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop app cannot open;"
                    + " the command line works without one: ./glimpse --help";
        }
        return null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
