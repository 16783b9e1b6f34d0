package dev.glimpse.spotting;

/**
 * A proposed interval: onset (the last still frame), apex (where the motion signal peaks), offset (still again),
 * all in the clip's own frame numbers; a score (how far the peak stands above the clip's motion noise, in
 * multiples of the threshold); and a kind, {@code micro} (up to 0.5 s from onset to offset) or {@code macro}.
 */
public record Proposal(int onset, int apex, int offset, double score, String kind) {
    public static final String MICRO = "micro";
    public static final String MACRO = "macro";

    public Proposal {
        if (!(onset <= apex && apex <= offset)) {
            throw new IllegalArgumentException("not onset <= apex <= offset: " + onset + ", " + apex + ", " + offset);
        }
        if (!MICRO.equals(kind) && !MACRO.equals(kind)) {
            throw new IllegalArgumentException("kind must be micro or macro: " + kind);
        }
    }
}
