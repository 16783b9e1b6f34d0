package dev.glimpse.openface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenFace 2's per-frame CSV, written in its real column layout (FeatureExtraction's, ", " between cells). */
class OpenFaceCsvTest {
    static final String[] AU_R = {"01", "02", "04", "05", "06", "07", "09", "10", "12", "14", "15", "17", "20", "23", "25",
        "26", "45"};
    static final String[] AU_C = {"01", "02", "04", "05", "06", "07", "09", "10", "12", "14", "15", "17", "20", "23", "25",
        "26", "28", "45"};

    /** The header FeatureExtraction writes for one face. */
    static List<String> header(boolean withAus) {
        List<String> h = new ArrayList<>(List.of("frame", "face_id", "timestamp", "confidence", "success"));
        for (String g : List.of("gaze_0_x", "gaze_0_y", "gaze_0_z", "gaze_1_x", "gaze_1_y", "gaze_1_z", "gaze_angle_x",
                "gaze_angle_y")) {
            h.add(g);
        }
        for (String axis : List.of("x", "y", "X", "Y", "Z")) {
            for (int k = 0; k < 56; k++) {
                h.add("eye_lmk_" + axis + "_" + k);
            }
        }
        h.addAll(List.of("pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz"));
        for (String axis : List.of("x", "y", "X", "Y", "Z")) {
            for (int k = 0; k < 68; k++) {
                h.add(axis + "_" + k);
            }
        }
        h.addAll(List.of("p_scale", "p_rx", "p_ry", "p_rz", "p_tx", "p_ty"));
        for (int k = 0; k < 34; k++) {
            h.add("p_" + k);
        }
        if (withAus) {
            for (String u : AU_R) {
                h.add("AU" + u + "_r");
            }
            for (String u : AU_C) {
                h.add("AU" + u + "_c");
            }
        }
        return h;
    }

    /** A clip of {@code frames} frames at 30 fps where AU12 rises to 3 over frames 11-20 and the face is lost at frame 5. */
    static Path write(Path file, int frames, boolean withAus) throws IOException {
        List<String> h = header(withAus);
        StringBuilder s = new StringBuilder(String.join(", ", h)).append('\n');
        for (int f = 1; f <= frames; f++) {
            List<String> row = new ArrayList<>();
            for (String col : h) {
                String v = switch (col) {
                    case "frame" -> Integer.toString(f);
                    case "face_id" -> "0";
                    case "timestamp" -> String.format(java.util.Locale.ROOT, "%.3f", (f - 1) / 30.0);
                    case "confidence" -> f == 5 ? "0.02" : "0.98";
                    case "success" -> f == 5 ? "0" : "1";
                    case "AU12_r" -> f >= 11 && f <= 20 ? "3.00" : "0.10";
                    case "AU06_r" -> "0.50";
                    default -> col.endsWith("_c") ? "0.00" : "0.25";
                };
                row.add(v);
            }
            s.append(String.join(", ", row)).append('\n');
        }
        return Files.writeString(file, s);
    }

    @Test
    void framesMapFromOneAndLostFacesLeaveGaps(@TempDir Path dir) throws Exception {
        OpenFaceTracks t = OpenFaceCsv.read(write(dir.resolve("clip.csv"), 40, true), 40, "clip.mp4");
        assertEquals(17, t.units().size(), "the intensities, not the occurrences");
        assertEquals(40, t.frames());
        assertEquals(1, t.failed());
        float[] au12 = t.track("AU12");
        assertEquals(0.1f, au12[0], 1e-6, "OpenFace's frame 1 is the clip's frame index 0");
        assertEquals(0.1f, au12[9], 1e-6);
        assertEquals(3f, au12[10], 1e-6, "frame 11 -> index 10");
        assertEquals(3f, au12[19], 1e-6);
        assertEquals(0.1f, au12[20], 1e-6);
        assertTrue(Float.isNaN(au12[4]), "success = 0: no value, not a zero");
        assertEquals(0.5f, t.track("6")[0], 1e-6);
        assertNull(t.track("AU99"));
    }

    @Test
    void anotherClipsFileAndAFileWithoutAusAreRefusedByName(@TempDir Path dir) throws Exception {
        Path csv = write(dir.resolve("other.csv"), 40, true);
        IOException other = assertThrows(IOException.class, () -> OpenFaceCsv.read(csv, 41, "clip.mp4"));
        assertTrue(other.getMessage().contains("other.csv") && other.getMessage().contains("covers 40 frames, but clip.mp4 has 41"),
                other.getMessage());
        IOException longer = assertThrows(IOException.class, () -> OpenFaceCsv.read(csv, 30, "short.mp4"));
        assertTrue(longer.getMessage().contains("covers 40 frames, but short.mp4 has 30"), longer.getMessage());
        Path bare = write(dir.resolve("landmarks-only.csv"), 40, false);
        IOException none = assertThrows(IOException.class, () -> OpenFaceCsv.read(bare, 40, "clip.mp4"));
        assertTrue(none.getMessage().contains("no action unit intensities"), none.getMessage());
        Path text = Files.writeString(dir.resolve("notes.csv"), "a, b\n1, 2\n");
        assertTrue(assertThrows(IOException.class, () -> OpenFaceCsv.read(text, 1, "c")).getMessage().contains("not OpenFace"));
    }
}
