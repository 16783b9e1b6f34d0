package dev.glimpse.clip;

/**
 * Temporal normalisation (spec section 1): the interval [onset, offset] resampled to exactly L frames,
 * L indices evenly spaced and rounded, the sample nearest the annotated apex replaced by the apex
 * itself (never the first sample, which is the onset). A clip shorter than L repeats frames.
 */
public final class ClipSampler {
    private ClipSampler() {}

    /**
     * The L frame indices chosen and where the apex sits among them.
     *
     * @param indices frame indices (into the clip), in order; {@code indices[0]} is the onset
     * @param apexPosition a, the apex's position among the samples, 1-based as in the paper (2 <= a <= L)
     * @param apexSubstituted true when the annotated apex equals the onset, so f_2 serves as apex
     */
    public record Sample(int[] indices, int apexPosition, boolean apexSubstituted) {
        public Sample {
            indices = indices.clone();
        }

        @Override
        public int[] indices() {
            return indices.clone();
        }

        public int length() {
            return indices.length;
        }
    }

    /**
     * @param onset onset frame index
     * @param apex apex frame index, onset <= apex <= offset
     * @param offset offset frame index, onset < offset
     * @param length L
     */
    public static Sample sample(int onset, int apex, int offset, int length) {
        if (length < 3) {
            throw new IllegalArgumentException("L must be at least 3, was " + length);
        }
        if (offset <= onset) {
            throw new IllegalArgumentException("offset (" + offset + ") must come after onset (" + onset + ")");
        }
        if (apex < onset || apex > offset) {
            throw new IllegalArgumentException("apex (" + apex + ") must lie in [onset, offset] = [" + onset + ", " + offset + "]");
        }
        int[] indices = new int[length];
        double step = (offset - onset) / (double) (length - 1);
        for (int k = 0; k < length; k++) {
            indices[k] = (int) Math.round(onset + k * step);
        }
        if (apex == onset) {
            return new Sample(indices, 2, true);
        }
        int nearest = 1;
        for (int k = 2; k < length; k++) {
            if (Math.abs(indices[k] - apex) < Math.abs(indices[nearest] - apex)) {
                nearest = k;
            }
        }
        indices[nearest] = apex;
        return new Sample(indices, nearest + 1, false);
    }
}
