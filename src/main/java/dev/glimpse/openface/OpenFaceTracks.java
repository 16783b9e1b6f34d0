package dev.glimpse.openface;

import java.util.List;

/**
 * OpenFace 2's action unit intensities for one clip, frame for frame: {@code intensity[u][i]} is unit {@code units[u]}
 * at the clip's frame index {@code i} (0-5, NaN where OpenFace did not track the face). OpenFace numbers its frames
 * from 1 in the order it read them, so its frame k is the clip's frame index k - 1.
 *
 * @param units the units as OpenFace names them (AU01, AU12, ...), in the file's order
 * @param failed frames where OpenFace reported {@code success = 0}
 */
public record OpenFaceTracks(String source, List<String> units, float[][] intensity, int failed) {
    public OpenFaceTracks {
        units = List.copyOf(units);
    }

    /** The track of {@code unit} ("AU12", "12" or "au12"), or null when the file has none. */
    public float[] track(String unit) {
        int k = units.indexOf(normal(unit));
        return k < 0 ? null : intensity[k];
    }

    /** "12", "AU12", " au06 " -> "AU12", "AU06"; null when it names no unit. */
    public static String normal(String unit) {
        String u = unit.trim().toUpperCase(java.util.Locale.ROOT).replaceFirst("^AU", "");
        if (!u.matches("\\d{1,2}")) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "AU%02d", Integer.parseInt(u));
    }

    public int frames() {
        return intensity.length == 0 ? 0 : intensity[0].length;
    }
}
