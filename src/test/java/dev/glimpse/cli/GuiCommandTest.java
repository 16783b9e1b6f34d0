package dev.glimpse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiCommandTest {

    @Test
    void withoutADisplayTheAppSaysSoInsteadOfFailing() {
        String problem = GuiCommand.displayProblem(Map.of(), "Linux", null);
        assertTrue(problem != null && problem.contains("no display") && problem.contains("--help"), problem);
        assertNull(GuiCommand.displayProblem(Map.of("DISPLAY", ":0"), "Linux", null));
        assertNull(GuiCommand.displayProblem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null));
        assertNull(GuiCommand.displayProblem(Map.of(), "Linux", "Monocle"));
        assertNull(GuiCommand.displayProblem(Map.of(), "Mac OS X", null));
    }

    @Test
    void theSampleClipIsFoundBesideTheProgramFromAnyFolder(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("sample-clips"));
        Files.writeString(home.resolve(GuiCommand.SAMPLE), "clip");
        assertEquals(home.resolve(GuiCommand.SAMPLE), GuiCommand.sampleClip(home.toString()));
        assertEquals(Path.of(GuiCommand.SAMPLE), GuiCommand.sampleClip(null));
    }

    @Test
    void noArgumentsWithoutADisplayExitsWithTheMessage() {
        // the test JVM has no DISPLAY; without Monocle selected, the plain gui command must explain, not crash
        String saved = System.getProperty("glass.platform");
        System.clearProperty("glass.platform");
        try {
            if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
                AnalyzeCommandTest.Run run = AnalyzeCommandTest.glimpse("gui");
                assertEquals(2, run.code());
                assertTrue(run.err().contains("no display"), run.err());
            }
        } finally {
            if (saved != null) {
                System.setProperty("glass.platform", saved);
            }
        }
    }

    @Test
    void whatTheInstalledLaunchersPassBecomesACommandLine(@TempDir Path dir) throws Exception {
        Path project = Files.writeString(dir.resolve("Session 3.glimpse"), "");
        Path video = Files.writeString(dir.resolve("client.mp4"), "");
        // a file opened from the desktop (the .deb's file association, or a video dropped on the launcher)
        assertArrayEquals(new String[] {"gui", "--project", project.toString()}, Main.launcherArguments(project.toString()));
        assertArrayEquals(new String[] {"gui", video.toString()}, Main.launcherArguments(video.toString()));
        // glimpse-cli: the command line only; alone it shows the help rather than a window
        assertArrayEquals(new String[] {"--help"}, Main.launcherArguments("--cli"));
        assertArrayEquals(new String[] {"info", "x.mp4", "--json"}, Main.launcherArguments("--cli", "info", "x.mp4", "--json"));
        // commands, options and paths that do not exist pass through untouched
        assertArrayEquals(new String[] {"synth"}, Main.launcherArguments("synth"));
        assertArrayEquals(new String[] {"--version"}, Main.launcherArguments("--version"));
        assertArrayEquals(new String[] {"missing.mp4"}, Main.launcherArguments("missing.mp4"));
        assertArrayEquals(new String[0], Main.launcherArguments());
    }
}
