package dev.glimpse.cli;

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
}
