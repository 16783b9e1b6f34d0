package dev.glimpse.openface;

import java.io.IOException;
import java.nio.file.Path;

/** OpenFace CSVs in the real column layout, for the tests of other packages. */
public final class OpenFaceCsvTestFiles {
    private OpenFaceCsvTestFiles() {}

    /** {@code frames} frames, AU12 at 3 over frames 11-20, the face lost at frame 5. */
    public static Path write(Path file, int frames) throws IOException {
        return OpenFaceCsvTest.write(file, frames, true);
    }
}
