package dev.glimpse.clip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calibration of {@link FacialMovement#THRESHOLD}, kept as a test: on the bundled synthetic sample clips
 * (sample-clips/clips.csv), every coded event scores above it and stretches where the face is still score below,
 * at the small preset's 224 px and at the tiny preset's 64. Synthetic faces: this says the signal separates
 * what it should on the generator's faces, not how it does on real ones.
 */
class FacialMovementTest {

    @ParameterizedTest(name = "{0} {1}-{2}-{3}: {4}")
    @CsvSource({
        "happiness.mp4, 30, 35, 43, movement", "surprise.mp4, 30, 34, 38, movement", "disgust.mp4, 30, 32, 37, movement",
        "repression_frames, 186, 188, 193, movement",
        "happiness.mp4, 50, 55, 60, still", "happiness.mp4, 2, 6, 12, still", "surprise.mp4, 2, 6, 12, still",
        "disgust.mp4, 2, 6, 12, still", "disgust.mp4, 55, 58, 64, still"})
    void codedEventsMoveAndStillStretchesDoNot(String clip, int onset, int apex, int offset, String expected) throws Exception {
        Path home = Path.of(System.getProperty("user.dir"), "sample-clips");
        try (ClipSource source = ClipSources.open(home.resolve(clip))) {
            for (int size : new int[] {224, 64}) {
                PreparedClip prepared = PreparedClip.prepare(source, onset, apex, offset, null, 16, size, null);
                double score = FacialMovement.score(prepared);
                if (expected.equals("movement")) {
                    assertTrue(score > FacialMovement.THRESHOLD, clip + " " + onset + "-" + offset + " at " + size + ": " + score);
                } else {
                    assertTrue(score < FacialMovement.THRESHOLD, clip + " " + onset + "-" + offset + " at " + size + ": " + score);
                }
            }
        }
    }
}
