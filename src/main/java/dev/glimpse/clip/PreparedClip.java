package dev.glimpse.clip;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One event of a clip made ready for the network (spec section 1): L frames sampled from [onset, offset]
 * with the apex kept, each cut with the clip's one crop box and resized to S x S. The pixels stay 8-bit
 * RGB (compact enough to cache); normalisation is the model side's business.
 *
 * @param indices the clip's frame indices chosen, in order
 * @param frameNumbers the same frames, in the clip's own numbering
 * @param apexPosition a, the apex's position among the L frames (1-based)
 * @param apexSubstituted the annotated apex equals the onset, so the second sample serves
 * @param box the crop box
 * @param size S
 * @param pixels L x S x S x 3 bytes, frame after frame
 */
public record PreparedClip(int[] indices, int[] frameNumbers, int apexPosition, boolean apexSubstituted, CropBox box,
                           int size, byte[] pixels) {

    /** Reports frames read so far (0..L), so that a long decode can show progress and be cancelled. */
    @FunctionalInterface
    public interface FrameListener {
        void frameRead(int done, int total, int frameNumber) throws IOException;
    }

    public int length() {
        return indices.length;
    }

    /**
     * @param onset onset frame number (the clip's numbering)
     * @param apex apex frame number
     * @param offset offset frame number, or null for the clip's last frame
     * @param userBox a box that overrides detection, or null
     */
    public static PreparedClip prepare(ClipSource clip, int onset, int apex, Integer offset, CropBox userBox, int length,
                                       int size, FrameListener listener) throws IOException {
        int offsetNumber = offset == null ? clip.lastFrame() : offset;
        ClipSampler.Sample sample = ClipSampler.sample(clip.indexOf(onset), clip.indexOf(apex),
                clip.indexOf(offsetNumber), length);
        int[] indices = sample.indices();
        FrameImage first = clip.read(indices[0]);
        CropBox box = userBox != null ? userBox : FaceCrop.boxFor(clip, first);
        if ("centre".equals(box.source()) && sample.apexPosition() > 1) { // none at the onset: the apex may show one
            CropBox atApex = FaceCrop.boxFor(clip, clip.read(indices[sample.apexPosition() - 1]));
            if (!"centre".equals(atApex.source())) {
                box = atApex;
            }
        }
        int bytes = size * size * 3;
        byte[] pixels = new byte[length * bytes];
        int[] numbers = new int[length];
        Map<Integer, FrameImage> crops = new HashMap<>();
        for (int k = 0; k < length; k++) {
            numbers[k] = clip.frameNumber(indices[k]);
            FrameImage crop = crops.get(indices[k]);
            if (crop == null) {
                crop = FaceCrop.crop(k == 0 ? first : clip.read(indices[k]), box, size);
                crops.put(indices[k], crop);
            }
            System.arraycopy(crop.rgb(), 0, pixels, k * bytes, bytes);
            if (listener != null) {
                listener.frameRead(k + 1, length, numbers[k]);
            }
        }
        return new PreparedClip(indices, numbers, sample.apexPosition(), sample.apexSubstituted(), box, size, pixels);
    }
}
