package dev.glimpse.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glimpse.dataset.synth.Emotion;
import dev.glimpse.dataset.synth.SyntheticDataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceCropTest {

    @Test
    void aFaceIsFoundOnTheOnsetFrameAndOneSquareBoxCropsTheClip(@TempDir Path dir) throws Exception {
        var written = SyntheticDataset.write(dir, new SyntheticDataset.Options("casme2-raw", 1, 1,
                List.of(Emotion.SURPRISE), 30, 180, "mp4", 0, 2));
        try (ClipSource clip = ImageSequenceSource.open(written.get(0).location())) {
            FrameImage onset = clip.read(clip.indexOf(written.get(0).onset()));
            CropBox box = FaceCrop.boxFor(clip, onset);
            assertEquals("detected", box.source());
            // the face (180 px square, centred) lies inside the box, which is not much larger than the face
            double cx = box.x() + box.size() / 2.0;
            double cy = box.y() + box.size() / 2.0;
            assertTrue(Math.abs(cx - clip.width() / 2.0) < 25 && Math.abs(cy - clip.height() / 2.0) < 30, box.toString());
            assertTrue(box.size() > 120 && box.size() <= Math.min(clip.width(), clip.height()), box.toString());
            FrameImage crop = FaceCrop.crop(clip.read(clip.indexOf(written.get(0).apex())), box, 224);
            assertEquals(224, crop.width());
            assertEquals(224, crop.height());
        }
    }

    /** Every skin tone the generator draws (the darkest ones too) must be found: Haar cascades key on brows and eyes. */
    @Test
    void facesOfEverySkinToneAreFound() {
        Random random = new Random(7);
        int found = 0;
        int total = 24;
        for (int k = 0; k < total; k++) {
            var face = new dev.glimpse.dataset.synth.SyntheticFace(random.nextLong());
            var clip = dev.glimpse.dataset.synth.SyntheticClip.plan(face, Emotion.HAPPINESS, 30, random);
            if (FaceCrop.detect(clip.renderer(362, 272, 224).frame(clip.onset())).source().equals("detected")) {
                found++;
            }
        }
        assertTrue(found >= total - 1, found + " of " + total + " faces found");
    }

    @Test
    void noFaceGivesTheCentredSquare() {
        byte[] noise = new byte[200 * 120 * 3];
        new Random(1).nextBytes(noise);
        CropBox box = FaceCrop.detect(new FrameImage(200, 120, noise));
        assertEquals(new CropBox(40, 0, 120, "centre"), box);
    }

    @Test
    void aDatasetCropSkipsDetection(@TempDir Path dir) throws Exception {
        var written = SyntheticDataset.write(dir, new SyntheticDataset.Options("casme2", 1, 1,
                List.of(Emotion.HAPPINESS), 30, 64, "mp4", 0, 2));
        try (ClipSource clip = ImageSequenceSource.open(written.get(0).location(), 200, true)) {
            assertEquals(new CropBox(0, 0, 64, "dataset"), FaceCrop.boxFor(clip, clip.read(0)));
        }
    }

    @Test
    void aBoxIsEnlargedSquaredAndKeptInsideTheFrame() {
        CropBox box = CropBox.around(10, 20, 100, 80, 0.15, 320, 240, "detected");
        assertEquals(130, box.size());
        assertEquals(0, box.x()); // shifted right to stay inside
        assertTrue(box.fitsIn(320, 240));
    }
}
