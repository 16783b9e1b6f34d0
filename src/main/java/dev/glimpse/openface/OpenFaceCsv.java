package dev.glimpse.openface;

import dev.glimpse.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads OpenFace 2's per-frame CSV ({@code frame, face_id, timestamp, confidence, success, ..., AU01_r ... AU45_r,
 * AU01_c ...}; FeatureExtraction writes a space after each comma, so headers and cells are trimmed) for a clip of
 * {@code frames} frames. Its rows must cover the clip's frames exactly: a file with another frame count is another
 * clip's, and refused naming both counts. Rows with {@code success = 0} leave their frame without a value; when a
 * video has several faces (FaceLandmarkVidMulti), the first face of each frame is kept.
 */
public final class OpenFaceCsv {
    private OpenFaceCsv() {}

    public static OpenFaceTracks read(Path file, int frames, String clipName) throws IOException {
        List<CSVRecord> rows = Csv.read(file);
        if (rows.isEmpty()) {
            throw new IOException(file + ": is empty, not an OpenFace CSV");
        }
        List<String> header = new ArrayList<>();
        rows.get(0).forEach(h -> header.add(h.trim()));
        int frame = header.indexOf("frame");
        int success = header.indexOf("success");
        if (frame < 0 || success < 0) {
            throw new IOException(file + ": has no 'frame' or 'success' column: not OpenFace's per-frame output");
        }
        List<String> units = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c);
            if (h.matches("AU\\d{2}_r")) {
                units.add(h.substring(0, 4));
                columns.add(c);
            }
        }
        if (units.isEmpty()) {
            throw new IOException(file + ": has no action unit intensities (AU01_r ... AU45_r); run OpenFace with -aus");
        }
        float[][] intensity = new float[units.size()][frames];
        for (float[] t : intensity) {
            Arrays.fill(t, Float.NaN);
        }
        int last = 0;
        int failed = 0;
        boolean[] seen = new boolean[frames];
        for (int r = 1; r < rows.size(); r++) {
            CSVRecord row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() < header.size()) {
                throw new IOException(file + ": row " + (r + 1) + " has " + row.size() + " cells, the header " + header.size());
            }
            int k;
            try {
                double f = Double.parseDouble(row.get(frame).trim());
                if (f != Math.rint(f) || f < 1 || f > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                k = (int) f;
            } catch (NumberFormatException e) {
                throw new IOException(file + ": row " + (r + 1) + ": frame '" + row.get(frame).trim() + "' is not a frame"
                        + " number (OpenFace counts from 1)");
            }
            last = Math.max(last, k);
            if (k > frames) {
                continue; // counted, and refused below with the whole count
            }
            if (seen[k - 1]) {
                continue; // another face in the same frame
            }
            seen[k - 1] = true;
            if (!"1".equals(row.get(success).trim())) {
                failed++;
                continue;
            }
            for (int u = 0; u < units.size(); u++) {
                String cell = row.get(columns.get(u)).trim();
                try {
                    float v = Float.parseFloat(cell);
                    intensity[u][k - 1] = Float.isFinite(v) ? Math.max(0, Math.min(5, v)) : Float.NaN;
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": row " + (r + 1) + ": " + units.get(u) + "_r '" + cell + "' is not a number");
                }
            }
        }
        if (last != frames) {
            throw new IOException(file + ": covers " + last + " frames, but " + clipName + " has " + frames
                    + ": an OpenFace CSV of another clip (or of part of it)?");
        }
        return new OpenFaceTracks(file.getFileName().toString(), units, intensity, failed);
    }
}
